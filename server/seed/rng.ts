// Seeded pseudo-random numbers for the demo district and the synthetic city: the same seed always builds the same data, row for row.

export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** A log-normal sample with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number;
};

/** mulberry32: tiny, fast and good enough for synthetic data; not for anything secret. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
  };
}

/** A weighted choice over fixed items, by binary search on cumulative weights. */
export function weighted<T>(items: readonly (readonly [T, number])[]): (r: number) => T {
  const values = items.map(([v]) => v);
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of items) cum.push((total += Math.max(0, w)));
  if (total <= 0) throw new Error('weighted: all weights are zero');
  return (r) => {
    const x = r * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}
