import { z } from "zod";
import { parseOrThrow, refineMessage } from "../shared/domain-error";
import { daysBetween, isIsoDate, shanghaiEndOfDay } from "../shared/calendar/calendar";
import { formatDecimal } from "../shared/decimal";
import { classifySection } from "./class.rules";
import type { CityAggregation } from "./cwqi.rules";
import { cityCwqi, CWQI_ITEMS, sectionCwqi } from "./cwqi.rules";
import type { SampleSource, SampleStatus, StoredValues } from "./import.rules";
import { itemSetOf } from "./import.rules";
import type { PhAveraging } from "./period.rules";
import { periodMeans } from "./period.rules";
import type { Share } from "./ranking.rules";
import { cwqiChangePercent, goodWaterShareChange, rankByCwqi, sectionMeetsTarget } from "./ranking.rules";
import type { WaterReadRepos, WaterSample, WaterSection } from "./water.ports";
import type { ItemSetId, ParameterId, SectionKind, SectionValues, TargetClass, WaterClass, Waterbody } from "./water.schema";

/**
 * Evaluation settings where the reference leaves a choice open (water-quality.md §3.4, §4.2): how sections
 * combine into a district CWQI, the non-detect factor, pH averaging, and which source a period is judged on.
 */
export interface WaterEvaluationSettings {
  /** Default "concentration_mean" (Anhui's official releases, reference §4.2). */
  aggregation: CityAggregation;
  /** Factor on the detection limit of non-detects in means and indices; default "0.5" (unconfirmed, §3.4). */
  nonDetectFactor: string;
  /** Default "hydrogen_ion" (环办监测函〔2020〕82号 as cited, §3.4). */
  phAveraging: PhAveraging;
  /**
   * Which samples a period class uses. "prefer_manual" (default): manual monitoring (21 items, the basis of
   * 环办〔2011〕22号 assessments) when the section has manual samples in the period, else the automatic
   * station's (5 items). Each result records the item set it used.
   */
  sourcePreference: "prefer_manual" | "manual" | "auto";
}

export const DEFAULT_WATER_SETTINGS: WaterEvaluationSettings = {
  aggregation: "concentration_mean",
  nonDetectFactor: "0.5",
  phAveraging: "hydrogen_ion",
  sourcePreference: "prefer_manual",
};

/** Longest period a query may span: the classes listing is one row per sample. */
export const MAX_PERIOD_DAYS = 3 * 366;

const DateText = z
  .string()
  .refine(isIsoDate, refineMessage("date_format", "日期须为 YYYY-MM-DD 格式的有效日期", "Date must be a valid YYYY-MM-DD date"));

export const WaterPeriodQuerySchema = z
  .object({ from: DateText, to: DateText })
  .refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || q.from <= q.to, {
    ...refineMessage("period_order", "开始日期不能晚于结束日期", "The start date must not be after the end date"),
    path: ["to"],
  })
  .refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || daysBetween(q.from, q.to) < MAX_PERIOD_DAYS, {
    ...refineMessage("period_length", "查询期间最长 3 年", "A period may span at most 3 years"),
    path: ["to"],
  });
export type WaterPeriodQuery = z.infer<typeof WaterPeriodQuerySchema>;

/** Beijing-time bounds of a date range: [from 00:00, to 24:00). */
function bounds(q: WaterPeriodQuery): { from: Date; to: Date } {
  return { from: new Date(`${q.from}T00:00:00+08:00`), to: shanghaiEndOfDay(q.to) };
}

