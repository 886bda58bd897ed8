/**
 * Seeded pseudo-random numbers for the demo city. `Math.random` is never used,
 * so a seed replays the same city.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Lognormal given by its median and 90th percentile, optionally capped. */
  lognormal(median: number, p90: number, max?: number): number;
}

/** Hashes a string or number into a 32-bit seed (xmur3-style mixing). */
export function seedFrom(value: string | number): number {
  const text = String(value);
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** z for the 90th percentile of the standard normal. */
const z90 = 1.2815515655446004;

/** sfc32 generator seeded from `seed`; small, fast and good enough for a simulation. */
export function createRng(seed: string | number): Rng {
  let a = seedFrom(`${seed}:a`);
  let b = seedFrom(`${seed}:b`);
  let c = seedFrom(`${seed}:c`);
  let d = 1;
  const raw = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) raw();

  const rng: Rng = {
    next: raw,
    uniform: (min, max) => min + (max - min) * raw(),
    int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
    chance: (p) => raw() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(raw() * items.length)]!;
    },
    exponential: (mean) => -Math.log(1 - raw()) * mean,
    normal() {
      const u = 1 - raw();
      const v = raw();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    lognormal(median, p90, max = Infinity) {
      const sigma = Math.log(p90 / median) / z90;
      return Math.min(max, median * Math.exp(sigma * rng.normal()));
    },
  };
  return rng;
}

/**
 * Draws keys by weight with a precomputed cumulative table (binary search).
 * Entries with a weight ≤ 0 are never drawn.
 */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  draw(rng: Rng): T;
}

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of entries) {
    if (!(weight > 0)) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new Error('a weighted table needs at least one positive weight');
  return {
    items,
    draw(rng) {
      const target = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      return items[lo]!;
    },
  };
}
