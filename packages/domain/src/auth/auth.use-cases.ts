import { parseOrThrow } from "../shared/domain-error";
import type { Clock, PasswordHasher, TokenService, UnitOfWork } from "../shared/ports";
import { authErrors } from "./auth.errors";
import type { AuthRepos, SessionRecord } from "./auth.ports";
import { canManageUsers, isLoginThrottled, LOGIN_THROTTLE, SESSION_TTL_HOURS } from "./auth.rules";
import {
  ChangePasswordInputSchema,
  CreateUserInputSchema,
  LoginInputSchema,
  ResetPasswordInputSchema,
  UpdateUserInputSchema,
  type Actor,
  type User,
} from "./auth.schema";

export interface AuthDeps {
  uow: UnitOfWork<AuthRepos>;
  clock: Clock;
  passwords: PasswordHasher;
  tokens: TokenService;
}

const HOUR = 3_600_000;
const actorName = (a: Actor | null) => (a ? `${a.displayName} (${a.username})` : "system");
const publicUser = ({ passwordHash: _ignored, ...u }: User & { passwordHash?: string }): User => u;

/** Logs a user in: throttled per username and address, audited, returns a fresh session token. */
export async function login(
  deps: AuthDeps,
  raw: unknown,
  meta: { ip: string | null; userAgent: string | null; requestId?: string | null },
): Promise<{ token: string; expiresAt: Date; user: User }> {
  const input = parseOrThrow(LoginInputSchema, raw);
  const now = deps.clock.now();
  const username = input.username.toLowerCase();
  // Throttle check and attempt record commit even when the login fails, so they are separate units.
  const failures = await deps.uow.run((r) =>
    r.loginAttempts.countRecentFailures({ username, ip: meta.ip, since: new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000) }),
  );
  if (isLoginThrottled(failures)) throw authErrors.throttled(LOGIN_THROTTLE.windowMinutes);

  const user = await deps.uow.run((r) => r.users.findByUsername(username));
  const ok = !!user && user.active && (await deps.passwords.verify(user.passwordHash, input.password));
  if (!ok || !user) {
    await deps.uow.run((r) => r.loginAttempts.record({ username, ip: meta.ip, at: now, success: false }));
    throw authErrors.badCredentials();
  }
  const token = deps.tokens.generate();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_HOURS * HOUR);
  await deps.uow.run(async (r) => {
    await r.loginAttempts.record({ username, ip: meta.ip, at: now, success: true });
    const sessionId = await r.sessions.create({ tokenHash: deps.tokens.hash(token), userId: user.id, createdAt: now, expiresAt, ip: meta.ip, userAgent: meta.userAgent });
    await r.users.touchLogin(user.id, now);
    await r.audit.record({
      actorId: user.id,
      actorName: `${user.displayName} (${user.username})`,
      action: "login",
      entityType: "session",
      entityId: sessionId,
      after: { ip: meta.ip, userAgent: meta.userAgent },
      requestId: meta.requestId ?? null,
    });
  });
  return { token, expiresAt, user: publicUser(user) };
}

/** Resolves a session token to its actor, sliding the expiry when less than half the lifetime remains. */
export async function authenticate(deps: AuthDeps, token: string): Promise<SessionRecord | null> {
  const now = deps.clock.now();
  return deps.uow.run(async (r) => {
    const s = await r.sessions.findActiveByTokenHash(deps.tokens.hash(token), now);
    if (!s) return null;
    if (s.expiresAt.getTime() - now.getTime() < (SESSION_TTL_HOURS * HOUR) / 2) {
      const expiresAt = new Date(now.getTime() + SESSION_TTL_HOURS * HOUR);
      await r.sessions.extend(s.id, expiresAt, now);
      return { ...s, expiresAt };
    }
    return s;
  });
}

/** Ends one session (logout), audited. */
export async function logout(deps: AuthDeps, session: SessionRecord, requestId: string | null) {
  await deps.uow.run(async (r) => {
    await r.sessions.delete(session.id);
    await r.audit.record({ actorId: session.actor.userId, actorName: actorName(session.actor), action: "logout", entityType: "session", entityId: session.id, requestId });
  });
}

/** Changes the actor's own password after checking the current one; other sessions are ended. */
export async function changePassword(deps: AuthDeps, actor: Actor, sessionId: string, raw: unknown, requestId: string | null) {
  const input = parseOrThrow(ChangePasswordInputSchema, raw);
  const user = await deps.uow.run((r) => r.users.findById(actor.userId));
  if (!user) throw authErrors.userNotFound(actor.userId);
  if (!(await deps.passwords.verify(user.passwordHash, input.currentPassword))) throw authErrors.wrongCurrentPassword();
  const hash = await deps.passwords.hash(input.newPassword);
  await deps.uow.run(async (r) => {
    await r.users.setPassword(actor.userId, hash, deps.clock.now());
    await r.sessions.deleteForUser(actor.userId, sessionId);
    await r.audit.record({ actorId: actor.userId, actorName: actorName(actor), action: "password.change", entityType: "user", entityId: actor.userId, requestId });
  });
}

function requireUserAdmin(actor: Actor | null) {
  if (actor && !canManageUsers(actor.role)) throw authErrors.forbidden("manage users");
}

/** Creates a user account (admins only; `null` actor = the command line, which runs as the operator). */
export async function createUser(deps: AuthDeps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<User> {
  requireUserAdmin(actor);
  const input = parseOrThrow(CreateUserInputSchema, raw);
  const { password, ...rest } = input;
  const passwordHash = await deps.passwords.hash(password);
  return deps.uow.run(async (r) => {
    if (await r.users.findByUsername(rest.username)) throw authErrors.usernameTaken(rest.username);
    const user = await r.users.insert({ ...rest, passwordHash });
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "user.create", entityType: "user", entityId: user.id, after: user, requestId });
    return user;
  });
}

/** Updates a user's profile, role, scope or active flag; deactivation ends their sessions. */
export async function updateUser(deps: AuthDeps, actor: Actor, raw: unknown, requestId: string | null): Promise<User> {
  requireUserAdmin(actor);
  const input = parseOrThrow(UpdateUserInputSchema, raw);
  return deps.uow.run(async (r) => {
    const before = await r.users.findById(input.id);
    if (!before) throw authErrors.userNotFound(input.id);
    const other = await r.users.findByUsername(input.username);
    if (other && other.id !== input.id) throw authErrors.usernameTaken(input.username);
    const after = await r.users.update(input);
    if (!after.active) await r.sessions.deleteForUser(after.id);
    await r.audit.record({ actorId: actor.userId, actorName: actorName(actor), action: "user.update", entityType: "user", entityId: after.id, before: publicUser(before), after, requestId });
    return after;
  });
}

/** Sets a new password for a user (admin or command line); their sessions are ended. */
export async function resetPassword(deps: AuthDeps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<void> {
  requireUserAdmin(actor);
  const input = parseOrThrow(ResetPasswordInputSchema, raw);
  const hash = await deps.passwords.hash(input.newPassword);
  await deps.uow.run(async (r) => {
    const user = await r.users.findById(input.id);
    if (!user) throw authErrors.userNotFound(input.id);
    await r.users.setPassword(input.id, hash, deps.clock.now());
    await r.sessions.deleteForUser(input.id);
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "user.reset_password", entityType: "user", entityId: input.id, requestId });
  });
}
