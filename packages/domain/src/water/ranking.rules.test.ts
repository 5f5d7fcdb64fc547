import { describe, expect, it } from "vitest";
import {
  competitionRank,
  cwqiChangePercent,
  goodWaterShare,
  goodWaterShareChange,
  isExcludedFromChangeRanking,
  rankByCwqi,
  rankByCwqiChange,
  sectionMeetsTarget,
  statusFromShares,
  worseThanVShare,
} from "./ranking.rules";
import type { WaterClass } from "./water.schema";

describe("ranking by CWQI (环办监测〔2017〕51号)", () => {
  const districts = [
    { id: "A", cwqi: 4.21 },
    { id: "B", cwqi: 3.9 },
    { id: "C", cwqi: 4.21 },
    { id: "D", cwqi: 5.02 },
    { id: "E", cwqi: 3.1 },
  ];

  it("ascending, standard competition ranking for ties (1, 2, 3, 3, 5)", () => {
    expect(rankByCwqi(districts).map((r) => [r.item.id, r.rank])).toEqual([
      ["E", 1],
      ["B", 2],
      ["A", 3],
      ["C", 3],
      ["D", 5],
    ]);
  });

  it("full precision by default; ties at N decimals on request", () => {
    const close = [
      { id: "X", cwqi: 4.21234 },
      { id: "Y", cwqi: 4.21229 },
    ];
    expect(rankByCwqi(close).map((r) => [r.item.id, r.rank])).toEqual([
      ["Y", 1],
      ["X", 2],
    ]);
    expect(rankByCwqi(close, { tieDecimals: 4 }).map((r) => [r.item.id, r.rank])).toEqual([
      ["X", 1],
      ["Y", 1],
    ]);
  });

  it("descending order for larger-is-better indicators", () => {
    expect(competitionRank([80, 100, 80, 50], (x) => x, { order: "desc" }).map((r) => [r.item, r.rank])).toEqual([
      [100, 1],
      [80, 2],
      [80, 2],
      [50, 4],
    ]);
    expect(competitionRank([], (x: number) => x)).toEqual([]);
  });

  it("ΔCWQI in percent, exact", () => {
    expect(cwqiChangePercent(4.4, 4)).toBe(10);
    expect(cwqiChangePercent(3.3, 3)).toBe(10); // floats would give 9.999999999999996
    expect(cwqiChangePercent(5, 5)).toBe(0);
  });

  it("change ranking ascending (most improved first), excluded cities left out", () => {
    const r = rankByCwqiChange([
      { id: "A", cwqiChangePercent: -2.5 },
      { id: "B", cwqiChangePercent: 1.2 },
      { id: "C", cwqiChangePercent: -4, excluded: true },
      { id: "D", cwqiChangePercent: -2.5 },
    ]);
    expect(r.map((x) => [x.item.id, x.rank])).toEqual([
      ["A", 1],
      ["D", 1],
      ["B", 3],
    ]);
  });

  it("cities all Class II or better in both periods and meeting targets leave the change ranking", () => {
    expect(
      isExcludedFromChangeRanking([
        { baseClass: "I", currentClass: "II", target: "II" },
        { baseClass: "II", currentClass: "II", target: "III" },
      ]),
    ).toBe(true);
    expect(isExcludedFromChangeRanking([{ baseClass: "III", currentClass: "II", target: "III" }])).toBe(false);
    expect(isExcludedFromChangeRanking([{ baseClass: "II", currentClass: "II", target: "I" }])).toBe(false);
    expect(isExcludedFromChangeRanking([{ baseClass: "III", currentClass: "III", target: "III" }], "III")).toBe(true);
    expect(isExcludedFromChangeRanking([])).toBe(false);
  });
});

describe("targets and shares", () => {
  it.each([
    ["II", "III", true],
    ["III", "III", true],
    ["IV", "III", false],
    ["worse_than_V", "V", false],
    ["V", "V", true],
  ] as const)("class %s vs target %s → %s", (c, t, ok) => {
    expect(sectionMeetsTarget(c, t)).toBe(ok);
  });

  it("I–III share and 劣Ⅴ share; unclassified sections are left out", () => {
    const classes: (WaterClass | null)[] = ["I", "II", "III", "IV", "worse_than_V", null];
    expect(goodWaterShare(classes)).toEqual({ count: 3, total: 5, percent: 60 });
    expect(worseThanVShare(classes)).toEqual({ count: 1, total: 5, percent: 20 });
    expect(goodWaterShare([]).percent).toBeNull();
  });

  it("year-on-year change in percentage points, exact", () => {
    const current: WaterClass[] = ["II", "III", "IV"]; // 66.67 %
    const base: WaterClass[] = ["II", "III", "III", "III", "III", "III", "III", "IV", "V", "V"]; // 70 %
    const ch = goodWaterShareChange(current, base);
    expect(ch.base.percent).toBe(70);
    expect(ch.changePp).toBe(-10 / 3);
    expect(goodWaterShareChange(["III", "III", "III", "V"], ["III", "IV", "IV", "V"]).changePp).toBe(50);
    // 7/10 − 6/10 = 10 pp exactly (floats: 0.7 * 100 − 0.6 * 100 = 10.000000000000007)
    expect(goodWaterShareChange(Array(7).fill("II").concat(Array(3).fill("IV")), Array(6).fill("II").concat(Array(4).fill("IV"))).changePp).toBe(10);
    expect(goodWaterShareChange(["II"], []).changePp).toBeNull();
  });

  it("basin status thresholds at 90 / 75 % (I–III) and 20 / 40 % (劣Ⅴ)", () => {
    const mk = (good: number, worst: number, other: number): WaterClass[] => [
      ...Array<WaterClass>(good).fill("III"),
      ...Array<WaterClass>(worst).fill("worse_than_V"),
      ...Array<WaterClass>(other).fill("IV"),
    ];
    expect(statusFromShares(mk(9, 1, 0))).toBe("excellent");
    expect(statusFromShares(mk(89, 11, 0))).toBe("good");
    expect(statusFromShares(mk(3, 0, 1))).toBe("good"); // 75 % inclusive
    expect(statusFromShares(mk(74, 19, 7))).toBe("light");
    expect(statusFromShares(mk(7, 2, 1))).toBe("moderate"); // 20 % inclusive
    expect(statusFromShares(mk(6, 4, 0))).toBe("heavy"); // 40 % inclusive
    expect(statusFromShares([null])).toBeNull();
  });
});
