import { WATER_PARAMETERS, type ParameterId } from "@ecogov/domain/water";
import type { DemoWaterSection, SectionTargetClass } from "./demo-network";
import { DEMO_SEED } from "./air-readings.generator";
import { hashNormal, hashString, hashUniform } from "./prng";

/**
 * Generated monthly manual monitoring of surface-water sections (deterministic, seeded). Each section's
 * organic and nutrient items sit at `load` × its target class's GB 3838 limits with seasonal shapes
 * (NH3-N higher in the cold months, TP and CODMn after summer rain, lake TP and pH up in the algae
 * season, DO following water temperature), so most sections meet their targets and a few miss them
 * in some months; metals and toxics are mostly non-detects in the monitoring notation ("0.00004L").
 */

/** The columns of the sections file, in order. */
export const WATER_SECTIONS_HEADER = "section_code,name,district_code,kind,waterbody,target_class,lat,lon";

/** The parameter columns of a manual sample: GB 3838 Table 1 in order (the 21 items, total nitrogen, fecal coliform). */
export const WATER_SAMPLE_PARAMETERS = WATER_PARAMETERS;
export type WaterSampleParameter = ParameterId;

export interface WaterSampleRow {
  sectionCode: string;
  /** ISO 8601 with offset: the sampling time. */
  time: string;
  source: "manual";
  status: "preliminary" | "audited";
  values: Record<WaterSampleParameter, string>;
}

export interface WaterGeneratorOptions {
  sections: readonly DemoWaterSection[];
  /** First and last day (inclusive): one sample per section for every month whose sampling day falls in it. */
  from: string;
  to: string;
  seed?: number;
  /** Samples taken before this date are audited (审核), later ones preliminary (实况). Default: all audited. */
  auditedBefore?: string;
}

// GB 3838-2002 Table 1 limits of the items that carry the load, by target class.
const LIMITS: Record<"codmn" | "cod" | "bod5" | "nh3n" | "tpRiver" | "tpLake" | "tn", Record<SectionTargetClass, number>> = {
  codmn: { II: 4, III: 6, IV: 10 },
  cod: { II: 15, III: 20, IV: 30 },
  bod5: { II: 3, III: 4, IV: 6 },
  nh3n: { II: 0.5, III: 1, IV: 1.5 },
  tpRiver: { II: 0.1, III: 0.2, IV: 0.3 },
  tpLake: { II: 0.025, III: 0.05, IV: 0.1 },
  tn: { II: 0.5, III: 1, IV: 1.5 },
};

/** A decimal with `digits` places, or the detection limit followed by "L" when below it. */
function measured(value: number, digits: number, detectionLimit?: string): string {
  if (detectionLimit !== undefined && value < Number(detectionLimit)) return `${detectionLimit}L`;
  return value.toFixed(digits);
}

/** Dissolved-oxygen saturation (mg/L) at a water temperature in °C (fresh water, sea level). */
function oxygenSaturation(t: number): number {
  return 14.652 - 0.41022 * t + 0.007991 * t * t - 0.000077774 * t * t * t;
}

