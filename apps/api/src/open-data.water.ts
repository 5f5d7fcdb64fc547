import { KpiQuerySchema, listKpis, PublicKpiSchema } from "@ecogov/domain/kpis";
import {
  listSampleClasses,
  listSectionsLatest,
  PublicSampleClassSchema,
  PublicWaterSectionSchema,
  toPublicSampleClass,
  toPublicWaterSection,
  WaterPeriodQuerySchema,
} from "@ecogov/domain/water";
import { z } from "zod";
import { route } from "./open-data.route";


/** Open data of surface-water quality (GB 3838-2002) and of the reported KPIs against their targets. */
export const WATER_OPEN_DATA_ROUTES = [
  route({
    path: "/water/sections",
    csv: "items",
    summary: { zh: "地表水监测断面及最新水质类别、目标与达标情况", en: "Surface-water sections with their latest class, target and whether it is met" },
    query: z.object({}),
    response: z.object({ items: z.array(PublicWaterSectionSchema) }),
    async handler(deps) {
      return { items: (await listSectionsLatest(deps.read)).map(toPublicWaterSection) };
    },
  }),
  route({
    path: "/water/classes",
    csv: "items",
    summary: {
      zh: "期间内每个样品的水质类别、定类项目、CWQI 与评价项目集（自动站 5 项 / 手工 21 项）",
      en: "Each sample of a period: class, deciding parameters, CWQI and the item set used (automatic 5 / manual 21)",
    },
    query: WaterPeriodQuerySchema,
    response: z.object({ from: z.string(), to: z.string(), items: z.array(PublicSampleClassSchema) }),
    async handler(deps, q) {
      return { from: q.from, to: q.to, items: (await listSampleClasses(deps.read, q)).map(toPublicSampleClass) };
    },
  }),
  route({
    path: "/kpis",
    csv: "items",
    summary: { zh: "上报类指标（减排量、利用率等）及目标完成情况", en: "Reported KPIs (reductions, utilisation rates…) against their targets" },
    query: KpiQuerySchema.pick({ year: true }),
    response: z.object({ year: z.number().nullable(), items: z.array(PublicKpiSchema) }),
    async handler(deps, q) {
      const items = await listKpis(deps.read.kpis, q);
      return { year: q.year ?? null, items: items.map(({ id: _id, enteredBy: _by, createdAt: _c, ...k }) => k) };
    },
  }),
];
