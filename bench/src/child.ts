import { importFile } from "./ingest";
import { topTimers, type Timers } from "./instrument";
import { watchMemory } from "./memory";
import { openTarget, type TargetSpec } from "./targets";

/** One benchmark phase in its own process (see run-child.ts); prints one JSON line with the result. */
interface Task {
  phase: "import";
  target: TargetSpec;
  stationsFile?: string;
  file: string;
}

const task = JSON.parse(process.argv[2] ?? "{}") as Task;
const handle = await openTarget(task.target);
try {
  if (task.stationsFile) await importFile(handle, "stations", task.stationsFile);
  // Warm up module loading and the first queries, so the memory baseline is the idle process.
  await handle.db.selectFrom("airStations").select("id").limit(1).execute();
  const mem = watchMemory();
  const started = performance.now();
  const timers: Timers = {};
  const summary = await importFile(handle, "readings", task.file, timers);
  const ms = performance.now() - started;
  const memory = mem.stop();
  const result = { ms, total: summary.total, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected, memory, timers: topTimers(timers) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await handle.close();
}
