import { createRepositories, migrateToLatest, type DbHandle } from "@ecogov/db";
import { deadline, holidayName, isIsoDate, isWorkingDay, type HolidayCalendar } from "@ecogov/domain/calendar";
import { UsageError, type Command } from "../command";

/** The calendar in force: the built-in notices overlaid with the years administrators entered in the database. */
async function calendarOf(db: DbHandle): Promise<HolidayCalendar> {
  await migrateToLatest(db);
  return createRepositories(db.db).holidayYears.loadCalendar();
}

function dateArg(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`${name} is required (YYYY-MM-DD)`);
  if (!isIsoDate(value)) throw new UsageError(`${name} must be a date written YYYY-MM-DD: ${value}`);
  return value;
}

export const calendarDeadlineCommand: Command = {
  words: ["calendar", "deadline"],
  summary: "Print the due date of N working or calendar days from START (the start day not counted; a calendar-day period ending on a rest day rolls to the next working day).",
  usage: "calendar deadline START N (--working | --natural)\n\nExample: pnpm ecogov calendar deadline 2024-09-26 20 --working   → 2024-10-29",
  options: { working: { type: "boolean" }, natural: { type: "boolean" } },
  async run({ values, positionals, db, io }) {
    const [startArg, amountArg, ...rest] = positionals;
    if (rest.length) throw new UsageError(`Unexpected arguments: ${rest.join(" ")}`);
    const start = dateArg(startArg, "START");
    if (!amountArg || !/^\d+$/.test(amountArg)) throw new UsageError(`N must be a whole number of days: ${amountArg ?? "(missing)"}`);
    if (!!values.working === !!values.natural) throw new UsageError("Give exactly one of --working or --natural");
    const d = deadline(await calendarOf(db), { start, amount: Number(amountArg), unit: values.working ? "working" : "natural" });
    io.out(d.due);
    if (d.provisional) io.err(`provisional: a holiday notice this period depends on is not entered yet. 期限待定：所涉年份的节假日安排尚未录入。`);
    return 0;
  },
};

export const calendarIsWorkingCommand: Command = {
  words: ["calendar", "is-working"],
  summary: "Print yes if DATE is a working day (adjusted working weekends included), no otherwise.",
  usage: "calendar is-working DATE\n\nExample: pnpm ecogov calendar is-working 2024-02-18   → yes (an adjusted working Sunday)",
  options: {},
  async run({ positionals, db, io }) {
    if (positionals.length !== 1) throw new UsageError("Give one DATE (YYYY-MM-DD)");
    const date = dateArg(positionals[0], "DATE");
    const cal = await calendarOf(db);
    const working = isWorkingDay(cal, date);
    io.out(working ? "yes" : "no");
    const name = holidayName(cal, date);
    if (name) io.err(`${name.zh} / ${name.en}`);
    return 0;
  },
};
