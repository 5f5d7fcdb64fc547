import { DomainError, describeIssue, isDomainError, validationError, type DomainErrorKind } from "@ecogov/domain";
import { authErrors, type Role } from "@ecogov/domain/auth";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import type { Context } from "./context";

const KIND_TO_CODE: Record<DomainErrorKind, TRPCError["code"]> = {
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  invalid: "BAD_REQUEST",
  forbidden: "FORBIDDEN",
  unauthorized: "UNAUTHORIZED",
  rate_limited: "TOO_MANY_REQUESTS",
};

/** Turns any failure into a DomainError when it is one we understand (domain rule or bad input). */
function toDomainError(err: unknown): DomainError | null {
  if (isDomainError(err)) return err;
  if (err instanceof z.ZodError) return validationError(err);
  if (err instanceof TRPCError) {
    if (isDomainError(err.cause)) return err.cause;
    if (err.cause instanceof z.ZodError) return validationError(err.cause);
    if (err.code === "PARSE_ERROR" || err.code === "BAD_REQUEST")
      return new DomainError({ code: "REQUEST_MALFORMED", kind: "invalid", text: { zh: `请求格式错误：${err.message}`, en: `Malformed request: ${err.message}` } });
  }
  return null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter({ shape, error }) {
    const domain = toDomainError(error.cause ?? error) ?? toDomainError(error);
    const text = domain?.text ?? { zh: "服务器内部错误，请稍后再试", en: "Internal server error; please try again later" };
    return {
      message: text.en,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        domainError: domain ? { code: domain.code, text, details: domain.details ?? null } : { code: "INTERNAL", text, details: null },
      },
    };
  },
});

// Maps domain errors to transport codes in one place, for every procedure.
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const domain = toDomainError(result.error.cause ?? result.error);
    if (domain && result.error.code !== KIND_TO_CODE[domain.kind]) {
      throw new TRPCError({ code: KIND_TO_CODE[domain.kind], message: domain.message, cause: domain });
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, including anonymous citizens: only public procedures with `.output()` public schemas. */
export const publicProcedure = t.procedure.use(errorMapping);

/** A logged-in user; the data scope is derived from the actor once, in the context. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor || !ctx.scope || !ctx.session) throw authErrors.notLoggedIn();
  return next({ ctx: { ...ctx, actor: ctx.actor, scope: ctx.scope, session: ctx.session } });
});

/** A logged-in user holding one of the roles. */
export const roleProcedure = (roles: readonly Role[], action: string) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.actor.role)) throw authErrors.forbidden(action);
    return next();
  });

export { describeIssue };
