// The three hotline rates (响应率, 解决率, 满意率), each defined once: what it counts as SQL over a hotline case,
// its formula text (shown in the API and the UI), and the configurable choices with their defaults.
import { sql, type SQL } from 'drizzle-orm';
import type { RateSettings } from '../../../contracts/hotline';
import { cases } from '../cases';
import { countPredicates, ratio, type Period } from '../metrics';

/** DOMAIN.md §4: no national formula, so these are defaults a district may change (hotline_settings). */
export const DEFAULT_RATE_SETTINGS: RateSettings = {
  responseHours: 24,
  resolution: 'rating_or_closure',
  satisfiedWeight: 1,
  basicallySatisfiedWeight: 1,
};

export type RateCounts = {
  intake: number;
  responded: number;
  closed: number;
  solved: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
};
export type RateKey = 'response' | 'resolution' | 'satisfaction';

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const EXCLUDED_NOTE = '（不含经批准的不合理诉求）';

/** Each count as a predicate on one hotline case for the period; closed and rated are the case metrics' own counts. */
export function ratePredicates(p: Period, s: RateSettings): Record<keyof RateCounts, SQL> {
  const m = countPredicates(p);
  // 受理数 intake: hotline cases that came in during the period.
  const intake = sql`(${cases.createdAt} >= ${at(p.from)} and ${cases.createdAt} < ${at(p.to)})`;
  // 按时响应数 responded: of those, registered (受理) within the response limit of intake.
  const responded = sql`(${intake} and ${cases.registeredAt} is not null and ${cases.registeredAt} <= ${cases.createdAt} + make_interval(secs => ${s.responseHours * 3600}))`;
  const good = sql`${cases.rating} in ('satisfied', 'basically_satisfied')`;
  // 已解决数 solved: closed cases counted as solved by the chosen rule.
  const solved =
    s.resolution === 'rating_only'
      ? sql`(${m.closed} and ${good})`
      : sql`(${m.closed} and (${cases.rating} is null or ${good}))`;
  return {
    intake,
    responded,
    closed: m.closed,
    solved,
    rated: m.rated,
    satisfied: sql`(${m.rated} and ${cases.rating} = 'satisfied')`,
    basicallySatisfied: sql`(${m.rated} and ${cases.rating} = 'basically_satisfied')`,
  };
}

/** Each rate: its name, its formula in words for the chosen settings, and how it follows from the counts. */
export function rateDefinitions(
  s: RateSettings,
): Record<
  RateKey,
  { name: string; formula: string; numerator: (c: RateCounts) => number; denominator: (c: RateCounts) => number }
> {
  return {
    response: {
      name: '响应率',
      formula: `响应率 = ${s.responseHours} 小时内立案（受理）的工单数 / 期内受理的工单数${EXCLUDED_NOTE}`,
      numerator: (c) => c.responded,
      denominator: (c) => c.intake,
    },
    resolution: {
      name: '解决率',
      formula:
        s.resolution === 'rating_only'
          ? `解决率 = 期内办结且评价为满意或基本满意的工单数 / 期内办结的工单数${EXCLUDED_NOTE}`
          : `解决率 = 期内办结且未评价为不满意的工单数 / 期内办结的工单数${EXCLUDED_NOTE}`,
      numerator: (c) => c.solved,
      denominator: (c) => c.closed,
    },
    satisfaction: {
      name: '满意率',
      formula: `满意率 = (满意数 × ${s.satisfiedWeight} + 基本满意数 × ${s.basicallySatisfiedWeight}) / 评价数${EXCLUDED_NOTE}`,
      numerator: (c) => c.satisfied * s.satisfiedWeight + c.basicallySatisfied * s.basicallySatisfiedWeight,
      denominator: (c) => c.rated,
    },
  };
}

/** The three rates from the counts; a rate with nothing in its denominator is null, never NaN. */
export function ratesOf(c: RateCounts, s: RateSettings) {
  const defs = rateDefinitions(s);
  const one = (k: RateKey) => {
    const d = defs[k];
    return {
      name: d.name,
      formula: d.formula,
      numerator: d.numerator(c),
      denominator: d.denominator(c),
      value: ratio(d.numerator(c), d.denominator(c)),
    };
  };
  return { response: one('response'), resolution: one('resolution'), satisfaction: one('satisfaction') };
}
