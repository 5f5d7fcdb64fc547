import type { BilingualText, FieldError } from "@ecogov/domain";
import type { AttachmentMeta, ImportReport, RejectedRow, TaskFilter } from "@ecogov/domain/supervision-tasks";
import { useMutation } from "@tanstack/vue-query";
import { useInvalidateSupervision } from "./use-supervision-tasks";
import { jsonBody } from "../../shared/xhr";

/**
 * The module's file routes (apps/api/src/attachments.ts, session cookie): attachment upload and download, the
 * measures / case list import (with a dry run), and the .xlsx export of a filtered list. They answer JSON errors
 * `{ error: { code, message: {zh, en}, fieldErrors, rejectedRows? } }`, read here into a `SupervisionFileError`.
 */
export const ATTACHMENTS_URL = "/api/attachments";
const IMPORT_URL = `${ATTACHMENTS_URL}/supervision-tasks/import`;
const EXPORT_URL = `${ATTACHMENTS_URL}/supervision-tasks/export`;

/** A refused file request, shaped like a tRPC error (`data.domainError`) so `toUiError` and the session check read it. */
export class SupervisionFileError extends Error {
  readonly data: { httpStatus: number | null; domainError: { code: string; text: BilingualText; details: { fieldErrors: FieldError[] } } };
  /** Every rejected row of an import, with its line and a reason in both languages. */
  readonly rejectedRows: RejectedRow[];

  constructor(opts: { status: number | null; code: string; text: BilingualText; fieldErrors?: FieldError[]; rejectedRows?: RejectedRow[] }) {
    super(opts.text.en);
    this.name = "SupervisionFileError";
    this.data = { httpStatus: opts.status, domainError: { code: opts.code, text: opts.text, details: { fieldErrors: opts.fieldErrors ?? [] } } };
    this.rejectedRows = opts.rejectedRows ?? [];
  }
}

const NETWORK: BilingualText = { zh: "无法连接服务器，请检查网络后重试。", en: "Cannot reach the server; check the connection and try again." };

const isText = (v: unknown): v is BilingualText => !!v && typeof (v as BilingualText).zh === "string" && typeof (v as BilingualText).en === "string";

function isRejectedRow(v: unknown): v is RejectedRow {
  const r = v as Partial<RejectedRow> | null;
  return !!r && typeof r.line === "number" && isText(r.reason);
}

/** Reads the JSON error body of a file route; anything else becomes a generic bilingual HTTP error. */
export function fileErrorFrom(status: number, body: unknown): SupervisionFileError {
  const e = (body as { error?: { code?: unknown; message?: unknown; fieldErrors?: unknown; rejectedRows?: unknown } } | null)?.error;
  if (e && typeof e.code === "string" && isText(e.message)) {
    return new SupervisionFileError({
      status,
      code: e.code,
      text: { zh: e.message.zh, en: e.message.en },
      fieldErrors: Array.isArray(e.fieldErrors) ? (e.fieldErrors as FieldError[]) : [],
      rejectedRows: Array.isArray(e.rejectedRows) ? e.rejectedRows.filter(isRejectedRow).map((r) => ({ line: r.line, reason: r.reason, raw: r.raw ?? {} })) : [],
    });
  }
  return new SupervisionFileError({
    status,
    code: status >= 500 ? "INTERNAL" : `HTTP_${status}`,
    text: { zh: `服务器返回错误（HTTP ${status}），请稍后再试。`, en: `The server returned an error (HTTP ${status}); please try again later.` },
  });
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: "include", ...init });
  } catch {
    throw new SupervisionFileError({ status: null, code: "NETWORK", text: NETWORK });
  }
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Uploads one evidence file (photo, PDF, Office document) for a task; `onProgress` follows the bytes sent, which
 * matters on a phone network. XMLHttpRequest rather than fetch, because only XHR reports upload progress.
 */
export function uploadAttachment(opts: { file: File; taskId: string | null; onProgress?: (p: UploadProgress) => void; createXhr?: () => XMLHttpRequest }): Promise<AttachmentMeta> {
  return new Promise((resolve, reject) => {
    const xhr = opts.createXhr?.() ?? new XMLHttpRequest();
    xhr.open("POST", ATTACHMENTS_URL);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : opts.file.size });
    xhr.onerror = () => reject(new SupervisionFileError({ status: null, code: "NETWORK", text: NETWORK }));
    xhr.onload = () => {
      const body = jsonBody(xhr);
      if (xhr.status === 201 || xhr.status === 200) resolve(body as AttachmentMeta);
      else reject(fileErrorFrom(xhr.status, body));
    };
    const form = new FormData();
    form.append("file", opts.file, opts.file.name);
    if (opts.taskId) form.append("taskId", opts.taskId);
    xhr.send(form);
  });
}

/** Where an attachment is downloaded from (same session cookie; other units' files read as missing). */
export const attachmentUrl = (id: string) => `${ATTACHMENTS_URL}/${encodeURIComponent(id)}`;

/** Checks (dry run) or imports a measures / case list into a source. A bad header or any bad row → SupervisionFileError with every rejected row. */
export async function importList(opts: { file: File; sourceId: string; dryRun: boolean }): Promise<ImportReport> {
  const form = new FormData();
  form.append("file", opts.file, opts.file.name);
  form.append("sourceId", opts.sourceId);
  if (opts.dryRun) form.append("dryRun", "true");
  const res = await send(IMPORT_URL, { method: "POST", body: form, headers: { Accept: "application/json" } });
  const body = await readJson(res);
  if (!res.ok) throw fileErrorFrom(res.status, body);
  return body as ImportReport;
}

export function useImportList() {
  const invalidate = useInvalidateSupervision();
  return useMutation({
    mutationFn: importList,
    onSuccess: (report) => (report.dryRun ? undefined : invalidate()),
  });
}

/** The export's query string: the list's filters, lists comma-separated (the route accepts both forms). */
export function exportQuery(filter: TaskFilter): string {
  const p = new URLSearchParams();
  for (const key of ["sourceId", "unitId", "kind", "dueFrom", "dueTo", "search"] as const) {
    const v = filter[key];
    if (v) p.set(key, v);
  }
  if (filter.status?.length) p.set("status", filter.status.join(","));
  if (filter.warning?.length) p.set("warning", filter.warning.join(","));
  return p.toString();
}

/** The file name from Content-Disposition (RFC 5987 `filename*` first, for the Chinese name). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the ASCII name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/** Downloads the filtered list as .xlsx and hands it to the browser as a file. */
export async function downloadExport(filter: TaskFilter): Promise<string> {
  const qs = exportQuery(filter);
  const res = await send(`${EXPORT_URL}${qs ? `?${qs}` : ""}`, { method: "GET" });
  if (!res.ok) throw fileErrorFrom(res.status, await readJson(res));
  const name = fileNameOf(res.headers.get("content-disposition"), "supervision-tasks.xlsx");
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export function useExportList() {
  return useMutation({ mutationFn: downloadExport });
}
