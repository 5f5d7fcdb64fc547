import { createHash } from "node:crypto";
import { systemClock, type Clock } from "@ecogov/domain";
import { toShanghaiDate } from "@ecogov/domain/calendar";
import { addDays, importAirReadings, importAirStations, recomputeAirDays, setAirDustDay, setAirTarget, type RawImportRow } from "@ecogov/domain/air";
import { createKpi } from "@ecogov/domain/kpis";
import { importWaterSamples, importWaterSections, type TableRow } from "@ecogov/domain/water";
import type { DbHandle } from "../client";
import { createRepositories, createUnitOfWork } from "../repositories";
import { createAirReadingsStaging } from "../air/air-readings-staging";
import { AIR_READINGS_HEADER, AIR_STATIONS_HEADER, DEMO_SEED, dustDatesBetween, generateAirReadings, type AirReadingRow } from "./air-readings.generator";
import { DEMO_AIR_STATIONS, DEMO_WATER_SECTIONS } from "./demo-network";
import { waterSamplesCsv, waterSectionsCsv } from "./water-samples.generator";

/** The first day of generated demo data: early enough that both rule sets (before and from 2026-03-01) have data. */
export const DEMO_INDICATORS_FROM = "2025-01-01";
/** The station that has gone quiet at the end of the demo data, so the dashboard shows a silent station. */
export const DEMO_SILENT_STATION = { stationCode: "QY06-A03", hours: 30 } as const;

/** Audit action that marks a completed demo load: its presence makes later starts do nothing. */
/** The audit action that marks a completed demo load (later starts skip the seed; the live feed needs it). */
export const DEMO_DONE_ACTION = "demo.indicators.seed";
const DEMO_FILE_PREFIX = "demo-";

export interface SeedIndicatorsOptions {
  /** Today's date in Beijing (YYYY-MM-DD), default from the clock; data is generated up to yesterday. */
  today?: string;
  clock?: Clock;
  /** Progress lines for the console (one per step). */
  log?(message: string): void;
}

export interface SeedIndicatorsReport {
  /** True when an earlier start completed the demo load, or the deployment has its own data: nothing was done. */
  skipped: boolean;
  from: string;
  to: string;
  airStations: number;
  airReadings: number;
  airMonths: number;
  dustDays: number;
  stationDays: number;
  recomputeMs: number;
  airTargets: number;
  waterSections: number;
  waterSamples: number;
  kpis: number;
  ms: number;
}

const readingsColumns = AIR_READINGS_HEADER.split(",");
const stationColumns = AIR_STATIONS_HEADER.split(",");

/** Monthly slices of [from, to]: how monitoring data is delivered, one file a month. */
function monthsBetween(from: string, to: string): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let start = from;
  while (start <= to) {
    const month = start.slice(0, 7);
    const nextMonth = addDays(`${month}-28`, 4).slice(0, 7);
    const end = addDays(`${nextMonth}-01`, -1);
    out.push({ month, from: start, to: end < to ? end : to });
    start = `${nextMonth}-01`;
  }
  return out;
}

/**
 * Generated readings as an import reads a file: numbered lines (header = line 1), in arrays of 5,000 (one await per
 * batch rather than per row). `status` fills the optional column when given.
 */
