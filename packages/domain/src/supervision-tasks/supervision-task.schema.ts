import { z } from "zod";
import { DeadlineUnitSchema, isIsoDate } from "../shared/calendar/calendar";
import { refineMessage, type BilingualText } from "../shared/domain-error";

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

export const IsoDateSchema = z
  .string()
  .trim()
  .refine(isIsoDate, refineMessage("iso_date", "日期应为有效的 YYYY-MM-DD 日期", "Date must be a valid YYYY-MM-DD date"));

/**
 * Where tasks come from: an inspection round (督察, its feedback problems and assigned cases), a rectification
 * plan (整改方案, its measures list), a division-of-responsibility plan (责任分工方案, its work tasks), or the
 * bureau's own work plan (its items).
 */
export const SOURCE_KINDS = ["inspection_round", "rectification_plan", "responsibility_plan", "work_plan"] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/** Who ran an inspection round: central (中央), provincial (省级), municipal (市级) or district (区级). */
export const INSPECTION_LEVELS = ["central", "provincial", "municipal", "district"] as const;
export const InspectionLevelSchema = z.enum(INSPECTION_LEVELS);
export type InspectionLevel = z.infer<typeof InspectionLevelSchema>;

/** A rectification measure (整改措施), an assigned complaint case (交办案件), a work task (工作任务), a plan item. */
export const TASK_KINDS = ["measure", "case", "work_task", "plan_item"] as const;
export const TaskKindSchema = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKindSchema>;

/** The one task kind each source kind holds. */
export const TASK_KIND_OF_SOURCE: Record<SourceKind, TaskKind> = {
  inspection_round: "case",
  rectification_plan: "measure",
  responsibility_plan: "work_task",
  work_plan: "plan_item",
};

/**
 * A task's status, always derived from its dates and records (never typed by hand): see `deriveTaskState`.
 * 按时序推进 = on_schedule; 已完成待销号 = awaiting_verification; 已销号 = closed; 反弹 = reopened.
 */
export const TASK_STATUSES = ["not_started", "on_schedule", "due_soon", "overdue", "awaiting_verification", "closed", "reopened"] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const TASK_STATUS_LABELS: Record<TaskStatus, BilingualText> = {
  not_started: { zh: "未启动", en: "Not started" },
  on_schedule: { zh: "按时序推进", en: "On schedule" },
  due_soon: { zh: "即将到期", en: "Due soon" },
  overdue: { zh: "已逾期", en: "Overdue" },
  awaiting_verification: { zh: "已完成待销号", en: "Completed, awaiting verification" },
  closed: { zh: "已销号", en: "Closed" },
  reopened: { zh: "反弹", en: "Reopened" },
};

/** The three-colour warning (三色预警) shown beside a task; null = no warning. */
export const WARNING_COLOURS = ["blue", "yellow", "red"] as const;
export const WarningColourSchema = z.enum(WARNING_COLOURS);
export type WarningColour = z.infer<typeof WarningColourSchema>;

export const WARNING_LABELS: Record<WarningColour, BilingualText> = {
  blue: { zh: "蓝色预警（临期）", en: "Blue: due soon" },
  yellow: { zh: "黄色预警（逾期）", en: "Yellow: overdue" },
  red: { zh: "红色预警（严重逾期或反弹）", en: "Red: long overdue or reopened" },
};

/** Which deadline figures count against: the deadline as first set, or as extended/reset. */
export const DEADLINE_BASES = ["effective", "original"] as const;
export const DeadlineBasisSchema = z.enum(DEADLINE_BASES);
export type DeadlineBasis = z.infer<typeof DeadlineBasisSchema>;

/** Outcome of an assigned complaint case: 办结, 阶段性办结, or not yet. */
export const CASE_OUTCOMES = ["pending", "staged", "completed"] as const;
export const CaseOutcomeSchema = z.enum(CASE_OUTCOMES);
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, BilingualText> = {
  pending: { zh: "未办结", en: "Not yet completed" },
  staged: { zh: "阶段性办结", en: "Completed in stages" },
  completed: { zh: "已办结", en: "Completed" },
};

