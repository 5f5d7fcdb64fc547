import { DEMO_PASSWORD, migrateToLatest, scryptHasher, seedDemo, seedDemoIndicators } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import type { Command } from "../command";

export const seedCommand: Command = {
  words: ["seed"],
  summary: "Load the demo data (a fictional city, our district, its towns, units, one user of every role, and monitoring data since 2025). Idempotent.",
  usage: "seed [--no-indicators]",
  options: { "no-indicators": { type: "boolean" } },
  async run({ values, db, io }) {
    await migrateToLatest(db);
    const r = await seedDemo(db.db, { passwords: scryptHasher });
    io.out(`Seed applied: +${r.districts} districts, +${r.towns} towns, +${r.units} units, +${r.users} users.`);
    if (r.users) io.out(`Demo users' password: ${DEMO_PASSWORD}`);
    if (values["no-indicators"]) return 0;
    const i = await seedDemoIndicators(db, { clock: systemClock, log: (m) => io.out(m) });
    io.out(
      i.skipped
        ? "Demo monitoring data: already loaded, or the database has monitoring data of its own (left as it is)."
        : `Demo monitoring data ${i.from} … ${i.to}: +${i.airStations} air stations, +${i.airReadings} hourly readings in ${Math.round(i.ms / 1000)} s.`,
    );
    return 0;
  },
};
