/**
 * AQI levels, categories and colours of HJ 633 (Table 2 / Appendix A, unchanged in HJ 633-2026), kept here so the
 * air page does not load the domain's rule modules; aqi-levels.test.ts checks them against `AQI_BANDS`.
 * `ink` is black or white, whichever contrasts more with the fixed colour.
 */
export const AQI_LEVELS = [
  { level: 1, hex: "#00E400", ink: "#000000", zh: "优", en: "Excellent", upper: 50 },
  { level: 2, hex: "#FFFF00", ink: "#000000", zh: "良", en: "Good", upper: 100 },
  { level: 3, hex: "#FF7E00", ink: "#000000", zh: "轻度污染", en: "Lightly polluted", upper: 150 },
  { level: 4, hex: "#FF0000", ink: "#000000", zh: "中度污染", en: "Moderately polluted", upper: 200 },
  { level: 5, hex: "#99004C", ink: "#ffffff", zh: "重度污染", en: "Heavily polluted", upper: 300 },
  { level: 6, hex: "#7E0023", ink: "#ffffff", zh: "严重污染", en: "Severely polluted", upper: 500 },
] as const;

export type AqiLevel = (typeof AQI_LEVELS)[number];

export function aqiLevel(level: number | null | undefined): AqiLevel | null {
  return level ? (AQI_LEVELS[level - 1] ?? null) : null;
}

/** The AQI as published: the number, ">500" beyond the last breakpoint, "—" when not available. */
export function aqiText(aqi: number | null, status: string | null | undefined): string {
  if (aqi !== null) return String(aqi);
  return status === "aboveRange" ? ">500" : "—";
}
