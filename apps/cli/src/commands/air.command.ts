import { createRepositories, createUnitOfWork, migrateToLatest, type DbHandle } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import {
  AIR_DAILY_CSV_HEADER,
  airDailyCsvLine,
  airPeriodFigures,
  csvCell,
  listAirDaily,
  recomputeAirDays,
  REPORTING_DIGITS,
  type AirComputeDeps,
  type AreaPeriodFigures,
  type Pollutant,
} from "@ecogov/domain/air";
import { UsageError, type Command } from "../command";

type Values = Record<string, string | boolean | undefined>;

function airDeps(db: DbHandle): AirComputeDeps {
  return { uow: createUnitOfWork(db.db), read: createRepositories(db.db), clock: systemClock };
}

function period(values: Values) {
  if (typeof values.from !== "string" || typeof values.to !== "string") throw new UsageError("--from YYYY-MM-DD and --to YYYY-MM-DD are required");
  return { from: values.from, to: values.to };
}

function format(values: Values, allowed: readonly string[]): string {
  const f = typeof values.format === "string" ? values.format : allowed[0]!;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of: ${allowed.join(", ")}`);
  return f;
}

export const airDailyCommand: Command = {
  words: ["air", "daily"],
  summary: "Daily air figures per station and district: 24-h means, O3 max 1-h and 8-h, AQI, level, primary, rule set.",
  usage:
    "air daily --from YYYY-MM-DD --to YYYY-MM-DD [--area CODE] [--format csv|json]\n\n" +
    `CSV columns: ${AIR_DAILY_CSV_HEADER}\n` +
    "  µg/m³ (co mg/m³) at reporting precision, empty where not valid; o3_8h = daily max 8-h mean; aqi empty when not\n" +
    "  determinable, >500 beyond the last breakpoint; level 1…6; primary pollutants joined by ';'; rules = HJ633-2012 before\n" +
    "  2026-03-01, HJ633-2026 from then on (each day by its own date). --area: a district code (the district and its\n" +
    "  stations) or a station code.",
  options: { from: { type: "string" }, to: { type: "string" }, area: { type: "string" }, format: { type: "string" } },
  async run({ values, db, io }) {
    const f = format(values, ["csv", "json"]);
    await migrateToLatest(db);
    const rows = await listAirDaily(airDeps(db), { ...period(values), ...(typeof values.area === "string" ? { area: values.area } : {}) });
    if (f === "json") io.out(JSON.stringify(rows, null, 2));
    else io.out([AIR_DAILY_CSV_HEADER, ...rows.map(airDailyCsvLine)].join("\n"));
    return 0;
  },
};

/** Period CSV: co is the 95th percentile of daily means, o3_8h the 90th percentile of daily MDA8 (HJ 663). */
export const AIR_PERIOD_CSV_HEADER =
  "code,kind,district,valid_days,good_days,ratio,so2,no2,pm10,pm2_5,co,o3_8h,composite_index,rank,published_rank,index_yoy_pct,rank_change,ratio_yoy_pts,rules";

const PERIOD_ORDER: readonly Pollutant[] = ["so2", "no2", "pm10", "pm25", "co", "o3"];

function periodCsvLine(a: AreaPeriodFigures, digits: number): string {
  const text = (v: number | null | undefined, d?: number) => (v === null || v === undefined ? "" : d === undefined ? String(v) : v.toFixed(d));
  return [
    a.code,
    a.kind,
    a.districtCode,
    String(a.compliance.validDays),
    String(a.compliance.goodDays),
    text(a.compliance.ratioPercent, 1),
    ...PERIOD_ORDER.map((p) => text(a.statistics[p].value, REPORTING_DIGITS[p])),
    text(a.compositeIndex?.value, digits),
    text(a.rank.rank),
    text(a.publishedRank?.rank),
    text(a.yearOnYear?.compositeIndexPercent, 1),
    text(a.yearOnYear?.rank.places),
    text(a.yearOnYear?.ratioPoints, 1),
    a.ruleSetIds.join(";"),
  ]
    .map(csvCell)
    .join(",");
}

export const airPeriodCommand: Command = {
  words: ["air", "period"],
  summary: "Period air figures per district and station: valid/good days, ratio, six statistics, composite index, rank.",
  usage:
    "air period --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv] [--dust-deducted]\n\n" +
    `CSV columns: ${AIR_PERIOD_CSV_HEADER}\n` +
    "  co = 95th percentile of daily means, o3_8h = 90th percentile of daily max 8-h (HJ 663); composite index per\n" +
    "  环办监测〔2018〕19号; rank = computed rank among the city's districts (stations: among stations), ties shared;\n" +
    "  published_rank = an officially published rank when entered; year-on-year against the same dates a year earlier.",
  options: { from: { type: "string" }, to: { type: "string" }, format: { type: "string" }, "dust-deducted": { type: "boolean" } },
  async run({ values, db, io }) {
    const f = format(values, ["json", "csv"]);
    await migrateToLatest(db);
    const figures = await airPeriodFigures(airDeps(db), { ...period(values), dustDeducted: values["dust-deducted"] === true });
    if (f === "json") io.out(JSON.stringify(figures, null, 2));
    else io.out([AIR_PERIOD_CSV_HEADER, ...[...figures.districts, ...figures.stations].map((a) => periodCsvLine(a, figures.compositeIndexSettings.digits))].join("\n"));
    return 0;
  },
};

export const airRecomputeCommand: Command = {
  words: ["air", "recompute"],
  summary: "Recompute air station-days and district-days from the hourly readings (idempotent).",
  usage: "air recompute --from YYYY-MM-DD --to YYYY-MM-DD [--station CODE]...",
  options: { from: { type: "string" }, to: { type: "string" }, station: { type: "string", multiple: true } },
  async run({ values, db, io }) {
    await migrateToLatest(db);
    const codes = (values as Record<string, unknown>).station as string[] | undefined;
    let stationIds: string[] | undefined;
    if (codes?.length) {
      const stations = await createRepositories(db.db).airResults.listStations();
      const unknown = codes.filter((c) => !stations.some((s) => s.code === c));
      if (unknown.length) throw new UsageError(`Unknown station codes: ${unknown.join(", ")}. 站点不存在。`);
      stationIds = stations.filter((s) => codes.includes(s.code)).map((s) => s.id);
    }
    const started = performance.now();
    const r = await recomputeAirDays(airDeps(db), { ...period(values), ...(stationIds ? { stationIds } : {}) });
    const ms = Math.round(performance.now() - started);
    io.out(
      `Recomputed ${r.from}…${r.to} for ${r.stations} stations in ${r.districts} districts in ${ms} ms (${r.ruleSets.join(", ")}). ` +
        `Station-days: ${r.stationDays.written} written, ${r.stationDays.unchanged} unchanged, ${r.stationDays.deleted} deleted; ` +
        `district-days: ${r.districtDays.written} written, ${r.districtDays.unchanged} unchanged, ${r.districtDays.deleted} deleted. 已重算。`,
    );
    return 0;
  },
};
