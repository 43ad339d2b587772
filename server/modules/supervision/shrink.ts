// Small samples shrunk toward the mean: normal–normal empirical Bayes for mean scores, a beta prior for rates; each
// estimate carries a 95% interval, so two answers do not make a ranking.
import type { Estimate } from '../../../contracts/supervision';

const Z = 1.96;
const clamp = (x: number) => Math.min(100, Math.max(0, x));
const round = (x: number) => Math.round(x * 10) / 10;

export type Group = { n: number; mean: number; variance: number };

/** The posterior mean and interval of one group with known within-variance sigma2, prior mean mu and variance tau2. */
export function shrinkWith(g: { n: number; mean: number }, sigma2: number, mu: number, tau2: number): Estimate {
  if (g.n === 0) return { n: 0, raw: null, shrunk: round(mu), low: null, high: null };
  const precision = g.n / sigma2 + 1 / tau2;
  const shrunk = (g.mean * (g.n / sigma2) + mu / tau2) / precision;
  const half = Z * Math.sqrt(1 / precision);
  return {
    n: g.n,
    raw: round(g.mean),
    shrunk: round(shrunk),
    low: round(clamp(shrunk - half)),
    high: round(clamp(shrunk + half)),
  };
}

/**
 * Estimates of every group on 0–100: the prior mean is the answer-weighted grand mean, the within-variance pooled,
 * the between-group variance by the method of moments (floored; a default when there is one group).
 */
export function shrinkGroups(groups: Group[], fallback = { sigma2: 400, tau2: 100 }): Estimate[] {
  const withData = groups.filter((g) => g.n > 0);
  const total = withData.reduce((s, g) => s + g.n, 0);
  if (total === 0) return groups.map(() => ({ n: 0, raw: null, shrunk: null, low: null, high: null }));
  const mu = withData.reduce((s, g) => s + g.n * g.mean, 0) / total;
  const dof = withData.reduce((s, g) => s + g.n - 1, 0);
  const pooled = dof > 0 ? withData.reduce((s, g) => s + (g.n - 1) * g.variance, 0) / dof : 0;
  const sigma2 = pooled > 0 ? pooled : fallback.sigma2;
  let tau2 = fallback.tau2;
  if (withData.length > 1) {
    const mm = withData.reduce((s, g) => s + g.mean, 0) / withData.length;
    const between = withData.reduce((s, g) => s + (g.mean - mm) ** 2, 0) / (withData.length - 1);
    const noise = withData.reduce((s, g) => s + sigma2 / g.n, 0) / withData.length;
    tau2 = Math.max(between - noise, 1);
  }
  return groups.map((g) => shrinkWith(g, sigma2, mu, tau2));
}

/** A rate x / n shrunk toward the pooled rate p0 by a beta prior worth `strength` observations, in percent. */
export function shrinkRate(x: number, n: number, p0: number, strength = 10): Estimate {
  const a = x + strength * p0;
  const b = n - x + strength * (1 - p0);
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  return {
    n,
    raw: n ? round((100 * x) / n) : null,
    shrunk: round(100 * mean),
    low: round(clamp(100 * (mean - Z * sd))),
    high: round(clamp(100 * (mean + Z * sd))),
  };
}

/** Mean and sample variance of a list of numbers. */
export function moments(xs: number[]): Group {
  const n = xs.length;
  if (!n) return { n: 0, mean: 0, variance: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

/** DOMAIN.md §3 grades: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below. */
export function grade(score: number | null): string | null {
  if (score == null) return null;
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 40 ? 'D' : 'E';
}
