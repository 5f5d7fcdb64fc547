import type { Role } from "@ecogov/domain/auth";
import type { SupervisionDeps, SupervisionReadDeps } from "@ecogov/domain/supervision-tasks";
import type { Context } from "../../context";
import { protectedProcedure, roleProcedure } from "../../trpc";

/** Supervision staff and leaders keep the ledger. */
export const MANAGERS: readonly Role[] = ["supervision", "leader"];
/** The supervising leader approves extensions and signs tasks off. */
export const DECIDERS: readonly Role[] = ["leader"];
/** Unit reporters file for their own unit's tasks; bureau staff may file for any unit of a task. */
export const REPORTERS: readonly Role[] = ["unit_reporter", "supervision", "leader"];

export const managerProcedure = roleProcedure(MANAGERS, "manage supervision tasks");
export const deciderProcedure = roleProcedure(DECIDERS, "decide on supervision tasks");
export const reporterProcedure = roleProcedure(REPORTERS, "report on supervision tasks");
/** Any logged-in user; reads are limited to the actor's scope inside the domain queries. */
export const readerProcedure = protectedProcedure;

export const commandDeps = (ctx: Pick<Context, "deps" | "clock">): SupervisionDeps => ({ uow: ctx.deps.uow, clock: ctx.clock });
export const queryDeps = (ctx: Pick<Context, "deps" | "clock">): SupervisionReadDeps => ({ read: ctx.deps.read, clock: ctx.clock });
