import { SHANGHAI_OFFSET } from "@ecogov/domain/calendar";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ApiDeps } from "@ecogov/api-contract";
import { isDomainError, type Clock } from "@ecogov/domain";
import { AIR_READINGS_TABLE_COLUMNS, AIR_STATIONS_TABLE_COLUMNS, airReadingPlainLines, importAirReadings, importAirStations, type AirImportSummary } from "@ecogov/domain/air";
import { authenticate, type Actor, type Role } from "@ecogov/domain/auth";
import { importWaterSamples, importWaterSections, WATER_SECTION_TABLE_COLUMNS } from "@ecogov/domain/water";
import { isTableFileError, readTable, readTableBatches, type TableFormat } from "@ecogov/files";
import { Hono, type Context as HonoContext } from "hono";
import { getCookie } from "hono/cookie";
import { SESSION_COOKIE } from "./app";
import type { Logger } from "@ecogov/jobs";

/**
 * Bulk uploads of monitoring files, mounted at /api/uploads (session cookie, same as tRPC):
 *
 *   POST /api/uploads/air/readings?name=FILE   body = the raw .csv / .xlsx file → AirImportSummary (JSON)
 *   POST /api/uploads/air/stations?name=FILE   body = the raw .csv / .xlsx file → AirImportSummary (JSON)
 *   POST /api/uploads/water/sections?name=FILE body = the raw .csv / .xlsx file → WaterImportReport (JSON)
 *   POST /api/uploads/water/samples?name=FILE  body = the raw .csv / .xlsx file → WaterImportReport (JSON)
 *
 * A raw body (not multipart) lets the admin app show upload progress with XHR and lets the server stream it to a
 * temp file without buffering. Roles: admin, monitoring. Errors are JSON `{ error: { code, message: {zh, en} } }`:
 * 401 no session, 403 other role or a cross-site request, 413 too large, 415 not CSV/xlsx, 400 a file that is not a
 * table of the expected columns (nothing written). Rejected rows are in the 200 summary with line and reasons.
 * After air readings change, the job `air.recompute` is queued with `{ stationIds, from, to }`.
 */

export const UPLOAD_ROLES: readonly Role[] = ["admin", "monitoring"];
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;
export const RECOMPUTE_JOB = "air.recompute";

const TYPES: Record<string, TableFormat | null> = {
  "text/csv": "csv",
  "application/csv": "csv",
  // Windows reports .csv files as Excel's old type when Excel is installed; the name decides then.
  "application/vnd.ms-excel": null,
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/octet-stream": null,
};

export interface UploadOptions {
  clock: Clock;
  logger: Logger;
  /** Queues a job (pg-boss `send`); without it the affected days wait for the next scheduled recomputation. */
  enqueue?: (name: string, data: Record<string, unknown>) => Promise<unknown>;
  maxBytes?: number;
  /** Where uploads are spooled before import (default the OS temp folder). */
  tmpDir?: string;
}

type Env = { Variables: { requestId: string; actor: Actor } };
type Status = 400 | 401 | 403 | 413 | 415;

function fail(c: HonoContext, status: Status, code: string, message: { zh: string; en: string }, extra: Record<string, unknown> = {}) {
  return c.json({ error: { code, message, ...extra } }, status);
}

class TooLarge extends Error {}

/** An upload spooled to a temp file (removed after the import), with the name the client gave and its SHA-256. */
interface SpooledFile {
  path: string;
  format: TableFormat;
  name: string;
  sha256: string;
  size: number;
}

