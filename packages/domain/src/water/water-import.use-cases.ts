import type { Actor } from "../auth/auth.schema";
import type { Clock, UnitOfWork } from "../shared/ports";
import type { SampleRow, SampleStatus, SectionRow, TableRow } from "./import.rules";
import { canonicalValues, parseSampleRow, parseSectionRow, readSampleHeader, WATER_SECTION_TABLE_COLUMNS } from "./import.rules";
import { waterErrors } from "./water.errors";
import type { ImportCounts, RejectedRow, WaterRepos, WaterSample, WaterSection, WaterSectionWrite } from "./water.ports";

export interface WaterImportDeps {
  uow: UnitOfWork<WaterRepos>;
  clock: Clock;
}

/** One file to import: its rows as a stream (CSV or xlsx, read by @ecogov/files), its name and SHA-256. */
export interface ImportSource {
  fileName: string;
  fileSha256: string;
  rows: AsyncIterable<TableRow>;
}

export interface WaterImportReport extends ImportCounts {
  batchId: string;
  kind: "water.sections" | "water.samples";
  fileName: string;
  /** The first MAX_REPORTED_REJECTIONS rejected rows with their line and bilingual reason. */
  rejectedRows: RejectedRow[];
  summary: Record<string, unknown>;
}

/** Rejected rows kept in the report and the batch log; the count covers them all. */
export const MAX_REPORTED_REJECTIONS = 1000;
/** Rows looked up and written per round trip. */
const CHUNK = 500;

const actorName = (a: Actor | null) => (a ? `${a.displayName} (${a.username})` : "command line");
const rawOf = (values: Record<string, string>) => Object.values(values).join(",");

/**
 * Runs one file as one import: a batch row is opened first, then every write, the batch result and the audit
 * event go in one transaction, so a failure leaves nothing half-imported (the batch is then marked failed).
 * The transaction stays open while the file is read: water files are small (monthly samples; a year of
 * 4-hourly automatic data for 20 sections is ~44,000 rows), so unlike air readings no staging table is used,
 * but on PGlite other requests wait for the import.
 */
async function runBatch(
  deps: WaterImportDeps,
  actor: Actor | null,
  source: ImportSource,
  kind: WaterImportReport["kind"],
  body: (repos: WaterRepos, batchId: string, reject: (line: number, reason: RejectedRow["reason"], raw?: string) => void) => Promise<Omit<ImportCounts, "rejected"> & { summary: Record<string, unknown> }>,
): Promise<WaterImportReport> {
  const startedAt = deps.clock.now();
  const batchId = await deps.uow.run((r) =>
    r.waterImportBatches.start({ kind, fileName: source.fileName, fileSha256: source.fileSha256, actorId: actor?.userId ?? null, actorName: actorName(actor), startedAt }),
  );
  try {
    return await deps.uow.run(async (repos) => {
      const rejectedRows: RejectedRow[] = [];
      let rejected = 0;
      const reject = (line: number, reason: RejectedRow["reason"], raw?: string) => {
        rejected += 1;
        if (rejectedRows.length < MAX_REPORTED_REJECTIONS) rejectedRows.push(raw === undefined ? { line, reason } : { line, reason, raw });
      };
      const { summary, ...counts } = await body(repos, batchId, reject);
      const report: WaterImportReport = { batchId, kind, fileName: source.fileName, ...counts, rejected, rejectedRows, summary };
      await repos.waterImportBatches.finish(batchId, { ...counts, rejected, rejectedRows, summary, status: "succeeded", finishedAt: deps.clock.now(), error: null });
      await repos.audit.record({
        actorId: actor?.userId ?? null,
        actorName: actorName(actor),
        action: `${kind}.import`,
        entityType: "import_batch",
        entityId: batchId,
        after: { fileName: source.fileName, fileSha256: source.fileSha256, ...counts, rejected, summary },
      });
      return report;
    });
  } catch (e) {
    await deps.uow.run((r) =>
      r.waterImportBatches.finish(batchId, {
        totalRows: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        rejectedRows: [],
        summary: null,
        status: "failed",
        finishedAt: deps.clock.now(),
        error: e instanceof Error ? e.message : String(e),
      }),
    );
    throw e;
  }
}

