import type { Actor } from "../auth/auth.schema";
import { parseOrThrow } from "../shared/domain-error";
import type { Clock, UnitOfWork } from "../shared/ports";
import { kpiErrors } from "./kpi.errors";
import type { KpiRepos, KpiRepository } from "./kpi.ports";
import type { KpiWithProgress } from "./kpi.rules";
import { canEditKpis, withProgress } from "./kpi.rules";
import { CreateKpiInputSchema, KpiQuerySchema, UpdateKpiInputSchema } from "./kpi.schema";

export interface KpiDeps {
  uow: UnitOfWork<KpiRepos>;
  clock: Clock;
}

const actorName = (a: Actor | null) => (a ? `${a.displayName} (${a.username})` : "command line");

function requireEditor(actor: Actor | null) {
  if (actor && !canEditKpis(actor.role)) throw kpiErrors.forbidden();
}

/** KPIs (optionally of one year or code) with their progress against target. */
export async function listKpis(repo: Pick<KpiRepository, "list">, raw: unknown): Promise<KpiWithProgress[]> {
  const q = parseOrThrow(KpiQuerySchema, raw ?? {});
  return (await repo.list(q)).map(withProgress);
}

/** Enters a KPI (section staff, administrators or the command line as `null`), audited. */
export async function createKpi(deps: KpiDeps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<KpiWithProgress> {
  requireEditor(actor);
  const input = parseOrThrow(CreateKpiInputSchema, raw);
  return deps.uow.run(async (r) => {
    if (await r.kpis.findByCodeAndPeriod(input.code, input.periodFrom, input.periodTo)) throw kpiErrors.duplicate(input.code, input.periodFrom, input.periodTo);
    const kpi = await r.kpis.insert({ ...input, enteredBy: actorName(actor) }, deps.clock.now());
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "kpi.create", entityType: "kpi", entityId: kpi.id, after: kpi, requestId });
    return withProgress(kpi);
  });
}

/** Corrects or completes a KPI (e.g. enters the year's value), audited with before and after. */
export async function updateKpi(deps: KpiDeps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<KpiWithProgress> {
  requireEditor(actor);
  const { id, ...input } = parseOrThrow(UpdateKpiInputSchema, raw);
  return deps.uow.run(async (r) => {
    const before = await r.kpis.findById(id);
    if (!before) throw kpiErrors.notFound(id);
    const other = await r.kpis.findByCodeAndPeriod(input.code, input.periodFrom, input.periodTo);
    if (other && other.id !== id) throw kpiErrors.duplicate(input.code, input.periodFrom, input.periodTo);
    const after = await r.kpis.update(id, { ...input, enteredBy: actorName(actor) }, deps.clock.now());
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "kpi.update", entityType: "kpi", entityId: id, before, after, requestId });
    return withProgress(after);
  });
}
