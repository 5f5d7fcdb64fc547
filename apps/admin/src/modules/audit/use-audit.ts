import type { AuditEvent } from "@ecogov/domain/audit";
import { keepPreviousData, useQuery } from "@tanstack/vue-query";
import { computed, type Ref } from "vue";
import { trpc } from "../../trpc";

export interface AuditFilter {
  entityType?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Actions and entity types written today (auth and users); the filters also offer any others seen in results. */
export const KNOWN_AUDIT_ACTIONS = ["login", "logout", "password.change", "user.create", "user.update", "user.reset_password"] as const;
export const KNOWN_AUDIT_ENTITY_TYPES = ["user", "session"] as const;

export function useAuditEvents(filter: Ref<AuditFilter>) {
  return useQuery({
    queryKey: computed(() => ["audit", "list", filter.value] as const),
    queryFn: (): Promise<{ total: number; items: AuditEvent[] }> => trpc.audit.list.query(filter.value),
    placeholderData: keepPreviousData,
  });
}
