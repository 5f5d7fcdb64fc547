import { toCsvCell } from "../open-data/towns-csv";
import type { WaterSampleClass, WaterSection } from "./water-api";

const lines = (rows: (string | number | boolean | null)[][]) => `${rows.map((r) => r.map((c) => toCsvCell(typeof c === "boolean" ? String(c) : c)).join(",")).join("\r\n")}\r\n`;

export const SECTIONS_CSV_HEADER = ["section_code", "name", "district_code", "kind", "waterbody", "target_class", "time", "class", "deciding", "items", "source", "status", "meets_target"];

/** Each section with its latest sample's class; classes written as published (I … V, 劣V). */
export function sectionsToCsv(items: readonly WaterSection[]): string {
  return lines([
    SECTIONS_CSV_HEADER,
    ...items.map((s) => [
      s.code,
      s.name,
      s.districtCode,
      s.kind,
      s.waterbody,
      s.targetClass,
      s.latest?.time ?? null,
      s.latest?.class ?? null,
      s.latest?.deciding.join(";") ?? null,
      s.latest?.items ?? null,
      s.latest?.source ?? null,
      s.latest?.status ?? null,
      s.latest?.meetsTarget ?? null,
    ]),
  ]);
}

/** The columns of `pnpm ecogov water classes --format csv`, plus source, status and target. */
export const CLASSES_CSV_HEADER = ["section_code", "time", "class", "deciding", "cwqi", "items", "source", "status", "target_class", "meets_target"];

export function classesToCsv(items: readonly WaterSampleClass[]): string {
  return lines([
    CLASSES_CSV_HEADER,
    ...items.map((c) => [c.sectionCode, c.time, c.class, c.deciding.join(";"), c.cwqi === null ? null : Number(c.cwqi.toFixed(4)), c.items, c.source, c.status, c.targetClass, c.meetsTarget]),
  ]);
}
