import { DomainError } from "../shared/domain-error";

export const airComputeErrors = {
  /** A recomputation names stations that do not exist. */
  stationsNotFound: (ids: readonly string[]) =>
    new DomainError({
      code: "AIR_STATION_NOT_FOUND",
      kind: "not_found",
      text: { zh: `空气站点不存在：${ids.join("、")}`, en: `No such air station: ${ids.join(", ")}` },
      details: { fieldErrors: [{ path: "stationIds", rule: "exists", message: { zh: `站点不存在：${ids.join("、")}`, en: `Unknown stations: ${ids.join(", ")}` } }] },
    }),
  /** A query's area code is neither a district nor a station. */
  areaNotFound: (code: string) =>
    new DomainError({
      code: "AIR_AREA_NOT_FOUND",
      kind: "invalid",
      text: { zh: `区域代码 ${code} 既不是区县也不是站点`, en: `Area code ${code} is neither a district nor a station` },
      details: { fieldErrors: [{ path: "area", rule: "exists", message: { zh: `未知的区域代码：${code}`, en: `Unknown area code: ${code}` } }] },
    }),
  /** A dust day, published rank or target names a district that does not exist. */
  districtNotFound: (id: string) =>
    new DomainError({
      code: "AIR_DISTRICT_NOT_FOUND",
      kind: "not_found",
      text: { zh: `区县不存在：${id}`, en: `No such district: ${id}` },
      details: { fieldErrors: [{ path: "districtId", rule: "exists", message: { zh: "区县不存在", en: "No such district" } }] },
    }),
  /** Removing a dust day or published rank that is not there. */
  entryNotFound: (what: { zh: string; en: string }, key: string) =>
    new DomainError({ code: "AIR_ENTRY_NOT_FOUND", kind: "not_found", text: { zh: `${what.zh}不存在：${key}`, en: `No ${what.en} ${key}` } }),
  /** Only the monitoring section and administrators enter air data (dust days, published ranks, targets). */
  forbidden: (action: { zh: string; en: string }) =>
    new DomainError({
      code: "AIR_FORBIDDEN",
      kind: "forbidden",
      text: { zh: `只有监测股人员或管理员可以${action.zh}`, en: `Only monitoring staff or administrators may ${action.en}` },
    }),
};