const sameSection = (a: WaterSection, b: WaterSectionWrite) =>
  a.name === b.name && a.districtId === b.districtId && a.kind === b.kind && a.waterbody === b.waterbody && a.targetClass === b.targetClass && a.lat === b.lat && a.lon === b.lon;

const sectionWrite = (s: WaterSection): WaterSectionWrite => ({
  code: s.code,
  name: s.name,
  districtId: s.districtId,
  kind: s.kind,
  waterbody: s.waterbody,
  targetClass: s.targetClass,
  lat: s.lat,
  lon: s.lon,
});

/**
 * Imports a sections file (`section_code,name,district_code,kind,waterbody,target_class,lat,lon`): new codes
 * are inserted, changed ones updated (each update audited with before and after, since a changed target or
 * water-body type changes every class), identical ones left alone. Districts must exist already.
 */
export async function importWaterSections(deps: WaterImportDeps, actor: Actor | null, source: ImportSource): Promise<WaterImportReport> {
  return runBatch(deps, actor, source, "water.sections", async (repos, batchId, reject) => {
    const districts = new Map((await repos.org.listDistricts()).map((d) => [d.code, d]));
    const byCode = new Map((await repos.waterSections.list()).map((s) => [s.code, s]));
    const seen = new Map<string, number>();
    const counts = { totalRows: 0, inserted: 0, updated: 0, unchanged: 0 };
    let header: string[] | null = null;
    for await (const { line, values, problem } of source.rows) {
      if (header === null) {
        header = Object.keys(values);
        const missing = WATER_SECTION_TABLE_COLUMNS.required.filter((c) => !header!.includes(c));
        if (missing.length) throw waterErrors.columnsMissing(source.fileName, missing);
      }
      counts.totalRows += 1;
      if (problem) {
        reject(line, problem, rawOf(values));
        continue;
      }
      const parsed = parseSectionRow(values);
      if (!parsed.ok) {
        reject(line, parsed.reason, rawOf(values));
        continue;
      }
      const row: SectionRow = parsed.row;
      const first = seen.get(row.code);
      if (first !== undefined) {
        reject(line, { zh: `断面 ${row.code} 与第 ${first} 行重复`, en: `Section ${row.code} repeats line ${first}` }, rawOf(values));
        continue;
      }
      seen.set(row.code, line);
      const district = districts.get(row.districtCode);
      if (!district) {
        reject(line, { zh: `区县编码 ${row.districtCode} 不存在`, en: `No district with code ${row.districtCode}` }, rawOf(values));
        continue;
      }
      const write: WaterSectionWrite = { code: row.code, name: row.name, districtId: district.id, kind: row.kind, waterbody: row.waterbody, targetClass: row.targetClass, lat: row.lat, lon: row.lon };
      const existing = byCode.get(row.code);
      const at = deps.clock.now();
      if (!existing) {
        byCode.set(row.code, await repos.waterSections.insert(write, at));
        counts.inserted += 1;
      } else if (sameSection(existing, write)) {
        counts.unchanged += 1;
      } else {
        const after = await repos.waterSections.update(existing.id, write, at);
        byCode.set(row.code, after);
        counts.updated += 1;
        await repos.audit.record({
          actorId: actor?.userId ?? null,
          actorName: actorName(actor),
          action: "water.section.update",
          entityType: "water_section",
          entityId: existing.id,
          before: sectionWrite(existing),
          after: { ...write, importId: batchId },
        });
      }
    }
    return { ...counts, summary: {} };
  });
}

export interface ImportSamplesOptions {
  /** Status of rows without a status column; default "preliminary" (实况). */
  status?: SampleStatus;
}

