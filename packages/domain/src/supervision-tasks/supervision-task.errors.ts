import { DomainError, type BilingualText, type FieldError } from "../shared/domain-error";

const err = (code: string, kind: DomainError["kind"], text: BilingualText, details?: DomainError["details"]) =>
  new DomainError({ code, kind, text, ...(details ? { details } : {}) });
const field = (path: string, rule: string, message: BilingualText): { fieldErrors: FieldError[] } => ({ fieldErrors: [{ path, rule, message }] });

export const supervisionErrors = {
  /** No source with that id in the actor's scope. */
  sourceNotFound: (id: string) => err("SUPERVISION_SOURCE_NOT_FOUND", "not_found", { zh: `督察整改来源 ${id} 不存在`, en: `Supervision source ${id} does not exist` }),
  /** No task with that id in the actor's scope (another unit's task reads as missing, never as forbidden). */
  taskNotFound: (id: string) => err("SUPERVISION_TASK_NOT_FOUND", "not_found", { zh: `任务 ${id} 不存在或不在您的范围内`, en: `Task ${id} does not exist or is outside your scope` }),
  /** No feedback problem with that id in the source's inspection round. */
  problemNotFound: (id: string) => err("SUPERVISION_PROBLEM_NOT_FOUND", "not_found", { zh: `反馈问题 ${id} 不存在`, en: `Feedback problem ${id} does not exist` }, field("problemId", "exists", { zh: "反馈问题不存在", en: "No such feedback problem" })),
  /** No progress report with that id in the actor's scope. */
  reportNotFound: (id: string) => err("SUPERVISION_REPORT_NOT_FOUND", "not_found", { zh: `进展报告 ${id} 不存在`, en: `Progress report ${id} does not exist` }),
  /** No extension request with that id. */
  extensionNotFound: (id: string) => err("SUPERVISION_EXTENSION_NOT_FOUND", "not_found", { zh: `延期申请 ${id} 不存在`, en: `Extension request ${id} does not exist` }),
  /** No attachment with that id that the actor may use or see. */
  attachmentNotFound: (id: string) => err("SUPERVISION_ATTACHMENT_NOT_FOUND", "not_found", { zh: `附件 ${id} 不存在或无权访问`, en: `Attachment ${id} does not exist or is not yours to use` }),
  /** A saved view that is not the actor's. */
  viewNotFound: (id: string) => err("SUPERVISION_VIEW_NOT_FOUND", "not_found", { zh: `视图 ${id} 不存在`, en: `Saved view ${id} does not exist` }),
  /** A unit id that names no unit. */
  unitNotFound: (path: string, id: string) =>
    err("SUPERVISION_UNIT_NOT_FOUND", "invalid", { zh: `单位 ${id} 不存在`, en: `Unit ${id} does not exist` }, field(path, "exists", { zh: `单位 ${id} 不存在`, en: `Unit ${id} does not exist` })),
  /** The actor's role may not perform this action on supervision tasks. */
  forbidden: (action: BilingualText) => err("SUPERVISION_FORBIDDEN", "forbidden", { zh: `无权${action.zh}`, en: `Not allowed to ${action.en}` }),
  /** Source code already used. */
  sourceCodeTaken: (code: string) =>
    err("SUPERVISION_SOURCE_CODE_TAKEN", "conflict", { zh: `编号 ${code} 已被使用`, en: `Code ${code} is already used` }, field("code", "unique", { zh: `编号 ${code} 已被使用`, en: `Code ${code} is already used` })),
  /** A task with that row key already exists in the source. */
  taskKeyTaken: (key: string) =>
    err("SUPERVISION_TASK_KEY_TAKEN", "conflict", { zh: `本来源中已有编号为 ${key} 的任务`, en: `The source already has a task keyed ${key}` }, field("rowKey", "unique", { zh: "编号重复", en: "Duplicate key" })),
  /** The parent of a rectification plan must be an inspection round. */
  parentNotRound: () =>
    err("SUPERVISION_PARENT_NOT_ROUND", "invalid", { zh: "整改方案的上级须为督察轮次", en: "A rectification plan's parent must be an inspection round" }, field("parentId", "inspection_round", { zh: "须为督察轮次", en: "Must be an inspection round" })),
  /** Case details given for a non-case task, or missing for a case. */
  caseMismatch: (kind: string) =>
    err("SUPERVISION_CASE_MISMATCH", "invalid", { zh: "交办案件须填写案件信息，其他任务不得填写", en: "Assigned cases need case details, other tasks may not have them" }, field("case", `case_for_${kind}`, { zh: "案件信息与任务类型不符", en: "Case details do not match the task kind" })),
  /** A case outcome on a task that is not an assigned case. */
  notACase: (id: string) => err("SUPERVISION_NOT_A_CASE", "invalid", { zh: `任务 ${id} 不是交办案件`, en: `Task ${id} is not an assigned case` }),
  /** Reports, extensions and outcomes go to open tasks only. */
  taskFinished: (id: string) => err("SUPERVISION_TASK_FINISHED", "conflict", { zh: `任务 ${id} 已完成或已销号`, en: `Task ${id} is already completed or closed` }),
  /** The actor's unit does not handle this task, or a bureau user named a unit not on it. */
  notYourUnit: () =>
    err("SUPERVISION_NOT_YOUR_UNIT", "forbidden", { zh: "只能为本单位承担的任务填报", en: "You may report only for tasks your unit handles" }, field("unitId", "task_unit", { zh: "单位不是该任务的牵头或配合单位", en: "The unit is not a lead or co-unit of the task" })),
  /** A review of a report that has already been reviewed. */
  alreadyReviewed: (id: string) => err("SUPERVISION_ALREADY_REVIEWED", "conflict", { zh: `报告 ${id} 已审核`, en: `Report ${id} has already been reviewed` }),
  /** A resubmission must answer a returned report of the same task. */
  badResubmission: () =>
    err("SUPERVISION_BAD_RESUBMISSION", "invalid", { zh: "重新提交须针对本任务被退回的报告", en: "A resubmission must answer a returned report of this task" }, field("resubmissionOf", "returned_report", { zh: "须为本任务被退回的报告", en: "Must be a returned report of this task" })),
  /** The milestone is not one of the task's. */
  milestoneNotOnTask: () => err("SUPERVISION_MILESTONE_NOT_ON_TASK", "invalid", { zh: "阶段节点不属于该任务", en: "The milestone is not one of the task's" }, field("milestoneId", "task_milestone", { zh: "阶段节点不属于该任务", en: "Not a milestone of this task" })),
  /** Extension refused by the rules (after the deadline, not later, one already pending, finished, no deadline). */
  extensionRefused: (reason: "finished" | "no_deadline" | "after_deadline" | "not_later" | "pending", dueOn: string | null) => {
    const texts: Record<typeof reason, BilingualText> = {
      finished: { zh: "任务已完成或已销号，不能申请延期", en: "The task is completed or closed; it cannot be extended" },
      no_deadline: { zh: "长期任务没有可延期的期限", en: "A long-term task has no deadline to extend" },
      after_deadline: { zh: `延期申请须在期限（${dueOn}）届满前提出`, en: `An extension must be requested before the deadline (${dueOn}) passes` },
      not_later: { zh: `申请的新期限须晚于当前期限 ${dueOn}`, en: `The requested date must be later than the current deadline ${dueOn}` },
      pending: { zh: "已有待审批的延期申请", en: "An extension request is already pending" },
    };
    const kind = reason === "pending" || reason === "finished" ? "conflict" : "invalid";
    return err(`SUPERVISION_EXTENSION_${reason.toUpperCase()}`, kind, texts[reason], field(reason === "not_later" ? "requestedDueOn" : "taskId", reason, texts[reason]));
  },
  /** The extension was already approved or refused. */
  extensionDecided: (id: string) => err("SUPERVISION_EXTENSION_DECIDED", "conflict", { zh: `延期申请 ${id} 已审批`, en: `Extension request ${id} has already been decided` }),
  /** Sign-off needs a completed task awaiting verification. */
  notCompleted: (id: string) => err("SUPERVISION_NOT_COMPLETED", "conflict", { zh: `任务 ${id} 尚未完成，不能销号`, en: `Task ${id} is not completed; it cannot be closed` }),
  /** The task is already closed. */
  alreadyClosed: (id: string) => err("SUPERVISION_ALREADY_CLOSED", "conflict", { zh: `任务 ${id} 已销号`, en: `Task ${id} is already closed` }),
  /** Only closed tasks can be reopened. */
  notClosed: (id: string) => err("SUPERVISION_NOT_CLOSED", "conflict", { zh: `任务 ${id} 未销号，不能标记反弹`, en: `Task ${id} is not closed; it cannot be reopened` }),
  /** A new deadline given on reopening lies in the past. */
  dueInPast: () => err("SUPERVISION_DUE_IN_PAST", "invalid", { zh: "新期限不能早于今天", en: "The new deadline cannot be before today" }, field("newDueOn", "not_past", { zh: "新期限不能早于今天", en: "Must not be before today" })),
  /** The file is larger than the attachment limit. */
  attachmentTooLarge: (max: number) =>
    err("SUPERVISION_ATTACHMENT_TOO_LARGE", "invalid", { zh: `附件不能超过 ${Math.round(max / 1048576)} MB`, en: `Attachments may not exceed ${Math.round(max / 1048576)} MB` }, field("file", "max_size", { zh: "文件过大", en: "File too large" })),
  /** The file is not an image, PDF or Office document (checked by extension and content). */
  attachmentType: (fileName: string) =>
    err("SUPERVISION_ATTACHMENT_TYPE", "invalid", { zh: `不支持的附件类型：${fileName}（仅限图片、PDF、Office 文档）`, en: `Unsupported attachment type: ${fileName} (images, PDF and Office files only)` }, field("file", "file_type", { zh: "仅限图片、PDF、Office 文档", en: "Images, PDF and Office files only" })),
  /** An empty file. */
  attachmentEmpty: () => err("SUPERVISION_ATTACHMENT_EMPTY", "invalid", { zh: "文件为空", en: "The file is empty" }, field("file", "not_empty", { zh: "文件为空", en: "The file is empty" })),
  /** An attachment already used by another report or sign-off, or uploaded by someone else. */
  attachmentNotUsable: (id: string) =>
    err("SUPERVISION_ATTACHMENT_NOT_USABLE", "invalid", { zh: `附件 ${id} 不能用于此处（已被使用或不是您上传的）`, en: `Attachment ${id} cannot be used here (already used or not uploaded by you)` }, field("attachmentIds", "own_unused", { zh: "附件已被使用或不是您上传的", en: "Already used or not uploaded by you" })),
  /** The import file had rows that broke the rules; nothing was written. */
  importRejected: (rejected: number, total: number, rows: unknown[]) =>
    err(
      "SUPERVISION_IMPORT_REJECTED",
      "invalid",
      { zh: `${total} 行中有 ${rejected} 行不符合要求，未导入任何数据`, en: `${rejected} of ${total} rows were rejected; nothing was imported` },
      { rejectedRows: rows },
    ),
  /** The import file holds more rows than one import takes. */
  importTooLarge: (max: number) => err("SUPERVISION_IMPORT_TOO_LARGE", "invalid", { zh: `一次最多导入 ${max} 行`, en: `At most ${max} rows per import` }),
  /** The import file has a header but no rows. */
  importEmpty: () => err("SUPERVISION_IMPORT_EMPTY", "invalid", { zh: "文件中没有数据行", en: "The file has no data rows" }),
};
