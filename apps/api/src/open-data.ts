import type { ApiDeps } from "@ecogov/api-contract";
import { describeIssue, MODULES } from "@ecogov/domain";
import { PublicDistrictSchema, PublicTownSchema } from "@ecogov/domain/org";
import { Hono, type Context as HonoContext } from "hono";
import { z } from "zod";
import { AIR_OPEN_DATA_ROUTES } from "./open-data.air";
import { WATER_OPEN_DATA_ROUTES } from "./open-data.water";
import { SUPERVISION_OPEN_DATA_ROUTES } from "./open-data.supervision-tasks";

/**
 * The public, read-only open-data API. Each route declares its query and response schemas once;
 * the handlers validate with them and the OpenAPI document is generated from them, so the docs
 * cannot drift from what is served. Only disclosed data goes here: public schemas strip the rest.
 */
interface OpenDataRoute<Q extends z.ZodType, R extends z.ZodType> {
  path: string;
  summary: { zh: string; en: string };
  query: Q;
  response: R;
  handler(deps: ApiDeps, query: z.output<Q>): Promise<z.input<R>>;
}

const route = <Q extends z.ZodType, R extends z.ZodType>(r: OpenDataRoute<Q, R>) => r;
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
    summary: { zh: "全市各区（排名范围）", en: "All districts of the city (the ranking set)" },
    query: NoQuery,
    response: z.object({ items: z.array(PublicDistrictSchema.extend({ isHome: z.boolean() })) }),
    async handler(deps) {
      return { items: await deps.read.org.listDistricts() };
    },
  }),
  route({
    path: "/modules",
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

export function createOpenDataApp(deps: ApiDeps) {
  const app = new Hono();
  for (const r of OPEN_DATA_ROUTES) {
    app.get(r.path, async (c: HonoContext) => {
      const parsed = r.query.safeParse(c.req.query());
      if (!parsed.success) {
        const fieldErrors = parsed.error.issues.map(describeIssue);
        return c.json(errorBody("VALIDATION_FAILED", fieldErrors[0]!.message.zh, fieldErrors[0]!.message.en, fieldErrors), 400);
      }
      const body = r.response.parse(await r.handler(deps, parsed.data as never));
      // Public data changes at most hourly; a CDN may cache it briefly.
      c.header("Cache-Control", "public, max-age=60");
      return c.json(body);
    });
  }
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  app.notFound((c) => c.json(errorBody("NOT_FOUND", "接口不存在", "No such endpoint"), 404));
  return app;
}

export function openApiDocument() {
  const paths: Record<string, unknown> = {};
  for (const r of OPEN_DATA_ROUTES) {
    const q = z.toJSONSchema(r.query, { io: "input" }) as { properties?: Record<string, unknown>; required?: string[] };
    paths[`/api/v1${r.path}`] = {
      get: {
        summary: `${r.summary.zh} / ${r.summary.en}`,
        parameters: Object.entries(q.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: q.required?.includes(name) ?? false, schema })),
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: z.toJSONSchema(r.response, { io: "output", unrepresentable: "any" }) } } },
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
