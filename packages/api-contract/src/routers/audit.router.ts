import { AuditQuerySchema } from "@ecogov/domain/audit";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../trpc";

export const auditRouter = {
  list: roleProcedure(["admin", "leader"], "browse the audit trail")
    .input(AuditQuerySchema)
    .query(({ ctx, input }) => ctx.deps.read.audit.query(input)),
} satisfies TRPCRouterRecord;