/** The same dates one year earlier (29 February becomes 28 February): the year-on-year base period. */
export function basePeriodOf(q: WaterPeriodQuery): WaterPeriodQuery {
  const back = (d: string): string => {
    const s = `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
    const real: boolean = isIsoDate(s);
    return real ? s : `${s.slice(0, 8)}28`;
  };
  return { from: back(q.from), to: back(q.to) };
}

/** An instant as Beijing local time with its offset, "2026-03-15T10:00:00+08:00". */
export function toBeijingIso(t: Date): string {
  return new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 19) + "+08:00";
}

/** "I" … "V", or "劣V" for worse than Class V, as published. */
export function classText(c: WaterClass | null): string {
  return c === null ? "" : c === "worse_than_V" ? "劣V" : c;
}

export interface SampleClass {
  sectionCode: string;
  sectionName: string;
  districtCode: string;
  waterbody: Waterbody;
  time: Date;
  source: SampleSource;
  status: SampleStatus;
  itemSet: ItemSetId;
  /** Null when none of the set's items was measured. */
  waterClass: WaterClass | null;
  deciding: ParameterId[];
  target: TargetClass | null;
  meetsTarget: boolean | null;
  /** Σ of the 21 CWQI parameter indices of this sample; null unless all 21 items were measured. */
  cwqi: number | null;
}

/** Class of one sample on the item set of its source, with the deciding items and the sample's CWQI. */
export function classifySample(section: WaterSection, sample: WaterSample, settings: WaterEvaluationSettings = DEFAULT_WATER_SETTINGS): SampleClass {
  const itemSet = itemSetOf(sample.source);
  const values: SectionValues = sample.values;
  const result = classifySection({ waterbody: section.waterbody, values, itemSet, target: section.targetClass });
  // A CWQI is only comparable over all 21 items; automatic samples (5 items) never have one.
  const complete = CWQI_ITEMS.every((p) => values[p] !== undefined && values[p] !== null);
  const cwqi = complete ? sectionCwqi(section.waterbody, values, { nonDetectFactor: settings.nonDetectFactor }).cwqi : null;
  return {
    sectionCode: section.code,
    sectionName: section.name,
    districtCode: section.districtCode,
    waterbody: section.waterbody,
    time: sample.time,
    source: sample.source,
    status: sample.status,
    itemSet,
    waterClass: result.waterClass,
    deciding: result.decidingParameters,
    target: section.targetClass,
    meetsTarget: result.meetsTarget,
    cwqi,
  };
}

/** Every sample of the period with its class (the `water classes` export and `/water/classes`), by section and time. */
export async function listSampleClasses(repos: WaterReadRepos, raw: unknown, settings: WaterEvaluationSettings = DEFAULT_WATER_SETTINGS): Promise<SampleClass[]> {
  const q = parseOrThrow(WaterPeriodQuerySchema, raw);
  const [sections, samples] = await Promise.all([repos.waterSections.list(), repos.waterSamples.listBetween(bounds(q))]);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const rows: SampleClass[] = [];
  for (const sample of samples) {
    const section = byId.get(sample.sectionId);
    if (section) rows.push(classifySample(section, sample, settings));
  }
  return rows.sort((a, b) => (a.sectionCode < b.sectionCode ? -1 : a.sectionCode > b.sectionCode ? 1 : a.time.getTime() - b.time.getTime() || (a.source < b.source ? -1 : 1)));
}

export const SAMPLE_CLASSES_CSV_HEADER = "section_code,time,class,deciding,cwqi,items";

/** CSV of sample classes: `section_code,time,class,deciding,cwqi,items`, CWQI to 4 decimals (half-even). */
export function formatSampleClassesCsv(rows: readonly SampleClass[]): string {
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = rows.map((r) =>
    [r.sectionCode, toBeijingIso(r.time), classText(r.waterClass), r.deciding.join(";"), r.cwqi === null ? "" : formatDecimal(r.cwqi, 4), r.itemSet].map(cell).join(","),
  );
  return [SAMPLE_CLASSES_CSV_HEADER, ...lines].join("\n") + "\n";
}

export interface SectionLatest {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  districtNameEn: string;
  kind: SectionKind;
  waterbody: Waterbody;
  targetClass: TargetClass | null;
  lat: number | null;
  lon: number | null;
  /** The most recent sample's class against the target; null before the first sample. */
  latest: Pick<SampleClass, "time" | "source" | "status" | "itemSet" | "waterClass" | "deciding" | "meetsTarget"> | null;
}

/** Every section with its latest class against its target (dashboard table, `/water/sections`). */
export async function listSectionsLatest(repos: WaterReadRepos, settings: WaterEvaluationSettings = DEFAULT_WATER_SETTINGS): Promise<SectionLatest[]> {
  const [sections, latest] = await Promise.all([repos.waterSections.list(), repos.waterSamples.latestPerSection()]);
  const bySection = new Map(latest.map((s) => [s.sectionId, s]));
  return sections.map((s) => {
    const sample = bySection.get(s.id);
    const c = sample ? classifySample(s, sample, settings) : null;
    return {
      code: s.code,
      name: s.name,
      districtCode: s.districtCode,
      districtName: s.districtName,
      districtNameEn: s.districtNameEn,
      kind: s.kind,
      waterbody: s.waterbody,
      targetClass: s.targetClass,
      lat: s.lat,
      lon: s.lon,
      latest: c && { time: c.time, source: c.source, status: c.status, itemSet: c.itemSet, waterClass: c.waterClass, deciding: c.deciding, meetsTarget: c.meetsTarget },
    };
  });
}

export interface SectionPeriod {
  code: string;
  name: string;
  districtCode: string;
  waterbody: Waterbody;
  targetClass: TargetClass | null;
  /** Null when the section has no sample in the period. */
  itemSet: ItemSetId | null;
  sampleCount: number;
  /** "preliminary" as soon as one sample used is not yet audited. */
  dataStatus: SampleStatus | null;
  /** Period evaluation values (rounded per §3.5; non-detects when every sample was one). */
  means: StoredValues;
  waterClass: WaterClass | null;
  deciding: ParameterId[];
  meetsTarget: boolean | null;
  /** Section CWQI of the period means; null unless evaluated on the 21 manual items, all present. */
  cwqi: number | null;
  /** Class of the same section in the base period (year-on-year). */
  baseClass: WaterClass | null;
}

export interface DistrictPeriod {
  code: string;
  name: string;
  nameEn: string;
  isHome: boolean;
  sectionCount: number;
  /** District CWQI from the sections evaluated on 21 manual items; null when there is none. */
  cwqi: number | null;
  /** Rank among the city's districts by CWQI, ascending, ties shared; null when unranked. */
  rank: number | null;
  baseCwqi: number | null;
  baseRank: number | null;
  /** ΔCWQI in % (negative = improved). */
  cwqiChangePercent: number | null;
  goodShare: Share;
  baseGoodShare: Share;
  /** Year-on-year change of the I–III share, percentage points. */
  goodShareChangePp: number | null;
}

export interface WaterPeriodResults {
  period: WaterPeriodQuery;
  base: WaterPeriodQuery;
  settings: WaterEvaluationSettings;
  sections: SectionPeriod[];
  districts: DistrictPeriod[];
  city: { cwqi: number | null; baseCwqi: number | null; goodShare: Share; baseGoodShare: Share; goodShareChangePp: number | null };
}

interface Evaluated {
  itemSet: ItemSetId | null;
  sampleCount: number;
  dataStatus: SampleStatus | null;
  means: SectionValues;
  waterClass: WaterClass | null;
  deciding: ParameterId[];
  meetsTarget: boolean | null;
  cwqi: number | null;
}

function evaluatePeriod(section: WaterSection, samples: readonly WaterSample[], settings: WaterEvaluationSettings): Evaluated {
  const manual = samples.filter((s) => s.source === "manual");
  const auto = samples.filter((s) => s.source === "auto");
  const used = settings.sourcePreference === "manual" ? manual : settings.sourcePreference === "auto" ? auto : manual.length ? manual : auto;
  const first = used[0];
  if (!first) return { itemSet: null, sampleCount: 0, dataStatus: null, means: {}, waterClass: null, deciding: [], meetsTarget: null, cwqi: null };
  const itemSet = itemSetOf(first.source);
  const means = periodMeans(
    used.map((s) => s.values),
    { nonDetectFactor: settings.nonDetectFactor, phAveraging: settings.phAveraging },
  );
  const c = classifySection({ waterbody: section.waterbody, values: means, itemSet, target: section.targetClass });
  const cwqi = itemSet === "manual_21" ? sectionCwqi(section.waterbody, means, { nonDetectFactor: settings.nonDetectFactor }) : null;
  return {
    itemSet,
    sampleCount: used.length,
    dataStatus: used.every((s) => s.status === "audited") ? "audited" : "preliminary",
    means,
    waterClass: c.waterClass,
    deciding: c.decidingParameters,
    meetsTarget: c.waterClass === null || section.targetClass === null ? null : sectionMeetsTarget(c.waterClass, section.targetClass),
    cwqi: cwqi?.complete ? cwqi.cwqi : null,
  };
}

function groupBySection(samples: readonly WaterSample[]): Map<string, WaterSample[]> {
  const m = new Map<string, WaterSample[]>();
  for (const s of samples) {
    const list = m.get(s.sectionId);
    if (list) list.push(s);
    else m.set(s.sectionId, [s]);
  }
  return m;
}

/** District/city CWQI over the sections evaluated on the 21 manual items (环办监测〔2017〕51号 ranks on 21 items). */
function areaCwqi(entries: readonly { section: WaterSection; e: Evaluated }[], settings: WaterEvaluationSettings): number | null {
  const inputs = entries.filter((x) => x.e.itemSet === "manual_21").map((x) => ({ waterbody: x.section.waterbody, values: x.e.means }));
  if (inputs.length === 0) return null;
  return cityCwqi(inputs, { aggregation: settings.aggregation, nonDetectFactor: settings.nonDetectFactor, phAveraging: settings.phAveraging }).cwqi;
}

/**
 * Period results: each section's class from its period means (with the item set of its source) against its
 * target; each district's CWQI and rank among the city's districts (环办监测〔2017〕51号), ΔCWQI, and the
 * I–III share with its year-on-year change in percentage points (环办〔2011〕22号 reporting), base = the same
 * dates a year earlier.
 */
export async function waterPeriodResults(repos: WaterReadRepos, raw: unknown, settings: WaterEvaluationSettings = DEFAULT_WATER_SETTINGS): Promise<WaterPeriodResults> {
  const period = parseOrThrow(WaterPeriodQuerySchema, raw);
  const base = basePeriodOf(period);
  const [sections, districts, current, previous] = await Promise.all([
    repos.waterSections.list(),
    repos.org.listDistricts(),
    repos.waterSamples.listBetween(bounds(period)),
    repos.waterSamples.listBetween(bounds(base)),
  ]);
  const cur = groupBySection(current);
  const prev = groupBySection(previous);
  const evaluated = sections.map((section) => ({
    section,
    e: evaluatePeriod(section, cur.get(section.id) ?? [], settings),
    b: evaluatePeriod(section, prev.get(section.id) ?? [], settings),
  }));

  const perDistrict = districts.map((d) => {
    const mine = evaluated.filter((x) => x.section.districtId === d.id);
    const share = goodWaterShareChange(
      mine.map((x) => x.e.waterClass),
      mine.map((x) => x.b.waterClass),
    );
    return {
      district: d,
      sectionCount: mine.length,
      cwqi: areaCwqi(mine.map((x) => ({ section: x.section, e: x.e })), settings),
      baseCwqi: areaCwqi(mine.map((x) => ({ section: x.section, e: x.b })), settings),
      share,
    };
  });
  const ranks = new Map(rankByCwqi(perDistrict.filter((d) => d.cwqi !== null) as { cwqi: number; district: { id: string } }[]).map((r) => [r.item.district.id, r.rank]));
  const baseRanks = new Map(
    rankByCwqi(perDistrict.filter((d) => d.baseCwqi !== null).map((d) => ({ id: d.district.id, cwqi: d.baseCwqi as number }))).map((r) => [r.item.id, r.rank]),
  );
  const cityShare = goodWaterShareChange(
    evaluated.map((x) => x.e.waterClass),
    evaluated.map((x) => x.b.waterClass),
  );

  return {
    period,
    base,
    settings,
    sections: evaluated.map(({ section: s, e, b }) => ({
      code: s.code,
      name: s.name,
      districtCode: s.districtCode,
      waterbody: s.waterbody,
      targetClass: s.targetClass,
      itemSet: e.itemSet,
      sampleCount: e.sampleCount,
      dataStatus: e.dataStatus,
      means: e.means as StoredValues,
      waterClass: e.waterClass,
      deciding: e.deciding,
      meetsTarget: e.meetsTarget,
      cwqi: e.cwqi,
      baseClass: b.waterClass,
    })),
    districts: perDistrict.map((d) => ({
      code: d.district.code,
      name: d.district.name,
      nameEn: d.district.nameEn,
      isHome: d.district.isHome,
      sectionCount: d.sectionCount,
      cwqi: d.cwqi,
      rank: ranks.get(d.district.id) ?? null,
      baseCwqi: d.baseCwqi,
      baseRank: baseRanks.get(d.district.id) ?? null,
      cwqiChangePercent: d.cwqi !== null && d.baseCwqi !== null && d.baseCwqi !== 0 ? cwqiChangePercent(d.cwqi, d.baseCwqi) : null,
      goodShare: d.share.current,
      baseGoodShare: d.share.base,
      goodShareChangePp: d.share.changePp,
    })),
    city: {
      cwqi: areaCwqi(evaluated.map((x) => ({ section: x.section, e: x.e })), settings),
      baseCwqi: areaCwqi(evaluated.map((x) => ({ section: x.section, e: x.b })), settings),
      goodShare: cityShare.current,
      baseGoodShare: cityShare.base,
      goodShareChangePp: cityShare.changePp,
    },
  };
}
