// The evaluation formulas of DOMAIN.md §3, each defined once: what every count counts (a SQL predicate on a case), how rates, stage times, scores and grades follow.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { OPEN_STATUSES } from '../../../contracts/cases';
import {
  STAGES,
  type Counts,
  type Figures,
  type Grade,
  type Rates,
  type ScoreWeights,
  type Stage,
  type StageHours,
} from '../../../contracts/metrics';
import { cases } from '../cases';

/** A half-open period [from, to). */
export type Period = { from: Date; to: Date };

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const within = (col: AnyPgColumn, p: Period) => sql`(${col} >= ${at(p.from)} and ${col} < ${at(p.to)})`;
const openStatuses = sql.join(
  OPEN_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

/** Each count with its Chinese name and what it counts, as a predicate on one row of `cases` for the period. */
export function countPredicates(p: Period): Record<keyof Counts, SQL> {
  // 立案数 registered: registered in the period; voided cases excluded.
  const registered = sql`(${within(cases.registeredAt, p)} and ${cases.status} <> 'voided')`;
  // 派遣数 dispatched: dispatched in the period (a returned and re-sent case counts at its last dispatch).
  const dispatched = sql`(${within(cases.dispatchedAt, p)} and ${cases.status} <> 'voided')`;
  // 结案数 closed: closed in the period and still closed (a reopened case no longer counts as solved).
  const closed = sql`(${cases.status} = 'closed' and ${within(cases.closedAt, p)})`;
  // 按期结案数 closed on time: closed (as above) before its deadline.
  const closedOnTime = sql`(${closed} and ${cases.closedOnTime} is true)`;
  // 超期未结案数 overdue unclosed: still open (shelved cases sit on their own ledger) and overdue before the period ended.
  const overdueOpen = sql`(${cases.status} in (${openStatuses}) and ${cases.overdueSince} < ${at(p.to)})`;
  // 应结案数 due = 结案数 + 超期未结案数 (the two never overlap: one is closed, the other open).
  const due = sql`(${closed} or ${overdueOpen})`;
  return {
    registered,
    dispatched,
    closed,
    closedOnTime,
    overdueOpen,
    due,
    // 返工数 reworked: due cases sent back at least once after a failed verification.
    reworked: sql`(${due} and ${cases.reworkCount} > 0)`,
    // 延期数 extended: due cases granted at least one extension.
    extended: sql`(${due} and ${cases.extensionCount} > 0)`,
    // 退回数 returned: dispatched cases the handler returned at least once.
    returned: sql`(${dispatched} and ${cases.returnCount} > 0)`,
    // 评价数 rated: closed cases the resident rated.
    rated: sql`(${closed} and ${cases.rating} is not null)`,
    // 满意数 satisfied: rated satisfied or basically satisfied.
    satisfied: sql`(${closed} and ${cases.rating} in ('satisfied', 'basically_satisfied'))`,
  };
}

/** Cases touching any count or stage median of the period, to narrow the scan before counting. */
export function countedInPeriod(p: Period): SQL {
  const c = countPredicates(p);
  const stages = STAGES.map((s) => within(STAGE_COLUMNS[s].leftAt, p));
  return sql`(${c.registered} or ${c.dispatched} or ${c.closed} or ${c.overdueOpen} or ${sql.join(stages, sql` or `)})`;
}

/** Chinese names of the counts, for exports. */
export const COUNT_NAMES: Record<keyof Counts, string> = {
  registered: '立案数',
  dispatched: '派遣数',
  closed: '结案数',
  closedOnTime: '按期结案数',
  overdueOpen: '超期未结案数',
  due: '应结案数',
  reworked: '返工数',
  extended: '延期数',
  returned: '退回数',
  rated: '评价数',
  satisfied: '满意数',
};

/** A share that is null when nothing is in the denominator: never a division by zero, never NaN. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Each rate with its Chinese name and formula. */
export const RATES: Record<keyof Rates, { name: string; formula: string; of: (c: Counts) => number | null }> = {
  // 结案率 = 结案数 / 应结案数 (city report cross-check: 911 / 972 = 93.72%).
  closureRate: { name: '结案率', formula: '结案数 / 应结案数', of: (c) => ratio(c.closed, c.due) },
  // 按期结案率 = 按期结案数 / 应结案数 (737 / 972 = 75.82%).
  onTimeRate: { name: '按期结案率', formula: '按期结案数 / 应结案数', of: (c) => ratio(c.closedOnTime, c.due) },
  // 返工率 = 返工数 / 应结案数.
  reworkRate: { name: '返工率', formula: '返工数 / 应结案数', of: (c) => ratio(c.reworked, c.due) },
  // 延期率 = 延期数 / 应结案数.
  extensionRate: { name: '延期率', formula: '延期数 / 应结案数', of: (c) => ratio(c.extended, c.due) },
  // 退回率 = 退回数 / 派遣数.
  returnRate: { name: '退回率', formula: '退回数 / 派遣数', of: (c) => ratio(c.returned, c.dispatched) },
  // 满意率 = (满意 + 基本满意) / 评价数.
  satisfactionRate: { name: '满意率', formula: '(满意 + 基本满意) / 评价数', of: (c) => ratio(c.satisfied, c.rated) },
};

export function ratesOf(c: Counts): Rates {
  const out = {} as Rates;
  for (const k of Object.keys(RATES) as (keyof Rates)[]) out[k] = RATES[k].of(c);
  return out;
}

/**
 * 环节用时 stage time: the time a case spends in a status is the gap between the transition into it and the next
 * transition (events that leave the status unchanged, such as comments, do not count); a case's time in a stage is the sum
 * of its visits (a reworked case handles twice), kept on the case at each transition (cases/stage-time.ts). The figure is
 * the median over the cases that last left the stage in the period, in wall-clock hours.
 */
const STAGE_COLUMNS: Record<Stage, { secs: AnyPgColumn; leftAt: AnyPgColumn }> = {
  dispatch: { secs: cases.dispatchSecs, leftAt: cases.dispatchLeftAt },
  accept: { secs: cases.acceptSecs, leftAt: cases.acceptLeftAt },
  handle: { secs: cases.handleSecs, leftAt: cases.handleLeftAt },
  verify: { secs: cases.verifySecs, leftAt: cases.verifyLeftAt },
};

/** Each stage's median hours over the rows of `cases` being aggregated, as a SQL aggregate for the period. */
export function stageMedians(p: Period): Record<Stage, SQL> {
  return Object.fromEntries(
    STAGES.map((stage) => {
      const { secs, leftAt } = STAGE_COLUMNS[stage];
      return [
        stage,
        sql`(percentile_cont(0.5) within group (order by ${secs}) filter (where ${within(leftAt, p)}) / 3600)::float8`,
      ];
    }),
  ) as Record<Stage, SQL>;
}

export const STAGE_NAMES: Record<Stage, string> = {
  dispatch: '派遣用时中位数（小时）',
  accept: '接收用时中位数（小时）',
  handle: '处置用时中位数（小时）',
  verify: '核查用时中位数（小时）',
};

export const NO_STAGE_HOURS: StageHours = { dispatch: null, accept: null, handle: null, verify: null };

export const ZERO_COUNTS: Counts = {
  registered: 0,
  dispatched: 0,
  closed: 0,
  closedOnTime: 0,
  overdueOpen: 0,
  due: 0,
  reworked: 0,
  extended: 0,
  returned: 0,
  rated: 0,
  satisfied: 0,
};

export function figuresOf(c: Counts, medianHours: StageHours = NO_STAGE_HOURS): Figures {
  return { ...c, ...ratesOf(c), medianHours };
}

/** 处置量 handled: the cases a unit closed in the period; the volume score compares it across units. */
export const handledOf = (c: Counts) => c.closed;

/** 工作量得分 volume score = 100 × this unit's handled cases / the most handled by any unit compared (0 when none handled any). */
export const volumeScoreOf = (handled: number, maxHandled: number): number =>
  maxHandled > 0 ? (100 * handled) / maxHandled : 0;

/**
 * 综合得分 score = 工作量得分 × w.volume + 结案率 × w.closure + 按期结案率 × w.onTime + (1 − 返工率) × w.rework,
 * rates taken as percentages; with the default weights 10% / 30% / 30% / 30% this is the department score of CJ/T 292.
 * Null when the unit had nothing due (no rates to judge), rounded to two decimals otherwise.
 */
export function scoreOf(f: Figures, volumeScore: number, w: ScoreWeights): number | null {
  if (f.closureRate == null || f.onTimeRate == null || f.reworkRate == null) return null;
  const s =
    volumeScore * w.volume +
    100 * f.closureRate * w.closure +
    100 * f.onTimeRate * w.onTime +
    100 * (1 - f.reworkRate) * w.rework;
  return Math.round(s * 100) / 100;
}

/** 等级 grade: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E < 40 (of the rounded score, so the grade matches the number shown). */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 40) return 'D';
  return 'E';
}
