import { describe, expect, it } from "vitest";
import { DISTRICT_RESPONSE } from "../../testing/fixtures";
import { csvDataUrl, toCsvCell, townsToCsv } from "./towns-csv";

describe("townsToCsv", () => {
  it("writes a header of the API's field names and one row per town", () => {
    const csv = townsToCsv(DISTRICT_RESPONSE.towns as never);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("code,name,nameEn,kind,population,areaKm2");
    expect(lines[1]).toBe("QY01-01,城关街道,Chengguan Street,street,186000,21.4");
    expect(lines).toHaveLength(10); // header, 8 towns, trailing empty line
    expect(lines[9]).toBe("");
  });

  it("writes null as an empty cell", () => {
    const csv = townsToCsv([{ code: "X", name: "某镇", nameEn: "Mou Town", kind: "town", population: null, areaKm2: null }]);
    expect(csv.split("\r\n")[1]).toBe("X,某镇,Mou Town,town,,");
  });
});

describe("toCsvCell", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(toCsvCell('A "B", C')).toBe('"A ""B"", C"');
    expect(toCsvCell("a\nb")).toBe('"a\nb"');
  });

  it("defuses text a spreadsheet would run as a formula, but not numbers", () => {
    expect(toCsvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(toCsvCell("@cmd")).toBe("'@cmd");
    expect(toCsvCell(-3.5)).toBe("-3.5");
  });
});

describe("csvDataUrl", () => {
  it("is a UTF-8 CSV with a byte-order mark for Excel", () => {
    const url = csvDataUrl("a,b\r\n");
    expect(url.startsWith("data:text/csv;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toBe("\uFEFFa,b\r\n");
  });
});
