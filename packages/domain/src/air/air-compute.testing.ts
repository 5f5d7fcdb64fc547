import type { AuditEntry } from "../audit/audit.schema";
import type { UnitOfWork } from "../shared/ports";
import type {
  AirCompositeIndexSettingsEntry,
  AirComputeRepos,
  AirDistrictRef,
  AirDustDay,
  AirHourReading,
  AirPublishedFigures,
  AirPublishedRank,
  AirResultsRepository,
  AirStationRef,
  AirTarget,
  ReplaceCounts,
  StoredDistrictDay,
  StoredStationDay,
} from "./air-compute.ports";
import type { DistrictDayFigures, StationDayFigures, StationDayHours } from "./air-compute.rules";
import type { Pollutant } from "./air.schema";
import { POLLUTANTS } from "./air.schema";
import { hourSlotOf } from "./civil-date";

/** In-memory air results storage for use-case tests ("./air/air-compute.testing", tests only). */
export function createMemoryAirResults(init: { districts: AirDistrictRef[]; stations: AirStationRef[] }) {
  const readings = new Map<string, AirHourReading>();
  const stationDays = new Map<string, StoredStationDay>();
  const districtDays = new Map<string, StoredDistrictDay>();
  const dust = new Map<string, AirDustDay>();
  const ranks = new Map<string, AirPublishedRank>();
  const targets = new Map<string, AirTarget>();
  const published = new Map<string, AirPublishedFigures>();
  const compositeIndexSettings = new Map<string, AirCompositeIndexSettingsEntry>();
  const audit: AuditEntry[] = [];
  let seq = 0;

  const same = (a: object, b: object) => JSON.stringify({ ...a, computedAt: null }) === JSON.stringify({ ...b, computedAt: null });
  function replace<T extends StationDayFigures | DistrictDayFigures>(
    store: Map<string, T & { computedAt: Date }>,
    idOf: (d: T) => string,
    days: readonly T[],
    ids: readonly string[],
    from: string,
    to: string,
    at: Date,
  ): ReplaceCounts {
    const counts = { written: 0, unchanged: 0, deleted: 0 };
    const keep = new Set<string>();
    for (const d of days) {
      const key = `${idOf(d)}|${d.date}`;
      keep.add(key);
      const old = store.get(key);
      if (old && same(old, d)) counts.unchanged++;
      else {
        store.set(key, { ...d, computedAt: at });
        counts.written++;
      }
    }
    for (const [key, d] of store) {
      if (ids.includes(idOf(d)) && d.date >= from && d.date <= to && !keep.has(key)) {
        store.delete(key);
        counts.deleted++;
      }
    }
    return counts;
  }

  const airResults: AirResultsRepository = {
    listStations: async () => init.stations,
    listDistricts: async () => init.districts,
    async loadStationDayHours(q) {
      const days = new Map<string, StationDayHours>();
      for (const r of readings.values()) {
        if (!q.stationIds.includes(r.stationId)) continue;
        const slot = hourSlotOf(r.time);
        if (slot.date < q.from || slot.date > q.to) continue;
        const key = `${r.stationId}|${slot.date}`;
        let day = days.get(key);
        if (!day) {
          const hours = Object.fromEntries(POLLUTANTS.map((p) => [p, Array<string | null>(24).fill(null)])) as Record<Pollutant, (string | null)[]>;
          day = { stationId: r.stationId, date: slot.date, hours, rows: 0, audited: true };
          days.set(key, day);
        }
        for (const p of POLLUTANTS) (day.hours[p] as (string | null)[])[slot.index] = r.values[p];
        day.rows++;
        day.audited &&= r.status === "audited";
      }
      return [...days.values()];
    },
    replaceStationDays: async (days, scope, at) => replace(stationDays, (d) => d.stationId, days, scope.stationIds, scope.from, scope.to, at),
    replaceDistrictDays: async (days, scope, at) => replace(districtDays, (d) => d.districtId, days, scope.districtIds, scope.from, scope.to, at),
    listStationDays: async (q) =>
      [...stationDays.values()].filter((d) => d.date >= q.from && d.date <= q.to && (!q.stationIds || q.stationIds.includes(d.stationId))),
    listDistrictDays: async (q) =>
      [...districtDays.values()].filter((d) => d.date >= q.from && d.date <= q.to && (!q.districtIds || q.districtIds.includes(d.districtId))),
    listReadingsSince: async (since) =>
      [...readings.values()]
        .filter((r) => instantOf(r.time) > since.getTime())
        .sort((a, b) => (a.stationId === b.stationId ? (a.time < b.time ? -1 : 1) : a.stationId < b.stationId ? -1 : 1)),
    async lastReadingTimes() {
      const last = new Map<string, string>();
      for (const r of readings.values()) if (!last.has(r.stationId) || last.get(r.stationId)! < r.time) last.set(r.stationId, r.time);
      return [...last].map(([stationId, time]) => ({ stationId, time }));
    },
    listDustDays: async (q) => [...dust.values()].filter((d) => d.date >= q.from && d.date <= q.to),
    findDustDay: async (districtId, date) => dust.get(`${districtId}|${date}`) ?? null,
    async upsertDustDay(d) {
      dust.set(`${d.districtId}|${d.date}`, d);
      return d;
    },
    async deleteDustDay(districtId, date) {
      dust.delete(`${districtId}|${date}`);
    },
    listPublishedRanks: async (q) => [...ranks.values()].filter((r) => (!q.from || r.periodTo >= q.from) && (!q.to || r.periodFrom <= q.to)),
    findPublishedRank: async (q) => ranks.get(`${q.periodFrom}|${q.periodTo}|${q.districtId}`) ?? null,
    async upsertPublishedRank(r) {
      const key = `${r.periodFrom}|${r.periodTo}|${r.districtId}`;
      const row = { ...r, id: ranks.get(key)?.id ?? `rank-${++seq}` };
      ranks.set(key, row);
      return row;
    },
    async deletePublishedRank(id) {
      for (const [key, r] of ranks) {
        if (r.id !== id) continue;
        ranks.delete(key);
        return r;
      }
      return null;
    },
    listTargets: async (year) => [...targets.values()].filter((t) => t.year === year),
    async upsertTarget(t) {
      targets.set(`${t.year}|${t.districtId}`, t);
      return t;
    },
    listCompositeIndexSettings: async () => [...compositeIndexSettings.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)),
    async upsertCompositeIndexSettings(e) {
      compositeIndexSettings.set(e.effectiveFrom, e);
      return e;
    },
    async deleteCompositeIndexSettings(effectiveFrom) {
      const e = compositeIndexSettings.get(effectiveFrom) ?? null;
      compositeIndexSettings.delete(effectiveFrom);
      return e;
    },
    findPublishedFigures: async (q) => published.get(`${q.periodFrom}|${q.periodTo}|${q.dustDeducted}`) ?? null,
    async upsertPublishedFigures(p) {
      const key = `${p.periodFrom}|${p.periodTo}|${p.dustDeducted}`;
      const row = { ...p, id: published.get(key)?.id ?? `pub-${++seq}` };
      published.set(key, row);
      return row;
    },
  };

  const repos: AirComputeRepos = { airResults, audit: { record: async (e) => void audit.push(e) } };
  const uow: UnitOfWork<AirComputeRepos> = { run: (fn) => fn(repos) };
  return {
    repos,
    uow,
    audit,
    stationDays,
    districtDays,
    /** Stores (or replaces) readings; `time` is the local end-of-hour stamp. */
    putReadings(rows: readonly AirHourReading[]) {
      for (const r of rows) readings.set(`${r.stationId}|${r.time}`, r);
    },
  };
}

function instantOf(stamp: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):00$/.exec(stamp)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])) - 8 * 3_600_000;
}
