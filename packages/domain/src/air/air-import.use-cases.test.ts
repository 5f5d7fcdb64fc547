import { describe, expect, it } from "vitest";
import { fixedClock } from "../shared/ports";
import type { AirImportRepos, AirImportRepository, AirReadingsStaging, StagedReading } from "./air-import.ports";
import { importAirReadings, type RawImportRow } from "./air-import.use-cases";

/** An in-memory repository: enough of the port to check what the use case sends and how it reads the answers. */
/** `slowFlush`: that write (1-based) takes a hundred turns of the event loop's microtasks (the others, none). */
function fakeRepos(opts: { failStageAt?: number; slowFlush?: number } = {}) {
  const staged: StagedReading[][] = [];
  const calls: string[] = [];
  const audit: unknown[] = [];
  /** Flushes written ("staged:N", N rows so far) and months readied, in order. */
  const timeline: string[] = [];
  /** Lines a preparation removed as repeats. */
  const removed = new Set<number>();
  let stageCalls = 0;
  const repo: AirImportRepository = {
    listStations: async () => [{ id: "s1", code: "A" }, { id: "s2", code: "B" }],
    listDistricts: async () => [],
    startBatch: async () => "batch-1",
    finishBatch: async () => void calls.push("finish"),
    failBatch: async (_id, error) => void calls.push(`fail:${error}`),
    createStaging: async () => void calls.push("create"),
    prepareStaged: async (_id, month, { checkDuplicates }) => {
      calls.push(`prepare:${month}${checkDuplicates ? "+repeats" : ""}`);
      timeline.push(`prepare:${month}`);
      if (!checkDuplicates) return { superseded: [], attachable: false };
      // As the real preparation: the month's repeats are removed but for the highest line, and returned.
      const live = staged.flat().filter((r) => r.month === month && !removed.has(r.line));
      const winner = new Map<string, number>();
      for (const r of live) winner.set(`${r.stationId}|${r.epochHour}`, Math.max(winner.get(`${r.stationId}|${r.epochHour}`) ?? 0, r.line));
      const superseded = live
        .filter((r) => winner.get(`${r.stationId}|${r.epochHour}`) !== r.line)
        .map((r) => ({ line: r.line, supersededBy: winner.get(`${r.stationId}|${r.epochHour}`)!, stationId: r.stationId, timeUtc: utc(r.epochHour), valuesText: "" }));
      for (const r of superseded) removed.add(r.line);
      return { superseded, attachable: false };
    },
    reopenStaged: async (_id, month) => void calls.push(`reopen:${month}`),
    mergeStaged: async (_id, { months, prepared }) => {
      calls.push(`merge:${months.join(",")}`);
      // What each month's preparation returned reaches the merge.
      expect([...(prepared?.keys() ?? [])]).toEqual(months);
      const kept = staged.flat().filter((r) => !removed.has(r.line));
      const first = kept.map((r) => utc(r.epochHour)).sort()[0]!;
      const last = kept.map((r) => utc(r.epochHour)).sort().at(-1)!;
      return { inserted: kept.length, updated: 0, unchanged: 0, keptAudited: [], changed: [{ stationId: "s1", first, last }] };
    },
    dropStaging: async () => {
      calls.push("drop");
      timeline.push("drop");
    },
    createDistricts: async () => [],
    upsertStations: async () => ({ inserted: [], updated: [], unchanged: 0 }),
  };
  const staging: AirReadingsStaging = {
    writer: () => {
      let rows: StagedReading[] = [];
      return {
        add: (r) => void rows.push(r),
        get pending() {
          return rows.length;
        },
        flush: async () => {
          const taken = rows;
          rows = [];
          const call = ++stageCalls;
          if (call === opts.failStageAt) throw new Error("disk full");
          if (call === opts.slowFlush) for (let i = 0; i < 100; i++) await Promise.resolve();
          staged.push(taken);
          timeline.push(`staged:${staged.flat().length}`, `lines:${taken.map((r) => r.line).join(",")}`);
        },
      };
    },
  };
  const repos: AirImportRepos = { airImport: repo, audit: { record: async (e) => void audit.push(e) } };
  return { deps: { uow: { run: <T>(fn: (r: AirImportRepos) => Promise<T>) => fn(repos) }, clock: fixedClock("2026-04-01T00:00:00Z"), staging }, staged, calls, audit, timeline };
}

