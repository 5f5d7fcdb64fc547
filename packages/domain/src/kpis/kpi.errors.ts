import { DomainError } from "../shared/domain-error";

export const kpiErrors = {
  /** No KPI with that id. */
  notFound: (id: string) => new DomainError({ code: "KPI_NOT_FOUND", kind: "not_found", text: { zh: `指标 ${id} 不存在`, en: `KPI ${id} does not exist` } }),
  /** Another KPI already has this code for exactly this period. */
  duplicate: (code: string, from: string, to: string) => {
    const text = { zh: `指标 ${code} 在 ${from} 至 ${to} 期间已存在`, en: `KPI ${code} already exists for ${from} to ${to}` };
    return new DomainError({ code: "KPI_DUPLICATE", kind: "conflict", text, details: { fieldErrors: [{ path: "code", rule: "unique", message: text }] } });
  },
  /** The actor's role may not enter KPIs. */
  forbidden: () => new DomainError({ code: "KPI_FORBIDDEN", kind: "forbidden", text: { zh: "无权填报指标", en: "Not allowed to enter KPIs" } }),
};
