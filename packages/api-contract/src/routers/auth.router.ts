import { changePassword, login, logout, ActorSchema } from "@ecogov/domain/auth";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure, publicProcedure } from "../trpc";

export const authRouter = {
  login: publicProcedure
    .input(z.unknown())
    .output(z.object({ actor: ActorSchema, expiresAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const { token, expiresAt, user } = await login(ctx.deps.auth, input, { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId });
      ctx.cookies.setSession(token, expiresAt);
      return { actor: { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, townId: user.townId, unitId: user.unitId }, expiresAt };
    }),
  me: publicProcedure.output(ActorSchema.nullable()).query(({ ctx }) => ctx.actor),
  logout: protectedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.deps.auth, ctx.session, ctx.requestId);
    ctx.cookies.clearSession();
    return { ok: true as const };
  }),
  changePassword: protectedProcedure.input(z.unknown()).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.deps.auth, ctx.actor, ctx.session.id, input, ctx.requestId);
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
