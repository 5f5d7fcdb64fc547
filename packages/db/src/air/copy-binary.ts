/**
 * PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"), written
 * straight into a growing byte buffer. Why binary: a text COPY makes the server parse every uuid, timestamp and
 * numeric (measured on PostgreSQL 15 for a year of 100 stations: 3.2 s text against 1.7 s binary into the same
 * table), and the importer already holds each value parsed. Bytes are set one by one: Buffer's writeInt*BE
 * range checks cost more than the encoding itself (profiled).
 *
 * Only the types the readings staging needs: int4, timestamptz, numeric (from validated decimal text), and values
 * already encoded (uuid, text).
 */
const SIGNATURE = [..."PGCOPY\n\xff\r\n\0"].map((c) => c.charCodeAt(0));
/** PostgreSQL's epoch, 2000-01-01T00:00Z, in milliseconds since 1970. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 4_294_967_296;
/** `decimal`'s text as bytes (reused: one decimal at a time). */
let scratch = new Uint8Array(64);
/** Room for a decimal of n characters is at most DECIMAL_ROOM + n: 12 bytes of headers, 2 per group of ≤ 4 digits. */
export const DECIMAL_ROOM = 16;

export class BinaryCopyBuffer {
  private buf: Buffer;
  private used = 0;

  constructor(size = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 64));
    this.buf.set(SIGNATURE, 0);
    this.buf.fill(0, 11, 19); // flags, header extension length
    this.used = 19;
  }

  /**
   * Starts a row of `fields` values, with room for `bytes` more (the values' lengths and headers: `DECIMAL_ROOM`
   * plus the text's length for a decimal). Values are written without further checks, so the room must be enough.
   */
  row(fields: number, bytes: number): this {
    const o = this.reserve(2 + bytes);
    this.buf[o] = fields >>> 8;
    this.buf[o + 1] = fields & 0xff;
    this.used = o + 2;
    return this;
  }

  null(): this {
    const o = this.used;
    this.buf.fill(0xff, o, o + 4);
    this.used = o + 4;
    return this;
  }

  int4(v: number): this {
    const o = this.used;
    const b = this.buf;
    this.used = int32(b, int32(b, o, 4), v);
    return this;
  }

  /** An instant in milliseconds since 1970 (whole milliseconds; timestamptz keeps microseconds). */
  timestamptz(epochMs: number): this {
    const micros = (epochMs - PG_EPOCH_MS) * 1000;
    const hi = Math.floor(micros / TWO_32);
    const start = this.used;
    const b = this.buf;
    this.used = int32(b, int32(b, int32(b, start, 8), hi), micros - hi * TWO_32);
    return this;
  }

  /**
   * A non-negative decimal as `\d+(\.\d*)?|\.\d+` (what the readings' rule accepts), or null. The value keeps its
   * written scale ("0.50" stays 0.50, as numeric_in would read it): base-10000 digits grouped around the point,
   * weight and scale in the header; the server strips leading and trailing zero groups.
   */
  decimal(text: string | null): this {
    if (text === null) return this.null();
    const n = text.length;
    if (n > scratch.length) scratch = new Uint8Array(n);
    for (let i = 0; i < n; i++) scratch[i] = text.charCodeAt(i);
    return this.decimalList(scratch, 0, n);
  }

  /**
   * `decimal` for each of the comma-separated ASCII decimals in bytes[start, end) (as a file holds them; an empty one
   * is null). One pass: an integer of up to four digits — most hourly values — is written as one base-10000 digit
   * straight away (measured: twice as fast as finding each value's end and point first).
   */
  decimalList(bytes: Uint8Array, start: number, end: number): this {
    const b = this.buf;
    let o = this.used;
    for (let i = start; ; i++) {
      const from = i;
      let c = 0;
      let v = 0;
      while (i < end && (c = bytes[i]!) >= 48) {
        v = v * 10 + c - 48;
        i++;
      }
      const intLen = i - from;
      if (i < end && c === 46) {
        const dot = i;
        while (i < end && bytes[i] !== 44) i++;
        o = decimalDigits(b, o, bytes, from, i, dot);
      } else if (intLen === 0) {
        b[o] = b[o + 1] = b[o + 2] = b[o + 3] = 0xff;
        o += 4;
      } else if (intLen <= 4) {
        // length 10; one digit, weight 0, positive, scale 0; the digit.
        b[o] = b[o + 1] = b[o + 2] = 0;
        b[o + 3] = 10;
        b[o + 4] = 0;
        b[o + 5] = 1;
        b[o + 6] = b[o + 7] = b[o + 8] = b[o + 9] = b[o + 10] = b[o + 11] = 0;
        b[o + 12] = v >>> 8;
        b[o + 13] = v & 0xff;
        o += 14;
      } else o = decimalDigits(b, o, bytes, from, i, -1);
      if (i >= end) break;
    }
    this.used = o;
    return this;
  }

  /** A value already in its binary form (a uuid's 16 bytes, text's UTF-8 bytes). */
  raw(bytes: Uint8Array): this {
    const o = int32(this.buf, this.used, bytes.length);
    this.buf.set(bytes, o);
    this.used = o + bytes.length;
    return this;
  }

  /** The rows so far with the trailer; the buffer is not to be written after. */
  bytes(): Buffer {
    const o = this.reserve(2);
    this.buf[o] = 0xff;
    this.buf[o + 1] = 0xff;
    return this.buf.subarray(0, o + 2);
  }

  /** Where `n` more bytes can be written (the buffer doubles when full). */
  private reserve(n: number): number {
    if (this.used + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + n));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    return this.used;
  }
}

