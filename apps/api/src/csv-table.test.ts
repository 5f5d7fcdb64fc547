import { describe, expect, it } from "vitest";
import { z } from "zod";
import { csvColumns, csvTable } from "./csv-table";

const Row = z.object({
  code: z.string(),
  name: z.string(),
  category: z.object({ zh: z.string(), en: z.string() }).nullable(),
  statistics: z.record(z.enum(["pm25", "o3"]), z.object({ value: z.number().nullable(), valid: z.boolean() })),
  primary: z.array(z.string()),
  note: z.string().optional(),
});

describe("csvColumns", () => {
  it("spreads nested objects and enum-keyed records into dotted columns; lists stay one", () => {
    expect(csvColumns(Row)).toEqual(["code", "name", "category.zh", "category.en", "statistics.pm25.value", "statistics.pm25.valid", "statistics.o3.value", "statistics.o3.valid", "primary", "note"]);
  });
});

describe("csvTable", () => {
  const columns = csvColumns(Row);
  const cases: { name: string; row: z.input<typeof Row>; line: string }[] = [
    {
      name: "every kind of value",
      row: { code: "QY01", name: "青山区", category: { zh: "良", en: "Moderate" }, statistics: { pm25: { value: 35.5, valid: true }, o3: { value: null, valid: false } }, primary: ["pm25", "o3"], note: "x" },
      line: "QY01,青山区,良,Moderate,35.5,true,,false,pm25;o3,x",
    },
    {
      name: "a null object and a missing field are empty cells",
      row: { code: "QY02", name: "B", category: null, statistics: { pm25: { value: 0, valid: true }, o3: { value: 160, valid: true } }, primary: [] },
      line: "QY02,B,,,0,true,160,true,,",
    },
    {
      name: "commas and quotes are quoted, a formula is defused",
      row: { code: "=1+2", name: 'a, "b"', category: null, statistics: { pm25: { value: -1, valid: true }, o3: { value: 1, valid: true } }, primary: [] },
      line: `'=1+2,"a, ""b""",,,-1,true,1,true,,`,
    },
  ];
  it.each(cases)("$name", ({ row, line }) => {
    expect(csvTable(columns, [row])).toBe(`\uFEFF${columns.join(",")}\r\n${line}\r\n`);
  });

  it("writes the header alone for no rows", () => {
    expect(csvTable(columns, [])).toBe(`\uFEFF${columns.join(",")}\r\n`);
  });
});
