import { AQI_BANDS } from "@ecogov/domain/air";
import { describe, expect, it } from "vitest";
import { AQI_LEVELS, aqiLevel, aqiText } from "./aqi-levels";

function contrast(a: string, b: string) {
  const lum = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const c = (x: number) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
    return 0.2126 * c((n >> 16) & 255) + 0.7152 * c((n >> 8) & 255) + 0.0722 * c(n & 255);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("AQI_LEVELS", () => {
  it("are the domain's HJ 633 bands: level, category and colour", () => {
    expect(AQI_LEVELS.map(({ level, hex, zh, en }) => ({ level, hex, zh, en }))).toEqual(
      AQI_BANDS.map((b) => ({ level: b.level, hex: b.colour.hex, zh: b.category.zh, en: b.category.en })),
    );
  });

  it("write the AQI in black or white, whichever reads better on the colour (at least 4:1)", () => {
    for (const l of AQI_LEVELS) {
      const other = l.ink === "#000000" ? "#ffffff" : "#000000";
      expect(contrast(l.hex, l.ink)).toBeGreaterThanOrEqual(contrast(l.hex, other));
      expect(contrast(l.hex, l.ink)).toBeGreaterThan(4);
    }
  });

  it("look up a level and spell an AQI", () => {
    expect(aqiLevel(3)?.zh).toBe("轻度污染");
    expect(aqiLevel(null)).toBeNull();
    expect(aqiText(null, "aboveRange")).toBe(">500");
    expect(aqiText(null, "na")).toBe("—");
    expect(aqiText(87, "complete")).toBe("87");
  });
});
