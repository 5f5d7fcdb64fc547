/**
 * Deterministic randomness for generated demo and benchmark data. Everything is derived from a seed,
 * never from Math.random, so the same options always give byte-identical files.
 *
 * Two kinds: `mulberry32` is a sequential PRNG (episode calendars); `hashNoise` is "anchored" noise,
 * a pure function of (seed, key, index), so a station's value for an hour does not depend on which
 * range or which other stations were generated alongside it.
 */

/** mulberry32: a small, fast 32-bit PRNG with a full 2^32 period; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, for turning codes and labels into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit integer mix (lowbias32) combining up to three keys; uniform enough for noise. */
export function hash3(a: number, b: number, c = 0): number {
  let x = (a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A uniform float in [0, 1) anchored on the keys. */
export function hashUniform(a: number, b: number, c = 0): number {
  return hash3(a, b, c) / 4294967296;
}

// Standard normal quantiles of (i + 0.5) / 4096 (Acklam's rational approximation), so anchored
// normal noise is one hash and one table read.
const NORMAL_TABLE = (() => {
  const n = 4096;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = normalQuantile((i + 0.5) / n);
  return out;
})();

/** A standard normal value anchored on the keys. */
export function hashNormal(a: number, b: number, c = 0): number {
  return NORMAL_TABLE[hash3(a, b, c) & 4095]!;
}

/** A standard normal value from a sequential PRNG. */
export function nextNormal(rand: () => number): number {
  return normalQuantile(Math.min(Math.max(rand(), 1e-12), 1 - 1e-12));
}

function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