/**
 * A non-negative decimal bytes[start, end) with its point at `dot` (-1: none), keeping its written scale: base-10000
 * digits grouped around the point, weight and scale in the header; the server strips leading and trailing zero
 * groups. Returns the offset after it.
 */
function decimalDigits(b: Uint8Array, o: number, bytes: Uint8Array, start: number, end: number, dot: number): number {
  const intLen = (dot === -1 ? end : dot) - start;
  const fracLen = dot === -1 ? 0 : end - dot - 1;
  const intGroups = (intLen + 3) >> 2;
  const fracGroups = (fracLen + 3) >> 2;
  const ndigits = intGroups + fracGroups;
  o = int32(b, o, 8 + 2 * ndigits);
  o = int16(b, o, ndigits);
  o = int16(b, o, intGroups - 1); // weight: the first group's power of 10000
  b[o] = 0; // sign: positive
  b[o + 1] = 0;
  o = int16(b, o + 2, fracLen); // dscale
  // Integer groups from the left; the first holds what is left over after whole groups of four.
  let i = start;
  let take = intLen - 4 * (intGroups - 1);
  for (let g = 0; g < intGroups; g++) {
    let d = 0;
    for (const stop = i + take; i < stop; i++) d = d * 10 + bytes[i]! - 48;
    o = int16(b, o, d);
    take = 4;
  }
  // Fraction groups from the point, the last padded with zeros on the right.
  i = dot + 1;
  for (let g = 0; g < fracGroups; g++) {
    let d = 0;
    for (let k = 0; k < 4; k++, i++) d = d * 10 + (i < end ? bytes[i]! - 48 : 0);
    o = int16(b, o, d);
  }
  return o;
}

/** Big-endian 32-bit (two's complement for negatives); returns the offset after it. */
function int32(b: Uint8Array, o: number, v: number): number {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
  return o + 4;
}

function int16(b: Uint8Array, o: number, v: number): number {
  b[o] = v >>> 8;
  b[o + 1] = v;
  return o + 2;
}

/** A uuid's text ('0b1c…-…') as its 16 bytes. */
export function uuidBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`Not a uuid: ${id}`);
  return Buffer.from(hex, "hex");
}