export function createUploadApp(deps: ApiDeps, opts: UploadOptions) {
  const maxBytes = opts.maxBytes ?? UPLOAD_MAX_BYTES;
  const app = new Hono<Env>();

  app.use("*", async (c, next) => {
    // Same CSRF rule as /trpc: a mutation from a foreign origin is refused before the cookie is looked at.
    const origin = c.req.header("origin");
    if (origin && new URL(origin).host !== c.req.header("host")) {
      return fail(c, 403, "CSRF", { zh: "跨站请求被拒绝", en: "Cross-site request refused" });
    }
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await authenticate(deps.auth, token) : null;
    if (!session) return fail(c, 401, "AUTH_REQUIRED", { zh: "请先登录", en: "Please log in first" });
    if (!UPLOAD_ROLES.includes(session.actor.role)) {
      return fail(c, 403, "FORBIDDEN", { zh: "只有管理员和监测科人员可以导入监测数据", en: "Only administrators and monitoring staff may import monitoring data" });
    }
    c.set("actor", session.actor);
    await next();
  });

  /**
   * One upload route: checks the type and size, spools the body to a temp file while hashing it, hands the file to
   * `importFile` and answers with what it returns. A file that is not a table of the expected columns is a 400.
   */
  const upload = (importFile: (c: HonoContext<Env>, file: SpooledFile) => Promise<object>) => async (c: HonoContext<Env>) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const name = (c.req.query("name") ?? "").trim().slice(0, 200) || (type.includes("sheet") ? "upload.xlsx" : "upload.csv");
    const byName: TableFormat | null = /\.xlsx$/i.test(name) ? "xlsx" : /\.csv$/i.test(name) ? "csv" : null;
    if (!(type in TYPES) || !(byName ?? TYPES[type])) {
      return fail(c, 415, "UNSUPPORTED_MEDIA_TYPE", {
        zh: "请上传 CSV（text/csv）或 Excel（.xlsx）文件",
        en: "Upload a CSV (text/csv) or Excel (.xlsx) file",
      });
    }
    const format = (byName ?? TYPES[type]) as TableFormat;
    const tooLarge = () =>
      fail(c, 413, "PAYLOAD_TOO_LARGE", {
        zh: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，请拆分后上传`,
        en: `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit; split it and upload the parts`,
      });
    if (Number(c.req.header("content-length") ?? 0) > maxBytes) return tooLarge();
    const body = c.req.raw.body;
    if (!body) return fail(c, 400, "EMPTY_FILE", { zh: "文件为空", en: "The file is empty" });

    const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), "ecogov-upload-"));
    const path = join(dir, `upload.${format}`);
    try {
      let sha256: string;
      let size = 0;
      try {
        const hash = createHash("sha256");
        const limit = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            size += chunk.length;
            if (size > maxBytes) return cb(new TooLarge());
            hash.update(chunk);
            cb(null, chunk);
          },
        });
        await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), limit, createWriteStream(path));
        sha256 = hash.digest("hex");
      } catch (e) {
        if (e instanceof TooLarge) return tooLarge();
        throw e;
      }
      if (size === 0) return fail(c, 400, "EMPTY_FILE", { zh: "文件为空", en: "The file is empty" });

      try {
        return c.json(await importFile(c, { path, format, name, sha256, size }));
      } catch (e) {
        if (isTableFileError(e)) return fail(c, 400, e.code, e.text, { missing: e.missing, unknown: e.unknown });
        if (isDomainError(e) && e.kind === "invalid") return fail(c, 400, e.code, e.text, { fieldErrors: e.details?.fieldErrors ?? [] });
        throw e;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  const logImport = (c: HonoContext<Env>, file: SpooledFile, r: { kind: string; inserted: number; updated: number; rejected: number }, total: number) =>
    opts.logger.info("monitoring import", { requestId: c.get("requestId"), kind: r.kind, file: file.name, bytes: file.size, total, inserted: r.inserted, updated: r.updated, rejected: r.rejected });

  const airImport = (kind: "readings" | "stations") =>
    upload(async (c, file) => {
      const input = { file: { name: file.name, sha256: file.sha256 }, actor: c.get("actor"), requestId: c.get("requestId") ?? null };
      const reading = { format: file.format, dateTimeOffset: SHANGHAI_OFFSET };
      const importDeps = { uow: deps.uow, clock: opts.clock, staging: deps.airStaging };
      const summary =
        kind === "readings"
          ? await importAirReadings(importDeps, { ...input, rows: readTableBatches(file.path, { ...reading, columns: AIR_READINGS_TABLE_COLUMNS, plainLines: airReadingPlainLines }) })
          : await importAirStations(importDeps, { ...input, rows: readTableBatches(file.path, { ...reading, columns: AIR_STATIONS_TABLE_COLUMNS }) });
      logImport(c, file, summary, summary.total);
      return { ...summary, recompute: await queueRecompute(summary, c.get("requestId")) };
    });

  /** Water files are small (see `importWaterSections`): rows are read one by one; the samples header is checked by the use case. */
  const waterImport = (kind: "sections" | "samples") =>
    upload(async (c, file) => {
      const source = {
        fileName: file.name,
        fileSha256: file.sha256,
        rows: readTable(file.path, { format: file.format, dateTimeOffset: SHANGHAI_OFFSET, ...(kind === "sections" ? { columns: WATER_SECTION_TABLE_COLUMNS } : {}) }),
      };
      const importDeps = { uow: deps.uow, clock: opts.clock };
      const report = kind === "sections" ? await importWaterSections(importDeps, c.get("actor"), source) : await importWaterSamples(importDeps, c.get("actor"), source);
      logImport(c, file, report, report.totalRows);
      return report;
    });

  async function queueRecompute(s: AirImportSummary, requestId: string | undefined): Promise<"queued" | "not_needed" | "not_available" | "failed"> {
    if (!s.affected.from || !s.affected.to || !s.affected.stationIds.length) return "not_needed";
    if (!opts.enqueue) return "not_available";
    try {
      await opts.enqueue(RECOMPUTE_JOB, { stationIds: s.affected.stationIds, from: s.affected.from, to: s.affected.to });
      return "queued";
    } catch (e) {
      // The readings are committed; a failed hand-off is logged and left to the scheduled recomputation.
      opts.logger.error("air recompute not queued", { requestId, error: String(e) });
      return "failed";
    }
  }

  app.post("/air/readings", airImport("readings"));
  app.post("/air/stations", airImport("stations"));
  app.post("/water/sections", waterImport("sections"));
  app.post("/water/samples", waterImport("samples"));
  return app;
}
