import { createRepositories, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => "" },
    openDb: async () => ({ ...handle, close: async () => {} }),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("ecogov calendar", () => {
  it.each([
    ["D1 disclosure request, working days", ["2024-09-26", "20", "--working"], "2024-10-29"],
    ["D2 petition rolled past Spring Festival", ["2023-12-15", "60", "--natural"], "2024-02-18"],
    ["D4 calendar days ending on a Sunday roll to Monday", ["2026-01-30", "30", "--natural"], "2026-03-02"],
    ["D4 as working days", ["2026-01-30", "30", "--working"], "2026-03-19"],
    ["D6 permit, calendar days", ["2026-04-28", "20", "--natural"], "2026-05-18"],
  ])("deadline: %s", async (_name, args, due) => {
    const r = await run(["calendar", "deadline", ...args]);
    expect(r).toMatchObject({ code: 0, out: due, err: "" });
  });

  it.each([
    ["2024-02-18", "yes"],
    ["2024-02-12", "no"],
    ["2026-10-01", "no"],
    ["2026-03-02", "yes"],
    ["2026-03-01", "no"],
  ])("is-working %s → %s", async (date, answer) => {
    expect((await run(["calendar", "is-working", date])).out).toBe(answer);
  });

  it("uses the holiday years entered in the database, and says when a date is provisional", async () => {
    const before = await run(["calendar", "deadline", "2026-12-20", "20", "--working"]);
    expect(before.out).toBe("2027-01-15");
    expect(before.err).toMatch(/provisional/);
    expect((await run(["calendar", "is-working", "2027-01-01"])).out).toBe("yes");
    await createRepositories(handle.db).holidayYears.save(
      { year: 2027, restDays: [{ date: "2027-01-01", name: { zh: "元旦", en: "New Year's Day" } }], workingDays: [] },
      { id: null, name: "test" },
      new Date(),
    );
    expect(await run(["calendar", "deadline", "2026-12-20", "20", "--working"])).toMatchObject({ out: "2027-01-18", err: "" });
    expect(await run(["calendar", "is-working", "2027-01-01"])).toMatchObject({ out: "no", err: "元旦 / New Year's Day" });
  });

  it.each([
    [["calendar", "deadline", "2026-13-01", "5", "--working"], /START must be a date/],
    [["calendar", "deadline", "2026-03-01", "five", "--working"], /N must be a whole number/],
    [["calendar", "deadline", "2026-03-01", "5"], /exactly one of --working or --natural/],
    [["calendar", "deadline", "2026-03-01", "5", "--working", "--natural"], /exactly one/],
    [["calendar", "is-working"], /one DATE/],
  ])("rejects %j with usage", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
