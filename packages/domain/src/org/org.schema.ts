import { z } from "zod";

/** A district (区/县) of the deployment's city; exactly one is "ours" (the bureau's own). */
export const DistrictSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  isHome: z.boolean(),
});
export type District = z.infer<typeof DistrictSchema>;

export const TOWN_KINDS = ["town", "street"] as const;

/** A town (镇) or street (街道) of our district; town officers are scoped to one. */
export const TownSchema = z.object({
  id: z.uuid(),
  districtId: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(TOWN_KINDS),
  population: z.number().int().nullable(),
  areaKm2: z.number().nullable(),
});
export type Town = z.infer<typeof TownSchema>;

export const UNIT_KINDS = ["bureau_section", "government_department", "town_government", "enterprise", "other"] as const;

/** A responsible unit (责任单位): a department, a town government, an enterprise; unit reporters are scoped to one. */
export const UnitSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(UNIT_KINDS),
  townId: z.uuid().nullable(),
});
export type Unit = z.infer<typeof UnitSchema>;

/** What the public may know of the district: names and sizes, nothing about people. */
export const PublicDistrictSchema = DistrictSchema.pick({ code: true, name: true, nameEn: true });
export const PublicTownSchema = TownSchema.pick({ code: true, name: true, nameEn: true, kind: true, population: true, areaKm2: true });
