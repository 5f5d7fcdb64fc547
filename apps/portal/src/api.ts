import type { BilingualText } from "@ecogov/domain/errors";
import type { PublicDistrictSchema, PublicTownSchema } from "@ecogov/domain/org";
import { ApiError, isBilingual } from "./api-error";

/**
 * The portal's client of the public open-data API (`/api/v1`, apps/api/src/open-data.ts).
 * Every response is validated with the domain's public schemas (./api-validation) before a page
 * sees it; network, HTTP, JSON and validation failures all become an ApiError in both languages.
 */
export { ApiError, toApiError } from "./api-error";

export const API_BASE = "/api/v1";
export const API_DOCS_URL = "/api/docs";
export const OPENAPI_URL = `${API_BASE}/openapi.json`;

export type PublicDistrict = ReturnType<typeof PublicDistrictSchema.parse>;
export type PublicTown = ReturnType<typeof PublicTownSchema.parse>;
export type CityDistrict = PublicDistrict & { isHome: boolean };
export interface DistrictOverview {
  district: PublicDistrict | null;
  towns: PublicTown[];
}
export interface PortalModule {
  key: string;
  zh: string;
  en: string;
  status: "available" | "planned";
  publishes: BilingualText;
}
export interface OpenDataEndpoint {
  path: string;
  summary: string;
}

/** GETs JSON from the API; network, HTTP and JSON failures all become an ApiError. */
export async function getJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: "application/json" } });
  } catch {
    throw new ApiError({
      code: "NETWORK",
      text: { zh: "无法连接服务器，请检查网络后重试", en: "Could not reach the server; check your connection and try again" },
    });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (error && typeof error.code === "string" && isBilingual(error.message)) {
      throw new ApiError({ code: error.code, text: { zh: error.message.zh, en: error.message.en }, status: res.status });
    }
    throw new ApiError({
      code: `HTTP_${res.status}`,
      text: { zh: `服务器返回错误（HTTP ${res.status}），请稍后再试`, en: `The server returned an error (HTTP ${res.status}); please try again later` },
      status: res.status,
    });
  }
  if (body === undefined) {
    throw new ApiError({
      code: "INVALID_RESPONSE",
      text: { zh: `服务器返回的不是有效的 JSON（${url}）`, en: `The server did not return valid JSON (${url})` },
      status: res.status,
    });
  }
  return body;
}

type Validation = typeof import("./api-validation");

/** Fetches and validates in parallel with loading the validators. */
async function getValidated<T>(url: string, parse: (v: Validation, url: string, json: unknown) => T): Promise<T> {
  const [validation, json] = await Promise.all([import("./api-validation"), getJson(url)]);
  return parse(validation, url, json);
}

// One request per resource per visit: the header and the home page share the district.
// A failed request is forgotten, so "try again" really asks the server again.
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Forgets every cached response (tests, and a future "refresh" action). */
export function clearApiCache() {
  cache.clear();
}

/** `GET /api/v1/district`: our district and its towns and streets. */
export function fetchDistrictOverview(): Promise<DistrictOverview> {
  const url = `${API_BASE}/district`;
  return cached(url, () => getValidated(url, (v, u, json) => v.parseDistrictOverview(u, json)));
}

/** `GET /api/v1/districts`: the city's districts, the set rankings compare within. */
export function fetchCityDistricts(): Promise<CityDistrict[]> {
  const url = `${API_BASE}/districts`;
  return cached(url, () => getValidated(url, (v, u, json) => v.parseCityDistricts(u, json)));
}

/** `GET /api/v1/modules`: the platform's modules and what each publishes. */
export function fetchModules(): Promise<PortalModule[]> {
  const url = `${API_BASE}/modules`;
  return cached(url, () => getValidated(url, (v, u, json) => v.parseModules(u, json)));
}

/** The endpoints the API documents about itself, so the open-data page lists exactly what is served. */
export function fetchOpenDataEndpoints(): Promise<OpenDataEndpoint[]> {
  return cached(OPENAPI_URL, () => getValidated(OPENAPI_URL, (v, u, json) => v.parseOpenApiEndpoints(u, json)));
}
