// Case metrics (DOMAIN.md §3): the figures of one scope, breakdowns, unit scores and grades, and the ledger export query.
import { z } from 'zod';
import { Id } from './common';
import { CaseStatus } from './cases';

/** A period of whole days in Asia/Shanghai: `from` inclusive, `to` exclusive (January is from=2026-01-01&to=2026-02-01). */
const PeriodFields = {
  from: z.iso.date().optional().describe('first day, inclusive (Asia/Shanghai); default: the first day of this month'),
  to: z.iso.date().optional().describe('last day, exclusive (Asia/Shanghai); default: the first day of next month'),
};

export const SummaryQuery = z
  .object({
    nodeId: Id.optional().describe('cases under this territory node; default: everything in your scope'),
    ...PeriodFields,
  })
  .strict();
export type SummaryQuery = z.infer<typeof SummaryQuery>;

export const BREAKDOWNS = ['node', 'organisation', 'category', 'channel', 'month'] as const;
export const Breakdown = z.enum(BREAKDOWNS);
export type Breakdown = z.infer<typeof Breakdown>;

export const BreakdownQuery = SummaryQuery.extend({
  by: Breakdown.describe(
    'node: one row per child of nodeId; organisation: per assignee; category: per class or sub-class; month: per calendar month',
  ),
  categoryLevel: z
    .enum(['class', 'subclass'])
    .default('class')
    .describe('class: first 3 characters of the code; subclass: the whole code'),
}).strict();
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

/** Weights of the unit score; the defaults are the department score of CJ/T 292 (DOMAIN.md §3). They must add up to 1. */
export const ScoreWeights = z
  .object({
    volume: z.number().min(0).max(1).default(0.1),
    closure: z.number().min(0).max(1).default(0.3),
    onTime: z.number().min(0).max(1).default(0.3),
    rework: z.number().min(0).max(1).default(0.3),
  })
  .strict()
  .refine((w) => Math.abs(w.volume + w.closure + w.onTime + w.rework - 1) < 1e-9, {
    message: 'weights must add up to 1',
  });
export type ScoreWeights = z.infer<typeof ScoreWeights>;

export const SCORE_KINDS = ['department', 'community'] as const;
export const ScoresQuery = z
  .object({
    kind: z.enum(SCORE_KINDS),
    ...PeriodFields,
    weights: z
      .string()
      .max(300)
      .optional()
      .describe('JSON object of ScoreWeights, e.g. {"volume":0.1,"closure":0.3,"onTime":0.3,"rework":0.3}'),
  })
  .strict();
export type ScoresQuery = z.infer<typeof ScoresQuery>;

export const LedgerQuery = SummaryQuery.extend({ status: CaseStatus.optional() }).strict();
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const Counts = z.object({
  registered: z.number().int(),
  dispatched: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  overdueOpen: z.number().int(),
  due: z.number().int(),
  reworked: z.number().int(),
  extended: z.number().int(),
  returned: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;

/** Rates are fractions (0.9372 is 93.72%), null when their denominator is 0. */
const Rate = z.number().min(0).max(1).nullable();
export const Rates = z.object({
  closureRate: Rate,
  onTimeRate: Rate,
  reworkRate: Rate,
  extensionRate: Rate,
  returnRate: Rate,
  satisfactionRate: Rate,
});
export type Rates = z.infer<typeof Rates>;

export const STAGES = ['dispatch', 'accept', 'handle', 'verify'] as const;
export type Stage = (typeof STAGES)[number];
/** Median hours (wall clock) a case spent in each stage; null when no case finished that stage in the period. */
export const StageHours = z.object({
  dispatch: z.number().nullable(),
  accept: z.number().nullable(),
  handle: z.number().nullable(),
  verify: z.number().nullable(),
});
export type StageHours = z.infer<typeof StageHours>;

export const Figures = Counts.extend(Rates.shape).extend({ medianHours: StageHours });
export type Figures = z.infer<typeof Figures>;

const PeriodOut = { from: z.iso.date(), to: z.iso.date() };

export const Summary = z.object({ ...PeriodOut, nodeId: z.number().int().nullable(), figures: Figures });
export type Summary = z.infer<typeof Summary>;

export const BreakdownRow = z.object({ key: z.string().nullable(), name: z.string().nullable(), figures: Figures });
export const BreakdownResult = z.object({
  ...PeriodOut,
  by: Breakdown,
  nodeId: z.number().int().nullable(),
  rows: z.array(BreakdownRow),
});
export type BreakdownResult = z.infer<typeof BreakdownResult>;

export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const ScoreRow = z.object({
  id: z.number().int(),
  name: z.string(),
  figures: Figures,
  volumeScore: z.number(),
  /** 0–100 with two decimals; null (and no grade) when the unit had nothing due. */
  score: z.number().nullable(),
  grade: Grade.nullable(),
});
export const ScoresResult = z.object({
  ...PeriodOut,
  kind: z.enum(SCORE_KINDS),
  weights: ScoreWeights,
  rows: z.array(ScoreRow),
});
export type ScoresResult = z.infer<typeof ScoresResult>;
