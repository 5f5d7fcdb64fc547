import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { ApiDeps } from "@ecogov/api-contract";
import { isDomainError, type Clock, type DomainError } from "@ecogov/domain";
import { authenticate, type Actor } from "@ecogov/domain/auth";
import {
  ATTACHMENT_MAX_BYTES,
  attachmentForDownload,
  checkUpload,
  exportTasks,
  importTasks,
  MAX_IMPORT_ROWS,
  recordAttachment,
  type AttachmentStore,
  type TableRow,
} from "@ecogov/domain/supervision-tasks";
import { isTableFileError, readTable, writeXlsx } from "@ecogov/files";
import { Hono, type Context as HonoContext } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { SESSION_COOKIE } from "./app";

/**
 * File routes of supervision tasks, mounted at /api/attachments (session cookie, same as tRPC):
 *
 *   POST /api/attachments                              multipart `file` (+ optional `taskId`) → AttachmentMeta (JSON)
 *   GET  /api/attachments/:id                          the file, if the actor uploaded it or may see its task
 *   POST /api/attachments/supervision-tasks/import     multipart `file` (.xlsx or .csv), `sourceId`, optional `dryRun=true`
 *                                                      → ImportReport (JSON); a bad header or any bad row → 400 with
 *                                                      `error.rejectedRows` [{line, reason{zh,en}, raw}] and nothing written
 *   GET  /api/attachments/supervision-tasks/export     the filtered task list as .xlsx (query: sourceId, unitId, kind,
 *                                                      status, warning (repeat or comma-separated), dueFrom, dueTo, search)
 *
 * Errors are JSON `{ error: { code, message: {zh, en}, fieldErrors, … } }` with the HTTP status of the error kind.
 */

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const MULTIPART_OVERHEAD = 64 * 1024;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const STATUS: Record<DomainError["kind"], 400 | 401 | 403 | 404 | 409 | 429> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

type Env = { Variables: { requestId: string; actor: Actor } };

function errorJson(c: HonoContext, status: 400 | 401 | 403 | 404 | 409 | 413 | 429, code: string, message: { zh: string; en: string }, extra: Record<string, unknown> = {}) {
  return c.json({ error: { code, message, fieldErrors: [], ...extra } }, status);
}

/** Attachment bytes on disk under `<dir>/<first two hex digits>/<sha256>`, written atomically, stored once. */
export function createDiskAttachmentStore(dir: string): AttachmentStore {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  return {
    async put(bytes) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const path = pathOf(sha256);
      if (!existsSync(path)) {
        await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
        const tmp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
        await writeFile(tmp, bytes);
        await rename(tmp, path);
      }
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(sha256)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
  };
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, so Chinese file names survive every browser. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

async function fileField(c: HonoContext, name: string): Promise<{ file: File | null; fields: Record<string, string> }> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  let file: File | null = null;
  for (const [k, v] of Object.entries(body)) {
    if (k === name && v instanceof File) file = v;
    else if (typeof v === "string") fields[k] = v;
  }
  return { file, fields };
}

