import type { Clock } from "@ecogov/domain";
import { toShanghaiDate } from "@ecogov/domain/calendar";
import { importAirReadings, recomputeAirDays, type AirReadingsStaging } from "@ecogov/domain/air";
import type { Kysely } from "kysely";
import { createRepositories, createUnitOfWork } from "../repositories";
import type { Database } from "../schema";
import { generateAirReadings } from "./air-readings.generator";
import { DEMO_DONE_ACTION, DEMO_SILENT_STATION, importRowBatches } from "./demo-indicators";
import { DEMO_AIR_STATIONS } from "./demo-network";

const HOUR_MS = 3_600_000;
/** A demo left off for longer catches up this far back at most (older hours stay a gap, like an outage). */
const MAX_CATCH_UP_DAYS = 31;

export interface DemoAirFeedReport {
  skipped: boolean;
  /** Hours stamped after the last stored demo reading, up to the last full hour. */
  from: string | null;
  to: string | null;
  inserted: number;
}

/**
 * Keeps the demo city's air monitoring live: generates the hours since the last stored demo reading up to the last
 * full hour (the same generator as the first start, status preliminary) and loads them through the real import, then
 * recomputes the affected days. Without it, a demo running for days shows yesterday's data as "now" and flags every
 * station as silent. The demo's one silent station stays silent (it shows the data-health flag). Does nothing on a
 * deployment whose demo indicators were not loaded, or once the hours are there (re-running is harmless).
 */
export async function feedDemoAirReadings(deps: { db: Kysely<Database>; staging: AirReadingsStaging; clock: Clock }): Promise<DemoAirFeedReport> {
  const none: DemoAirFeedReport = { skipped: true, from: null, to: null, inserted: 0 };
  const db = deps.db;
  const loaded = await db.selectFrom("auditEvents").select("id").where("action", "=", DEMO_DONE_ACTION).limit(1).executeTakeFirst();
  if (!loaded) return none;
  const fed = DEMO_AIR_STATIONS.filter((s) => s.code !== DEMO_SILENT_STATION.stationCode);
  const last = await db
    .selectFrom("airReadings as r")
    .innerJoin("airStations as s", "s.id", "r.stationId")
    .select((eb) => eb.fn.max("r.time").as("last"))
    .where("s.code", "in", fed.map((s) => s.code))
    .executeTakeFirst();
  if (!last?.last) return none;
  const nowHour = Math.floor(deps.clock.now().getTime() / HOUR_MS) * HOUR_MS;
  const after = Math.max(new Date(last.last).getTime(), nowHour - MAX_CATCH_UP_DAYS * 24 * HOUR_MS);
  if (after >= nowHour) return { ...none, skipped: false };

  // Whole Beijing days are generated (the generator works by day); only the missing hours are kept.
  const from = toShanghaiDate(new Date(after));
  const to = toShanghaiDate(new Date(nowHour));
  const rows = importRowBatches(
    (function* () {
      for (const r of generateAirReadings({ stations: fed, from, to })) {
        const t = Date.parse(r.time);
        if (t > after && t <= nowHour) yield r;
      }
    })(),
  );
  const uow = createUnitOfWork(db);
  const summary = await importAirReadings(
    { uow, clock: deps.clock, staging: deps.staging },
    { actor: null, file: { name: `demo-air-feed-${new Date(nowHour).toISOString().slice(0, 13)}.csv`, sha256: `demo-feed-${after}-${nowHour}` }, rows },
  );
  const { stationIds, from: dayFrom, to: dayTo } = summary.affected;
  if (dayFrom && dayTo) await recomputeAirDays({ uow, read: createRepositories(db), clock: deps.clock }, { stationIds, from: dayFrom, to: dayTo });
  return { skipped: false, from: new Date(after + HOUR_MS).toISOString(), to: new Date(nowHour).toISOString(), inserted: summary.inserted };
}
