import { z } from "zod";

/** One change to one entity, written in the same transaction as the change itself. */
export const AuditEventSchema = z.object({
  id: z.uuid(),
  at: z.date(),
  actorId: z.uuid().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.object({
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(60).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** What a change records; the repository adds id and time. */
export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Fields never written into the audit trail (secrets), removed before before/after are stored. */
export const AUDIT_REDACTED_FIELDS = ["password", "passwordHash", "newPassword", "currentPassword", "tokenHash"] as const;

export function redactForAudit(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value ?? null;
  if (Array.isArray(value)) return value.map(redactForAudit);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = (AUDIT_REDACTED_FIELDS as readonly string[]).includes(k) ? "[redacted]" : v instanceof Date ? v.toISOString() : redactForAudit(v);
  }
  return out;
}
