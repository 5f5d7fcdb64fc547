import type { AuditRepository } from "../audit/audit.ports";
import type { DataScope } from "../auth/auth.rules";
import type { Role } from "../auth/auth.schema";
import type { OrgRepository } from "../org/org.ports";
import type { HolidayYearRepository } from "../shared/calendar/calendar.ports";
import type { BilingualText } from "../shared/domain-error";
import type { ResolvedMilestone } from "./supervision-task.rules";
import type {
  AttachmentMeta,
  CaseDetails,
  CreateSourceInput,
  ExtensionRequest,
  LifecycleEvent,
  Notification,
  NotificationKind,
  OutboxChannel,
  Problem,
  ReportFigure,
  Review,
  SavedView,
  Source,
  SourceKind,
  SupervisionTask,
  TaskFacts,
  TaskFilter,
  TaskKind,
  UpdateSourceInput,
} from "./supervision-task.schema";

export interface SupervisionSourceRepository {
  /** Sources visible in the scope: all for bureau roles, else those holding a task in scope (and their rounds). */
  list(scope: DataScope, filter: { kind?: SourceKind; parentId?: string }): Promise<Source[]>;
  find(scope: DataScope, id: string): Promise<Source | null>;
  findByCode(code: string): Promise<Source | null>;
  /** Inspection rounds marked for disclosure, for the public pages (no scope: only public fields are used). */
  listDisclosedRounds(): Promise<Source[]>;
  insert(s: CreateSourceInput & { createdBy: string | null }): Promise<Source>;
  update(s: UpdateSourceInput): Promise<Source>;
  listProblems(sourceId: string): Promise<Problem[]>;
  findProblem(id: string): Promise<Problem | null>;
  findProblemByCode(sourceId: string, code: string): Promise<Problem | null>;
  insertProblem(p: { sourceId: string; code: string; title: string; description: string | null }): Promise<Problem>;
  updateProblem(id: string, p: { title: string; description: string | null }): Promise<Problem>;
}

/** Which tasks to load; every read is also limited by the scope argument. */
export interface TaskQuery {
  sourceIds?: string[];
  unitId?: string;
  kind?: TaskKind;
  ids?: string[];
  search?: string;
}

/** The fields of a task that create and update write; the rest is derived or set once. */
export type TaskWrite = Pick<
  SupervisionTask,
  "problemId" | "code" | "title" | "target" | "leadUnitId" | "coUnitIds" | "responsibleLeader" | "startOn" | "deadline" | "dueOn" | "dueProvisional" | "disclosed"
>;

export interface NewTask extends TaskWrite {
  sourceId: string;
  kind: TaskKind;
  rowKey: string;
  createdBy: string | null;
  createdAt: Date;
}

export interface NewReport {
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
}

export interface SupervisionTaskRepository {
  /** Tasks with every record the status is derived from, limited to the scope (lead or co-unit, or the town's units). */
  listFacts(scope: DataScope, q: TaskQuery): Promise<TaskFacts[]>;
  findFacts(scope: DataScope, id: string): Promise<TaskFacts | null>;
  findIdByRowKey(sourceId: string, rowKey: string): Promise<string | null>;
  insert(t: NewTask): Promise<string>;
  update(id: string, t: TaskWrite, at: Date): Promise<void>;
  setDue(id: string, due: { dueOn: string | null; dueProvisional: boolean }, at: Date): Promise<void>;
  /** Keeps milestone ids by sequence number, so reports filed against a milestone stay attached to it. */
  replaceMilestones(taskId: string, milestones: readonly ResolvedMilestone[]): Promise<void>;
  setMilestoneDue(id: string, due: { dueOn: string; provisional: boolean }): Promise<void>;
  upsertCase(taskId: string, c: Pick<CaseDetails, "caseNo" | "receivedOn" | "category" | "subject" | "complaint">): Promise<void>;
  setCaseOutcome(taskId: string, o: Pick<CaseDetails, "outcome" | "outcomeOn" | "reply" | "publicSummary"> & { recordedAt: Date }): Promise<void>;
  insertReport(r: NewReport): Promise<string>;
  /** The task a report belongs to (the caller then loads the task within its scope). */
  findReportTask(reportId: string): Promise<string | null>;
  insertReview(reportId: string, r: Review): Promise<void>;
  insertExtension(e: Omit<ExtensionRequest, "id" | "status" | "decidedBy" | "decidedByName" | "decidedAt" | "decisionNote">): Promise<string>;
  findExtension(id: string): Promise<ExtensionRequest | null>;
  decideExtension(id: string, d: { status: "approved" | "refused"; decidedBy: string | null; decidedByName: string; decidedAt: Date; decisionNote: string | null }): Promise<void>;
  insertLifecycle(e: Omit<LifecycleEvent, "id">): Promise<string>;
  listViews(userId: string): Promise<SavedView[]>;
  saveView(userId: string, v: { id: string | null; name: string; filters: TaskFilter }, at: Date): Promise<SavedView | null>;
  deleteView(userId: string, id: string): Promise<boolean>;
}

