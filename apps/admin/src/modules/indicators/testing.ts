import type { AirUploadSummary, WaterUploadSummary } from "./use-monitoring-upload";

/** An import summary as `POST /api/uploads/air/readings` returns it, for component tests. */
export function makeUploadSummary(overrides: Partial<AirUploadSummary> = {}): AirUploadSummary {
  return {
    batchId: "6f1c2a3b-0000-4000-8000-000000000001",
    kind: "air.readings",
    fileName: "readings-2026-11.csv",
    total: 4,
    inserted: 2,
    updated: 1,
    unchanged: 0,
    rejected: 1,
    duplicates: 0,
    keptAudited: 0,
    rejectedRows: [
      {
        line: 4,
        field: "no2",
        reason: { zh: "第 4 行 no2 列不是有效数值：abc", en: "Line 4: column no2 is not a number: abc" },
        raw: "QY01-A01,2026-11-01T03:00+08:00,5,abc,40,30,0.5,60",
      },
    ],
    rejectedRowsTruncated: false,
    createdDistricts: [],
    affected: { stationIds: ["s1"], from: "2026-11-01", to: "2026-11-01" },
    recompute: "queued",
    ...overrides,
  };
}

/** A water import report as `POST /api/uploads/water/samples` returns it, for component tests. */
export function makeWaterUploadSummary(overrides: Partial<WaterUploadSummary> = {}): WaterUploadSummary {
  return {
    batchId: "6f1c2a3b-0000-4000-8000-000000000002",
    kind: "water.samples",
    fileName: "water-samples-2026-01.xlsx",
    totalRows: 5,
    inserted: 3,
    updated: 0,
    unchanged: 1,
    rejected: 1,
    rejectedRows: [
      {
        line: 6,
        reason: { zh: "断面编码 ZZ-09 不存在（请先导入断面文件）", en: "No section with code ZZ-09 (import the sections file first)" },
        raw: "ZZ-09,2026-01-10T09:30:00+08:00,manual,7.8,5.6,4.8,0.62,0.21",
      },
    ],
    summary: { ignoredColumns: ["水温"], keptAudited: 0, defaultStatus: "preliminary" },
    ...overrides,
  };
}

/** A scriptable XMLHttpRequest: tests send progress, finish the upload and answer. */
export class FakeXhr {
  static last: FakeXhr | null = null;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = "";
  responseType = "";
  withCredentials = false;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: unknown = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  finishUpload() {
    this.upload.onload?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.onload?.();
  }
  fail() {
    this.onerror?.();
  }
}
