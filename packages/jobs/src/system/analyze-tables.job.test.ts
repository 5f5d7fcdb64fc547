import { describe, expect, it } from "vitest";
import { analyzeReason, type AnalyzeReason } from "./analyze-tables.job";

describe("analyzeReason", () => {
  const cases: { name: string; pages: number; analyzedPages: number; analyzedRows: number; modifiedRows: number; want: AnalyzeReason | null }[] = [
    { name: "empty, never analysed", pages: 0, analyzedPages: 0, analyzedRows: -1, modifiedRows: 0, want: null },
    { name: "rows, never analysed", pages: 1, analyzedPages: 0, analyzedRows: -1, modifiedRows: 0, want: "never" },
    { name: "analysed, unchanged", pages: 900, analyzedPages: 900, analyzedRows: 74_400, modifiedRows: 0, want: null },
    { name: "changes at the threshold (50 + 10 %)", pages: 900, analyzedPages: 900, analyzedRows: 74_400, modifiedRows: 7_490, want: null },
    { name: "changes over the threshold", pages: 900, analyzedPages: 900, analyzedRows: 74_400, modifiedRows: 7_491, want: "modified" },
    { name: "a small table's first 51 changes", pages: 1, analyzedPages: 1, analyzedRows: 0, modifiedRows: 51, want: "modified" },
    { name: "grown to the limit (10 % + 8 pages), counters at zero", pages: 998, analyzedPages: 900, analyzedRows: 74_400, modifiedRows: 0, want: null },
    { name: "grown past it (a month filled by daily uploads)", pages: 999, analyzedPages: 900, analyzedRows: 74_400, modifiedRows: 0, want: "grown" },
    { name: "analysed empty, then filled", pages: 9, analyzedPages: 0, analyzedRows: 0, modifiedRows: 0, want: "grown" },
    { name: "smaller than at its analyse (a truncate and a little)", pages: 3, analyzedPages: 900, analyzedRows: 74_400, modifiedRows: 0, want: null },
  ];
  it.each(cases)("$name → $want", ({ want, ...t }) => {
    expect(analyzeReason(t)).toBe(want);
  });
});
