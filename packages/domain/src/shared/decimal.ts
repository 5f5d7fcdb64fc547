/**
 * Exact decimal arithmetic for the rule modules (air, water), on reduced fractions of BigInts.
 *
 * Binary floats cannot hold 0.1 or 2.675, so rounding "on the decimal representation" (GB/T 8170 half-even),
 * ceilings at breakpoints (HJ 633), boundary comparisons against limits (0.2 ≤ 0.2) and tie detection are done
 * on exact fractions. A JS number is read as its shortest round-trip decimal text (`String(2.675)` is "2.675"),
 * which is the decimal the data source meant, not the binary approximation. Numbers come back out through
 * `toNumber` (the nearest double) or as decimal text (`toFixedString`, `toDecimalString`).
 */

/** An exact fraction num/den, always in lowest terms with den > 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** A decimal value as received: a finite JS number or a decimal string such as "36.5" (database numeric). */
export type DecimalInput = number | string;

/** Sign, integer digits, fraction digits, exponent: "0.21", "5e-5", "-1.", ".5", "-1.5E+2". */
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

/** The digits of a decimal text, or null when it is not one (at least one digit, before or after the point). */
function matchDecimal(text: string): RegExpExecArray | null {
  const match = DECIMAL_TEXT.exec(text);
  return match && (match[2] ?? "").length + (match[3] ?? "").length > 0 ? match : null;
}

/** Whether a string is a plain or exponent-form decimal number ("0.21", "5e-5", "-1.", ".5"); blanks around are allowed. */
export function isDecimalString(text: string): boolean {
  return matchDecimal(text.trim()) !== null;
}

/** Parses a decimal number or decimal string exactly; throws RangeError on NaN, ±Infinity or malformed text. */
export function parseDecimal(value: DecimalInput | Rational): Rational {
  if (typeof value === "object") return value;
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = matchDecimal(text);
  if (!match) throw new RangeError(`Not a decimal number: "${text}"`);
  const fracPart = match[3] ?? "";
  const sign = match[1] === "-" ? -1n : 1n;
  const digits = BigInt((match[2] ?? "") + fracPart || "0");
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

/** a / b; throws RangeError when b is zero. */
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

/** Largest integer ≤ a. */
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
 * the even neighbour, anything above half (a 5 followed by non-zero digits) goes up. A negative `digits` rounds
 * to tens, hundreds… (-1 → a multiple of 10).
 */
export function roundHalfEven(a: Rational, digits: number): Rational {
  if (!Number.isInteger(digits)) throw new RangeError(`Bad digit count: ${digits}`);
  const scale = digits >= 0 ? make(pow10(digits), 1n) : make(1n, pow10(-digits));
  const scaled = mul(a, scale);
  const q = floor(scaled);
  const twiceRemainder = 2n * (scaled.num - q * scaled.den);
  const up = twiceRemainder > scaled.den || (twiceRemainder === scaled.den && q % 2n !== 0n);
  return div(fromInt(up ? q + 1n : q), scale);
}

/** Decimal exponent k with 10^k ≤ |a| < 10^(k+1); a must be non-zero. */
function magnitude(a: Rational): number {
  const n = abs(a.num);
  // The digit-count estimate is off by at most one in either direction.
  const atLeast = (k: number) => (k >= 0 ? n >= a.den * pow10(k) : n * pow10(-k) >= a.den);
  let k = n.toString().length - a.den.toString().length;
  while (!atLeast(k)) k -= 1;
  while (atLeast(k + 1)) k += 1;
  return k;
}

/** Rounds to `significant` significant figures, half to even ("0.00045" to 1 figure is 0.0004). */
export function roundSignificant(a: Rational, significant: number): Rational {
  if (a.num === 0n) return ZERO;
  return roundHalfEven(a, significant - 1 - magnitude(a));
}

/** Fixed-point text with exactly `digits` (≥ 0) decimals, rounding half-even first ("0.050", "7", never "-0.0"). */
export function toFixedString(a: Rational, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`Bad digit count: ${digits}`);
  const rounded = roundHalfEven(a, digits);
  const scaled = (rounded.num * pow10(digits)) / rounded.den;
  const text = abs(scaled).toString().padStart(digits + 1, "0");
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return scaled < 0n ? `-${body}` : body;
}

/**
 * Plain decimal text without trailing zeros ("0.21", "-150", "0.00005"). Exact for values that terminate in
 * base 10, as every parsed or rounded value does; other fractions (1/3) are written to 20 places, display only.
 */
export function toDecimalString(a: Rational): string {
  // den = 2^twos · 5^fives · rest; the value terminates iff rest is 1, after max(twos, fives) places.
  let rest = a.den;
  let twos = 0;
  let fives = 0;
  for (; rest % 2n === 0n; twos++) rest /= 2n;
  for (; rest % 5n === 0n; fives++) rest /= 5n;
  const text = toFixedString(a, rest === 1n ? Math.max(twos, fives) : 20);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/**
 * The JS number nearest to a (ties to even, as IEEE 754 division does). Values with a few decimals come back
 * exactly as their decimal literal (806/10 → 80.6, the same double as `Number("80.6")`).
 */
export function toNumber(a: Rational): number {
  if (a.num === 0n) return 0;
  const n = abs(a.num);
  // e = floor(log2 |a|): the difference of bit lengths, or one less.
  let e = bitLength(n) - bitLength(a.den);
  if (e >= 0 ? n < a.den << BigInt(e) : n << BigInt(-e) < a.den) e -= 1;
  // The unit in the last place: 53 significant bits, fewer in the subnormal range. Every 2 ** unit is exact.
  const unit = Math.max(e - 52, -1074);
  const [p, q] = unit >= 0 ? [n, a.den << BigInt(unit)] : [n << BigInt(-unit), a.den];
  let m = p / q;
  const twiceRemainder = 2n * (p - m * q);
  if (twiceRemainder > q || (twiceRemainder === q && m % 2n === 1n)) m += 1n;
  // m ≤ 2^53 converts exactly, and m · 2^unit is representable (or overflows to Infinity past the largest double).
  const magnitudeValue = Number(m) * 2 ** unit;
  return a.num < 0n ? -magnitudeValue : magnitudeValue;
}

/** Rounds half-even to `digits` decimals and returns the JS number: the usual last step before leaving the rules. */
export function roundToNumber(a: Rational, digits: number): number {
  return toNumber(roundHalfEven(a, digits));
}

/** Half-even rounding of a decimal given as text or number, returned as fixed-point text (display helper). */
export function formatDecimal(value: DecimalInput, digits: number): string {
  return toFixedString(parseDecimal(value), digits);
}
