import { migrateToLatest } from "@ecogov/db";
import type { Command } from "../command";

export const migrateCommand: Command = {
  words: ["migrate"],
  summary: "Apply every pending database migration (the server also does this at start).",
  usage: "migrate",
  options: {},
  async run({ db, io }) {
    const result = await migrateToLatest(db);
    const applied = result.results ?? [];
    if (!applied.length) io.out("Database is up to date. 数据库已是最新版本。");
    for (const r of applied) io.out(`${r.status === "Success" ? "applied" : r.status}: ${r.migrationName}`);
    return 0;
  },
};
