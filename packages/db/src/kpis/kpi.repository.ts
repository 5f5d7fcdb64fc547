import type { Kpi, KpiRepository, KpiWrite } from "@ecogov/domain/kpis";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const COLUMNS = ["id", "code", "name", "nameEn", "unit", "periodFrom", "periodTo", "target", "value", "direction", "source", "note", "enteredBy", "createdAt", "updatedAt"] as const;

const toRow = (k: KpiWrite) => ({
  code: k.code,
  name: k.name,
  nameEn: k.nameEn,
  unit: k.unit,
  periodFrom: k.periodFrom,
  periodTo: k.periodTo,
  target: k.target,
  value: k.value,
  direction: k.direction,
  source: k.source,
  note: k.note,
  enteredBy: k.enteredBy,
});

export function createKpiRepository(db: Kysely<Database>): KpiRepository {
  const select = () => db.selectFrom("kpis").select(COLUMNS);
  // numeric comes back as text; normalise "120.0" style scale so the value reads as entered ("120").
  const toKpi = (r: Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirstOrThrow"]>>): Kpi => ({ ...r, target: trimScale(r.target), value: trimScale(r.value) });
  return {
    async list(q) {
      let s = select();
      if (q.year !== undefined) s = s.where("periodFrom", "<=", `${q.year}-12-31`).where("periodTo", ">=", `${q.year}-01-01`);
      if (q.code !== undefined) s = s.where("code", "=", q.code);
      return (await s.orderBy("periodFrom").orderBy("code").orderBy("periodTo").execute()).map(toKpi);
    },
    findById: async (id) => {
      const r = await select().where("id", "=", id).executeTakeFirst();
      return r ? toKpi(r) : null;
    },
    findByCodeAndPeriod: async (code, from, to) => {
      const r = await select().where("code", "=", code).where("periodFrom", "=", from).where("periodTo", "=", to).executeTakeFirst();
      return r ? toKpi(r) : null;
    },
    async insert(k, at) {
      return toKpi(await db.insertInto("kpis").values({ ...toRow(k), createdAt: at, updatedAt: at }).returning(COLUMNS).executeTakeFirstOrThrow());
    },
    async update(id, k, at) {
      return toKpi(await db.updateTable("kpis").set({ ...toRow(k), updatedAt: at }).where("id", "=", id).returning(COLUMNS).executeTakeFirstOrThrow());
    },
  };
}

function trimScale(v: string | null): string | null {
  return v !== null && v.includes(".") ? v.replace(/\.?0+$/, "") : v;
}