export function* importRowBatches(readings: Iterable<AirReadingRow>, status?: string): Generator<RawImportRow[]> {
  let line = 1;
  let batch: RawImportRow[] = [];
  for (const r of readings) {
    line++;
    const values: RawImportRow["values"] = { station_code: r.stationCode, time: r.time, so2: r.so2 ?? "", no2: r.no2 ?? "", pm10: r.pm10 ?? "", pm2_5: r.pm25 ?? "", co: r.co ?? "", o3: r.o3 ?? "" };
    if (status) values.status = status;
    batch.push({ line, values });
    if (batch.length === 5_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Loads the demo city's monitoring data through the real import use cases (the same path as an uploaded file):
 * the 23 air stations, hourly readings from 2025-01-01 to yesterday in monthly deliveries (audited up to two months
 * ago, preliminary since), then recomputes the results. Runs only on a deployment without air data of its own;
 * a completed load is marked in the audit log so later starts do nothing and keep whatever users changed, and a
 * load interrupted half-way resumes with the months it had not imported.
 */
export async function seedDemoIndicators(handle: DbHandle, opts: SeedIndicatorsOptions = {}): Promise<SeedIndicatorsReport> {
  const started = performance.now();
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => {});
  const from = DEMO_INDICATORS_FROM;
  const today = opts.today ?? toShanghaiDate(clock.now());
  const to = addDays(today, -1);
  const report: SeedIndicatorsReport = { skipped: true, from, to, airStations: 0, airReadings: 0, airMonths: 0, dustDays: 0, stationDays: 0, recomputeMs: 0, airTargets: 0, waterSections: 0, waterSamples: 0, kpis: 0, ms: 0 };
  const db = handle.db;

  const done = await db.selectFrom("auditEvents").select("id").where("action", "=", DEMO_DONE_ACTION).limit(1).executeTakeFirst();
  if (done || to < from) return { ...report, ms: performance.now() - started };
  const demoBatches = await db
    .selectFrom("importBatches")
    .select(["fileName"])
    .where("fileName", "like", `${DEMO_FILE_PREFIX}%`)
    .where("status", "=", "succeeded")
    .execute();
  const hasReadings = !!(await db.selectFrom("airReadings").select("stationId").limit(1).executeTakeFirst());
  // Someone else's data (no demo batch): never mix the demo into it.
  if (hasReadings && demoBatches.length === 0) return { ...report, ms: performance.now() - started };
  report.skipped = false;
  log(`loading demo monitoring data ${from} … ${to} through the import (first start only)`);

  const deps = { uow: createUnitOfWork(db), clock };
  const importDeps = { ...deps, staging: createAirReadingsStaging(handle) };
  const computeDeps = { ...deps, read: createRepositories(db) };
  const stationsText = DEMO_AIR_STATIONS.map((s) => [s.code, s.name, s.districtCode, s.districtName, s.lat, s.lon].join(",")).join("\n");
  const stations = await importAirStations(importDeps, {
    actor: null,
    file: { name: `${DEMO_FILE_PREFIX}air-stations.csv`, sha256: sha256(stationsText) },
    rows: DEMO_AIR_STATIONS.map((s, i) => ({
      line: i + 2,
      values: Object.fromEntries(stationColumns.map((c, j) => [c, String([s.code, s.name, s.districtCode, s.districtName, s.lat, s.lon][j])])),
    })),
  });
  report.airStations = stations.inserted;

  // Audit lags delivery by a month or so: older months arrive audited, the last two are still preliminary.
  const auditedBefore = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
  const imported = new Set(demoBatches.map((b) => b.fileName));
  for (const m of monthsBetween(from, to)) {
    const fileName = `${DEMO_FILE_PREFIX}air-readings-${m.month}.csv`;
    if (imported.has(fileName)) continue;
    const status = m.to < auditedBefore ? "audited" : "preliminary";
    const isLast = m.to === to;
    const rows = importRowBatches(generateAirReadings({ stations: DEMO_AIR_STATIONS, from: m.from, to: m.to, silentTail: isLast ? [DEMO_SILENT_STATION] : [] }), status);
    const summary = await importAirReadings(importDeps, {
      actor: null,
      file: { name: fileName, sha256: sha256(`${DEMO_SEED}|${readingsColumns.join(",")}|${m.from}|${m.to}|${status}|${isLast}`) },
      rows,
    });
    report.airReadings += summary.inserted + summary.updated;
    report.airMonths++;
    log(`demo air readings ${m.month}: ${summary.inserted} rows (${status})`);
  }

  // The city's spring dust events, flagged for every district as the monitoring section would (扣沙 figures).
  const districts = await db.selectFrom("districts").select(["id", "code"]).orderBy("code").execute();
  const flagged = new Set((await db.selectFrom("airDustDays").select(["districtId", "date"]).execute()).map((d) => `${d.districtId}|${d.date}`));
  for (const date of dustDatesBetween({ from, to })) {
    for (const d of districts) {
      if (flagged.has(`${d.id}|${date}`)) continue;
      await setAirDustDay(computeDeps, null, { districtId: d.id, date, reason: "沙尘天气过程（据气象部门沙尘天气预警及颗粒物监测数据）" });
      report.dustDays++;
    }
  }
  const recomputeStarted = performance.now();
  const days = await recomputeAirDays(computeDeps, { from, to });
  report.recomputeMs = performance.now() - recomputeStarted;
  report.stationDays = days.stationDays.written;
  log(`demo air results: ${days.stationDays.written} station-days, ${days.districtDays.written} district-days in ${Math.round(report.recomputeMs)} ms`);
  report.airTargets = await seedAirTargets(computeDeps, districts, today);

  await seedWater(deps, { from, to, auditedBefore }, report);
  log(`demo water: ${report.waterSections} sections, ${report.waterSamples} monthly samples`);
  report.kpis = await seedKpis(deps, today);

  await deps.uow.run((r) =>
    r.audit.record({ actorId: null, actorName: "seed", action: DEMO_DONE_ACTION, entityType: "demo", entityId: "indicators", after: { from, to, airReadings: report.airReadings, stationDays: report.stationDays, waterSamples: report.waterSamples, kpis: report.kpis } }),
  );
  report.ms = performance.now() - started;
  return report;
}

type Deps = { uow: ReturnType<typeof createUnitOfWork>; clock: Clock };

/** A CSV text as the rows a table reader yields (header = line 1). */
async function* tableRows(csv: string): AsyncGenerator<TableRow> {
  const [header, ...lines] = csv.trimEnd().split("\n");
  const columns = header!.split(",");
  for (const [i, line] of lines.entries()) {
    const cells = line.split(",");
    yield { line: i + 2, values: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ""])) };
  }
}

