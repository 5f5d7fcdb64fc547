import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, readCsvRecords, type CsvRecord } from "./csv-records";

async function records(chunks: (string | Buffer)[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readCsvRecords(Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))))) out.push(...batch);
  return out;
}

const TEXT = '\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n"multi\r\nline",,\n4,5,6\r7,8,9\n"end",z,"q"';
const EXPECTED: CsvRecord[] = [
  { line: 1, cells: ["a", "b", "c"] },
  { line: 2, cells: ["1", 'x, "y"', "3"] },
  { line: 3, cells: [""] },
  { line: 4, cells: ["multi\r\nline", "", ""] },
  { line: 6, cells: ["4", "5", "6"] },
  { line: 7, cells: ["7", "8", "9"] },
  { line: 8, cells: ["end", "z", "q"] },
];

describe("readCsvRecords", () => {
  it("reads RFC 4180 records with their starting lines", async () => {
    expect(await records([TEXT])).toEqual(EXPECTED);
  });

  it("gives the same records whatever the chunk boundaries (CRLF, quotes, multi-byte characters split)", async () => {
    // Long ASCII runs between the Chinese make some chunks pure ASCII (read as Latin-1) right after one that ended
    // inside, or at the end of, a multi-byte character.
    const bytes = Buffer.from(TEXT + "\n站点,清源,😀\nplain,ascii,line\n东湖,x,é\n" + "0123456789,abcdefghij,klm\n".repeat(3) + "尾,行,\n");
    const whole = await records([bytes]);
    for (const size of [1, 2, 3, 5, 7, 11, 16, 29]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await records(chunks)).toEqual(whole);
    }
    expect(whole[7]).toEqual({ line: 9, cells: ["站点", "清源", "😀"] });
    expect(whole.at(-1)).toEqual({ line: 15, cells: ["尾", "行", ""] });
  });

  it("offers plain lines of ASCII stretches to a caller's parser as bytes, whatever the chunk boundaries", async () => {
    const text = "h,x\r\n" + "a,1\r\n".repeat(40) + '"q",2\nb,3\n\n' + "c,4\n".repeat(40) + "end,5";
    const parse = (bytes: Uint8Array, start: number, end: number, line: number) => {
      const t = Buffer.from(bytes.subarray(start, end)).toString("latin1");
      return t.startsWith("b") ? undefined : { line, t };
    };
    const read = async (chunks: Buffer[]) => {
      const out: [number, string, boolean][] = [];
      for await (const batch of readCsvRecords(Readable.from(chunks), { parse }))
        for (const r of batch) out.push("cells" in r ? [r.line, r.cells.join(","), false] : [r.line, r.t, true]);
      return out;
    };
    const bytes = Buffer.from(text);
    const whole = await read([bytes]);
    expect(whole.map(([line, t]) => [line, t])).toEqual(
      text.split(/\r?\n/).map((t, i) => [i + 1, t.replace(/"/g, "")]),
    );
    // Offered: every plain line but the declined one, the quoted one and the blank one (an empty line is a record).
    expect(whole.filter(([, , offered]) => !offered).map(([line]) => line)).toEqual([42, 43, 44]);
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await read(chunks)).toEqual(whole);
    }
    // A stretch with a multi-byte character is read as records only.
    const mixed = await read([Buffer.from("a,1\n东,2\nc,3\n")]);
    expect(mixed).toEqual([
      [1, "a,1", false],
      [2, "东,2", false],
      [3, "c,3", false],
    ]);
  });

  it("throws a syntax error naming the line of an unclosed quote or text after a closing quote", async () => {
    await expect(records(['a\n"open,1\n2,3\n'])).rejects.toThrow(CsvSyntaxError);
    await expect(records(['a\n"open,1\n2,3\n'])).rejects.toThrow("line 2");
    await expect(records(['a,b\n"x"y,1\n'])).rejects.toThrow("after a closing quote");
  });
});