export interface SupervisionAttachmentRepository {
  insert(a: Omit<AttachmentMeta, "id" | "reportId" | "signoffId">): Promise<AttachmentMeta>;
  find(id: string): Promise<AttachmentMeta | null>;
  findMany(ids: readonly string[]): Promise<AttachmentMeta[]>;
  /** Attaches uploaded files to a report or sign-off of a task (the task then decides who may download them). */
  link(ids: readonly string[], to: { taskId: string; reportId?: string; signoffId?: string }): Promise<void>;
}

/** A user a reminder goes to. */
export interface Recipient {
  userId: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  phone: string | null;
}

export interface NewNotification {
  userId: string;
  taskId: string | null;
  kind: NotificationKind;
  title: BilingualText;
  body: BilingualText;
  /** Unique: a second notification with the same key is not stored (nothing is sent twice). */
  dedupeKey: string;
  createdAt: Date;
}

export interface NewOutboxMessage {
  channel: OutboxChannel;
  recipient: string;
  userId: string | null;
  subject: string;
  body: string;
  dedupeKey: string;
  createdAt: Date;
}

export interface OutboxMessage extends NewOutboxMessage {
  id: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
}

export interface SupervisionNotificationRepository {
  /** Active unit reporters of the units. */
  recipientsForUnits(unitIds: readonly string[]): Promise<Recipient[]>;
  /** Active leaders (escalations go to them). */
  leaders(): Promise<Recipient[]>;
  /** Stores the notification unless its dedupe key exists; true when stored. */
  notify(n: NewNotification): Promise<boolean>;
  /** Queues a message for the SMS / e-mail gateway unless its dedupe key exists; true when queued. */
  enqueue(m: NewOutboxMessage): Promise<boolean>;
  list(userId: string, q: { unreadOnly: boolean; limit: number }): Promise<{ items: Notification[]; unread: number }>;
  markRead(userId: string, ids: readonly string[] | "all", at: Date): Promise<number>;
  listOutbox(q: { status?: OutboxMessage["status"]; limit: number }): Promise<OutboxMessage[]>;
}

/** Every repository the module's use cases reach; the db package's set satisfies it. */
export interface SupervisionRepos {
  supervisionSources: SupervisionSourceRepository;
  supervisionTasks: SupervisionTaskRepository;
  supervisionAttachments: SupervisionAttachmentRepository;
  supervisionNotifications: SupervisionNotificationRepository;
  holidayYears: HolidayYearRepository;
  org: OrgRepository;
  audit: AuditRepository;
}

/** Where attachment bytes live, addressed by their SHA-256 (apps/api keeps them on disk). */
export interface AttachmentStore {
  /** Stores the bytes under their hash (storing the same bytes twice keeps one copy). */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Uint8Array | null>;
}
