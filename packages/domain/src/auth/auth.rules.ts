import type { Actor, Role } from "./auth.schema";
import { SECTIONS } from "./auth.schema";

/**
 * The data scope of an actor: bureau roles see the whole district, a town officer only their town,
 * a unit reporter only their unit. Every scoped read in every module takes one of these.
 */
export type DataScope = { kind: "all" } | { kind: "town"; townId: string } | { kind: "unit"; unitId: string };

export function scopeOf(actor: Pick<Actor, "role" | "townId" | "unitId">): DataScope {
  if (actor.role === "town_officer") {
    if (!actor.townId) throw new Error("town_officer without townId");
    return { kind: "town", townId: actor.townId };
  }
  if (actor.role === "unit_reporter") {
    if (!actor.unitId) throw new Error("unit_reporter without unitId");
    return { kind: "unit", unitId: actor.unitId };
  }
  return { kind: "all" };
}

/** Bureau-wide roles: administrators, leaders and section staff (not scoped to a town or unit). */
export function isBureauRole(role: Role): boolean {
  return role === "admin" || role === "leader" || (SECTIONS as readonly string[]).includes(role);
}

/** Only system administrators manage accounts. */
export function canManageUsers(role: Role): boolean {
  return role === "admin";
}

/** The audit trail and the job-run log are for leaders and administrators. */
export function canBrowseAudit(role: Role): boolean {
  return role === "admin" || role === "leader";
}

/** Whether a record owned by a town/unit is visible within a scope. */
export function isInScope(scope: DataScope, owner: { townId?: string | null; unitId?: string | null }): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "town") return owner.townId === scope.townId;
  return owner.unitId === scope.unitId;
}

/**
 * Login throttling: after MAX_FAILED_LOGINS failures for one username or one address within the
 * window, further attempts are refused until the window passes (GB/T 22239-2019 8.1.4.1 b).
 */
export const LOGIN_THROTTLE = { maxFailures: 5, windowMinutes: 15 } as const;

export function isLoginThrottled(recentFailures: number): boolean {
  return recentFailures >= LOGIN_THROTTLE.maxFailures;
}

/** Session lifetime; sliding renewal happens when less than half remains. */
export const SESSION_TTL_HOURS = 12;
