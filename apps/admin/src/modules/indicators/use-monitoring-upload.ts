import type { BilingualText, FieldError } from "@ecogov/domain";
import type { AirImportSummary } from "@ecogov/domain/air";
import type { WaterImportReport } from "@ecogov/domain/water";
import { useMutation } from "@tanstack/vue-query";
import { computed, ref } from "vue";
import { useInvalidateIndicators } from "./use-indicators";
import { jsonBody } from "../../shared/xhr";

/**
 * Uploads of monitoring files to `POST /api/uploads/{air/readings|air/stations|water/sections|water/samples}?name=FILE`
 * (apps/api/src/uploads.ts): the raw file as the body, the session cookie, the import summary as JSON.
 * XMLHttpRequest rather than fetch, because only XHR reports upload progress.
 */
export const UPLOAD_KINDS = ["air.readings", "air.stations", "water.sections", "water.samples"] as const;
/** What a file holds; the same names as the import batch's `kind`. */
export type UploadKind = (typeof UPLOAD_KINDS)[number];
export type RecomputeStatus = "queued" | "not_needed" | "not_available" | "failed";
export type AirUploadSummary = AirImportSummary & { recompute: RecomputeStatus };
export type WaterUploadSummary = WaterImportReport;
export type UploadSummary = AirUploadSummary | WaterUploadSummary;

export const isWaterSummary = (s: UploadSummary): s is WaterUploadSummary => s.kind === "water.sections" || s.kind === "water.samples";

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** An upload the server refused; shaped like a tRPC error so `toUiError` and the session check read it. */
export class UploadError extends Error {
  readonly data: { httpStatus: number | null; domainError: { code: string; text: BilingualText; details: { fieldErrors: FieldError[]; missing?: string[]; unknown?: string[] } } };

  constructor(opts: { status: number | null; code: string; text: BilingualText; fieldErrors?: FieldError[]; missing?: string[]; unknown?: string[] }) {
    super(opts.text.en);
    this.name = "UploadError";
    this.data = {
      httpStatus: opts.status,
      domainError: { code: opts.code, text: opts.text, details: { fieldErrors: opts.fieldErrors ?? [], missing: opts.missing, unknown: opts.unknown } },
    };
  }
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The content type the server accepts for the file, from its name first (browsers report CSV types inconsistently). */
export function uploadContentType(file: { name: string; type: string }): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.csv$/i.test(file.name)) return "text/csv";
  return file.type || "application/octet-stream";
}

const NETWORK: BilingualText = { zh: "上传中断：无法连接服务器，请检查网络后重试。", en: "The upload was interrupted: cannot reach the server; check the connection and try again." };

function errorFrom(status: number, body: unknown): UploadError {
  const e = (body as { error?: { code?: unknown; message?: { zh?: unknown; en?: unknown }; fieldErrors?: unknown; missing?: unknown; unknown?: unknown } } | null)?.error;
  if (e && typeof e.code === "string" && typeof e.message?.zh === "string" && typeof e.message.en === "string") {
    return new UploadError({
      status,
      code: e.code,
      text: { zh: e.message.zh, en: e.message.en },
      fieldErrors: Array.isArray(e.fieldErrors) ? (e.fieldErrors as FieldError[]) : [],
      missing: Array.isArray(e.missing) ? (e.missing as string[]) : undefined,
      unknown: Array.isArray(e.unknown) ? (e.unknown as string[]) : undefined,
    });
  }
  return new UploadError({
    status,
    code: status >= 500 ? "INTERNAL" : `HTTP_${status}`,
    text: { zh: `服务器返回错误（HTTP ${status}），请稍后再试。`, en: `The server returned an error (HTTP ${status}); please try again later.` },
  });
}

/** Sends one file; `onProgress` follows the bytes sent. Resolves with the import summary. */
export function uploadMonitoringFile(opts: {
  kind: UploadKind;
  file: File;
  onProgress?: (p: UploadProgress) => void;
  onUploaded?: () => void;
  /** For tests. */
  createXhr?: () => XMLHttpRequest;
}): Promise<UploadSummary> {
  return new Promise((resolve, reject) => {
    const xhr = opts.createXhr?.() ?? new XMLHttpRequest();
    xhr.open("POST", `/api/uploads/${opts.kind.replace(".", "/")}?name=${encodeURIComponent(opts.file.name)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", uploadContentType(opts.file));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.({ loaded: e.loaded, total: e.total });
    };
    xhr.upload.onload = () => opts.onUploaded?.();
    xhr.onload = () => {
      const body = jsonBody(xhr);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === "object") resolve(body as UploadSummary);
      else reject(errorFrom(xhr.status, body));
    };
    xhr.onerror = () => reject(new UploadError({ status: null, code: "NETWORK", text: NETWORK }));
    xhr.onabort = () => reject(new UploadError({ status: null, code: "NETWORK", text: NETWORK }));
    xhr.send(opts.file);
  });
}

export type UploadPhase = "idle" | "uploading" | "processing" | "done" | "failed";

/** One upload at a time, with its phase (sending bytes, then the server importing) and byte progress. */
export function useMonitoringUpload() {
  const invalidate = useInvalidateIndicators();
  const progress = ref<UploadProgress | null>(null);
  const phase = ref<UploadPhase>("idle");
  const mutation = useMutation({
    mutationFn: (vars: { kind: UploadKind; file: File }) => {
      progress.value = { loaded: 0, total: vars.file.size };
      phase.value = "uploading";
      return uploadMonitoringFile({
        ...vars,
        onProgress: (p) => (progress.value = p),
        onUploaded: () => {
          progress.value = { loaded: vars.file.size, total: vars.file.size };
          phase.value = "processing";
        },
      });
    },
    onSuccess: async () => {
      phase.value = "done";
      await invalidate();
    },
    onError: () => {
      phase.value = "failed";
    },
  });
  const percent = computed(() => (progress.value && progress.value.total > 0 ? Math.round((progress.value.loaded / progress.value.total) * 100) : null));
  function reset() {
    mutation.reset();
    progress.value = null;
    phase.value = "idle";
  }
  return { mutation, progress, percent, phase, reset };
}
