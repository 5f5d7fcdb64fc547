import { airPeriodFigures, airPeriodSchema, airStationsNow, lastHourStampAt, listAirDaily, POLLUTANTS, RULE_SET_IDS } from "@ecogov/domain/air";
import { z } from "zod";
import { route } from "./open-data.route";


const Bilingual = z.object({ zh: z.string(), en: z.string() });
const Pollutant = z.enum(POLLUTANTS);
const RuleSet = z.enum(RULE_SET_IDS);
const DataStatus = z.enum(["preliminary", "audited"]);
const AqiStatus = z.enum(["complete", "partial", "na", "aboveRange"]);
const Concentration = z.number().nullable();
/** 实况 = preliminary (real-time, unaudited), 审核 = audited. */
const STATUS_LABEL = { preliminary: { zh: "实况", en: "preliminary" }, audited: { zh: "审核", en: "audited" } } as const;

const PublicStationNowSchema = z.object({
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  /** Local end-of-hour stamp (Asia/Shanghai) of the latest hour, null when nothing arrived in the last 24 hours. */
  time: z.string().nullable(),
  aqi: z.number().int().nullable(),
  aqiStatus: AqiStatus.nullable(),
  level: z.number().int().nullable(),
  category: Bilingual.nullable(),
  colour: z.string().nullable(),
  primaryPollutants: z.array(Pollutant),
  ruleSet: RuleSet.nullable(),
  dataStatus: DataStatus.nullable(),
  dataStatusLabel: Bilingual.nullable(),
  silent: z.boolean(),
});

const PublicAirDaySchema = z.object({
  kind: z.enum(["station", "district"]),
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  date: z.string(),
  so2: Concentration,
  no2: Concentration,
  pm10: Concentration,
  pm25: Concentration,
  co: Concentration,
  o3Max1h: Concentration,
  o3Max8h: Concentration,
  aqi: z.number().int().nullable(),
  aqiStatus: AqiStatus,
  level: z.number().int().nullable(),
  primaryPollutants: z.array(Pollutant),
  ruleSet: RuleSet,
  dataStatus: DataStatus,
});

const PublicAreaPeriodSchema = z.object({
  code: z.string(),
  name: z.string(),
  validDays: z.number().int(),
  goodDays: z.number().int(),
  ratioPercent: z.number().nullable(),
  heavyPollutionDays: z.number().int(),
  statistics: z.record(Pollutant, z.object({ statistic: z.enum(["mean", "p95", "p90"]), value: z.number().nullable(), valid: z.boolean() })),
  compositeIndex: z.number().nullable(),
  rank: z.number().int().nullable(),
  tied: z.boolean(),
  rankSource: z.literal("computed"),
  publishedRank: z.object({ rank: z.number().int(), source: z.string() }).nullable(),
  yearOnYear: z
    .object({ compositeIndexPercent: z.number().nullable(), rankPlaces: z.number().int().nullable(), ratioPoints: z.number().nullable() })
    .nullable(),
  ruleSetIds: z.array(RuleSet),
  auditedDays: z.number().int(),
  preliminaryDays: z.number().int(),
});

const booleanParam = (field: string) =>
  z.enum(["true", "false"], { error: `Parameter "${field}" must be true or false / 参数 ${field} 须为 true 或 false` }).optional();

/** Open data of ambient air quality: stations now, daily figures (as the CLI's `air daily`) and period figures. */
export const AIR_OPEN_DATA_ROUTES = [
  route({
    path: "/air/stations",
    csv: "items",
    summary: { zh: "空气自动监测站点及最新小时 AQI、颜色与数据状态（实况/审核）", en: "Air stations with the latest hour's AQI, colour and data status (preliminary/audited)" },
    query: z.object({}),
    response: z.object({ asOf: z.string(), items: z.array(PublicStationNowSchema) }),
    async handler(deps) {
      const clock = deps.auth.clock;
      const items = await airStationsNow({ read: deps.read, clock });
      return {
        asOf: lastHourStampAt(clock.now()),
        items: items.map(({ stationId: _id, ...s }) => ({ ...s, dataStatusLabel: s.dataStatus ? STATUS_LABEL[s.dataStatus] : null })),
      };
    },
  }),
  route({
    path: "/air/daily",
    csv: "items",
    summary: {
      zh: "每日空气质量：各站点与各区的 24 小时均值、臭氧最大 1 小时与 8 小时、AQI、级别、首要污染物及所用标准（至多 366 天）",
      en: "Daily air quality per station and district: 24-h means, O3 max 1-h and 8-h, AQI, level, primary pollutants and the rule set (up to 366 days)",
    },
    query: airPeriodSchema({ area: z.string().trim().min(1).max(40).optional() }, 366),
    response: z.object({ from: z.string(), to: z.string(), items: z.array(PublicAirDaySchema) }),
    async handler(deps, q) {
      const rows = await listAirDaily({ read: deps.read }, q);
      return { from: q.from, to: q.to, items: rows };
    },
  }),
  route({
    path: "/air/period",
    csv: "districts",
    summary: {
      zh: "期间空气质量：各区有效天数、优良天数比例、六项统计值、综合指数与排名（计算排名及官方公布排名）、同比",
      en: "Period air quality per district: valid and good days, the six statistics, composite index and rank (computed and published), year on year",
    },
    query: airPeriodSchema({ dustDeducted: booleanParam("dustDeducted") }),
    response: z.object({
      from: z.string(),
      to: z.string(),
      dustDeducted: z.boolean(),
      ruleSetIds: z.array(RuleSet),
      compositeIndexSettings: z.object({ id: z.string(), digits: z.number().int() }),
      districts: z.array(PublicAreaPeriodSchema),
    }),
    async handler(deps, q) {
      const f = await airPeriodFigures({ read: deps.read }, { from: q.from, to: q.to, dustDeducted: q.dustDeducted === "true", stations: false });
      return {
        from: f.from,
        to: f.to,
        dustDeducted: f.dustDeducted,
        ruleSetIds: f.ruleSetIds,
        compositeIndexSettings: { id: f.compositeIndexSettings.id, digits: f.compositeIndexSettings.digits },
        districts: f.districts.map((d) => ({
          code: d.code,
          name: d.name,
          validDays: d.compliance.validDays,
          goodDays: d.compliance.goodDays,
          ratioPercent: d.compliance.ratioPercent,
          heavyPollutionDays: d.compliance.heavyPollutionDays,
          statistics: Object.fromEntries(POLLUTANTS.map((p) => [p, { statistic: d.statistics[p].statistic, value: d.statistics[p].value, valid: d.statistics[p].valid }])) as Record<
            (typeof POLLUTANTS)[number],
            { statistic: "mean" | "p95" | "p90"; value: number | null; valid: boolean }
          >,
          compositeIndex: d.compositeIndex?.value ?? null,
          rank: d.rank.rank,
          tied: d.rank.tied,
          rankSource: d.rank.source,
          publishedRank: d.publishedRank ? { rank: d.publishedRank.rank, source: d.publishedRank.source } : null,
          yearOnYear: d.yearOnYear
            ? { compositeIndexPercent: d.yearOnYear.compositeIndexPercent, rankPlaces: d.yearOnYear.rank.places, ratioPoints: d.yearOnYear.ratioPoints }
            : null,
          ruleSetIds: d.ruleSetIds,
          auditedDays: d.dataStatus.audited,
          preliminaryDays: d.dataStatus.preliminary,
        })),
      };
    },
  }),
];
