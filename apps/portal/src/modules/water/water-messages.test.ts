import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { PARAMETER_INFO, WATER_PARAMETERS } from "@ecogov/domain/water";
import { describe, expect, it } from "vitest";

// Read as plain JSON: imports of locale files are precompiled to message ASTs by the build plugin.
const load = (path: string) => JSON.parse(readFileSync(resolve("src/locales", path), "utf8")) as { parameter: Record<string, string> };
const zh = load("zh-CN/water.json");
const en = load("en/water.json");
const zhAir = load("zh-CN/air.json");
const enAir = load("en/air.json");

function keysOf(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe("air and water messages", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zh).sort());
    expect(keysOf(enAir).sort()).toEqual(keysOf(zhAir).sort());
  });

  it("name every GB 3838 parameter as the domain does", () => {
    for (const p of WATER_PARAMETERS) {
      expect(zh.parameter[p], p).toBe(PARAMETER_INFO[p].zh);
      expect(en.parameter[p], p).toBe(PARAMETER_INFO[p].en);
    }
  });
});
