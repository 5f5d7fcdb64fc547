import { describe, expect, it } from "vitest";
import { canonicalValues, itemSetOf, parameterOfColumn, parseSampleRow, parseSampleTime, parseSectionRow, readSampleHeader } from "./import.rules";

describe("parseSectionRow", () => {
  const base = { section_code: "QS-01", name: "青山河入境", district_code: "QY01", kind: "national", waterbody: "river", target_class: "III", lat: "30.12", lon: "120.01" };

  it.each([
    [{}, { kind: "national", waterbody: "river", targetClass: "III", lat: 30.12, lon: 120.01 }],
    [{ kind: "国控", waterbody: "湖库", target_class: "Ⅱ类" }, { kind: "national", waterbody: "lake", targetClass: "II" }],
    [{ kind: "市控", waterbody: "水库", target_class: "" }, { kind: "municipal", waterbody: "lake", targetClass: null }],
    [{ kind: "Provincial ", lat: "", lon: "" }, { kind: "provincial", lat: null, lon: null }],
  ])("reads %o", (patch, expected) => {
    const r = parseSectionRow({ ...base, ...patch });
    expect(r.ok && r.row).toMatchObject({ code: "QS-01", districtCode: "QY01", ...expected });
  });

  it.each([
    [{ kind: "county" }, /kind/],
    [{ waterbody: "sea" }, /waterbody/],
    [{ target_class: "劣V" }, /target_class/],
    [{ name: "" }, /name/],
    [{ lat: "95" }, /lat/],
    [{ lon: "east" }, /lon/],
  ])("rejects %o naming the column in both languages", (patch, column) => {
    const r = parseSectionRow({ ...base, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toMatch(column);
      expect(r.reason.zh).toMatch(column);
    }
  });
});

describe("sample headers", () => {
  it.each([
    ["pH", "ph"],
    ["DO", "do"],
    ["NH3-N", "nh3n"],
    ["氨氮", "nh3n"],
    ["Cr6+", "cr6"],
    ["volatile_phenol", "volatile_phenol"],
    ["总磷", "tp"],
    ["fecal_coliform", "fecal_coliform"],
    ["水温", null],
    ["pm2_5", null],
  ])("column %s → %s", (header, parameter) => {
    expect(parameterOfColumn(header)).toBe(parameter);
  });

  it("lists missing fixed columns and ignored extra ones", () => {
    const h = readSampleHeader(["section_code", "time", "ph", "水温", "TP"]);
    expect(h.missing).toEqual(["source"]);
    expect(h.ignored).toEqual(["水温"]);
    expect([...h.parameters.values()]).toEqual(["ph", "tp"]);
  });
});

describe("parseSampleTime", () => {
  it.each([
    ["2026-03-15T10:00:00+08:00", "2026-03-15T02:00:00.000Z"],
    ["2026-03-15T10:00+08:00", "2026-03-15T02:00:00.000Z"],
    ["2026-03-15 10:00:00+0800", "2026-03-15T02:00:00.000Z"],
    ["2026-03-15T02:00:00Z", "2026-03-15T02:00:00.000Z"],
    ["2026-03-15", "2026-03-14T16:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(parseSampleTime(text)?.toISOString()).toBe(iso);
  });

  it.each(["2026-03-15T10:00", "2026-02-30", "2026-13-01", "15/03/2026", "2026-03-15T25:00+08:00", ""])("rejects %s", (text) => {
    expect(parseSampleTime(text)).toBeNull();
  });
});

describe("parseSampleRow", () => {
  const header = readSampleHeader(["section_code", "time", "source", "status", "ph", "do", "tp", "cn", "hg", "水温"]);
  const row = (patch: Record<string, string>) => ({ section_code: "QS-01", time: "2026-01-10", source: "manual", status: "", ph: "7.8", do: "5.6", tp: "0.210", cn: "0.004L", hg: "<0.00004", 水温: "8.5", ...patch });

  it("keeps values as exact text and reads non-detects in both notations", () => {
    const r = parseSampleRow(row({}), header);
    expect(r.ok && r.row).toEqual({
      sectionCode: "QS-01",
      time: new Date("2026-01-09T16:00:00Z"),
      source: "manual",
      status: null,
      values: { ph: "7.8", do: "5.6", tp: "0.210", cn: { nd: true, detectionLimit: "0.004" }, hg: { nd: true, detectionLimit: "0.00004" } },
    });
  });

  it("treats empty cells as missing and reads Chinese source and status words", () => {
    const r = parseSampleRow(row({ source: "自动", status: "审核", cn: "", hg: "-" }), header);
    expect(r.ok && r.row).toMatchObject({ source: "auto", status: "audited", values: { ph: "7.8", do: "5.6", tp: "0.210" } });
    expect(r.ok && Object.keys(r.row.values)).toEqual(["ph", "do", "tp"]);
  });

  it.each([
    [{ tp: "abc" }, /tp: "abc" is not a number/],
    [{ tp: "-0.1" }, /tp cannot be negative/],
    [{ ph: "15" }, /pH outside 0–14/],
    [{ do: "0.5L" }, /do cannot be a non-detect/],
    [{ do: "0" }, /DO cannot be 0/],
    [{ time: "2026-01-10 10:00" }, /time "2026-01-10 10:00" is invalid/],
    [{ source: "lab" }, /source "lab" must be auto or manual/],
    [{ status: "final" }, /status "final"/],
    [{ section_code: "" }, /section_code is empty/],
    [{ ph: "", do: "", tp: "", cn: "", hg: "" }, /no value for any parameter/],
  ])("rejects %o with a bilingual reason", (patch, en) => {
    const r = parseSampleRow(row(patch), header);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toMatch(en);
      expect(r.reason.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("names every bad cell of a row at once", () => {
    const r = parseSampleRow(row({ tp: "x", ph: "20" }), header);
    expect(!r.ok && r.reason.en.split("; ")).toHaveLength(2);
  });
});

describe("item sets and canonical values", () => {
  it("the source decides the item set", () => {
    expect(itemSetOf("auto")).toBe("auto_5");
    expect(itemSetOf("manual")).toBe("manual_21");
  });

  it("canonical JSON ignores key order", () => {
    expect(canonicalValues({ tp: "0.2", ph: "7" })).toBe(canonicalValues({ ph: "7", tp: "0.2" }));
    expect(canonicalValues({ tp: "0.2" })).not.toBe(canonicalValues({ tp: "0.20" }));
  });
});
