import { describe, expect, it } from "vitest";
import { CompositeIndexSettingsSchema } from "./air.schema";
import {
  COMPOSITE_INDEX_2018,
  COMPOSITE_INDEX_2026_CANDIDATE,
  compositeIndex,
  compositeIndexSettingsFor,
  DEFAULT_COMPOSITE_INDEX_SETTINGS,
  isSameCompositeIndexSettings,
} from "./composite-index.rules";

const C1 = { so2: 8, no2: 27, pm10: 58, pm25: 32, co: 1.1, o3: 168 };

describe("compositeIndex", () => {
  it("C1: annual district index 3.8762 → 3.88, O3 the largest single index and above its limit", () => {
    const r = compositeIndex(C1, COMPOSITE_INDEX_2018);
    expect(r.index).toBe(3.88);
    expect(r.indexExact).toBeCloseTo(3.876190476, 9);
    expect(r.single.so2.index).toBe(0.13);
    expect(r.single.no2.index).toBe(0.68); // 0.675 → half-even 0.68
    expect(r.single.pm10.indexExact).toBeCloseTo(0.828571, 6);
    expect(r.single.pm25.indexExact).toBeCloseTo(0.914286, 6);
    expect(r.single.co.index).toBe(0.28); // 0.275 → half-even 0.28
    expect(r.single.o3).toMatchObject({ concentration: 168, limit: 160, weight: 1, index: 1.05 });
    expect(r.maxPollutants).toEqual(["o3"]);
    expect(r.exceedingPollutants).toEqual(["o3"]);
    expect(r.settingsId).toBe(COMPOSITE_INDEX_2018.id);
  });

  it("C1 for comparison: the unconfirmed 2026 weights give 7.4298, the transition limits 4.1667", () => {
    const weighted = compositeIndex(C1, { ...COMPOSITE_INDEX_2018, weights: COMPOSITE_INDEX_2026_CANDIDATE.weights, digits: 4 });
    const transition = compositeIndex(C1, { ...COMPOSITE_INDEX_2018, limits: COMPOSITE_INDEX_2026_CANDIDATE.limits, digits: 4 });
    expect(weighted.index).toBe(7.4298);
    expect(transition.index).toBe(4.1667);
  });

  it("C2: reproduces the published 3.06", () => {
    const r = compositeIndex({ pm25: 21, pm10: 39, so2: 9, no2: 15, o3: 192, co: 0.7 }, COMPOSITE_INDEX_2018);
    expect(r.index).toBe(3.06);
    expect(r.indexExact).toBeCloseTo(3.057143, 6);
  });

  it("lists tied largest single indices", () => {
    const r = compositeIndex({ so2: 6, no2: 40, pm10: 70, pm25: 35, co: 1, o3: 100 }, COMPOSITE_INDEX_2018);
    expect(r.maxPollutants).toEqual(["no2", "pm10", "pm25"]);
    expect(r.exceedingPollutants).toEqual([]);
  });

  it("takes settings from the wire and defaults to the confirmed 2018 rule", () => {
    expect(DEFAULT_COMPOSITE_INDEX_SETTINGS).toBe(COMPOSITE_INDEX_2018);
    expect(CompositeIndexSettingsSchema.parse(COMPOSITE_INDEX_2026_CANDIDATE)).toEqual(COMPOSITE_INDEX_2026_CANDIDATE);
    expect(CompositeIndexSettingsSchema.safeParse({ ...COMPOSITE_INDEX_2018, limits: { ...COMPOSITE_INDEX_2018.limits, o3: 0 } }).success).toBe(false);
    expect(CompositeIndexSettingsSchema.safeParse({ ...COMPOSITE_INDEX_2018, limits: { ...COMPOSITE_INDEX_2018.limits, o3: "0.00" } }).success).toBe(false);
    expect(CompositeIndexSettingsSchema.safeParse({ ...COMPOSITE_INDEX_2018, limits: { ...COMPOSITE_INDEX_2018.limits, o3: "0.5" } }).success).toBe(true);
  });

  it("compares settings by value, a decimal string equal to its number", () => {
    expect(isSameCompositeIndexSettings(COMPOSITE_INDEX_2018, { ...COMPOSITE_INDEX_2018, id: "x", limits: { ...COMPOSITE_INDEX_2018.limits, co: "4.0" } })).toBe(true);
    expect(isSameCompositeIndexSettings(COMPOSITE_INDEX_2018, COMPOSITE_INDEX_2026_CANDIDATE)).toBe(false);
    expect(isSameCompositeIndexSettings(COMPOSITE_INDEX_2018, { ...COMPOSITE_INDEX_2018, digits: 3 })).toBe(false);
  });
});

describe("compositeIndexSettingsFor", () => {
  const CUSTOM = { ...COMPOSITE_INDEX_2018, id: "custom-2027", weights: { ...COMPOSITE_INDEX_2018.weights, pm25: 2 } };
  const ENTRIES = [
    { effectiveFrom: "2027-01-01", settings: CUSTOM },
    { effectiveFrom: "2026-03-01", settings: COMPOSITE_INDEX_2026_CANDIDATE },
  ];

  it.each([
    ["no entry: the default", "2026-06-01", [], DEFAULT_COMPOSITE_INDEX_SETTINGS],
    ["a period before every entry: the default", "2026-01-01", ENTRIES, DEFAULT_COMPOSITE_INDEX_SETTINGS],
    ["a period starting on an entry's date: that entry", "2026-03-01", ENTRIES, COMPOSITE_INDEX_2026_CANDIDATE],
    ["a period starting between entries: the earlier one", "2026-12-31", ENTRIES, COMPOSITE_INDEX_2026_CANDIDATE],
    ["a period starting after the last entry: the last, whatever the list order", "2027-06-01", ENTRIES, CUSTOM],
    ["a period an entry takes effect inside: the one in force on its first day", "2026-02-01", ENTRIES, DEFAULT_COMPOSITE_INDEX_SETTINGS],
  ])("%s", (_label, periodFrom, entries, expected) => {
    expect(compositeIndexSettingsFor(periodFrom, entries)).toBe(expected);
  });
});