export const CASE_CATEGORIES = ["air", "water", "noise", "solid_waste", "soil", "ecology", "radiation", "other"] as const;
export const CaseCategorySchema = z.enum(CASE_CATEGORIES);
export type CaseCategory = z.infer<typeof CaseCategorySchema>;

export const CASE_CATEGORY_LABELS: Record<CaseCategory, BilingualText> = {
  air: { zh: "大气", en: "Air" },
  water: { zh: "水", en: "Water" },
  noise: { zh: "噪声", en: "Noise" },
  solid_waste: { zh: "固体废物", en: "Solid waste" },
  soil: { zh: "土壤", en: "Soil" },
  ecology: { zh: "生态", en: "Ecology" },
  radiation: { zh: "辐射", en: "Radiation" },
  other: { zh: "其他", en: "Other" },
};

export const MILESTONE_PERIODS = ["month", "quarter", "half_year", "year"] as const;
export const MilestonePeriodSchema = z.enum(MILESTONE_PERIODS);
export type MilestonePeriod = z.infer<typeof MilestonePeriodSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------------------------

/**
 * A task's deadline: a fixed date; N working or calendar days from a start (the start day not counted,
 * 民法典 art. 201); or long-term / continuous (长期坚持) with periodic milestones.
 */
export const DeadlineSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("date"), date: IsoDateSchema }),
  z.object({ kind: z.literal("period"), start: IsoDateSchema, amount: z.number().int().min(1).max(3650), unit: DeadlineUnitSchema }),
  z.object({
    kind: z.literal("long_term"),
    start: IsoDateSchema,
    /** Milestones every period from `start` (period ends, rolled to a working day); omitted = only the listed milestones. */
    every: MilestonePeriodSchema.nullable().default(null),
    count: z.number().int().min(1).max(120).default(4),
  }),
]);
export type DeadlineSpec = z.output<typeof DeadlineSpecSchema>;

export const MilestoneInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  dueOn: IsoDateSchema,
});
export type MilestoneInput = z.infer<typeof MilestoneInputSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------------

export interface NamedRef {
  id: string;
  name: string;
}

