import {
  TASK_KINDS,
  TASK_STATUSES,
  WARNING_COLOURS,
  type DeadlineSpec,
  type Rate,
  type TaskFilter,
  type TaskKind,
  type TaskStatus,
  type WarningColour,
} from "@ecogov/domain/supervision-tasks";
import type { LocationQuery, LocationQueryRaw } from "vue-router";

/** BaseBadge tones of the derived statuses; the status text is always shown with it. */
export const STATUS_TONES: Record<TaskStatus, "neutral" | "info" | "success" | "warning" | "danger"> = {
  not_started: "neutral",
  on_schedule: "success",
  due_soon: "info",
  overdue: "warning",
  awaiting_verification: "info",
  closed: "success",
  reopened: "danger",
};

/**
 * The three-colour warning (三色预警) as bureaus show it: blue due soon, yellow overdue, red long overdue or
 * reopened. Each colour also has its own shape, so the warning never rests on colour alone.
 */
export const WARNING_SHAPES: Record<WarningColour, "circle" | "triangle" | "square"> = { blue: "circle", yellow: "triangle", red: "square" };

/** A rate as "85.7%" (or "—" when nothing is counted); a whole number loses its ".0". */
export function formatRate(r: Rate): string {
  return r.percent === null ? "—" : `${r.percent.replace(/\.0$/, "")}%`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function one(q: LocationQuery, key: string): string | undefined {
  const v = q[key];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" && s !== "" ? s : undefined;
}

function list<T extends string>(q: LocationQuery, key: string, allowed: readonly T[]): T[] | undefined {
  const raw = q[key];
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === "string" ? v.split(",") : []));
  const out = values.filter((v): v is T => (allowed as readonly string[]).includes(v));
  return out.length ? [...new Set(out)] : undefined;
}

/** The task list's filters from the page address (so a filtered list can be linked, bookmarked and saved); junk is dropped. */
export function filterFromQuery(q: LocationQuery): TaskFilter {
  const f: TaskFilter = {};
  const sourceId = one(q, "sourceId");
  if (sourceId && UUID.test(sourceId)) f.sourceId = sourceId;
  const unitId = one(q, "unitId");
  if (unitId && UUID.test(unitId)) f.unitId = unitId;
  const kind = one(q, "kind");
  if (kind && (TASK_KINDS as readonly string[]).includes(kind)) f.kind = kind as TaskKind;
  const status = list(q, "status", TASK_STATUSES);
  if (status) f.status = status;
  const warning = list(q, "warning", WARNING_COLOURS);
  if (warning) f.warning = warning;
  const dueFrom = one(q, "dueFrom");
  if (dueFrom && DATE.test(dueFrom)) f.dueFrom = dueFrom;
  const dueTo = one(q, "dueTo");
  if (dueTo && DATE.test(dueTo)) f.dueTo = dueTo;
  const search = one(q, "search")?.trim().slice(0, 100);
  if (search) f.search = search;
  return f;
}

/** The page address of a filter set (lists comma-separated, empty filters left out). */
export function filterToQuery(f: TaskFilter): LocationQueryRaw {
  const q: LocationQueryRaw = {};
  if (f.sourceId) q.sourceId = f.sourceId;
  if (f.unitId) q.unitId = f.unitId;
  if (f.kind) q.kind = f.kind;
  if (f.status?.length) q.status = f.status.join(",");
  if (f.warning?.length) q.warning = f.warning.join(",");
  if (f.dueFrom) q.dueFrom = f.dueFrom;
  if (f.dueTo) q.dueTo = f.dueTo;
  if (f.search?.trim()) q.search = f.search.trim();
  return q;
}

/** Whether two filter sets select the same tasks (the saved view in use is marked). */
export function sameFilter(a: TaskFilter, b: TaskFilter): boolean {
  const norm = (f: TaskFilter) => JSON.stringify(filterToQuery({ ...f, status: f.status ? [...f.status].sort() : undefined, warning: f.warning ? [...f.warning].sort() : undefined }));
  return norm(a) === norm(b);
}

/** The deadline as the list wrote it, for the detail page: a date, N (working) days from a start, or long-term. */
export function deadlineParts(d: DeadlineSpec): { kind: DeadlineSpec["kind"]; date?: string; start?: string; amount?: number; unit?: "working" | "natural"; every?: string | null } {
  if (d.kind === "date") return { kind: "date", date: d.date };
  if (d.kind === "period") return { kind: "period", start: d.start, amount: d.amount, unit: d.unit };
  return { kind: "long_term", start: d.start, every: d.every };
}

/** File size for people: 1.2 MB, 350 KB. */
export function formatBytes(n: number, locale: string): string {
  const fmt = (v: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  if (n >= 1024 * 1024) return `${fmt(n / (1024 * 1024), 1)} MB`;
  if (n >= 1024) return `${fmt(n / 1024, 0)} KB`;
  return `${fmt(n, 0)} B`;
}
