import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

/** A table's size and what the planner last learned of it (`pg_class`), and the changes counted since (`pg_stat`). */
export interface TableStatistics {
  schema: string;
  table: string;
  /** Pages the table has now. */
  pages: number;
  /** Pages at its last ANALYZE (or VACUUM); 0 if never. */
  analyzedPages: number;
  /** Rows at its last ANALYZE; -1 if never analysed. */
  analyzedRows: number;
  /** Rows inserted, updated or deleted since its last ANALYZE, as far as this server counted them (0 if not). */
  modifiedRows: number;
}

/**
 * The planner's statistics: whether autovacuum keeps them (PostgreSQL's background worker; PGlite, one embedded
 * session, has none), every ordinary table's state, and ANALYZE.
 */
export function createStatisticsRepository(db: Kysely<Database>) {
  return {
    /** Whether an autovacuum launcher is running (the setting alone says nothing: PGlite reports it on). */
    async autovacuumRuns(): Promise<boolean> {
      const r = await sql<{ runs: boolean }>`
        select current_setting('autovacuum') = 'on'
          and exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as runs`.execute(db);
      return r.rows[0]?.runs === true;
    },

    /** Ordinary tables of every non-system schema (partitions included; their partitioned parents are not analysed alone). */
    async tables(): Promise<TableStatistics[]> {
      const r = await sql<TableStatistics>`
        select n.nspname as schema, c.relname as table,
          (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages,
          c.relpages as analyzed_pages, c.reltuples::float8 as analyzed_rows,
          coalesce(s.n_mod_since_analyze, 0)::float8 as modified_rows
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        left join pg_stat_user_tables s on s.relid = c.oid
        where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
        order by n.nspname, c.relname`.execute(db);
      return r.rows;
    },

    async analyze(t: { schema: string; table: string }): Promise<void> {
      await sql`analyze ${sql.id(t.schema, t.table)}`.execute(db);
    },
  };
}
export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
