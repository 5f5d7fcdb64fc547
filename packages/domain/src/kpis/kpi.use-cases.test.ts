import { beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "../audit/audit.schema";
import type { Actor } from "../auth/auth.schema";
import { fixedClock } from "../shared/ports";
import type { KpiRepos } from "./kpi.ports";
import type { Kpi } from "./kpi.schema";
import { createKpi, listKpis, updateKpi } from "./kpi.use-cases";

const actor = (role: Actor["role"]): Actor => ({ userId: "00000000-0000-4000-8000-0000000000aa", username: role, displayName: "李监测", role, townId: null, unitId: null });

function memoryKpis() {
  const rows = new Map<string, Kpi>();
  const audit: AuditEntry[] = [];
  let n = 0;
  const repos: KpiRepos = {
    audit: { record: async (e) => void audit.push(e) },
    kpis: {
      list: async (q) =>
        [...rows.values()].filter((k) => (q.year === undefined || (k.periodFrom <= `${q.year}-12-31` && k.periodTo >= `${q.year}-01-01`)) && (q.code === undefined || k.code === q.code)),
      findById: async (id) => rows.get(id) ?? null,
      findByCodeAndPeriod: async (code, from, to) => [...rows.values()].find((k) => k.code === code && k.periodFrom === from && k.periodTo === to) ?? null,
      insert: async (k, at) => {
        const row: Kpi = { id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`, ...k, createdAt: at, updatedAt: at };
        rows.set(row.id, row);
        return row;
      },
      update: async (id, k, at) => {
        const row: Kpi = { ...rows.get(id)!, ...k, updatedAt: at };
        rows.set(id, row);
        return row;
      },
    },
  };
  return { repos, audit, uow: { run: <T>(fn: (r: KpiRepos) => Promise<T>) => fn(repos) } };
}

const NH3 = { code: "NH3N_REDUCTION", name: "氨氮减排量", nameEn: "Ammonia-nitrogen reduction", unit: "t", periodFrom: "2026-01-01", periodTo: "2026-12-31", target: "120", value: "86.5", direction: "higher_better", source: "区生态环境局总量科" };

let mem: ReturnType<typeof memoryKpis>;
let deps: { uow: ReturnType<typeof memoryKpis>["uow"]; clock: ReturnType<typeof fixedClock> };
beforeEach(() => {
  mem = memoryKpis();
  deps = { uow: mem.uow, clock: fixedClock("2026-06-30T10:00:00+08:00") };
});

describe("KPI registry", () => {
  it("section staff enter a KPI, shown against target with the gap, audited", async () => {
    const k = await createKpi(deps, actor("monitoring"), NH3, "req-1");
    expect(k).toMatchObject({ code: "NH3N_REDUCTION", target: "120", value: "86.5", enteredBy: "李监测 (monitoring)", progress: { status: "not_met", gap: "33.5", percentOfTarget: 72.08 } });
    expect(mem.audit).toMatchObject([{ action: "kpi.create", entityType: "kpi", entityId: k.id, requestId: "req-1" }]);
  });

  it("normalises decimals exactly and accepts numbers", async () => {
    const k = await createKpi(deps, null, { ...NH3, target: 120.0, value: "086.50", note: "  " });
    expect(k).toMatchObject({ target: "120", value: "86.5", note: null, enteredBy: "command line" });
  });

  it("updates with before and after in the audit trail, and refuses a duplicate code and period", async () => {
    const k = await createKpi(deps, actor("monitoring"), NH3);
    const u = await updateKpi(deps, actor("admin"), { ...NH3, id: k.id, value: "121" });
    expect(u.progress.status).toBe("met");
    expect(mem.audit[1]).toMatchObject({ action: "kpi.update", before: { value: "86.5" }, after: { value: "121" } });
    const e = await createKpi(deps, actor("monitoring"), NH3).catch((x) => x);
    expect(e).toMatchObject({ code: "KPI_DUPLICATE", kind: "conflict", text: { zh: "指标 NH3N_REDUCTION 在 2026-01-01 至 2026-12-31 期间已存在" } });
  });

  it.each([
    [{ periodTo: "2025-12-31" }, "periodTo", "period_order"],
    [{ target: "lots" }, "target", "decimal"],
    [{ code: "氨氮" }, "code", "code_chars"],
    [{ direction: "up" }, "direction", "one_of"],
    [{ periodFrom: "2026-02-30" }, "periodFrom", "date_format"],
  ])("rejects %o naming %s and the rule", async (patch, path, rule) => {
    const e = await createKpi(deps, actor("monitoring"), { ...NH3, ...patch }).catch((x) => x);
    expect(e.kind).toBe("invalid");
    expect(e.details.fieldErrors[0]).toMatchObject({ path, rule });
  });

  it("leaders and town officers may read but not enter KPIs", async () => {
    await expect(createKpi(deps, actor("leader"), NH3)).rejects.toMatchObject({ code: "KPI_FORBIDDEN", kind: "forbidden" });
    await expect(updateKpi(deps, actor("town_officer"), { ...NH3, id: "00000000-0000-4000-8000-000000000001" })).rejects.toMatchObject({ code: "KPI_FORBIDDEN" });
  });

  it("lists one year's KPIs with progress", async () => {
    await createKpi(deps, null, NH3);
    await createKpi(deps, null, { ...NH3, periodFrom: "2025-01-01", periodTo: "2025-12-31", value: "130" });
    const list = await listKpis(mem.repos.kpis, { year: "2025" });
    expect(list.map((k) => [k.periodFrom, k.progress.status])).toEqual([["2025-01-01", "met"]]);
    await expect(listKpis(mem.repos.kpis, { year: "20x5" })).rejects.toMatchObject({ kind: "invalid" });
  });

  it("an update of a missing KPI is not found", async () => {
    await expect(updateKpi(deps, null, { ...NH3, id: "00000000-0000-4000-8000-00000000ffff" })).rejects.toMatchObject({ code: "KPI_NOT_FOUND", kind: "not_found" });
  });
});
