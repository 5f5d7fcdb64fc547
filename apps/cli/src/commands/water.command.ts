import { basename } from "node:path";
import { createRepositories, createUnitOfWork, migrateToLatest, type DbHandle } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import {
  formatSampleClassesCsv,
  importWaterSamples,
  importWaterSections,
  listSampleClasses,
  SAMPLE_STATUSES,
  waterPeriodResults,
  WATER_SECTION_TABLE_COLUMNS,
  type WaterImportReport,
} from "@ecogov/domain/water";
import { isTableFileError, readTable, sha256File } from "@ecogov/files";
import { UsageError, type CliIo, type Command } from "../command";

/** A one-line progress bar on an interactive terminal; silent when stderr is a file or a test. */
function progressBar(label: string) {
  const tty = process.stderr.isTTY === true;
  let last = -1;
  return {
    update(read: number, total: number | null) {
      if (!tty || !total) return;
      const pct = Math.min(100, Math.floor((read / total) * 100));
      if (pct === last) return;
      last = pct;
      const filled = Math.round(pct / 4);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${".".repeat(25 - filled)}] ${String(pct).padStart(3)}%`);
    },
    done() {
      if (tty && last >= 0) process.stderr.write("\n");
    },
  };
}

function printReport(io: CliIo, r: WaterImportReport) {
  io.out(
    `${r.fileName}: ${r.totalRows} rows — ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected. ` +
      `共 ${r.totalRows} 行：新增 ${r.inserted}，更新 ${r.updated}，未变 ${r.unchanged}，拒绝 ${r.rejected}。`,
  );
  const ignored = (r.summary.ignoredColumns as string[] | undefined) ?? [];
  if (ignored.length) io.out(`  ignored columns 已忽略的列: ${ignored.join(", ")}`);
  const kept = Number(r.summary.keptAudited ?? 0);
  if (kept) io.out(`  ${kept} preliminary values not applied over audited ones. ${kept} 个实况值未覆盖已审核数据。`);
  for (const x of r.rejectedRows) io.err(`  line ${x.line}: ${x.reason.zh} / ${x.reason.en}`);
  if (r.rejected > r.rejectedRows.length) io.err(`  … and ${r.rejected - r.rejectedRows.length} more rejected rows (see import batch ${r.batchId}).`);
}

async function importFile(db: DbHandle, io: CliIo, path: string, kind: "sections" | "samples", status: (typeof SAMPLE_STATUSES)[number] | undefined) {
  const bar = progressBar(basename(path));
  const source = {
    fileName: basename(path),
    fileSha256: await sha256File(path),
    rows: readTable(path, { onProgress: (n, total) => bar.update(n, total), ...(kind === "sections" ? { columns: WATER_SECTION_TABLE_COLUMNS } : {}) }),
  };
  const deps = { uow: createUnitOfWork(db.db), clock: systemClock };
  try {
    const report = kind === "sections" ? await importWaterSections(deps, null, source) : await importWaterSamples(deps, null, source, status ? { status } : {});
    bar.done();
    printReport(io, report);
    return report;
  } catch (e) {
    bar.done();
    throw e;
  }
}

/** Bilingual message of a file that cannot be read as a table; other errors go to the CLI's handler. */
function tableError(io: CliIo, path: string, e: unknown): number {
  if (!isTableFileError(e)) throw e;
  io.err(`${basename(path)}: ${e.text.zh}\n${e.text.en}\nNothing of this file was imported. 该文件未导入任何数据。`);
  return 1;
}

export const waterImportCommand: Command = {
  words: ["water", "import"],
  summary: "Import water sections and samples (CSV or xlsx); idempotent, each file whole or not at all.",
  usage:
    "water import [--sections SECTIONS_FILE] [--status preliminary|audited] SAMPLES_FILE...\n\n" +
    "Sections file: section_code,name,district_code,kind,waterbody,target_class,lat,lon\n" +
    "Samples file:  section_code,time,source[,status],<parameters: ph,do,codmn,cod,bod5,nh3n,tp,tn,cu,zn,f,se,as,hg,cd,cr6,pb,cn,volatile_phenol,petroleum,las,sulfide,fecal_coliform>\n" +
    "  time: ISO 8601 with offset, or a date (00:00 Beijing time); source: auto | manual; non-detects as 0.01L or <0.01; mg/L, pH unitless.\n" +
    "--status sets rows without a status column (default preliminary). Exit code 1 when any row was rejected.",
  options: { sections: { type: "string" }, status: { type: "string" } },
  async run({ values, positionals, db, io }) {
    const sections = typeof values.sections === "string" ? values.sections : null;
    if (!sections && positionals.length === 0) throw new UsageError("Give --sections FILE and/or at least one SAMPLES_FILE.");
    const status = values.status as (typeof SAMPLE_STATUSES)[number] | undefined;
    if (status !== undefined && !SAMPLE_STATUSES.includes(status)) throw new UsageError(`--status must be one of: ${SAMPLE_STATUSES.join(", ")}`);
    await migrateToLatest(db);
    let rejected = 0;
    const files: [string, "sections" | "samples"][] = [...(sections ? [[sections, "sections"] as [string, "sections"]] : []), ...positionals.map((p): [string, "samples"] => [p, "samples"])];
    for (const [path, kind] of files) {
      try {
        rejected += (await importFile(db, io, path, kind, status)).rejected;
      } catch (e) {
        return tableError(io, path, e);
      }
    }
    return rejected > 0 ? 1 : 0;
  },
};

export function period(values: Record<string, string | boolean | undefined>) {
  if (typeof values.from !== "string" || typeof values.to !== "string") throw new UsageError("--from YYYY-MM-DD and --to YYYY-MM-DD are required");
  return { from: values.from, to: values.to };
}

export function format(values: Record<string, string | boolean | undefined>, allowed: readonly string[]): string {
  const f = typeof values.format === "string" ? values.format : allowed[0]!;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of: ${allowed.join(", ")}`);
  return f;
}

export const waterClassesCommand: Command = {
  words: ["water", "classes"],
  summary: "One row per sample: section_code,time,class,deciding,cwqi,items (GB 3838-2002 single-factor class).",
  usage: "water classes --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json]",
  options: { from: { type: "string" }, to: { type: "string" }, format: { type: "string" } },
  async run({ values, db, io }) {
    const f = format(values, ["csv", "json"]);
    await migrateToLatest(db);
    const rows = await listSampleClasses(createRepositories(db.db), period(values));
    io.out(f === "csv" ? formatSampleClassesCsv(rows).trimEnd() : JSON.stringify(rows, null, 2));
    return 0;
  },
};

export const waterPeriodCommand: Command = {
  words: ["water", "period"],
  summary: "Period results: section classes vs targets, district CWQI and rank, I–III share with year-on-year change.",
  usage: "water period --from YYYY-MM-DD --to YYYY-MM-DD [--format json]",
  options: { from: { type: "string" }, to: { type: "string" }, format: { type: "string" } },
  async run({ values, db, io }) {
    format(values, ["json"]);
    await migrateToLatest(db);
    io.out(JSON.stringify(await waterPeriodResults(createRepositories(db.db), period(values)), null, 2));
    return 0;
  },
};
