import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createTestDb } from "../testing";
import { BinaryCopyBuffer, DECIMAL_ROOM, uuidBytes } from "./copy-binary";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await sql`create table copy_binary_probe (line integer, id uuid, at timestamptz, v numeric, s text)`.execute(h.db);
});
afterAll(async () => {
  await h?.close();
});

// Every shape the readings rule accepts: integers, fractions with and without digits on either side, leading and
// trailing zeros, values crossing base-10000 groups, long scales; and null.
const DECIMALS = ["0", "7", "35", "0.5", "0.50", ".5", "5.", "007.50", "1234", "12345", "123456789.123456789", "0.0001", "0.00001", "9999.9999", "10000", "0.000", null];

describe("BinaryCopyBuffer", () => {
  it("writes rows PostgreSQL reads back as the same values numeric_in would give, growing from a tiny buffer", async () => {
    const buf = new BinaryCopyBuffer(64);
    const id = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
    const at = Date.UTC(2026, 1, 28, 17); // 2026-03-01 01:00 Beijing
    DECIMALS.forEach((d, i) => {
      const s = Buffer.from(`row ${i}`);
      buf.row(5, 8 + 20 + 12 + DECIMAL_ROOM + (d?.length ?? 0) + 4 + s.length).int4(i - 3).raw(uuidBytes(id)).timestamptz(at + i * 3_600_000).decimal(d).raw(s);
    });
    await h.copyIn("copy_binary_probe", ["line", "id", "at", "v", "s"], buf.bytes(), "binary");
    const rows = await sql<{ line: number; id: string; at: Date; v: string | null; s: string }>`
      select line, id::text as id, at, v::text as v, s from copy_binary_probe order by line`.execute(h.db);
    expect(rows.rows).toHaveLength(DECIMALS.length);
    for (const [i, d] of DECIMALS.entries()) {
      const expected = d === null ? null : (await sql<{ v: string }>`select ${d}::numeric::text as v`.execute(h.db)).rows[0]!.v;
      expect(rows.rows[i]).toEqual({ line: i - 3, id, at: new Date(at + i * 3_600_000), v: expected, s: `row ${i}` });
    }
  });

  it("writes a file's comma-separated decimals (empty ones null) as numeric_in would read each", async () => {
    await sql`create table copy_binary_list (a numeric, b numeric, c numeric, d numeric, e numeric, f numeric)`.execute(h.db);
    // Every decimal shape in every one of the six places, with empties between and at both ends.
    const texts = DECIMALS.map((d) => d ?? "");
    const lists = texts.map((_, i) => Array.from({ length: 6 }, (_, k) => texts[(i + k * 5) % texts.length]!).join(","));
    lists.push(",,,,,", "1,,,,,", ",,,,,9999", "12345,0.5,1,.5,5.,0");
    const bytes = Buffer.from(`x,${lists.join("\nx,")}`);
    const buf = new BinaryCopyBuffer(64);
    let from = 2;
    for (const l of lists) {
      buf.row(6, DECIMAL_ROOM * 6 + l.length).decimalList(bytes, from, from + l.length);
      from += l.length + 3;
    }
    await h.copyIn("copy_binary_list", ["a", "b", "c", "d", "e", "f"], buf.bytes(), "binary");
    const got = await sql<Record<string, string | null>>`select a::text, b::text, c::text, d::text, e::text, f::text from copy_binary_list`.execute(h.db);
    const want = await Promise.all(
      lists.map(async (l) => {
        const values = await Promise.all(l.split(",").map(async (t) => (t === "" ? null : (await sql<{ v: string }>`select ${t}::numeric::text as v`.execute(h.db)).rows[0]!.v)));
        return Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k, i) => [k, values[i]]));
      }),
    );
    expect(got.rows).toEqual(want);
  });

  it("encodes instants before PostgreSQL's epoch (2000) too", async () => {
    await sql`truncate copy_binary_probe`.execute(h.db);
    const buf = new BinaryCopyBuffer();
    const at = Date.UTC(1999, 11, 31, 23);
    buf.row(1, 12).timestamptz(at);
    await h.copyIn("copy_binary_probe", ["at"], buf.bytes(), "binary");
    const r = await sql<{ at: Date }>`select at from copy_binary_probe`.execute(h.db);
    expect(r.rows[0]!.at).toEqual(new Date(at));
  });

  it("rejects text that is not a uuid", () => {
    expect(() => uuidBytes("not-a-uuid")).toThrow("Not a uuid");
  });
});
