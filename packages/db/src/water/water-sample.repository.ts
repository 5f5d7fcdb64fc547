import type { SampleKey, StoredValues, WaterSample, WaterSampleRepository } from "@ecogov/domain/water";
import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

/** Rows per multi-row statement: 7 parameters each stays far below PostgreSQL's 65535 bind limit. */
const WRITE_CHUNK = 1000;

export function createWaterSampleRepository(db: Kysely<Database>): WaterSampleRepository {
  // `values` is read as text: CamelCasePlugin would rename nested keys such as volatile_phenol.
  const select = () =>
    db
      .selectFrom("waterSamples")
      .select(["sectionId", "time", "source", sql<string>`water_samples.values::text`.as("valuesText"), "status", "importId"]);
  type Row = Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number];
  const toSample = ({ valuesText, ...r }: Row): WaterSample => ({ ...r, values: JSON.parse(valuesText) as StoredValues });

  return {
    async findByKeys(keys: readonly SampleKey[]) {
      if (keys.length === 0) return [];
      // One join against the keys as arrays: a long OR of (section, time, source) triples plans slowly.
      const rows = await sql<Row>`
        select w.section_id as "sectionId", w.time, w.source, w.values::text as "valuesText", w.status, w.import_id as "importId"
        from water_samples w
        join unnest(${keys.map((k) => k.sectionId)}::uuid[], ${keys.map((k) => k.time.toISOString())}::timestamptz[], ${keys.map((k) => k.source)}::text[])
          as k(section_id, time, source)
          on w.section_id = k.section_id and w.time = k.time and w.source = k.source`.execute(db);
      return rows.rows.map(toSample);
    },

    async upsertMany(samples, at) {
      for (let i = 0; i < samples.length; i += WRITE_CHUNK) {
        const part = samples.slice(i, i + WRITE_CHUNK);
        await db
          .insertInto("waterSamples")
          .values(
            part.map((s) => ({ sectionId: s.sectionId, time: s.time, source: s.source, values: JSON.stringify(s.values), status: s.status, importId: s.importId, updatedAt: at })),
          )
          .onConflict((oc) =>
            oc.columns(["sectionId", "time", "source"]).doUpdateSet((eb) => ({
              values: eb.ref("excluded.values"),
              status: eb.ref("excluded.status"),
              importId: eb.ref("excluded.importId"),
              updatedAt: eb.ref("excluded.updatedAt"),
            })),
          )
          .execute();
      }
    },

    async listBetween({ from, to }) {
      const rows = await select().where("time", ">=", from).where("time", "<", to).orderBy("sectionId").orderBy("time").orderBy("source").execute();
      return rows.map(toSample);
    },

    async latestPerSection() {
      // "manual" sorts before "auto" descending: at the same instant the fuller manual sample wins.
      const rows = await db
        .selectFrom("waterSamples")
        .distinctOn("sectionId")
        .select(["sectionId", "time", "source", sql<string>`water_samples.values::text`.as("valuesText"), "status", "importId"])
        .orderBy("sectionId")
        .orderBy("time", "desc")
        .orderBy("source", "desc")
        .execute();
      return rows.map(toSample);
    },
  };
}
