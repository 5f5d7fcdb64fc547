import type { ColumnType, Generated } from "kysely";

// Table types of the supervision-task and holiday-year migrations (20261128020000, 20261128020100), written by hand
// like schema.ts and checked against the migrated schema by schema.db.test.ts. `date` columns read as 'YYYY-MM-DD'.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: write JSON text (STACK.md G8), read the parsed value. */
type Jsonb<T> = ColumnType<T, string, string>;

export interface SupervisionSourcesTable {
  id: Generated<string>;
  kind: string;
  parentId: string | null;
  code: string;
  title: string;
  level: string | null;
  issuedOn: string | null;
  issuer: string | null;
  description: string | null;
  disclosed: Generated<boolean>;
  dueSoonWorkingDays: Generated<number>;
  escalateAfterWorkingDays: Generated<number>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SupervisionProblemsTable {
  id: Generated<string>;
  sourceId: string;
  code: string;
  title: string;
  description: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SupervisionTasksTable {
  id: Generated<string>;
  sourceId: string;
  problemId: string | null;
  kind: string;
  code: string;
  rowKey: string;
  title: string;
  target: string | null;
  leadUnitId: string;
  responsibleLeader: string | null;
  startOn: string;
  deadlineKind: "date" | "period" | "long_term";
  deadlineAmount: number | null;
  deadlineUnit: "working" | "natural" | null;
  milestoneEvery: "month" | "quarter" | "half_year" | "year" | null;
  milestoneCount: number | null;
  dueOn: string | null;
  dueProvisional: Generated<boolean>;
  disclosed: Generated<boolean>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SupervisionTaskUnitsTable {
  taskId: string;
  unitId: string;
  role: "lead" | "co";
}

export interface SupervisionMilestonesTable {
  id: Generated<string>;
  taskId: string;
  seq: number;
  title: string;
  nominalOn: string;
  dueOn: string;
  provisional: Generated<boolean>;
  generated: Generated<boolean>;
}

export interface SupervisionCasesTable {
  taskId: string;
  caseNo: string;
  receivedOn: string;
  category: string;
  subject: string;
  complaint: string;
  outcome: Generated<"pending" | "staged" | "completed">;
  outcomeOn: string | null;
  reply: string | null;
  publicSummary: string | null;
  outcomeRecordedAt: Date | null;
  updatedAt: UpdatedAt;
}

export interface SupervisionReportsTable {
  id: Generated<string>;
  taskId: string;
  unitId: string;
  milestoneId: string | null;
  body: string;
  figures: Jsonb<{ label: string; value: string; unit: string | null }[]>;
  claimsCompletion: Generated<boolean>;
  resubmissionOf: string | null;
  submittedBy: string | null;
  submittedByName: string;
  submittedAt: Date;
}

export interface SupervisionReviewsTable {
  reportId: string;
  decision: "accepted" | "returned";
  reason: string | null;
  reviewedBy: string | null;
  reviewedByName: string;
  reviewedAt: Date;
}

export interface SupervisionExtensionsTable {
  id: Generated<string>;
  taskId: string;
  reason: string;
  currentDueOn: string;
  requestedDueOn: string;
  status: Generated<"pending" | "approved" | "refused">;
  requestedBy: string | null;
  requestedByName: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export interface SupervisionSignoffsTable {
  id: Generated<string>;
  taskId: string;
  action: "signoff" | "reopen";
  note: string;
  newDueOn: string | null;
  actorId: string | null;
  actorName: string;
  at: Date;
}

export interface SupervisionAttachmentsTable {
  id: Generated<string>;
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

export interface SupervisionSavedViewsTable {
  id: Generated<string>;
  userId: string;
  name: string;
  filters: Jsonb<Record<string, unknown>>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SupervisionNotificationsTable {
  id: Generated<string>;
  userId: string;
  taskId: string | null;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  dedupeKey: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface SupervisionOutboxTable {
  id: Generated<string>;
  channel: "sms" | "email";
  recipient: string;
  userId: string | null;
  subject: string;
  body: string;
  dedupeKey: string;
  status: Generated<"pending" | "sent" | "failed">;
  attempts: Generated<number>;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

export interface HolidayYearsTable {
  year: number;
  restDays: Jsonb<{ date: string; name: { zh: string; en: string } }[]>;
  workingDays: Jsonb<string[]>;
  enteredBy: string | null;
  enteredByName: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** The module's tables, spread into `Database`. */
export interface SupervisionTaskTables {
  supervisionSources: SupervisionSourcesTable;
  supervisionProblems: SupervisionProblemsTable;
  supervisionTasks: SupervisionTasksTable;
  supervisionTaskUnits: SupervisionTaskUnitsTable;
  supervisionMilestones: SupervisionMilestonesTable;
  supervisionCases: SupervisionCasesTable;
  supervisionReports: SupervisionReportsTable;
  supervisionReviews: SupervisionReviewsTable;
  supervisionExtensions: SupervisionExtensionsTable;
  supervisionSignoffs: SupervisionSignoffsTable;
  supervisionAttachments: SupervisionAttachmentsTable;
  supervisionSavedViews: SupervisionSavedViewsTable;
  supervisionNotifications: SupervisionNotificationsTable;
  supervisionOutbox: SupervisionOutboxTable;
  holidayYears: HolidayYearsTable;
}

/** Every column of the module's tables, for the drift test in schema.db.test.ts. */
export const SUPERVISION_TASK_COLUMNS = {
  supervisionSources: ["id", "kind", "parentId", "code", "title", "level", "issuedOn", "issuer", "description", "disclosed", "dueSoonWorkingDays", "escalateAfterWorkingDays", "createdBy", "createdAt", "updatedAt"],
  supervisionProblems: ["id", "sourceId", "code", "title", "description", "createdAt", "updatedAt"],
  supervisionTasks: ["id", "sourceId", "problemId", "kind", "code", "rowKey", "title", "target", "leadUnitId", "responsibleLeader", "startOn", "deadlineKind", "deadlineAmount", "deadlineUnit", "milestoneEvery", "milestoneCount", "dueOn", "dueProvisional", "disclosed", "createdBy", "createdAt", "updatedAt"],
  supervisionTaskUnits: ["taskId", "unitId", "role"],
  supervisionMilestones: ["id", "taskId", "seq", "title", "nominalOn", "dueOn", "provisional", "generated"],
  supervisionCases: ["taskId", "caseNo", "receivedOn", "category", "subject", "complaint", "outcome", "outcomeOn", "reply", "publicSummary", "outcomeRecordedAt", "updatedAt"],
  supervisionReports: ["id", "taskId", "unitId", "milestoneId", "body", "figures", "claimsCompletion", "resubmissionOf", "submittedBy", "submittedByName", "submittedAt"],
  supervisionReviews: ["reportId", "decision", "reason", "reviewedBy", "reviewedByName", "reviewedAt"],
  supervisionExtensions: ["id", "taskId", "reason", "currentDueOn", "requestedDueOn", "status", "requestedBy", "requestedByName", "requestedAt", "decidedBy", "decidedByName", "decidedAt", "decisionNote"],
  supervisionSignoffs: ["id", "taskId", "action", "note", "newDueOn", "actorId", "actorName", "at"],
  supervisionAttachments: ["id", "sha256", "sizeBytes", "contentType", "fileName", "uploadedBy", "uploadedByName", "uploaderUnitId", "uploadedAt", "taskId", "reportId", "signoffId"],
  supervisionSavedViews: ["id", "userId", "name", "filters", "createdAt", "updatedAt"],
  supervisionNotifications: ["id", "userId", "taskId", "kind", "titleZh", "titleEn", "bodyZh", "bodyEn", "dedupeKey", "createdAt", "readAt"],
  supervisionOutbox: ["id", "channel", "recipient", "userId", "subject", "body", "dedupeKey", "status", "attempts", "createdAt", "sentAt", "lastError"],
  holidayYears: ["year", "restDays", "workingDays", "enteredBy", "enteredByName", "createdAt", "updatedAt"],
} as const satisfies { [T in keyof SupervisionTaskTables]: readonly (keyof SupervisionTaskTables[T])[] };