/** The demo sections and their monthly samples, through the water import; only into a deployment without sections. */
async function seedWater(deps: Deps, range: { from: string; to: string; auditedBefore: string }, report: SeedIndicatorsReport): Promise<void> {
  const any = await deps.uow.run((r) => r.waterSections.list());
  if (any.length) return;
  const sectionsCsv = waterSectionsCsv(DEMO_WATER_SECTIONS);
  const sections = await importWaterSections(deps, null, { fileName: `${DEMO_FILE_PREFIX}water-sections.csv`, fileSha256: sha256(sectionsCsv), rows: tableRows(sectionsCsv) });
  report.waterSections = sections.inserted;
  const samplesCsv = waterSamplesCsv({ sections: DEMO_WATER_SECTIONS, ...range });
  const samples = await importWaterSamples(deps, null, { fileName: `${DEMO_FILE_PREFIX}water-samples.csv`, fileSha256: sha256(samplesCsv), rows: tableRows(samplesCsv) });
  report.waterSamples = samples.inserted;
}

type DemoKpi = { code: string; name: string; nameEn: string; unit: string; direction: "higher_better" | "lower_better"; source: string; last: [target: string, value: string]; current: [target: string, value: string | null] };

/** Reported figures of the kind the district tracks beside monitoring (targets from the year's responsibility letters). */
const DEMO_KPIS: DemoKpi[] = [
  { code: "NH3N-REDUCTION", name: "氨氮减排量", nameEn: "Ammonia-nitrogen emission reduction", unit: "t", direction: "higher_better", source: "区生态环境局总量减排台账", last: ["110", "118.4"], current: ["120", "96.5"] },
  { code: "COD-REDUCTION", name: "化学需氧量减排量", nameEn: "COD emission reduction", unit: "t", direction: "higher_better", source: "区生态环境局总量减排台账", last: ["820", "851"], current: ["850", "702"] },
  { code: "MANURE-UTILISATION", name: "畜禽粪污综合利用率", nameEn: "Livestock manure utilisation rate", unit: "%", direction: "higher_better", source: "区农业农村局季度报表", last: ["80", "81.6"], current: ["82", "80.9"] },
  { code: "FERTILISER-USE", name: "化肥施用量（折纯）", nameEn: "Chemical fertiliser use (pure nutrient)", unit: "t", direction: "lower_better", source: "区农业农村局年报", last: ["12300", "12180"], current: ["12000", null] },
  { code: "PESTICIDE-USE", name: "化学农药使用量", nameEn: "Chemical pesticide use", unit: "t", direction: "lower_better", source: "区农业农村局年报", last: ["430", "437.2"], current: ["420", null] },
  { code: "SEWAGE-COLLECTION", name: "城市生活污水集中收集率", nameEn: "Urban sewage collection rate", unit: "%", direction: "higher_better", source: "区水务局", last: ["68", "68.7"], current: ["70", "69.2"] },
];