const listParam = (c: HonoContext, name: string) => {
  const values = (c.req.queries(name) ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return values.length ? values : undefined;
};

export function createAttachmentsApp({ deps, clock }: { deps: ApiDeps; clock: Clock }) {
  const app = new Hono<Env>();
  const commands = { uow: deps.uow, clock };
  const queries = { read: deps.read, clock };

  app.onError((err, c) => {
    if (isDomainError(err)) return errorJson(c, STATUS[err.kind], err.code, err.text, { ...(err.details ?? {}), fieldErrors: err.details?.fieldErrors ?? [] });
    if (isTableFileError(err)) return errorJson(c, 400, err.code, err.text, { missing: err.missing, unknown: err.unknown });
    throw err;
  });

  // Same rules as /trpc: refuse cross-site posts, then resolve the session cookie to the actor.
  app.use("*", async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method !== "GET" && origin && new URL(origin).host !== c.req.header("host"))
      return c.json({ error: { code: "CSRF", message: { zh: "跨站请求被拒绝", en: "Cross-site request refused" } } }, 403);
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await authenticate(deps.auth, token) : null;
    if (!session) return errorJson(c, 401, "AUTH_REQUIRED", { zh: "请先登录", en: "Please log in" });
    c.set("actor", session.actor);
    await next();
  });

  const tooLarge = (max: number) => (c: HonoContext) =>
    errorJson(c, 413, "FILE_TOO_LARGE", { zh: `文件不能超过 ${Math.round(max / 1048576)} MB`, en: `Files may not exceed ${Math.round(max / 1048576)} MB` });

  app.post("/supervision-tasks/import", bodyLimit({ maxSize: IMPORT_MAX_BYTES + MULTIPART_OVERHEAD, onError: tooLarge(IMPORT_MAX_BYTES) }), async (c) => {
    const { file, fields } = await fileField(c, "file");
    if (!file) return errorJson(c, 400, "FILE_REQUIRED", { zh: "请选择要导入的 .xlsx 文件", en: "Choose the .xlsx file to import" });
    const format = /\.xlsx$/i.test(file.name) ? "xlsx" : /\.csv$/i.test(file.name) ? "csv" : null;
    if (!format) return errorJson(c, 400, "TABLE_UNSUPPORTED_FORMAT", { zh: `不支持的文件类型：${file.name}（请上传 .xlsx 或 .csv）`, en: `Unsupported file: ${file.name} (upload .xlsx or .csv)` });
    const bytes = Buffer.from(await file.arrayBuffer());
    const rows: TableRow[] = [];
    // The whole file is read (and a broken one rejected) before anything is written.
    for await (const row of readTable(Readable.from(bytes), { format })) {
      rows.push(row);
      if (rows.length > MAX_IMPORT_ROWS) break;
    }
    const report = await importTasks(
      commands,
      c.get("actor"),
      {
        sourceId: fields.sourceId ?? "",
        fileName: file.name,
        fileSha256: createHash("sha256").update(bytes).digest("hex"),
        headers: rows[0] ? Object.keys(rows[0].values) : [],
        rows,
        dryRun: fields.dryRun === "true",
      },
      c.get("requestId") ?? null,
    );
    return c.json(report);
  });

  app.get("/supervision-tasks/export", async (c) => {
    const q = c.req.query();
    const filter = {
      ...(q.sourceId ? { sourceId: q.sourceId } : {}),
      ...(q.unitId ? { unitId: q.unitId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.dueFrom ? { dueFrom: q.dueFrom } : {}),
      ...(q.dueTo ? { dueTo: q.dueTo } : {}),
      ...(q.search ? { search: q.search } : {}),
      ...(listParam(c, "status") ? { status: listParam(c, "status") } : {}),
      ...(listParam(c, "warning") ? { warning: listParam(c, "warning") } : {}),
    };
    const table = await exportTasks(queries, c.get("actor"), filter);
    const columns = table.headers.map((header, i) => ({ key: String(i), header, width: Math.max(10, Math.min(40, header.length * 2 + 4)) }));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (b: Buffer) => chunks.push(b));
    const done = new Promise((resolve, reject) => {
      out.on("end", resolve);
      out.on("error", reject);
    });
    await writeXlsx(out, {
      sheets: [{ name: table.format === "cases" ? "交办案件" : "整改任务", columns, rows: table.rows.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v]))) }],
    });
    await done;
    const name = `${table.format === "cases" ? "交办案件清单" : "督察整改任务清单"}-${table.asOf}.xlsx`;
    return c.body(new Uint8Array(Buffer.concat(chunks)), 200, { "Content-Type": XLSX_TYPE, "Content-Disposition": contentDisposition(name), "Cache-Control": "no-store" });
  });

  app.post("/", bodyLimit({ maxSize: ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD, onError: tooLarge(ATTACHMENT_MAX_BYTES) }), async (c) => {
    const { file, fields } = await fileField(c, "file");
    if (!file) return errorJson(c, 400, "FILE_REQUIRED", { zh: "请选择要上传的文件", en: "Choose a file to upload" });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const head = bytes.subarray(0, 16);
    const taskId = fields.taskId?.trim() || null;
    // Check role, type and size before the bytes reach the disk; the use case checks them again with the metadata.
    checkUpload(c.get("actor"), { fileName: file.name, size: bytes.byteLength, head });
    const { sha256 } = await deps.attachments.put(bytes);
    const meta = await recordAttachment(commands, c.get("actor"), { fileName: file.name, size: bytes.byteLength, head, sha256, taskId }, c.get("requestId") ?? null);
    return c.json(meta, 201);
  });

  app.get("/:id", async (c) => {
    const meta = await attachmentForDownload(queries, c.get("actor"), c.req.param("id"));
    const bytes = await deps.attachments.get(meta.sha256);
    if (!bytes) return errorJson(c, 404, "SUPERVISION_ATTACHMENT_MISSING", { zh: "附件文件已丢失，请联系管理员", en: "The attachment's file is missing; contact an administrator" });
    return c.body(new Uint8Array(bytes), 200, { "Content-Type": meta.contentType, "Content-Disposition": contentDisposition(meta.fileName), "Cache-Control": "private, no-store" });
  });

  return app;
}
