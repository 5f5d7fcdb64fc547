import type { DataScope } from "@ecogov/domain/auth";
import type { InspectionLevel, Problem, Source, SourceKind, SupervisionSourceRepository } from "@ecogov/domain/supervision-tasks";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "../schema";
import type { SupervisionSourcesTable } from "./supervision-task.tables";
import { scopedTaskIds } from "./supervision-task.repository";

const COLUMNS = ["id", "kind", "parentId", "code", "title", "level", "issuedOn", "issuer", "description", "disclosed", "dueSoonWorkingDays", "escalateAfterWorkingDays", "createdAt", "updatedAt"] as const;
const PROBLEM_COLUMNS = ["id", "sourceId", "code", "title", "description"] as const;

function toSource(row: Pick<Selectable<SupervisionSourcesTable>, (typeof COLUMNS)[number]>): Source {
  return { ...row, kind: row.kind as SourceKind, level: row.level as InspectionLevel | null };
}

export function createSupervisionSourceRepository(db: Kysely<Database>): SupervisionSourceRepository {
  const base = () => db.selectFrom("supervisionSources").select(COLUMNS);

  /** Sources holding a task in scope, and the rounds above those plans. */
  function inScope<Q extends { where: (...a: any[]) => Q }>(q: Q, scope: DataScope): Q {
    const tasks = scopedTaskIds(db, scope);
    if (!tasks) return q;
    const holding = db.selectFrom("supervisionTasks").select("sourceId").where("id", "in", tasks);
    return q.where((eb: any) =>
      eb.or([eb("id", "in", holding), eb("id", "in", db.selectFrom("supervisionSources as c").select("c.parentId").where("c.id", "in", holding).where("c.parentId", "is not", null))]),
    );
  }

  return {
    async list(scope, filter) {
      let q = inScope(base(), scope).orderBy("code");
      if (filter.kind) q = q.where("kind", "=", filter.kind);
      if (filter.parentId) q = q.where("parentId", "=", filter.parentId);
      return (await q.execute()).map(toSource);
    },
    async find(scope, id) {
      const row = await inScope(base(), scope).where("id", "=", id).executeTakeFirst();
      return row ? toSource(row) : null;
    },
    async findByCode(code) {
      const row = await base().where("code", "=", code).executeTakeFirst();
      return row ? toSource(row) : null;
    },
    async listDisclosedRounds() {
      return (await base().where("kind", "=", "inspection_round").where("disclosed", "=", true).orderBy("issuedOn", "desc").orderBy("code").execute()).map(toSource);
    },
    async insert(s) {
      const row = await db
        .insertInto("supervisionSources")
        .values({
          kind: s.kind,
          parentId: s.parentId,
          code: s.code,
          title: s.title,
          level: s.level,
          issuedOn: s.issuedOn,
          issuer: s.issuer,
          description: s.description,
          disclosed: s.disclosed,
          dueSoonWorkingDays: s.dueSoonWorkingDays,
          escalateAfterWorkingDays: s.escalateAfterWorkingDays,
          createdBy: s.createdBy,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toSource(row);
    },
    async update({ id, ...s }) {
      const row = await db.updateTable("supervisionSources").set({ ...s, updatedAt: new Date() }).where("id", "=", id).returning(COLUMNS).executeTakeFirstOrThrow();
      return toSource(row);
    },
    listProblems: (sourceId) => db.selectFrom("supervisionProblems").select(PROBLEM_COLUMNS).where("sourceId", "=", sourceId).orderBy("code").execute() as Promise<Problem[]>,
    findProblem: async (id) => (await db.selectFrom("supervisionProblems").select(PROBLEM_COLUMNS).where("id", "=", id).executeTakeFirst()) ?? null,
    findProblemByCode: async (sourceId, code) =>
      (await db.selectFrom("supervisionProblems").select(PROBLEM_COLUMNS).where("sourceId", "=", sourceId).where("code", "=", code).executeTakeFirst()) ?? null,
    insertProblem: (p) => db.insertInto("supervisionProblems").values(p).returning(PROBLEM_COLUMNS).executeTakeFirstOrThrow(),
    updateProblem: (id, p) => db.updateTable("supervisionProblems").set({ ...p, updatedAt: new Date() }).where("id", "=", id).returning(PROBLEM_COLUMNS).executeTakeFirstOrThrow(),
  };
}
