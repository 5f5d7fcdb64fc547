import { createUser, resetPassword, RoleSchema, updateUser } from "@ecogov/domain/auth";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { roleProcedure } from "../trpc";

const adminProcedure = roleProcedure(["admin"], "manage users");

export const usersRouter = {
  list: adminProcedure
    .input(z.object({ role: RoleSchema.optional(), search: z.string().max(40).optional() }).default({}))
    .query(({ ctx, input }) => ctx.deps.read.users.list(input)),
  create: adminProcedure.input(z.unknown()).mutation(({ ctx, input }) => createUser(ctx.deps.auth, ctx.actor, input, ctx.requestId)),
  update: adminProcedure.input(z.unknown()).mutation(({ ctx, input }) => updateUser(ctx.deps.auth, ctx.actor, input, ctx.requestId)),
  resetPassword: adminProcedure.input(z.unknown()).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.deps.auth, ctx.actor, input, ctx.requestId);
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
