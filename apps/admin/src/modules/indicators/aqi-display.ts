import { AQI_BANDS, type AqiBand } from "@ecogov/domain/air";

/** The level (1…6) of HJ 633's bands, with category and colour; null outside 1…6. */
export function bandOfLevel(level: number | null | undefined): AqiBand | null {
  return level ? (AQI_BANDS[level - 1] ?? null) : null;
}

function luminance(hex: string): number {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Black or white, whichever contrasts more with the standard's colour (the AQI colours are fixed by HJ 633). */
export function textOn(hex: string): "#000000" | "#ffffff" {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

/** The AQI as published: the number, ">500" beyond the last breakpoint, "—" when not available. */
export function aqiText(aqi: number | null, status: string | null | undefined): string {
  if (aqi !== null) return String(aqi);
  return status === "aboveRange" ? ">500" : "—";
}
