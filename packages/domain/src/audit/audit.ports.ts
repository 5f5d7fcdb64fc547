import type { AuditLog } from "../shared/ports";
import type { AuditEvent, AuditQuery } from "./audit.schema";

export interface AuditRepository extends AuditLog {
  query(q: AuditQuery): Promise<{ total: number; items: AuditEvent[] }>;
}
