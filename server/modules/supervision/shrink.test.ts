import { describe, expect, it } from 'vitest';
import { grade, moments, shrinkGroups, shrinkRate, shrinkWith } from './shrink';

describe('shrinkage toward the mean', () => {
  it('matches the normal–normal posterior computed by hand', () => {
    // sigma² = 100, tau² = 100, mu = 50; one answer of 70: (0.01·70 + 0.01·50) / 0.02 = 60, sd = √50.
    const e = shrinkWith({ n: 1, mean: 70 }, 100, 50, 100);
    expect(e.shrunk).toBe(60);
    expect(e.low).toBeCloseTo(60 - 1.96 * Math.sqrt(50), 1);
    expect(e.high).toBeCloseTo(60 + 1.96 * Math.sqrt(50), 1);
    // 99 answers of 70: (0.99·70 + 0.01·50) / 1 = 69.8.
    expect(shrinkWith({ n: 99, mean: 70 }, 100, 50, 100).shrunk).toBe(69.8);
  });

  it('pulls a small group further than a large one and widens its interval', () => {
    const [small, big, other] = shrinkGroups([
      moments([100, 100]),
      moments(Array.from({ length: 40 }, (_, i) => (i % 2 ? 90 : 70))),
      moments(Array.from({ length: 40 }, (_, i) => (i % 2 ? 60 : 40))),
    ]);
    expect(small!.raw).toBe(100);
    expect(small!.shrunk!).toBeLessThan(100);
    expect(100 - small!.shrunk!).toBeGreaterThan(Math.abs(80 - big!.shrunk!));
    expect(big!.shrunk!).toBeCloseTo(80, 0);
    expect(small!.high! - small!.low!).toBeGreaterThan(big!.high! - big!.low!);
    expect(other!.shrunk!).toBeLessThan(big!.shrunk!);
  });

  it('shrinks a rate by a beta prior', () => {
    // 2 of 2 on time, pooled rate 50%, prior worth 10: (2 + 5) / 12 = 58.3%.
    expect(shrinkRate(2, 2, 0.5).shrunk).toBe(58.3);
    expect(shrinkRate(0, 0, 0.8).shrunk).toBe(80);
    expect(shrinkRate(200, 200, 0.5).shrunk).toBeGreaterThan(97);
  });

  it('grades as DOMAIN.md §3 says', () => {
    expect([90, 75, 60, 40, 39.9].map(grade)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(grade(null)).toBeNull();
  });
});
