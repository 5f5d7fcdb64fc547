import { describe, expect, it } from "vitest";
import { percentagePointChange, percentChange, rankChange, rankIndexChange, rankWithTies } from "./ranking.rules";

describe("rankWithTies", () => {
  it("R1: ranks ascending with competition ranking 1, 2, 2, 4, 5", () => {
    const ranked = rankWithTies([
      { id: "A", value: 3.86 },
      { id: "B", value: 4.12 },
      { id: "C", value: 3.86 },
      { id: "D", value: 4.4 },
      { id: "E", value: 3.51 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank, r.tied])).toEqual([
      ["E", 1, false],
      ["A", 2, true],
      ["C", 2, true],
      ["B", 4, false],
      ["D", 5, false],
    ]);
  });

  it("ties on displayed values when digits are given, and not on exact ones", () => {
    const items = [
      { id: "X", value: "3.855" },
      { id: "Y", value: "3.864" },
    ];
    expect(rankWithTies(items, { digits: 2 }).map((r) => [r.id, r.rank, r.value])).toEqual([
      ["X", 1, 3.86],
      ["Y", 1, 3.86],
    ]);
    expect(rankWithTies(items).map((r) => r.rank)).toEqual([1, 2]);
  });

  it("ranks descending for the good-days ratio, with missing values last", () => {
    const ranked = rankWithTies(
      [
        { id: "A", value: 80.6 },
        { id: "B", value: null },
        { id: "C", value: 85.1 },
        { id: "D", value: 80.6 },
        { id: "E", value: 79 },
      ],
      { order: "descending" },
    );
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ["C", 1],
      ["A", 2],
      ["D", 2],
      ["E", 4],
      ["B", null],
    ]);
  });

  it("refuses duplicate ids", () => {
    expect(() => rankWithTies([{ id: "A", value: 1 }, { id: "A", value: 2 }])).toThrow(RangeError);
  });
});

describe("rankChange", () => {
  it("R1: last − this rank: A 0, B −1, C +2, D 0, E 0", () => {
    const last = { A: 2, B: 3, C: 4, D: 5, E: 1 };
    const current = { A: 2, B: 4, C: 2, D: 5, E: 1 };
    const places = Object.fromEntries(Object.keys(last).map((k) => [k, rankChange(last[k as keyof typeof last], current[k as keyof typeof current]).places]));
    expect(places).toEqual({ A: 0, B: -1, C: 2, D: 0, E: 0 });
  });

  it("words an improvement as 上升N位", () => {
    expect(rankChange(4, 2)).toEqual({ places: 2, direction: "up", text: { zh: "上升2位", en: "up 2 places" } });
    expect(rankChange(3, 4)).toEqual({ places: -1, direction: "down", text: { zh: "下降1位", en: "down 1 place" } });
    expect(rankChange(5, 5).text).toEqual({ zh: "持平", en: "unchanged" });
    expect(rankChange(null, 5)).toEqual({ places: null, direction: null, text: null });
  });
});

describe("year-on-year changes (reference §7.3)", () => {
  it("expresses concentrations and indices as a relative % change", () => {
    expect(percentChange(44, 48)).toBe(-8.3);
    expect(percentChange(3.88, 4.12, 2)).toBe(-5.83);
    expect(percentChange(5, 0)).toBeNull();
    expect(percentChange(null, 4)).toBeNull();
  });

  it("G1: expresses ratios in percentage points, not %", () => {
    expect(percentagePointChange(80.6, 78.2)).toBe(2.4);
    expect(percentChange(80.6, 78.2)).toBe(3.1);
    expect(percentagePointChange(77.2, 76)).toBe(1.2);
  });
});

describe("rankIndexChange (变化程度排名)", () => {
  it("ranks the most improved first and leaves Grade-II-compliant areas out of the deterioration list", () => {
    const r = rankIndexChange([
      { id: "A", current: 3.6, previous: 4.0 }, // −10.0
      { id: "B", current: 4.4, previous: 4.0 }, // +10.0
      { id: "C", current: 2.2, previous: 2.0, meetsGradeII: true }, // +10.0
      { id: "D", current: 1.8, previous: 2.0 }, // −10.0
      { id: "E", current: 4.0, previous: 4.0 }, // 0
    ]);
    expect(r.improvement.map((x) => [x.id, x.value, x.rank])).toEqual([
      ["A", -10, 1],
      ["D", -10, 1],
      ["E", 0, 3],
      ["B", 10, 4],
      ["C", 10, 4],
    ]);
    expect(r.deterioration.map((x) => [x.id, x.rank])).toEqual([
      ["B", 1],
      ["E", 2],
      ["A", 3],
      ["D", 3],
    ]);
  });
});
