import { describeIssue } from "@ecogov/domain/errors";
import { DistrictSchema, PublicDistrictSchema, PublicTownSchema } from "@ecogov/domain/org";
import { ApiError, isBilingual } from "./api-error";
import type { CityDistrict, DistrictOverview, OpenDataEndpoint, PortalModule } from "./api";

/**
 * Checks API responses against the domain's public schemas before a page sees them, so a mismatch
 * between server and portal is a clear error naming the field, not a blank table or "undefined".
 * Loaded on demand, in parallel with the first request (zod is the biggest part of the bundle).
 */
type Issue = Parameters<typeof describeIssue>[0];
type SafeResult<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };
interface Parser<T> {
  safeParse(value: unknown, params: { reportInput: true }): SafeResult<T>;
}

// The same shapes apps/api/src/open-data.ts declares for its responses.
const PublicDistrictOrNull = PublicDistrictSchema.nullable();
const PublicTownList = PublicTownSchema.array();
const CityDistrictList = PublicDistrictSchema.extend({ isHome: DistrictSchema.shape.isHome }).array();

function invalidResponse(url: string, issue: Issue): ApiError {
  const field = describeIssue(issue);
  return new ApiError({
    code: "INVALID_RESPONSE",
    text: {
      zh: `服务器返回的数据不符合接口约定（${url}）：${field.message.zh}`,
      en: `The server's response does not match the documented format (${url}): ${field.message.en}`,
    },
    fieldErrors: [field],
  });
}

/** An issue for the few checks done by hand, worded like zod's by the same `describeIssue`. */
function issue(path: PropertyKey[], input: unknown, rule: { expected: string } | { values: string[] }): Issue {
  const code = "values" in rule ? "invalid_value" : "invalid_type";
  return { code, ...rule, path, input, message: "" } as unknown as Issue;
}

function asRecord(url: string, body: unknown, path: PropertyKey[] = []): Record<string, unknown> {
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw invalidResponse(url, issue(path, body, { expected: "object" }));
}

/** Validates one property of a response; issue paths are reported from the response root. */
function field<T>(url: string, body: Record<string, unknown>, key: string, schema: Parser<T>): T {
  // `reportInput` lets describeIssue tell a wrong type from a missing field (zod leaves input out by default).
  const result = schema.safeParse(body[key], { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  throw invalidResponse(url, { ...first, path: [key, ...first.path] } as Issue);
}

export function parseDistrictOverview(url: string, json: unknown): DistrictOverview {
  const body = asRecord(url, json);
  return { district: field(url, body, "district", PublicDistrictOrNull), towns: field(url, body, "towns", PublicTownList) };
}

export function parseCityDistricts(url: string, json: unknown): CityDistrict[] {
  return field(url, asRecord(url, json), "items", CityDistrictList);
}

export function parseModules(url: string, json: unknown): PortalModule[] {
  const body = asRecord(url, json);
  if (!Array.isArray(body.items)) throw invalidResponse(url, issue(["items"], body.items, { expected: "array" }));
  return body.items.map((raw, i): PortalModule => {
    const item = asRecord(url, raw, ["items", i]);
    for (const key of ["key", "zh", "en"] as const) {
      if (typeof item[key] !== "string") throw invalidResponse(url, issue(["items", i, key], item[key], { expected: "string" }));
    }
    if (item.status !== "available" && item.status !== "planned") {
      throw invalidResponse(url, issue(["items", i, "status"], item.status, { values: ["available", "planned"] }));
    }
    if (!isBilingual(item.publishes)) throw invalidResponse(url, issue(["items", i, "publishes"], item.publishes, { expected: "{ zh, en }" }));
    return {
      key: item.key as string,
      zh: item.zh as string,
      en: item.en as string,
      status: item.status,
      publishes: { zh: item.publishes.zh, en: item.publishes.en },
    };
  });
}

export function parseOpenApiEndpoints(url: string, json: unknown): OpenDataEndpoint[] {
  const paths = asRecord(url, asRecord(url, json).paths, ["paths"]);
  return Object.entries(paths).flatMap(([path, ops]) => {
    const get = (ops as { get?: { summary?: unknown } } | null)?.get;
    return get ? [{ path, summary: typeof get.summary === "string" ? get.summary : "" }] : [];
  });
}