export const SourceSchema = z.object({
  id: z.uuid(),
  kind: SourceKindSchema,
  parentId: z.uuid().nullable(),
  code: z.string(),
  title: z.string(),
  level: InspectionLevelSchema.nullable(),
  issuedOn: z.string().nullable(),
  issuer: z.string().nullable(),
  description: z.string().nullable(),
  disclosed: z.boolean(),
  dueSoonWorkingDays: z.number().int(),
  escalateAfterWorkingDays: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Source = z.infer<typeof SourceSchema>;

export const ProblemSchema = z.object({
  id: z.uuid(),
  sourceId: z.uuid(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export interface Milestone {
  id: string;
  seq: number;
  title: string;
  /** The date as set (a period end); `dueOn` is it rolled to a working day. */
  nominalOn: string;
  dueOn: string;
  provisional: boolean;
  /** Generated from the long-term period (rolled to a working day) rather than listed with a fixed date. */
  generated: boolean;
}

export interface CaseDetails {
  caseNo: string;
  receivedOn: string;
  category: CaseCategory;
  /** Who or what the complaint is about (an enterprise, a site); never the complainant. */
  subject: string;
  /** The complaint as assigned; internal, may name people, never disclosed. */
  complaint: string;
  outcome: CaseOutcome;
  outcomeOn: string | null;
  reply: string | null;
  publicSummary: string | null;
  outcomeRecordedAt: Date | null;
}

/** A stored task without its derived status. */
export interface SupervisionTask {
  id: string;
  sourceId: string;
  problemId: string | null;
  kind: TaskKind;
  code: string;
  rowKey: string;
  title: string;
  target: string | null;
  leadUnitId: string;
  coUnitIds: string[];
  responsibleLeader: string | null;
  startOn: string;
  deadline: DeadlineSpec;
  /** The deadline as first computed (null for long-term tasks: their milestones are due). */
  dueOn: string | null;
  /** True while the holiday notice of a year the deadline depends on is not yet entered. */
  dueProvisional: boolean;
  disclosed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const ReportFigureSchema = z.object({
  label: z.string().trim().min(1).max(60),
  value: z.string().trim().min(1).max(40),
  unit: z.string().trim().max(20).nullable().default(null),
});
export type ReportFigure = z.output<typeof ReportFigureSchema>;

export const REVIEW_DECISIONS = ["accepted", "returned"] as const;
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export interface Review {
  decision: ReviewDecision;
  reason: string | null;
  reviewedBy: string | null;
  reviewedByName: string;
  reviewedAt: Date;
}

export interface AttachmentMeta {
  id: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  fileName: string;
  uploadedBy: string | null;
  uploadedByName: string;
  uploaderUnitId: string | null;
  uploadedAt: Date;
  taskId: string | null;
  reportId: string | null;
  signoffId: string | null;
}

export interface ProgressReport {
  id: string;
  taskId: string;
  unitId: string;
  milestoneId: string | null;
  body: string;
  figures: ReportFigure[];
  claimsCompletion: boolean;
  resubmissionOf: string | null;
  submittedBy: string | null;
  submittedByName: string;
  submittedAt: Date;
  review: Review | null;
  attachments: AttachmentMeta[];
}

export const EXTENSION_STATUSES = ["pending", "approved", "refused"] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export interface ExtensionRequest {
  id: string;
  taskId: string;
  reason: string;
  /** The due date in force when the request was filed. */
  currentDueOn: string;
  requestedDueOn: string;
  status: ExtensionStatus;
  requestedBy: string | null;
  requestedByName: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export const LIFECYCLE_ACTIONS = ["signoff", "reopen"] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** A sign-off (销号) with its evidence, or a reopening (反弹) with its reason and new deadline. */
export interface LifecycleEvent {
  id: string;
  taskId: string;
  action: LifecycleAction;
  note: string;
  newDueOn: string | null;
  actorId: string | null;
  actorName: string;
  at: Date;
}

/** Everything known about one task: the status and figures are derived from this, nothing else. */
export interface TaskFacts {
  task: SupervisionTask;
  source: Pick<Source, "id" | "kind" | "code" | "title" | "disclosed" | "dueSoonWorkingDays" | "escalateAfterWorkingDays">;
  problem: Pick<Problem, "id" | "code" | "title"> | null;
  units: { id: string; name: string; townId: string | null; role: "lead" | "co" }[];
  milestones: Milestone[];
  reports: ProgressReport[];
  extensions: ExtensionRequest[];
  lifecycle: LifecycleEvent[];
  case: CaseDetails | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Derived views
// ---------------------------------------------------------------------------------------------------------------

/** A task's state on a given day, derived by `deriveTaskState`. */
export interface TaskState {
  status: TaskStatus;
  warning: WarningColour | null;
  /** Deadline as first set (long-term: the next unmet milestone as first set). */
  originalDueOn: string | null;
  /** Deadline in force on the day: extended, reset on reopening, or the next unmet milestone. */
  dueOn: string | null;
  provisional: boolean;
  /** Working days from the day to the due date, (day, due]; null when past due or without a due date. */
  workingDaysLeft: number | null;
  daysOverdue: number;
  workingDaysOverdue: number;
  /** True from `escalateAfterWorkingDays` working days overdue: the leader is told. */
  escalated: boolean;
  completedOn: string | null;
  closedOn: string | null;
  /** Completed by the deadline in force (effective) and by the deadline as first set (original). */
  onTime: boolean | null;
  onTimeOriginal: boolean | null;
  reopenedOn: string | null;
  nextMilestone: { id: string; title: string; dueOn: string } | null;
}

/** A task row as lists, boards and exports show it. */
export interface TaskView extends TaskState {
  id: string;
  kind: TaskKind;
  code: string;
  rowKey: string;
  title: string;
  target: string | null;
  source: { id: string; kind: SourceKind; code: string; title: string };
  problem: { id: string; code: string; title: string } | null;
  leadUnit: NamedRef;
  coUnits: NamedRef[];
  responsibleLeader: string | null;
  startOn: string;
  deadline: DeadlineSpec;
  disclosed: boolean;
  reportCount: number;
  pendingReview: boolean;
  pendingExtension: boolean;
  case: Pick<CaseDetails, "caseNo" | "receivedOn" | "category" | "outcome" | "outcomeOn"> | null;
  createdAt: Date;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max).nullable()).default(null);
const code = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((v) => !/[\s/\\]/.test(v), refineMessage("code_chars", "编号不能包含空白或斜杠", "A code may not contain spaces or slashes"));

export const CreateSourceInputSchema = z
  .object({
    kind: SourceKindSchema,
    parentId: z.uuid().nullable().default(null),
    code,
    title: text(200),
    level: InspectionLevelSchema.nullable().default(null),
    issuedOn: IsoDateSchema.nullable().default(null),
    issuer: optionalText(100),
    description: optionalText(4000),
    disclosed: z.boolean().default(false),
    dueSoonWorkingDays: z.number().int().min(0).max(30).default(5),
    escalateAfterWorkingDays: z.number().int().min(1).max(60).default(5),
  })
  .refine((s) => (s.kind === "rectification_plan") === (s.parentId !== null), {
    ...refineMessage("plan_parent", "整改方案须指定所属督察轮次，其他来源不得指定", "A rectification plan must name its inspection round; other sources may not"),
    path: ["parentId"],
  })
  .refine((s) => s.kind === "inspection_round" || s.level === null, {
    ...refineMessage("level_for_round", "只有督察轮次有督察层级", "Only an inspection round has a level"),
    path: ["level"],
  });
export type CreateSourceInput = z.output<typeof CreateSourceInputSchema>;

export const UpdateSourceInputSchema = z.object({
  id: z.uuid(),
  title: text(200),
  level: InspectionLevelSchema.nullable().default(null),
  issuedOn: IsoDateSchema.nullable().default(null),
  issuer: optionalText(100),
  description: optionalText(4000),
  disclosed: z.boolean(),
  dueSoonWorkingDays: z.number().int().min(0).max(30),
  escalateAfterWorkingDays: z.number().int().min(1).max(60),
});
export type UpdateSourceInput = z.output<typeof UpdateSourceInputSchema>;

export const UpsertProblemInputSchema = z.object({
  sourceId: z.uuid(),
  code,
  title: text(500),
  description: optionalText(4000),
});
export type UpsertProblemInput = z.output<typeof UpsertProblemInputSchema>;

export const CaseInputSchema = z.object({
  caseNo: code,
  receivedOn: IsoDateSchema,
  category: CaseCategorySchema.default("other"),
  subject: text(200),
  complaint: text(4000),
});

const taskFields = {
  problemId: z.uuid().nullable().default(null),
  code,
  title: text(1000),
  target: optionalText(2000),
  leadUnitId: z.uuid(),
  coUnitIds: z.array(z.uuid()).max(30).default([]),
  responsibleLeader: optionalText(60),
  deadline: DeadlineSpecSchema,
  milestones: z.array(MilestoneInputSchema).max(120).default([]),
  disclosed: z.boolean().default(true),
};

function unitsDistinct(t: { leadUnitId: string; coUnitIds: string[] }) {
  return !t.coUnitIds.includes(t.leadUnitId) && new Set(t.coUnitIds).size === t.coUnitIds.length;
}
const unitsRule = { ...refineMessage("units_distinct", "配合单位不得重复，也不得与牵头单位相同", "Co-units must be distinct and differ from the lead unit"), path: ["coUnitIds"] };
const longTermRule = {
  ...refineMessage("long_term_milestones", "长期任务须设置周期或列出阶段节点", "A long-term task needs a period or listed milestones"),
  path: ["deadline", "every"],
};
const hasMilestonePlan = (t: { deadline: DeadlineSpec; milestones: MilestoneInput[] }) =>
  t.deadline.kind !== "long_term" || t.deadline.every !== null || t.milestones.length > 0;

export const CreateTaskInputSchema = z
  .object({ sourceId: z.uuid(), rowKey: z.string().trim().min(1).max(60).nullable().default(null), ...taskFields, case: CaseInputSchema.nullable().default(null) })
  .refine(unitsDistinct, unitsRule)
  .refine(hasMilestonePlan, longTermRule);
export type CreateTaskInput = z.output<typeof CreateTaskInputSchema>;

export const UpdateTaskInputSchema = z
  .object({ id: z.uuid(), ...taskFields, case: CaseInputSchema.nullable().default(null) })
  .refine(unitsDistinct, unitsRule)
  .refine(hasMilestonePlan, longTermRule);
export type UpdateTaskInput = z.output<typeof UpdateTaskInputSchema>;

export const SubmitReportInputSchema = z.object({
  taskId: z.uuid(),
  body: text(5000),
  figures: z.array(ReportFigureSchema).max(20).default([]),
  milestoneId: z.uuid().nullable().default(null),
  claimsCompletion: z.boolean().default(false),
  attachmentIds: z.array(z.uuid()).max(20).default([]),
  /** The returned report this one answers. */
  resubmissionOf: z.uuid().nullable().default(null),
  /** Bureau staff reporting for a unit name it; unit reporters always report for their own unit. */
  unitId: z.uuid().nullable().default(null),
});
export type SubmitReportInput = z.output<typeof SubmitReportInputSchema>;

export const ReviewReportInputSchema = z
  .object({ reportId: z.uuid(), decision: ReviewDecisionSchema, reason: optionalText(2000) })
  .refine((r) => r.decision === "accepted" || r.reason !== null, {
    ...refineMessage("return_reason", "退回时须说明理由", "A returned report needs a reason"),
    path: ["reason"],
  });
export type ReviewReportInput = z.output<typeof ReviewReportInputSchema>;

export const RequestExtensionInputSchema = z.object({ taskId: z.uuid(), reason: text(2000), requestedDueOn: IsoDateSchema });
export type RequestExtensionInput = z.output<typeof RequestExtensionInputSchema>;

export const DecideExtensionInputSchema = z.object({ extensionId: z.uuid(), approve: z.boolean(), note: optionalText(2000) });
export type DecideExtensionInput = z.output<typeof DecideExtensionInputSchema>;

export const SignOffInputSchema = z.object({ taskId: z.uuid(), note: text(2000), attachmentIds: z.array(z.uuid()).max(20).default([]) });
export type SignOffInput = z.output<typeof SignOffInputSchema>;

export const ReopenInputSchema = z.object({ taskId: z.uuid(), reason: text(2000), newDueOn: IsoDateSchema.nullable().default(null) });
export type ReopenInput = z.output<typeof ReopenInputSchema>;

export const RecordCaseOutcomeInputSchema = z
  .object({
    taskId: z.uuid(),
    outcome: CaseOutcomeSchema,
    outcomeOn: IsoDateSchema.nullable().default(null),
    reply: optionalText(4000),
    publicSummary: optionalText(2000),
  })
  .refine((c) => c.outcome === "pending" || c.outcomeOn !== null, {
    ...refineMessage("outcome_date", "办结或阶段性办结须填写办结日期", "A completed or staged outcome needs its date"),
    path: ["outcomeOn"],
  });
export type RecordCaseOutcomeInput = z.output<typeof RecordCaseOutcomeInputSchema>;

/** Filters of the task list, the export and saved views. */
export const TaskFilterSchema = z.object({
  sourceId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  kind: TaskKindSchema.optional(),
  status: z.array(TaskStatusSchema).max(TASK_STATUSES.length).optional(),
  warning: z.array(WarningColourSchema).max(3).optional(),
  /** Deadline in force within [dueFrom, dueTo]. */
  dueFrom: IsoDateSchema.optional(),
  dueTo: IsoDateSchema.optional(),
  search: z.string().trim().max(100).optional(),
});
export type TaskFilter = z.output<typeof TaskFilterSchema>;

export const TASK_SORTS = ["due", "code", "overdue", "created"] as const;

export const TaskListQuerySchema = TaskFilterSchema.extend({
  sort: z.enum(TASK_SORTS).default("due"),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type TaskListQuery = z.output<typeof TaskListQuerySchema>;

export const FiguresQuerySchema = z.object({
  sourceId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  kind: TaskKindSchema.optional(),
  /** Statuses as of this day (records after it are ignored); default today, never later than today. */
  asOf: IsoDateSchema.optional(),
  /** Only tasks whose deadline (on the basis) falls within [dueFrom, dueTo]; long-term tasks then drop out. */
  dueFrom: IsoDateSchema.optional(),
  dueTo: IsoDateSchema.optional(),
  basis: DeadlineBasisSchema.default("effective"),
});
export type FiguresQuery = z.output<typeof FiguresQuerySchema>;

export const SaveViewInputSchema = z.object({ id: z.uuid().nullable().default(null), name: text(60), filters: TaskFilterSchema });
export type SaveViewInput = z.output<typeof SaveViewInputSchema>;

export interface SavedView {
  id: string;
  name: string;
  filters: TaskFilter;
  createdAt: Date;
  updatedAt: Date;
}

// ---------------------------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------------------------

export const NOTIFICATION_KINDS = ["due_soon", "overdue", "escalation", "report_returned", "report_accepted", "extension_decided", "reopened"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: string;
  userId: string;
  taskId: string | null;
  kind: NotificationKind;
  title: BilingualText;
  body: BilingualText;
  createdAt: Date;
  readAt: Date | null;
}

export const OUTBOX_CHANNELS = ["sms", "email"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

// ---------------------------------------------------------------------------------------------------------------
// Public disclosure (no personal data: no leaders, reporters, reviewers, complaint texts or report bodies)
// ---------------------------------------------------------------------------------------------------------------

/** What the public sees of a task's status: the internal warnings collapse into "in progress". */
export const PUBLIC_STATUSES = ["in_progress", "overdue", "completed_pending_verification", "completed", "reopened"] as const;
export const PublicStatusSchema = z.enum(PUBLIC_STATUSES);
export type PublicStatus = z.infer<typeof PublicStatusSchema>;

export const PUBLIC_STATUS_LABELS: Record<PublicStatus, BilingualText> = {
  in_progress: { zh: "按时序推进", en: "In progress on schedule" },
  overdue: { zh: "未按期完成", en: "Not completed on time" },
  completed_pending_verification: { zh: "已完成待验收", en: "Completed, pending verification" },
  completed: { zh: "已完成", en: "Completed" },
  reopened: { zh: "问题反弹，重新整改", en: "Problem recurred, being rectified again" },
};

export const PublicMeasureSchema = z.object({
  code: z.string(),
  title: z.string(),
  target: z.string().nullable(),
  leadUnit: z.string(),
  coUnits: z.array(z.string()),
  dueOn: z.string().nullable(),
  longTerm: z.boolean(),
  status: PublicStatusSchema,
  statusLabel: z.object({ zh: z.string(), en: z.string() }),
  completedOn: z.string().nullable(),
});
export type PublicMeasure = z.infer<typeof PublicMeasureSchema>;

export const PublicProblemSchema = z.object({
  code: z.string(),
  title: z.string(),
  measures: z.array(PublicMeasureSchema),
  /** Rectified when every measure is completed. */
  rectified: z.boolean(),
});

export const PublicCaseSchema = z.object({
  caseNo: z.string(),
  receivedOn: z.string(),
  category: CaseCategorySchema,
  outcome: CaseOutcomeSchema,
  outcomeLabel: z.object({ zh: z.string(), en: z.string() }),
  outcomeOn: z.string().nullable(),
  publicSummary: z.string().nullable(),
});

export const PublicRoundSummarySchema = z.object({
  code: z.string(),
  title: z.string(),
  level: InspectionLevelSchema.nullable(),
  issuedOn: z.string().nullable(),
  problems: z.number().int(),
  measures: z.number().int(),
  measuresCompleted: z.number().int(),
  measuresInProgress: z.number().int(),
  cases: z.number().int(),
  casesCompleted: z.number().int(),
  casesStaged: z.number().int(),
  asOf: z.string(),
});
export type PublicRoundSummary = z.infer<typeof PublicRoundSummarySchema>;

export const PublicRoundSchema = PublicRoundSummarySchema.extend({
  plans: z.array(z.object({ code: z.string(), title: z.string(), issuedOn: z.string().nullable() })),
  problemList: z.array(PublicProblemSchema),
  caseList: z.array(PublicCaseSchema),
});
export type PublicRound = z.infer<typeof PublicRoundSchema>;
