/** The current instant; injected so rules and use cases never call `new Date()` themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A fixed or steerable clock for tests and for replaying deadlines. */
export function fixedClock(at: Date | string): Clock & { set(next: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
  };
}

/**
 * Runs a command in one database transaction: every repository handed to `fn` writes through the
 * same transaction, so a command either lands whole (with its audit event) or not at all.
 * `TRepos` is whatever repositories the use case needs; the db package's set satisfies it structurally.
 */
export interface UnitOfWork<TRepos> {
  run<T>(fn: (repos: TRepos) => Promise<T>): Promise<T>;
}

/** Writes audit events; always used through the command's own transaction. */
export interface AuditLog {
  record(entry: import("../audit/audit.schema").AuditEntry): Promise<void>;
}

/** Password hashing (memory-hard), implemented outside the domain. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Random, unguessable tokens (session ids) and their stored one-way hash. */
export interface TokenService {
  generate(): string;
  hash(token: string): string;
}
