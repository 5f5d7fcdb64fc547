import { describe, expect, it } from "vitest";
import { toUiError } from "../../shared/errors";
import { FakeXhr, makeUploadSummary, makeWaterUploadSummary } from "./testing";
import { uploadContentType, uploadMonitoringFile } from "./use-monitoring-upload";

const file = (name: string, text = "station_code,time\n") => new File([text], name, { type: "" });

describe("uploadMonitoringFile", () => {
  it("posts the raw file with its name and a content type the server accepts, reporting progress", async () => {
    const progress: number[] = [];
    let uploaded = false;
    const done = uploadMonitoringFile({
      kind: "air.readings",
      file: file("十一月 readings.csv"),
      onProgress: (p) => progress.push(p.loaded / p.total),
      onUploaded: () => (uploaded = true),
      createXhr: () => new FakeXhr() as unknown as XMLHttpRequest,
    });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe("POST");
    expect(xhr.url).toBe(`/api/uploads/air/readings?name=${encodeURIComponent("十一月 readings.csv")}`);
    expect(xhr.headers["Content-Type"]).toBe("text/csv");
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.body).toBeInstanceOf(File);
    xhr.progress(5, 10);
    xhr.progress(10, 10);
    xhr.finishUpload();
    xhr.respond(200, makeUploadSummary());
    expect(await done).toMatchObject({ inserted: 2, rejected: 1, recompute: "queued" });
    expect(progress).toEqual([0.5, 1]);
    expect(uploaded).toBe(true);
  });

  it("posts a water file to its own endpoint and resolves with the water import report", async () => {
    const done = uploadMonitoringFile({ kind: "water.samples", file: file("样品 2026-01.xlsx"), createXhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    expect(FakeXhr.last!.url).toBe(`/api/uploads/water/samples?name=${encodeURIComponent("样品 2026-01.xlsx")}`);
    FakeXhr.last!.respond(200, makeWaterUploadSummary());
    expect(await done).toMatchObject({ kind: "water.samples", totalRows: 5, inserted: 3, rejected: 1 });

    const sections = uploadMonitoringFile({ kind: "water.sections", file: file("s.csv"), createXhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    expect(FakeXhr.last!.url).toBe("/api/uploads/water/sections?name=s.csv");
    FakeXhr.last!.respond(400, {
      error: {
        code: "WATER_IMPORT_COLUMNS_MISSING",
        message: { zh: "文件 s.csv 缺少必需的列：time", en: "File s.csv lacks required columns: time" },
        fieldErrors: [{ path: "time", rule: "required_column", message: { zh: "缺少列 time", en: "Column time is missing" } }],
      },
    });
    const ui = toUiError(await sections.catch((e: unknown) => e));
    expect(ui.code).toBe("WATER_IMPORT_COLUMNS_MISSING");
    expect(ui.fieldErrors.map((e) => e.message.en)).toEqual(["Column time is missing"]);
  });

  it("turns the server's bilingual error into one the UI shows, with the missing columns", async () => {
    const done = uploadMonitoringFile({ kind: "air.stations", file: file("s.xlsx"), createXhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    expect(FakeXhr.last!.headers["Content-Type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    FakeXhr.last!.respond(400, { error: { code: "TABLE_MISSING_COLUMNS", message: { zh: "缺少列：lat", en: "Missing columns: lat" }, missing: ["lat"], unknown: [] } });
    const err = await done.catch((e: unknown) => e);
    const ui = toUiError(err);
    expect(ui.code).toBe("TABLE_MISSING_COLUMNS");
    expect(ui.text.zh).toBe("缺少列：lat");
    expect(ui.httpStatus).toBe(400);
    expect((err as { data: { domainError: { details: { missing: string[] } } } }).data.domainError.details.missing).toEqual(["lat"]);
  });

  it("reports a lost session so the app can send the user to log in, and a network failure as such", async () => {
    const a = uploadMonitoringFile({ kind: "air.readings", file: file("a.csv"), createXhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    FakeXhr.last!.respond(401, { error: { code: "AUTH_REQUIRED", message: { zh: "请先登录", en: "Please log in first" } } });
    expect(toUiError(await a.catch((e: unknown) => e)).code).toBe("AUTH_REQUIRED");

    const b = uploadMonitoringFile({ kind: "air.readings", file: file("b.csv"), createXhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    FakeXhr.last!.fail();
    expect(toUiError(await b.catch((e: unknown) => e)).code).toBe("NETWORK");

    const c = uploadMonitoringFile({ kind: "air.readings", file: file("c.csv"), createXhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    FakeXhr.last!.respond(502, "<html>bad gateway</html>");
    const ui = toUiError(await c.catch((e: unknown) => e));
    expect(ui.text.en).toContain("HTTP 502");
  });
});

describe("uploadContentType", () => {
  it("goes by the file name, since browsers report CSV types inconsistently", () => {
    expect(uploadContentType({ name: "a.CSV", type: "application/vnd.ms-excel" })).toBe("text/csv");
    expect(uploadContentType({ name: "a.xlsx", type: "" })).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(uploadContentType({ name: "a.txt", type: "" })).toBe("application/octet-stream");
  });
});
