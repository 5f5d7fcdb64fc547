import { DEMO_PASSWORD, migrateToLatest, scryptHasher, seedDemo } from "@ecogov/db";
import type { Command } from "../command";

export const seedCommand: Command = {
  words: ["seed"],
  summary: "Load the demo data (a fictional city, our district, its towns, units and one user of every role). Idempotent.",
  usage: "seed",
  options: {},
  async run({ db, io }) {
    await migrateToLatest(db);
    const r = await seedDemo(db.db, { passwords: scryptHasher });
    io.out(`Seed applied: +${r.districts} districts, +${r.towns} towns, +${r.units} units, +${r.users} users.`);
    if (r.users) io.out(`Demo users' password: ${DEMO_PASSWORD}`);
    return 0;
  },
};
