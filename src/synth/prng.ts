/**
 * The seeded randomness of the synthetic corpus. Assumes bit-identical output is wanted on every
 * machine and Node version: only +, −, ×, ÷, floor and sqrt are used (all exactly rounded in IEEE
 * 754), never Math.random, exp, log or trigonometry, whose last bits an engine may change.
 */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** Creates mulberry32, a small 32-bit PRNG, from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hashes key parts (FNV-1a over their UTF-16 code units, NUL-separated) to a 32-bit seed. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.map(String).join('\u0000');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Creates an Rng for one named purpose (a series, a report's break) of one corpus seed. */
export function createKeyedRng(seed: number, ...key: readonly (string | number)[]): Rng {
  return createRng(hashSeed(seed, ...key));
}

/** Draws an integer in [min, max], both inclusive. */
export function drawInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Draws one item of a non-empty list. */
export function drawItem<T>(rng: Rng, list: readonly T[]): T {
  const item = list[Math.floor(rng() * list.length)];
  if (item === undefined) throw new Error('drawItem: empty list');
  return item;
}

/** Draws an approximately standard normal number (Irwin–Hall: twelve uniforms less six). */
export function drawNormal(rng: Rng): number {
  let s = 0;
  for (let i = 0; i < 12; i++) s += rng();
  return s - 6;
}

/** Draws a count from a binomial distribution; exact for small n, normal approximation beyond. */
export function drawBinomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k++;
    return k;
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * drawNormal(rng));
  return Math.min(n, Math.max(0, k));
}

/** Draws a non-negative count around `mean` (binomial for small means, normal for large ones). */
export function drawCount(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 20) return drawBinomial(rng, Math.ceil(mean * 3), mean / Math.ceil(mean * 3));
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * drawNormal(rng)));
}

/** Draws a positive scale factor with a long upper tail (median about 1), for sizing series. */
export function drawScale(rng: Rng): number {
  const u = rng();
  return 0.3 + 1.7 * u * u + (u > 0.9 ? (u - 0.9) * 30 : 0);
}