/** Monthly samples, section by section and month by month. */
export function generateWaterSamples(opts: WaterGeneratorOptions): WaterSampleRow[] {
  const seed = opts.seed ?? DEMO_SEED;
  const rows: WaterSampleRow[] = [];
  const [fy, fm] = [Number(opts.from.slice(0, 4)), Number(opts.from.slice(5, 7))];
  const [ty, tm] = [Number(opts.to.slice(0, 4)), Number(opts.to.slice(5, 7))];
  for (const s of opts.sections) {
    const key = hashString(s.code) ^ Math.imul(seed, 0x165667b1);
    for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
      const month = y * 12 + m;
      // Sampled between the 6th and the 15th, mid-morning.
      const day = 6 + Math.floor(hashUniform(key, month, 1) * 10);
      const hour = 9 + Math.floor(hashUniform(key, month, 2) * 3);
      const date = `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      if (date < opts.from || date > opts.to) continue;
      const time = `${date}T${String(hour).padStart(2, "0")}:${hashUniform(key, month, 3) < 0.5 ? "00" : "30"}:00+08:00`;
      const phase = (2 * Math.PI * (m - 7.5)) / 12; // 0 in mid-summer
      const summer = 0.5 + 0.5 * Math.cos(phase);
      const n = (k: number) => hashNormal(key ^ k, month);
      const u = (k: number) => hashUniform(key ^ k, month);
      const lake = s.waterbody === "lake";
      const load = s.load * Math.exp(0.12 * n(1));
      // The single-factor class takes the worst of many items, so each item sits below the section's load.
      const item = (limit: number, seasonal: number, sigma: number, k: number) => limit * load * 0.8 * seasonal * Math.exp(sigma * n(k));

      const temp = 8 + 19 * summer + 1.5 * n(2);
      const bloom = lake ? summer * summer : 0;
      const doValue = oxygenSaturation(temp) * (1.02 - 0.22 * (s.load - 0.5) + 0.25 * bloom * (u(3) < 0.4 ? 1 : -0.6)) * Math.exp(0.04 * n(4));
      const codmn = item(LIMITS.codmn[s.targetClass], 0.9 + 0.2 * summer, 0.15, 5);
      const cod = Math.max(codmn * (2.2 + 0.4 * u(6)), item(LIMITS.cod[s.targetClass], 0.95 + 0.1 * summer, 0.15, 7));
      const nh3n = item(LIMITS.nh3n[s.targetClass], 1.15 - 0.3 * summer, 0.22, 8);
      const tp = item(lake ? LIMITS.tpLake[s.targetClass] : LIMITS.tpRiver[s.targetClass], 0.9 + (lake ? 0.35 : 0.2) * summer, 0.15, 9);
      const tn = lake ? item(LIMITS.tn[s.targetClass], 1.05 - 0.1 * summer, 0.15, 10) : nh3n * 1.6 + 0.9 + 0.25 * u(10);
      const industrial = s.districtCode === "QY04" || s.districtCode === "QY05";
      const nd = (p: number) => u(20 + p) < p / 100;

      const values: Record<WaterSampleParameter, string> = {
        ph: (7.35 + 0.35 * (1 - s.load / 1.2) + 0.9 * bloom + 0.15 * n(11)).toFixed(2),
        do: measured(Math.max(1.2, doValue), 1),
        codmn: measured(codmn, 1, "0.5"),
        cod: measured(cod, 0, "4"),
        bod5: measured(item(LIMITS.bod5[s.targetClass], 0.95 + 0.1 * summer, 0.15, 12), 1, "0.5"),
        nh3n: measured(nh3n, 3, "0.025"),
        tp: measured(tp, lake ? 3 : 2, "0.01"),
        tn: measured(tn, 2, "0.05"),
        cu: nd(55) ? "0.001L" : measured(0.001 + 0.004 * u(30) * (industrial ? 2 : 1), 4),
        zn: nd(60) ? "0.05L" : measured(0.05 + 0.04 * u(31) * (industrial ? 2 : 1), 3),
        f: measured(0.2 + 0.25 * u(32) + (industrial ? 0.15 : 0), 2, "0.05"),
        se: nd(85) ? "0.0004L" : measured(0.0004 + 0.0006 * u(33), 4),
        as: measured(0.0006 + 0.0025 * u(34) * (industrial ? 1.8 : 1), 4, "0.0003"),
        hg: nd(92) ? "0.00004L" : measured(0.00004 + 0.00003 * u(35), 5),
        cd: nd(75) ? "0.0001L" : measured(0.0001 + 0.0003 * u(36) * (industrial ? 2 : 1), 4),
        cr6: nd(80) ? "0.004L" : measured(0.004 + 0.006 * u(37), 3),
        pb: nd(65) ? "0.001L" : measured(0.001 + 0.0025 * u(38) * (industrial ? 2 : 1), 4),
        cn: nd(88) ? "0.004L" : measured(0.004 + 0.004 * u(39), 3),
        volatile_phenol: nd(70) ? "0.0003L" : measured(0.0003 + 0.0009 * u(40), 4),
        petroleum: nd(s.districtCode === "QY04" ? 20 : 70) ? "0.01L" : measured(0.01 + 0.03 * u(41) * (s.districtCode === "QY04" ? 1.5 : 1), 2),
        las: nd(75) ? "0.05L" : measured(0.05 + 0.06 * u(42), 2),
        sulfide: nd(80) ? "0.005L" : measured(0.005 + 0.012 * u(43), 3),
        fecal_coliform: String(Math.round((lake ? 120 : 700) * (s.load + 0.3) * (0.6 + 1.2 * summer) * Math.exp(0.6 * n(44)) / 10) * 10 || 10),
      };
      rows.push({ sectionCode: s.code, time, source: "manual", status: opts.auditedBefore && date >= opts.auditedBefore ? "preliminary" : "audited", values });
    }
  }
  return rows;
}

/** The samples file (`section_code,time,source,status,<parameters>`). */
export function waterSamplesCsv(opts: WaterGeneratorOptions): string {
  const header = ["section_code", "time", "source", "status", ...WATER_SAMPLE_PARAMETERS].join(",");
  const lines = generateWaterSamples(opts).map((r) => [r.sectionCode, r.time, r.source, r.status, ...WATER_SAMPLE_PARAMETERS.map((p) => r.values[p])].join(","));
  return `${header}\n${lines.join("\n")}\n`;
}

/** The sections file (`section_code,name,district_code,kind,waterbody,target_class,lat,lon`). */
export function waterSectionsCsv(sections: readonly DemoWaterSection[]): string {
  const lines = sections.map((s) => [s.code, s.name, s.districtCode, s.kind, s.waterbody, s.targetClass, s.lat, s.lon].join(","));
  return `${WATER_SECTIONS_HEADER}\n${lines.join("\n")}\n`;
}
