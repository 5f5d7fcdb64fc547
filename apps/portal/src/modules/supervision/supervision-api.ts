import type { PublicRound } from "@ecogov/domain/supervision-tasks";
import { API_BASE, ApiError, getJson } from "../../api";

/**
 * Rectification progress of the disclosed inspection rounds, from the open-data API
 * (`GET /api/v1/supervision/rounds[?code=]`). One request per visit: the list's response already holds every
 * round, so opening a round from the list asks nothing more; a round opened directly asks for itself only.
 */
export const ROUNDS_URL = `${API_BASE}/supervision/rounds`;

let all: Promise<PublicRound[]> | null = null;
const single = new Map<string, Promise<PublicRound>>();

async function load(url: string): Promise<PublicRound[]> {
  const [v, json] = await Promise.all([import("./supervision-validation"), getJson(url)]);
  return v.parseRounds(url, json);
}

/** Every disclosed round (a failed request is forgotten, so "try again" asks again). */
export function fetchRounds(): Promise<PublicRound[]> {
  if (!all) {
    const p = load(ROUNDS_URL);
    all = p;
    p.catch(() => (all = null));
  }
  return all;
}

/** One disclosed round by its code; a round that is not (or no longer) disclosed reads as not found. */
export function fetchRound(code: string): Promise<PublicRound> {
  if (all) return all.then((rounds) => rounds.find((r) => r.code === code) ?? Promise.reject(notFound(code)));
  let p = single.get(code);
  if (!p) {
    const url = `${ROUNDS_URL}?code=${encodeURIComponent(code)}`;
    p = load(url).then((rounds) => rounds[0] ?? Promise.reject(notFound(code)));
    single.set(code, p);
    p.catch(() => single.delete(code));
  }
  return p;
}

function notFound(code: string): ApiError {
  return new ApiError({
    code: "ROUND_NOT_FOUND",
    text: { zh: `未找到已公开的督察轮次“${code}”`, en: `No disclosed inspection round "${code}"` },
    status: 404,
  });
}

/** For tests. */
export function clearSupervisionCache() {
  all = null;
  single.clear();
}
