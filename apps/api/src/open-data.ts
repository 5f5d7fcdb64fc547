import type { ApiDeps } from "@ecogov/api-contract";
import { describeIssue, MODULES } from "@ecogov/domain";
import { PublicDistrictSchema, PublicTownSchema } from "@ecogov/domain/org";
import { Hono, type Context as HonoContext } from "hono";
import { z } from "zod";
import { AIR_OPEN_DATA_ROUTES } from "./open-data.air";
import { WATER_OPEN_DATA_ROUTES } from "./open-data.water";
import { SUPERVISION_OPEN_DATA_ROUTES } from "./open-data.supervision-tasks";
import { route } from "./open-data.route";
import { csvColumns, csvTable } from "./csv-table";

/**
 * The public, read-only open-data API (routes: `open-data.route.ts`). Only disclosed data goes here: public schemas
 * strip the rest. Every list can be had as CSV too (`?format=csv`), for a spreadsheet.
 */
const NoQuery = z.object({});

const ModuleSchema = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  status: z.enum(["available", "planned"]),
  publishes: z.object({ zh: z.string(), en: z.string() }),
});

export const OPEN_DATA_ROUTES = [
  route({
    path: "/district",
    csv: "towns",
    summary: { zh: "本区基本信息及所辖镇街", en: "Our district and its towns and streets" },
    query: NoQuery,
    response: z.object({ district: PublicDistrictSchema.nullable(), towns: z.array(PublicTownSchema) }),
    async handler(deps) {
      const [district, towns] = await Promise.all([deps.read.org.homeDistrict(), deps.read.org.listTowns({ kind: "all" })]);
      return { district, towns };
    },
  }),
  route({
    path: "/districts",
    csv: "items",
    summary: { zh: "全市各区（排名范围）", en: "All districts of the city (the ranking set)" },
    query: NoQuery,
    response: z.object({ items: z.array(PublicDistrictSchema.extend({ isHome: z.boolean() })) }),
    async handler(deps) {
      return { items: await deps.read.org.listDistricts() };
    },
  }),
  route({
    path: "/modules",
    csv: "items",
    summary: { zh: "平台模块及其公开内容", en: "Platform modules and what each publishes" },
    query: NoQuery,
    response: z.object({ items: z.array(ModuleSchema) }),
    async handler() {
      return { items: MODULES.map(({ key, zh, en, status, publishes }) => ({ key, zh, en, status, publishes })) };
    },
  }),
  ...AIR_OPEN_DATA_ROUTES,
  ...WATER_OPEN_DATA_ROUTES,
  ...SUPERVISION_OPEN_DATA_ROUTES,
];

function errorBody(code: string, zh: string, en: string, fieldErrors: unknown[] = []) {
  return { error: { code, message: { zh, en }, fieldErrors } };
}

const FORMATS = ["json", "csv"] as const;

/** 400 for a bad query parameter: the first rule broken as the message, every one in `fieldErrors`. */
function invalid(c: HonoContext, issues: z.core.$ZodIssue[]) {
  const fieldErrors = issues.map((i) => describeIssue(i, "parameter"));
  return c.json(errorBody("VALIDATION_FAILED", fieldErrors[0]!.message.zh, fieldErrors[0]!.message.en, fieldErrors), 400);
}

export function createOpenDataApp(deps: ApiDeps) {
  const app = new Hono();
  for (const r of OPEN_DATA_ROUTES) {
    // Derived once: the CSV's columns come from the list's item schema, not from the rows of a response.
    const csv = r.csv ? { key: r.csv, columns: csvColumns((r.response.shape as Record<string, z.ZodArray>)[r.csv]!.element as z.ZodType) } : null;
    const formatSchema = z.enum(csv ? FORMATS : ["json"]).default("json");
    app.get(r.path, async (c: HonoContext) => {
      const { format: formatParam, ...query } = c.req.query();
      const format = formatSchema.safeParse(formatParam?.toLowerCase());
      if (!format.success) return invalid(c, format.error.issues.map((i) => ({ ...i, path: ["format"] })));
      const parsed = r.query.safeParse(query);
      if (!parsed.success) return invalid(c, parsed.error.issues);
      const body = r.response.parse(await r.handler(deps, parsed.data as never)) as Record<string, unknown>;
      // Public data changes at most hourly; a CDN may cache it briefly.
      c.header("Cache-Control", "public, max-age=60");
      if (format.data === "csv" && csv) {
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", `attachment; filename="${csvFileName(r.path, parsed.data as Record<string, unknown>)}"`);
        return c.body(csvTable(csv.columns, body[csv.key] as unknown[]));
      }
      return c.json(body);
    });
  }
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  app.notFound((c) => c.json(errorBody("NOT_FOUND", "接口不存在", "No such endpoint"), 404));
  return app;
}

/** `air-daily_2026-01-01_2026-01-31.csv`: the path, then the period when the query has one. */
function csvFileName(path: string, query: Record<string, unknown>): string {
  const period = typeof query.from === "string" && typeof query.to === "string" ? `_${query.from}_${query.to}` : "";
  return `${path.slice(1).replace(/\//g, "-")}${period}.csv`;
}

export function openApiDocument() {
  const paths: Record<string, unknown> = {};
  for (const r of OPEN_DATA_ROUTES) {
    const q = z.toJSONSchema(r.query, { io: "input" }) as { properties?: Record<string, unknown>; required?: string[] };
    paths[`/api/v1${r.path}`] = {
      get: {
        summary: `${r.summary.zh} / ${r.summary.en}`,
        parameters: [
          ...Object.entries(q.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: q.required?.includes(name) ?? false, schema })),
          ...(r.csv
            ? [{ name: "format", in: "query", required: false, description: `csv: the "${r.csv}" list as a CSV table (UTF-8 with BOM, for Excel) / 以 CSV 表格下载`, schema: { type: "string", enum: FORMATS, default: "json" } }]
            : []),
        ],
        responses: {
          "200": {
            description: "OK",
            content: {
              "application/json": { schema: z.toJSONSchema(r.response, { io: "output", unrepresentable: "any" }) },
              ...(r.csv ? { "text/csv": { schema: { type: "string" } } } : {}),
            },
          },
          "400": { description: "Invalid query parameter (message in Chinese and English, naming the field and the rule)" },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "EcoGov open data API / 生态环境开放数据接口",
      version: "1",
      description: "Read-only public data of the district Ecology and Environment Bureau. 只读公开数据，无需登录。",
    },
    paths,
  };
}