const rows = (lines: string[]): RawImportRow[] =>
  lines.map((l, i) => {
    const [station_code, time, pm2_5] = l.split(",");
    return { line: i + 2, values: { station_code, time, so2: "", no2: "", pm10: "", pm2_5, co: "", o3: "" } };
  });

const input = (lines: string[], batchSize = 2) => ({ rows: rows(lines), file: { name: "r.csv", sha256: "x" }, actor: null, batchSize });

const utc = (epochHour: number) => new Date(epochHour * 3_600_000).toISOString();

describe("importAirReadings", () => {
  it("stages valid rows in batches with their months, names the months with repeats, reports duplicates and bad rows, and audits once", async () => {
    const { deps, staged, calls, audit } = fakeRepos();
    const s = await importAirReadings(
      deps,
      input([
        "A,2026-03-01T00:00+08:00,10", // closes 28 February
        "A,2026-03-01T01:00+08:00,11",
        "A,2026-03-01T01:00+08:00,12", // replaces line 3 in the merge
        "C,2026-03-01T01:00+08:00,12", // unknown station
        "A,2026-03-01T02:00+08:00,x", // bad value
        "B,2026-03-01T01:00+08:00,9",
        "A,2026-03-01T00:00+08:00,13", // later batch: replaces line 2 in the merge
      ], 3),
    );
    expect(staged.map((b) => b.map((r) => [r.line, r.month]))).toEqual([
      [[2, "2026-02-01"], [3, "2026-03-01"], [4, "2026-03-01"]],
      [[7, "2026-03-01"], [8, "2026-02-01"]],
    ]);
    // February was readied when the file moved on to March, and reopened by line 8.
    expect(calls).toEqual([
      "create",
      "prepare:2026-02-01",
      "reopen:2026-02-01",
      "prepare:2026-02-01+repeats",
      "prepare:2026-03-01+repeats",
      "merge:2026-02-01,2026-03-01",
      "finish",
      "drop",
    ]);
    expect(s).toMatchObject({ total: 7, inserted: 3, rejected: 4, duplicates: 2, rejectedRowsTruncated: false });
    expect(s.rejectedRows.map((r) => [r.line, r.field])).toEqual([
      [2, null],
      [3, null],
      [5, "station_code"],
      [6, "pm2_5"],
    ]);
    expect(s.rejectedRows[0]!.reason.en).toContain("line 8");
    expect(s.rejectedRows[1]!.reason.en).toContain("line 4");
    expect(s.affected).toEqual({ stationIds: ["s1"], from: "2026-02-28", to: "2026-03-01" });
    expect(audit).toHaveLength(1);
  });

  it("takes rows in arrays as a table reader's batches yield them, and names no month without a repeat", async () => {
    const { deps, staged, calls } = fakeRepos();
    const batches = [rows(["A,2026-03-01T01:00+08:00,1", "B,2026-03-01T01:00+08:00,2"]), rows(["A,2026-03-01T02:00+08:00,3"]).map((r) => ({ ...r, line: 4 }))];
    const s = await importAirReadings(deps, { rows: batches, file: { name: "r.csv", sha256: "x" }, actor: null });
    expect(staged.flat().map((r) => [r.line, r.stationId])).toEqual([[2, "s1"], [3, "s2"], [4, "s1"]]);
    expect(calls).toEqual(["create", "prepare:2026-03-01", "merge:2026-03-01", "finish", "drop"]);
    expect(s).toMatchObject({ total: 3, inserted: 3, rejected: 0 });
  });

  it("readies each month the file has moved past while the next are read, and the last one after", async () => {
    const { deps, calls, timeline } = fakeRepos();
    const hours = ["2026-01-31T12:00", "2026-02-01T12:00", "2026-02-15T12:00", "2026-03-01T12:00", "2026-03-02T12:00", "2026-03-03T12:00"];
    const s = await importAirReadings(deps, input(hours.map((h) => `A,${h}+08:00,1`), 1));
    expect(s).toMatchObject({ inserted: 6, rejected: 0 });
    expect(calls).toEqual(["create", "prepare:2026-01-01", "prepare:2026-02-01", "prepare:2026-03-01", "merge:2026-01-01,2026-02-01,2026-03-01", "finish", "drop"]);
    // January once its last row was written, February while March was still being staged, March at the end.
    expect(timeline.indexOf("prepare:2026-01-01")).toBeGreaterThan(timeline.indexOf("staged:1"));
    expect(timeline.indexOf("prepare:2026-02-01")).toBeLessThan(timeline.indexOf("staged:6"));
    expect(timeline.slice(-2)).toEqual(["prepare:2026-03-01", "drop"]);
  });

  it("readies a month only once every write holding its rows is done, though writes end out of order", async () => {
    // Line 2 (January) is still being written when line 3 (February, which finishes January) has been.
    const { deps, calls, timeline } = fakeRepos({ slowFlush: 1 });
    const s = await importAirReadings(deps, input(["A,2026-01-31T12:00+08:00,1", "A,2026-02-01T12:00+08:00,1", "A,2026-02-02T12:00+08:00,1"], 1));
    expect(s).toMatchObject({ inserted: 3, rejected: 0 });
    expect(timeline.indexOf("lines:3")).toBeLessThan(timeline.indexOf("lines:2"));
    expect(timeline.indexOf("prepare:2026-01-01")).toBeGreaterThan(timeline.indexOf("lines:2"));
    expect(calls).toEqual(["create", "prepare:2026-01-01", "prepare:2026-02-01", "merge:2026-01-01,2026-02-01", "finish", "drop"]);
  });

  it("keeps the first rejected rows in the summary but hands every one to onRejected", async () => {
    const { deps } = fakeRepos();
    const all: number[] = [];
    const s = await importAirReadings(deps, { ...input(["A,bad,1", "A,bad,2", "A,bad,3", "A,2026-03-01T01:00+08:00,1"]), maxRejectedRows: 2, onRejected: (r) => void all.push(r.line) });
    expect(s.rejected).toBe(3);
    expect(s.rejectedRows.map((r) => r.line)).toEqual([2, 3]);
    expect(s.rejectedRowsTruncated).toBe(true);
    expect(all).toEqual([2, 3, 4]);
  });

  it("drops staging only after every write still running when another failed", async () => {
    const { deps, calls, timeline } = fakeRepos({ failStageAt: 1, slowFlush: 2 });
    await expect(importAirReadings(deps, input(["A,2026-03-01T01:00+08:00,1", "A,2026-03-01T02:00+08:00,1", "A,2026-03-01T03:00+08:00,1"], 1))).rejects.toThrow("disk full");
    expect(calls).toEqual(["create", "fail:disk full", "drop"]);
    // Line 2's write failed; line 3's, still running then, ended before the drop.
    expect(timeline.filter((e) => e.startsWith("lines:") || e === "drop")).toEqual(["lines:3", "drop"]);
  });

  it("records the batch as failed, drops staging and rethrows when a write fails", async () => {
    const { deps, calls } = fakeRepos({ failStageAt: 2 });
    await expect(importAirReadings(deps, input(["A,2026-03-01T01:00+08:00,1", "A,2026-03-01T02:00+08:00,1", "A,2026-03-01T03:00+08:00,1"], 1))).rejects.toThrow("disk full");
    expect(calls).toEqual(["create", "fail:disk full", "drop"]);
  });
});