/** The demo KPIs for last year (complete) and this year (values so far), entered by the command line; only into an empty registry. */
async function seedKpis(deps: Deps, today: string): Promise<number> {
  const year = Number(today.slice(0, 4));
  if ((await deps.uow.run((r) => r.kpis.list({}))).length) return 0;
  let n = 0;
  for (const k of DEMO_KPIS) {
    for (const [y, [target, value]] of [[year - 1, k.last], [year, k.current]] as const) {
      const { last: _l, current: _c, ...fields } = k;
      await createKpi(deps, null, { ...fields, periodFrom: `${y}-01-01`, periodTo: `${y}-12-31`, target, value, note: y === year ? "年度数据，截至上一季度" : null });
      n++;
    }
  }
  return n;
}

type ComputeDeps = Parameters<typeof setAirTarget>[0];

/** Year targets per district, set a little beyond what the demo data reaches, so the dashboard has gaps to close. */
const DEMO_AIR_TARGETS: Record<string, { good: number; pm25: number; pm10: number; o3: number; index: number; heavy: number }> = {
  QY01: { good: 85, pm25: 35, pm10: 66, o3: 160, index: 3.95, heavy: 3 },
  QY02: { good: 86, pm25: 31, pm10: 60, o3: 158, index: 3.7, heavy: 2 },
  QY03: { good: 87, pm25: 27, pm10: 52, o3: 165, index: 3.45, heavy: 2 },
  QY04: { good: 80, pm25: 40, pm10: 80, o3: 158, index: 4.4, heavy: 4 },
  QY05: { good: 82, pm25: 36, pm10: 70, o3: 160, index: 4.05, heavy: 3 },
  QY06: { good: 86, pm25: 29, pm10: 56, o3: 162, index: 3.6, heavy: 2 },
};

/** Last year's and this year's air targets for every district that has none yet. */
async function seedAirTargets(deps: ComputeDeps, districts: readonly { id: string; code: string }[], today: string): Promise<number> {
  const year = Number(today.slice(0, 4));
  let n = 0;
  for (const y of [year - 1, year]) {
    const existing = new Set((await deps.read.airResults.listTargets(y)).map((t) => t.districtId));
    for (const d of districts) {
      const t = DEMO_AIR_TARGETS[d.code];
      if (!t || existing.has(d.id)) continue;
      // This year's targets tighten last year's a little, as the yearly responsibility letters do.
      const k = y === year ? 0.97 : 1;
      await setAirTarget(deps, null, {
        year: y,
        districtId: d.id,
        goodDaysRatioTarget: y === year ? t.good + 1 : t.good,
        pm25Target: Math.round(t.pm25 * k),
        pm10Target: Math.round(t.pm10 * k),
        o3Target: t.o3,
        compositeIndexTarget: Math.round(t.index * k * 100) / 100,
        heavyPollutionDaysMax: t.heavy,
        note: "区大气污染防治目标责任书",
      });
      n++;
    }
  }
  return n;
}
