import {
  decideExtension,
  DecideExtensionInputSchema,
  recordCaseOutcome,
  RecordCaseOutcomeInputSchema,
  reopenTask,
  ReopenInputSchema,
  requestExtension,
  RequestExtensionInputSchema,
  reviewReport,
  ReviewReportInputSchema,
  signOffTask,
  SignOffInputSchema,
  submitReport,
  SubmitReportInputSchema,
} from "@ecogov/domain/supervision-tasks";
import type { TRPCRouterRecord } from "@trpc/server";
import { commandDeps, deciderProcedure, managerProcedure, reporterProcedure } from "./shared";

/** Progress reports and reviews, extensions, sign-off and reopening, case outcomes. */
export const progressRouter = {
  /** Unit reporters (own unit's tasks only), supervision staff, leaders. Attachments: upload first (/api/attachments). */
  submitReport: reporterProcedure.input(SubmitReportInputSchema).mutation(({ ctx, input }) => submitReport(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Accept, or return with a reason. Supervision staff, leaders. */
  reviewReport: managerProcedure.input(ReviewReportInputSchema).mutation(({ ctx, input }) => reviewReport(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Before the deadline; the lead unit's reporters, supervision staff, leaders. */
  requestExtension: reporterProcedure.input(RequestExtensionInputSchema).mutation(({ ctx, input }) => requestExtension(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Approve or refuse. Leaders. */
  decideExtension: deciderProcedure.input(DecideExtensionInputSchema).mutation(({ ctx, input }) => decideExtension(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Verify and close (销号) a completed task with its evidence. Leaders. */
  signOff: deciderProcedure.input(SignOffInputSchema).mutation(({ ctx, input }) => signOffTask(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Reopen a closed task whose problem rebounded (反弹), with the reason and optionally a new deadline. Supervision staff, leaders. */
  reopen: managerProcedure.input(ReopenInputSchema).mutation(({ ctx, input }) => reopenTask(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** An assigned case's outcome (办结 / 阶段性办结 / not yet), reply and public summary. Supervision staff, leaders. */
  recordCaseOutcome: managerProcedure.input(RecordCaseOutcomeInputSchema).mutation(({ ctx, input }) => recordCaseOutcome(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
} satisfies TRPCRouterRecord;
