import { fixedClock } from "@ecogov/domain";
import { createKpi, listKpis, updateKpi } from "@ecogov/domain/kpis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createRepositories, createUnitOfWork } from "../repositories";
import { createTestDb } from "../testing";

let h: DbHandle;
const deps = () => ({ uow: createUnitOfWork(h.db), clock: fixedClock("2026-06-30T10:00:00+08:00") });
const MANURE = { code: "MANURE_USE", name: "畜禽粪污综合利用率", nameEn: "Livestock manure utilisation rate", unit: "%", periodFrom: "2026-01-01", periodTo: "2026-12-31", target: "90", value: "88.65", direction: "higher_better", source: "区农业农村局" };

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

describe("KPI repository", () => {
  it("stores exact decimals and dates, and lists a year's KPIs", async () => {
    const k = await createKpi(deps(), null, MANURE);
    expect(k).toMatchObject({ periodFrom: "2026-01-01", periodTo: "2026-12-31", target: "90", value: "88.65", enteredBy: "command line", progress: { status: "not_met", gap: "1.35" } });
    await createKpi(deps(), null, { ...MANURE, periodFrom: "2025-01-01", periodTo: "2025-12-31", value: "91.2" });
    await createKpi(deps(), null, { ...MANURE, code: "FERTILISER_CUT", name: "化肥使用量减量", nameEn: "Fertiliser use reduction", unit: "t", target: "0.1", value: null, direction: "lower_better" });
    const list = await listKpis(createRepositories(h.db).kpis, { year: 2026 });
    expect(list.map((x) => [x.code, x.progress.status])).toEqual([
      ["FERTILISER_CUT", "no_value"],
      ["MANURE_USE", "not_met"],
    ]);
    expect((await listKpis(createRepositories(h.db).kpis, { year: 2025 })).map((x) => x.value)).toEqual(["91.2"]);
  });

  it("updates with an audit entry and refuses a second KPI with the same code and period", async () => {
    const [k] = await listKpis(createRepositories(h.db).kpis, { code: "MANURE_USE", year: 2026 });
    const u = await updateKpi(deps(), null, { ...MANURE, id: k!.id, value: "90.00" });
    expect(u).toMatchObject({ value: "90", progress: { status: "met", gap: "0" } });
    const audit = await createRepositories(h.db).audit.query({ entityType: "kpi", entityId: k!.id, limit: 5, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(["kpi.update", "kpi.create"]);
    await expect(createKpi(deps(), null, MANURE)).rejects.toMatchObject({ code: "KPI_DUPLICATE" });
  });
});
