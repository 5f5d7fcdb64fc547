import type { PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";

/**
 * Kysely dialect for PGlite. PGlite is a single Postgres session, so the driver hands out one
 * connection at a time: acquirers queue behind a promise chain and are released in order.
 * (kysely-pglite exists but pulls in ~118 packages; see STACK.md.)
 */
/**
 * The one queue in front of a PGlite instance. Every user of the instance (each Kysely client,
 * pg-boss's raw SQL) goes through it, so a transaction never sees another caller's statements.
 */
export class PGliteSession {
  private tail: Promise<void> = Promise.resolve();
  constructor(readonly pglite: PGlite) {}

  /** Waits for the session and returns the function that gives it back. */
  async acquire(): Promise<() => void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

export class PGliteDialect implements Dialect {
  private readonly session: PGliteSession;
  constructor(pgliteOrSession: PGlite | PGliteSession) {
    this.session = pgliteOrSession instanceof PGliteSession ? pgliteOrSession : new PGliteSession(pgliteOrSession);
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.session);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

const MUTATIONS = new Set(["InsertQueryNode", "UpdateQueryNode", "DeleteQueryNode", "MergeQueryNode"]);

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
    const isMutation = MUTATIONS.has(compiled.query.kind);
    return {
      rows: res.rows,
      ...(isMutation && res.affectedRows !== undefined ? { numAffectedRows: BigInt(res.affectedRows) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite dialect does not support streaming");
  }
}

class PGliteDriver implements Driver {
  private release: (() => void) | null = null;
  private readonly connection: PGliteConnection;

  constructor(private readonly session: PGliteSession) {
    this.connection = new PGliteConnection(session.pglite);
  }

  async init() {
    await this.session.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.session.acquire();
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw("begin"));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection() {
    const release = this.release;
    this.release = null;
    release?.();
  }

  // The handle that created the PGlite instance closes it (several Kysely clients share it).
  async destroy() {}
}