const keyOf = (sectionId: string, time: Date, source: string) => `${sectionId}|${time.toISOString()}|${source}`;

/**
 * Imports a samples file (`section_code,time,source[,status],<parameter columns>`). Idempotent: a re-import
 * changes nothing; a corrected value or an audited load replaces the stored sample (counted as updated);
 * a preliminary value never replaces an audited one (counted as unchanged, listed as keptAudited).
 * Repeated (section, time, source) rows and unknown sections are rejected with their line.
 */
export async function importWaterSamples(
  deps: WaterImportDeps,
  actor: Actor | null,
  source: ImportSource,
  options: ImportSamplesOptions = {},
): Promise<WaterImportReport> {
  const defaultStatus = options.status ?? "preliminary";
  return runBatch(deps, actor, source, "water.samples", async (repos, batchId, reject) => {
    const sections = new Map((await repos.waterSections.list()).map((s) => [s.code, s]));
    const seen = new Map<string, number>();
    const counts = { totalRows: 0, inserted: 0, updated: 0, unchanged: 0 };
    let keptAudited = 0;
    let header: ReturnType<typeof readSampleHeader> | null = null;
    let pending: { line: number; sample: WaterSample }[] = [];

    const flush = async () => {
      if (pending.length === 0) return;
      const stored = new Map((await repos.waterSamples.findByKeys(pending.map((p) => p.sample))).map((s) => [keyOf(s.sectionId, s.time, s.source), s]));
      const writes: WaterSample[] = [];
      for (const { sample } of pending) {
        const old = stored.get(keyOf(sample.sectionId, sample.time, sample.source));
        if (!old) {
          writes.push(sample);
          counts.inserted += 1;
          continue;
        }
        const sameValues = canonicalValues(old.values) === canonicalValues(sample.values);
        if (old.status === "audited" && sample.status === "preliminary") {
          counts.unchanged += 1;
          if (!sameValues) keptAudited += 1;
        } else if (sameValues && old.status === sample.status) {
          counts.unchanged += 1;
        } else {
          writes.push(sample);
          counts.updated += 1;
        }
      }
      if (writes.length) await repos.waterSamples.upsertMany(writes, deps.clock.now());
      pending = [];
    };

    for await (const { line, values, problem } of source.rows) {
      if (header === null) {
        header = readSampleHeader(Object.keys(values));
        if (header.missing.length) throw waterErrors.columnsMissing(source.fileName, header.missing);
        if (header.parameters.size === 0) throw waterErrors.columnsMissing(source.fileName, ["ph | do | codmn | nh3n | tp | …"]);
      }
      counts.totalRows += 1;
      if (problem) {
        reject(line, problem, rawOf(values));
        continue;
      }
      const parsed = parseSampleRow(values, header);
      if (!parsed.ok) {
        reject(line, parsed.reason, rawOf(values));
        continue;
      }
      const row: SampleRow = parsed.row;
      const section = sections.get(row.sectionCode);
      if (!section) {
        reject(line, { zh: `断面编码 ${row.sectionCode} 不存在（请先导入断面文件）`, en: `No section with code ${row.sectionCode} (import the sections file first)` }, rawOf(values));
        continue;
      }
      const key = keyOf(section.id, row.time, row.source);
      const first = seen.get(key);
      if (first !== undefined) {
        reject(line, { zh: `与第 ${first} 行重复（同一断面、时间和来源）`, en: `Repeats line ${first} (same section, time and source)` }, rawOf(values));
        continue;
      }
      seen.set(key, line);
      pending.push({ line, sample: { sectionId: section.id, time: row.time, source: row.source, values: row.values, status: row.status ?? defaultStatus, importId: batchId } });
      if (pending.length >= CHUNK) await flush();
    }
    await flush();
    return { ...counts, summary: { ignoredColumns: header?.ignored ?? [], keptAudited, defaultStatus } };
  });
}
