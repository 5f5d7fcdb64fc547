/**
 * Exact decimal/rational arithmetic for water rules. Limits, means, indices and exceedance multiples are
 * computed as reduced bigint fractions so that boundary comparisons (0.2 ≤ 0.2), half-even rounding of
 * the decimal representation and tie detection never see binary floating-point artefacts.
 * Kept local to water/ on purpose; the air module has its own helper and they may be merged later.
 */

/** A reduced fraction n/d with d > 0. */
export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
}

const DECIMAL_RE = /^([+-])?(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** Builds a reduced fraction; throws on a zero denominator. */
export function exact(n: bigint, d: bigint = 1n): Exact {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/** Whether a string is a plain or exponent-form decimal number ("0.21", "5e-5", "-1.", ".5"). */
export function isDecimalString(s: string): boolean {
  const m = DECIMAL_RE.exec(s.trim());
  return m !== null && (m[2] !== undefined || (m[3] !== undefined && m[3] !== ""));
}

/**
 * Parses a decimal written in base 10. Numbers go through their shortest round-trip representation
 * (String(0.1) === "0.1"), which is the decimal the user typed, not the binary approximation.
 */
export function parseDecimal(input: string | number): Exact {
  if (typeof input === "number" && !Number.isFinite(input)) throw new RangeError(`not a finite number: ${input}`);
  const s = (typeof input === "number" ? String(input) : input).trim();
  const m = DECIMAL_RE.exec(s);
  if (!m || !isDecimalString(s)) throw new RangeError(`not a decimal number: "${s}"`);
  const [, sign, intPart = "", fracPart = "", expPart] = m;
  const digits = BigInt((intPart + fracPart) || "0");
  const exp = (expPart ? Number(expPart) : 0) - fracPart.length;
  const signed = sign === "-" ? -digits : digits;
  return exp >= 0 ? exact(signed * pow10(exp)) : exact(signed, pow10(-exp));
}

export const ZERO: Exact = { n: 0n, d: 1n };
export const ONE: Exact = { n: 1n, d: 1n };
export const int = (k: number | bigint): Exact => exact(BigInt(k));

export const add = (a: Exact, b: Exact): Exact => exact(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Exact, b: Exact): Exact => exact(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Exact, b: Exact): Exact => exact(a.n * b.n, a.d * b.d);
export const div = (a: Exact, b: Exact): Exact => {
  if (b.n === 0n) throw new RangeError("division by zero");
  return exact(a.n * b.d, a.d * b.n);
};
export const cmp = (a: Exact, b: Exact): -1 | 0 | 1 => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const eq = (a: Exact, b: Exact): boolean => cmp(a, b) === 0;
export const sum = (xs: readonly Exact[]): Exact => xs.reduce(add, ZERO);
export const mean = (xs: readonly Exact[]): Exact => {
  if (xs.length === 0) throw new RangeError("mean of no values");
  return div(sum(xs), int(xs.length));
};

/** Rounds to `dp` decimal places, ties to the even neighbour (applied to the exact value, not a float). */
export function roundHalfEven(x: Exact, dp: number): Exact {
  const neg = x.n < 0n;
  const scaled = (neg ? -x.n : x.n) * (dp >= 0 ? pow10(dp) : 1n);
  const den = x.d * (dp < 0 ? pow10(-dp) : 1n);
  let q = scaled / den;
  const twice = 2n * (scaled % den);
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const signed = neg ? -q : q;
  return dp >= 0 ? exact(signed, pow10(dp)) : exact(signed * pow10(-dp));
}

/** Decimal exponent k with 10^k ≤ |x| < 10^(k+1); x must be non-zero. */
function magnitude(x: Exact): number {
  const a = x.n < 0n ? -x.n : x.n;
  let k = a.toString().length - x.d.toString().length;
  // The digit-count estimate is off by at most one in either direction.
  const geq = (e: number) => (e >= 0 ? a >= x.d * pow10(e) : a * pow10(-e) >= x.d);
  while (!geq(k)) k -= 1;
  while (geq(k + 1)) k += 1;
  return k;
}

/** Rounds to `sig` significant figures, ties to even. */
export function roundSignificant(x: Exact, sig: number): Exact {
  if (x.n === 0n) return ZERO;
  return roundHalfEven(x, sig - 1 - magnitude(x));
}

/** Writes x with exactly `dp` decimal places after half-even rounding ("0.050", "7"). */
export function toFixed(x: Exact, dp: number): string {
  const r = roundHalfEven(x, Math.max(dp, 0));
  const neg = r.n < 0n;
  const scaled = ((neg ? -r.n : r.n) * pow10(Math.max(dp, 0))) / r.d;
  let digits = scaled.toString();
  if (dp > 0) {
    digits = digits.padStart(dp + 1, "0");
    digits = `${digits.slice(0, -dp)}.${digits.slice(-dp)}`;
  }
  return (neg && scaled !== 0n ? "-" : "") + digits;
}

/** Plain decimal text of a value that terminates in base 10 (as every parsed or rounded value does). */
export function toDecimalString(x: Exact): string {
  let d = x.d;
  let dp = 0;
  while (d % 10n === 0n) {
    d /= 10n;
    dp += 1;
  }
  // Denominators with only 2s and 5s terminate; others are written to 20 places (display only).
  let rest = d;
  while (rest % 2n === 0n) rest /= 2n;
  while (rest % 5n === 0n) rest /= 5n;
  if (rest !== 1n) return trimZeros(toFixed(x, 20));
  while (d !== 1n) {
    d = d % 2n === 0n ? d / 2n : d / 5n;
    dp += 1;
  }
  return trimZeros(toFixed(x, dp));
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** The double nearest to x (via 20 significant digits), for API output and display. */
export function toNumber(x: Exact): number {
  if (x.n === 0n) return 0;
  return Number(toFixedSignificant(x, 20));
}

function toFixedSignificant(x: Exact, sig: number): string {
  const k = magnitude(x);
  const dp = sig - 1 - k;
  return dp >= 0 ? toFixed(x, dp) : toDecimalString(roundHalfEven(x, dp));
}

/** Half-even rounding of a decimal given as text or number, returned as fixed-point text (display helper). */
export function formatDecimal(value: string | number, dp: number): string {
  return toFixed(parseDecimal(value), dp);
}
