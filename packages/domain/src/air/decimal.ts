/**
 * Exact rational arithmetic for the air-quality rules.
 *
 * Binary floats cannot hold 0.1 or 2.675, so rounding "on the decimal representation" (GB/T 8170) and
 * ceilings at breakpoints (HJ 633) are done on exact fractions of BigInts. A JS number is read as its
 * shortest round-trip decimal text (`String(2.675)` is "2.675"), which is the decimal the data source meant.
 */

/** An exact fraction num/den, always in lowest terms with den > 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** A decimal value as received: a finite JS number or a decimal string such as "36.5" (database numeric). */
export type DecimalInput = number | string;

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

function make(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError("Division by zero");
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

/** The exact integer n. */
export function fromInt(n: number | bigint): Rational {
  if (typeof n === "number" && !Number.isSafeInteger(n)) throw new RangeError(`Not a safe integer: ${n}`);
  return { num: BigInt(n), den: 1n };
}

/** Parses a decimal number or decimal string exactly; throws RangeError on NaN, ±Infinity or malformed text. */
export function parseDecimal(value: DecimalInput | Rational): Rational {
  if (typeof value === "object") return value;
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = DECIMAL_TEXT.exec(text);
  const intPart = match?.[2] ?? "";
  const fracPart = match?.[3] ?? "";
  if (!match || intPart.length + fracPart.length === 0) throw new RangeError(`Not a decimal number: "${text}"`);
  const sign = match[1] === "-" ? -1n : 1n;
  const digits = BigInt(intPart + fracPart);
  const exponent = Number(match[4] ?? "0") - fracPart.length;
  return exponent >= 0 ? make(sign * digits * pow10(exponent), 1n) : make(sign * digits, pow10(-exponent));
}

export function add(a: Rational, b: Rational): Rational {
  return make(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Rational, b: Rational): Rational {
  return make(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return make(a.num * b.num, a.den * b.den);
}

export function div(a: Rational, b: Rational): Rational {
  return make(a.num * b.den, a.den * b.num);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const diff = a.num * b.den - b.num * a.den;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

export function isInteger(a: Rational): boolean {
  return a.den === 1n;
}

export function sum(values: readonly Rational[]): Rational {
  return values.reduce(add, ZERO);
}

/** Arithmetic mean; throws on an empty list because a mean of nothing is a caller bug, not a zero. */
export function mean(values: readonly Rational[]): Rational {
  if (values.length === 0) throw new RangeError("Mean of an empty list");
  return div(sum(values), fromInt(values.length));
}

export function max(values: readonly Rational[]): Rational | null {
  return values.reduce<Rational | null>((best, v) => (best === null || compare(v, best) > 0 ? v : best), null);
}

export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

/** Smallest integer ≥ a: the "向上进位取整数" of HJ 633-2012 §6.2 / HJ 633-2026 §4.2.6. */
export function ceil(a: Rational): bigint {
  return -floor(make(-a.num, a.den));
}

/**
 * Rounds to `digits` decimal places, half to even (GB/T 8170-2008 §3.3, "四舍六入五成双"): exactly half goes to
 * the even neighbour, anything above half (a 5 followed by non-zero digits) goes up.
 */
export function roundHalfEven(a: Rational, digits: number): Rational {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`Bad digit count: ${digits}`);
  const scale = pow10(digits);
  const scaled = make(a.num * scale, a.den);
  const q = floor(scaled);
  const twiceRemainder = 2n * (scaled.num - q * scaled.den);
  const up = twiceRemainder > scaled.den || (twiceRemainder === scaled.den && q % 2n !== 0n);
  return make(up ? q + 1n : q, scale);
}

/** Fixed-point text with exactly `digits` decimals, rounding half-even first (so exact for reported values). */
export function toFixedString(a: Rational, digits: number): string {
  const rounded = roundHalfEven(a, digits);
  const scaled = (rounded.num * pow10(digits)) / rounded.den;
  const negative = scaled < 0n;
  const text = abs(scaled).toString().padStart(digits + 1, "0");
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

/**
 * The JS number for a rational. Values already rounded to a few decimals come back exactly as their
 * decimal (80.6 → 80.6); other fractions come back as a deterministic nearest double.
 */
export function toNumber(a: Rational): number {
  return Number(toFixedString(a, 17));
}

/** Rounds half-even to `digits` decimals and returns the JS number: the usual last step before leaving the rules. */
export function roundToNumber(a: Rational, digits: number): number {
  return toNumber(roundHalfEven(a, digits));
}
