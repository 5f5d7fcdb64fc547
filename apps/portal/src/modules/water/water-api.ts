import { API_BASE, getJson } from "../../api";
import { arrayOf, boolean, checkResponse, nullable, number, object, oneOf, string, type Check } from "../../response-check";

/** Surface-water open data (apps/api/src/open-data.water.ts, shapes from the domain's public water schemas). */
export const WATER_CLASSES = ["I", "II", "III", "IV", "V", "worse_than_V"] as const;
export type WaterClass = (typeof WATER_CLASSES)[number];
const TARGET_CLASSES = ["I", "II", "III", "IV", "V"] as const;
const STATUSES = ["preliminary", "audited"] as const;
const SOURCES = ["auto", "manual"] as const;
const ITEM_SETS = ["auto_5", "manual_21", "gb3838_table1"] as const;

const ClassFields = {
  class: string,
  waterClass: nullable(oneOf(WATER_CLASSES)),
  deciding: arrayOf(string),
  items: oneOf(ITEM_SETS),
  source: oneOf(SOURCES),
  status: oneOf(STATUSES),
  meetsTarget: nullable(boolean),
};

const Section = object({
  code: string,
  name: string,
  districtCode: string,
  districtName: string,
  districtNameEn: string,
  kind: oneOf(["national", "provincial", "municipal"] as const),
  waterbody: oneOf(["river", "lake"] as const),
  targetClass: nullable(oneOf(TARGET_CLASSES)),
  lat: nullable(number),
  lon: nullable(number),
  latest: nullable(object({ time: string, ...ClassFields })),
});
export type WaterSection = ReturnType<typeof Section>;

const SampleClass = object({
  sectionCode: string,
  sectionName: string,
  districtCode: string,
  time: string,
  ...ClassFields,
  cwqi: nullable(number),
  targetClass: nullable(oneOf(TARGET_CLASSES)),
});
export type WaterSampleClass = ReturnType<typeof SampleClass>;

async function get<T>(url: string, check: Check<T>): Promise<T> {
  return checkResponse(url, await getJson(url), check);
}

export const waterSectionsUrl = () => `${API_BASE}/water/sections`;
export const waterClassesUrl = (q: { from: string; to: string }) => `${API_BASE}/water/classes?${new URLSearchParams(q).toString()}`;

/** `GET /api/v1/water/sections`: every section with its latest class against its target. */
export const fetchWaterSections = () => get(waterSectionsUrl(), object({ items: arrayOf(Section) }));
/** `GET /api/v1/water/classes`: each sample of the period with its class, deciding items and item set. */
export const fetchWaterClasses = (q: { from: string; to: string }) => get(waterClassesUrl(q), object({ from: string, to: string, items: arrayOf(SampleClass) }));
