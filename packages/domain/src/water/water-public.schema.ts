import { z } from "zod";
import type { SampleClass, SectionLatest } from "./water-results.use-cases";
import { classText, toBeijingIso } from "./water-results.use-cases";
import { ITEM_SET_IDS, SECTION_KINDS, TARGET_CLASSES, WATER_CLASSES, WATER_PARAMETERS, WATERBODY_TYPES } from "./water.schema";
import { SAMPLE_SOURCES, SAMPLE_STATUSES } from "./import.rules";

/**
 * What the open-data API discloses about water quality: sections, their classes and the item set each class
 * used. Times are Beijing time with offset; `class` is the published text (I … V, 劣V).
 */
const ClassFields = {
  class: z.string(),
  waterClass: z.enum(WATER_CLASSES).nullable(),
  deciding: z.array(z.enum(WATER_PARAMETERS)),
  items: z.enum(ITEM_SET_IDS),
  source: z.enum(SAMPLE_SOURCES),
  status: z.enum(SAMPLE_STATUSES),
  meetsTarget: z.boolean().nullable(),
};

export const PublicSampleClassSchema = z.object({
  sectionCode: z.string(),
  sectionName: z.string(),
  districtCode: z.string(),
  time: z.string(),
  ...ClassFields,
  cwqi: z.number().nullable(),
  targetClass: z.enum(TARGET_CLASSES).nullable(),
});
export type PublicSampleClass = z.infer<typeof PublicSampleClassSchema>;

export const PublicWaterSectionSchema = z.object({
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  districtNameEn: z.string(),
  kind: z.enum(SECTION_KINDS),
  waterbody: z.enum(WATERBODY_TYPES),
  targetClass: z.enum(TARGET_CLASSES).nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  latest: z.object({ time: z.string(), ...ClassFields }).nullable(),
});
export type PublicWaterSection = z.infer<typeof PublicWaterSectionSchema>;

export function toPublicSampleClass(c: SampleClass): PublicSampleClass {
  return {
    sectionCode: c.sectionCode,
    sectionName: c.sectionName,
    districtCode: c.districtCode,
    time: toBeijingIso(c.time),
    class: classText(c.waterClass),
    waterClass: c.waterClass,
    deciding: c.deciding,
    items: c.itemSet,
    source: c.source,
    status: c.status,
    meetsTarget: c.meetsTarget,
    cwqi: c.cwqi,
    targetClass: c.target,
  };
}

export function toPublicWaterSection(s: SectionLatest): PublicWaterSection {
  const { latest, ...rest } = s;
  return {
    ...rest,
    latest: latest && {
      time: toBeijingIso(latest.time),
      class: classText(latest.waterClass),
      waterClass: latest.waterClass,
      deciding: latest.deciding,
      items: latest.itemSet,
      source: latest.source,
      status: latest.status,
      meetsTarget: latest.meetsTarget,
    },
  };
}
