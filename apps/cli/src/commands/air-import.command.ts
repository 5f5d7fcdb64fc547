import { SHANGHAI_OFFSET } from "@ecogov/domain/calendar";
import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { basename } from "node:path";
import { createAirReadingsStaging, createRepositories, createUnitOfWork, migrateToLatest, type DbHandle } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import {
  AIR_READINGS_TABLE_COLUMNS,
  airReadingPlainLines,
  AIR_STATIONS_TABLE_COLUMNS,
  importAirReadings,
  importAirStations,
  recomputeAirDays,
  type AirImportSummary,
  type RejectedRow,
} from "@ecogov/domain/air";
import { csvLine, isTableFileError, readTableBatches, sha256File } from "@ecogov/files";
import { UsageError, type CliIo, type Command } from "../command";

const SHOWN_REJECTED = 20;

/** Progress on stderr: a redrawn bar on a terminal, a plain line every 10% otherwise (logs, CI). */
function progressReporter(io: CliIo, label: string) {
  const tty = !!process.stderr.isTTY;
  const started = performance.now();
  let rows = 0;
  let lastDraw = 0;
  let lastStep = -1;
  let bytes = 0;
  let total: number | null = null;
  const render = (final: boolean) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    const pct = total ? Math.min(100, Math.floor((bytes / total) * 100)) : null;
    const mb = (n: number) => (n / 1e6).toFixed(1);
    const size = `${mb(bytes)}${total ? `/${mb(total)}` : ""} MB`;
    if (tty) {
      const width = 24;
      const filled = pct === null ? 0 : Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${pct ?? "?"}% ${size} ${rows.toLocaleString("en")} rows ${rate.toLocaleString("en")} rows/s${final ? "\n" : ""}`);
    } else {
      io.err(`${label}: ${pct ?? "?"}% ${size}, ${rows} rows, ${rate} rows/s`);
    }
  };
  return {
    bytes(read: number, size: number | null) {
      bytes = read;
      total = size;
      const now = performance.now();
      if (tty) {
        if (now - lastDraw > 100) {
          lastDraw = now;
          render(false);
        }
      } else if (total) {
        const step = Math.floor((bytes / total) * 10);
        if (step > lastStep && step < 10) {
          lastStep = step;
          render(false);
        }
      }
    },
    rows(n: number) {
      rows += n;
    },
    done() {
      render(true);
    },
  };
}

async function* counted<Row>(batches: AsyncIterable<Row[]>, onRows: (n: number) => void): AsyncGenerator<Row[]> {
  for await (const b of batches) {
    onRows(b.length);
    yield b;
  }
}

/** The rejected-rows report: every rejected row of every file, as CSV with a BOM so Excel reads the Chinese text. */
class RejectedReport {
  private constructor(private readonly out: WriteStream) {}
  static async open(path: string) {
    const out = createWriteStream(path);
    await once(out, "open");
    out.write("\uFEFF" + csvLine(["file", "line", "field", "reason_zh", "reason_en", "raw"]) + "\n");
    return new RejectedReport(out);
  }
  async add(file: string, r: RejectedRow) {
    if (!this.out.write(csvLine([file, r.line, r.field ?? "", r.reason.zh, r.reason.en, r.raw]) + "\n")) await once(this.out, "drain");
  }
  async close() {
    this.out.end();
    await once(this.out, "close");
  }
}

type Kind = "stations" | "readings";

async function importFile(db: DbHandle, io: CliIo, kind: Kind, path: string, report: RejectedReport | null): Promise<AirImportSummary | null> {
  const name = basename(path);
  if (!existsSync(path)) {
    io.err(`${name}: 文件不存在 / file not found: ${path}`);
    return null;
  }
  const progress = progressReporter(io, name);
  const deps = { uow: createUnitOfWork(db.db), clock: systemClock, staging: createAirReadingsStaging(db) };
  const reading = { dateTimeOffset: SHANGHAI_OFFSET, onProgress: (b: number, t: number | null) => progress.bytes(b, t) };
  const input = {
    file: { name, sha256: await sha256File(path) },
    actor: null,
    ...(report ? { onRejected: (r: RejectedRow) => report.add(name, r) } : {}),
  };
  try {
    const summary =
      kind === "stations"
        ? await importAirStations(deps, { ...input, rows: counted(readTableBatches(path, { ...reading, columns: AIR_STATIONS_TABLE_COLUMNS }), (n) => progress.rows(n)) })
        : await importAirReadings(deps, {
            ...input,
            rows: counted(readTableBatches(path, { ...reading, columns: AIR_READINGS_TABLE_COLUMNS, plainLines: airReadingPlainLines }), (n) => progress.rows(n)),
          });
    progress.done();
    printSummary(io, name, summary);
    return summary;
  } catch (e) {
    progress.done();
    if (isTableFileError(e)) {
      io.err(`${name}: ${e.text.zh}\n${name}: ${e.text.en}\n${name}: 未导入任何数据 / nothing was imported`);
      return null;
    }
    throw e;
  }
}

function printSummary(io: CliIo, name: string, s: AirImportSummary) {
  io.out(
    `${name}: ${s.total} rows — ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected` +
      (s.duplicates || s.keptAudited ? ` (${s.duplicates} duplicates, ${s.keptAudited} audited values kept)` : ""),
  );
  io.out(`${name}: 共 ${s.total} 行 — 新增 ${s.inserted}，更新 ${s.updated}，未变 ${s.unchanged}，拒绝 ${s.rejected}`);
  if (s.createdDistricts.length) {
    io.out(`${name}: created districts / 新建区县: ${s.createdDistricts.map((d) => `${d.code} ${d.name}`).join(", ")}`);
  }
  for (const r of s.rejectedRows.slice(0, SHOWN_REJECTED)) {
    io.out(`  line ${r.line}${r.field ? ` [${r.field}]` : ""}: ${r.reason.zh} / ${r.reason.en}`);
  }
  if (s.rejected > SHOWN_REJECTED) io.out(`  … ${s.rejected - SHOWN_REJECTED} more rejected rows (all of them with --report FILE) / 其余见 --report 报告`);
}

/** Union of the imports' affected stations and days. */
function mergeAffected(summaries: AirImportSummary[]) {
  const stationIds = new Set<string>();
  let from: string | null = null;
  let to: string | null = null;
  for (const s of summaries) {
    for (const id of s.affected.stationIds) stationIds.add(id);
    if (s.affected.from && (!from || s.affected.from < from)) from = s.affected.from;
    if (s.affected.to && (!to || s.affected.to > to)) to = s.affected.to;
  }
  return from && to && stationIds.size ? { stationIds: [...stationIds].sort(), from, to } : null;
}

export const airImportCommand: Command = {
  words: ["air", "import"],
  summary: "Import air stations and hourly readings (CSV or xlsx), then recompute the affected days.",
  usage:
    "air import [--stations STATIONS_FILE] [--report REJECTED.csv] READINGS_FILE...\n\n" +
    "Stations file columns: station_code,name,district_code,district_name,lat,lon (districts not yet known are created).\n" +
    "Readings file columns: station_code,time,so2,no2,pm10,pm2_5,co,o3[,status]; time is ISO 8601 with offset, the END\n" +
    "of the hour (2026-03-01T01:00+08:00 covers 00:00–01:00); µg/m³, CO mg/m³; empty = missing; status preliminary|audited.\n" +
    "Exit code 1 when a file could not be imported at all.",
  options: { stations: { type: "string" }, report: { type: "string" } },
  async run({ values, positionals, db, io }) {
    const stationsFile = typeof values.stations === "string" ? values.stations : null;
    if (!stationsFile && !positionals.length) throw new UsageError("Give a stations file (--stations) and/or readings files");
    await migrateToLatest(db);
    const report = typeof values.report === "string" ? await RejectedReport.open(values.report) : null;
    let failed = 0;
    const readings: AirImportSummary[] = [];
    try {
      if (stationsFile) {
        const s = await importFile(db, io, "stations", stationsFile, report);
        if (!s || (s.total > 0 && s.total === s.rejected)) failed++;
      }
      for (const file of positionals) {
        const s = await importFile(db, io, "readings", file, report);
        if (!s || (s.total > 0 && s.total === s.rejected)) failed++;
        if (s) readings.push(s);
      }
    } finally {
      await report?.close();
    }
    if (report) io.out(`Rejected rows written to ${values.report} / 被拒绝的行已写入报告`);

    const affected = mergeAffected(readings);
    if (affected) {
      // The CLI recomputes in-process (no worker needed); only the affected stations and days.
      io.out(`Affected: ${affected.stationIds.length} stations, ${affected.from} … ${affected.to}; recomputing… / 正在重算受影响的日期`);
      const started = performance.now();
      const r = await recomputeAirDays({ uow: createUnitOfWork(db.db), read: createRepositories(db.db), clock: systemClock }, affected);
      io.out(`Recomputed ${r.stations} stations and ${r.districts} districts, ${r.from} … ${r.to} (${r.ruleSets.join(", ")}) in ${Math.round(performance.now() - started)} ms. 重算完成。`);
    } else if (readings.length) {
      io.out("No stored readings changed; nothing to recompute. 数据无变化，无需重算。");
    }
    return failed ? 1 : 0;
  },
};
