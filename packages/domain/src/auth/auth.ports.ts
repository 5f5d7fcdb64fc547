import type { AuditLog } from "../shared/ports";
import type { Actor, CreateUserInput, Role, UpdateUserInput, User } from "./auth.schema";

export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface UserRepository {
  findByUsername(username: string): Promise<UserWithSecret | null>;
  findById(id: string): Promise<UserWithSecret | null>;
  list(filter: { role?: Role; search?: string; townId?: string; unitId?: string }): Promise<User[]>;
  insert(input: Omit<CreateUserInput, "password"> & { passwordHash: string }): Promise<User>;
  update(input: UpdateUserInput): Promise<User>;
  setPassword(id: string, passwordHash: string, at: Date): Promise<void>;
  touchLogin(id: string, at: Date): Promise<void>;
}

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
  actor: Actor;
}

export interface SessionRepository {
  create(s: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<string>;
  findActiveByTokenHash(tokenHash: string, now: Date): Promise<SessionRecord | null>;
  extend(id: string, expiresAt: Date, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string, exceptId?: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

export interface LoginAttemptRepository {
  record(a: { username: string; ip: string | null; at: Date; success: boolean }): Promise<void>;
  countRecentFailures(q: { username: string; ip: string | null; since: Date }): Promise<number>;
  deleteOlderThan(before: Date): Promise<number>;
}

export interface AuthRepos {
  users: UserRepository;
  sessions: SessionRepository;
  loginAttempts: LoginAttemptRepository;
  audit: AuditLog;
}
