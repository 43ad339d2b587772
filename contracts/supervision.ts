// Property supervision and evaluation from below: estate contracts, complaints per 10,000 households (万户比),
// surveys (one anonymous answer per household), red/black list rules and decisions, the property special fund's
// ledger (红色物业专项基金), and scorecards of departments and partner units by communities.
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

/** The case categories counted as property complaints: the 物业服务 class and its children. */
export const PROPERTY_CATEGORY_CLASS = 'C02';

/**
 * 万户比 = complaints in the month / households of the company's contracted estates × 10,000. Complaints are cases of
 * the property class from every channel (12345 included), a merged duplicate counted once (only the case it was merged
 * into counts), a request the hotline confirmed unreasonable left out; a case is the company's when the household it
 * concerns lies in one of its estates or the company held it.
 */
export const COMPLAINT_RATE_FORMULA = '万户比 = 当月物业类诉求数 ÷ 在管小区户数 × 10000';

export const EstateContract = z.object({
  id: z.number().int(),
  estateNodeId: z.number().int(),
  estateName: z.string(),
  communityName: z.string().nullable(),
  companyId: z.number().int(),
  companyName: z.string(),
  ownersCommittee: z.string().nullable(),
  termStart: day,
  termEnd: day,
  /** Monthly fee in fen per square metre. */
  feeCentsPerSqm: z.number().int(),
  commitments: z.array(z.string()),
  households: z.number().int(),
});
export type EstateContract = z.infer<typeof EstateContract>;
export const ContractList = z.object({ items: z.array(EstateContract) });

export const CreateContractBody = z
  .object({
    estateNodeId: z.number().int().positive(),
    companyId: z.number().int().positive(),
    ownersCommittee: z.string().trim().min(1).max(100).optional(),
    termStart: day,
    termEnd: day,
    feeCentsPerSqm: z.number().int().min(0).max(100_000),
    commitments: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
  })
  .refine((b) => b.termEnd > b.termStart, { path: ['termEnd'], message: 'the term must end after it starts' });

export const ComplaintRateQuery = z.object({ from: month, to: month });
export const ComplaintRateRow = z.object({
  companyId: z.number().int(),
  companyName: z.string(),
  month,
  complaints: z.number().int(),
  households: z.number().int(),
  /** null when the company has no households under contract that month. */
  perTenThousand: z.number().nullable(),
});
export const ComplaintRates = z.object({ formula: z.string(), items: z.array(ComplaintRateRow) });

// ---- Surveys

export const SURVEY_KINDS = ['property', 'community'] as const;
export const SurveyKind = z.enum(SURVEY_KINDS);
/** The published dimensions residents rate their community on (evaluation from below). */
export const COMMUNITY_DIMENSIONS = [
  'public_facilities',
  'environment_safety',
  'activities',
  'committee_service',
] as const;
/** What the yearly property-satisfaction survey asks. */
export const PROPERTY_DIMENSIONS = ['cleaning', 'security', 'repairs', 'greenery'] as const;
export const SCORE_MAX = 5;

export const Survey = z.object({
  id: z.number().int(),
  kind: SurveyKind,
  year: z.number().int(),
  title: z.string(),
  nodeId: z.number().int(),
  nodeName: z.string(),
  companyId: z.number().int().nullable(),
  companyName: z.string().nullable(),
  dimensions: z.array(z.string()),
  opensAt: z.string(),
  closesAt: z.string(),
  answers: z.number().int(),
  /** Whether the signed-in household has answered (residents only). */
  answered: z.boolean().optional(),
});
export type Survey = z.infer<typeof Survey>;
export const SurveyList = z.object({ items: z.array(Survey) });

export const CreateSurveyBody = z
  .object({
    kind: SurveyKind,
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(1).max(100),
    nodeId: z.number().int().positive(),
    companyId: z.number().int().positive().optional(),
    opensAt: z.string().datetime({ offset: true }),
    closesAt: z.string().datetime({ offset: true }),
  })
  .refine((b) => b.closesAt > b.opensAt, { path: ['closesAt'], message: 'a survey must close after it opens' })
  .refine((b) => b.kind !== 'property' || b.companyId != null, {
    path: ['companyId'],
    message: 'a property survey names the company',
  });

export const AnswerBody = z.object({
  scores: z.record(z.string(), z.number().int().min(1).max(SCORE_MAX)),
  comment: z.string().trim().max(500).optional(),
});

export const Estimate = z.object({
  n: z.number().int(),
  /** Raw mean on 0–100. */
  raw: z.number().nullable(),
  /** Shrunk toward the mean of all groups (empirical Bayes), on 0–100. */
  shrunk: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type Estimate = z.infer<typeof Estimate>;

export const SurveyResults = z.object({
  surveyId: z.number().int(),
  answers: z.number().int(),
  overall: Estimate,
  dimensions: z.array(z.object({ dimension: z.string(), estimate: Estimate })),
});

export const CallbackList = z.object({
  items: z.array(z.object({ householdNodeId: z.number().int(), label: z.string() })),
});

// ---- Red/black list

export const LIST_KINDS = ['red', 'black'] as const;
export const ListKind = z.enum(LIST_KINDS);
export const RULE_METRICS = ['complaint_rate', 'satisfaction'] as const;
export const RuleMetric = z.enum(RULE_METRICS);

export const ListRule = z.object({
  id: z.number().int(),
  list: ListKind,
  metric: RuleMetric,
  op: z.enum(['above', 'below']),
  threshold: z.number(),
  months: z.number().int(),
  active: z.boolean(),
});
export type ListRule = z.infer<typeof ListRule>;
export const ListRuleList = z.object({ items: z.array(ListRule) });
/** Checked again in the service: a 万户比 threshold is 0–10,000, a satisfaction floor 0–100, months 1–12. */
export const CreateRuleBody = z.object({
  list: ListKind,
  metric: RuleMetric,
  op: z.enum(['above', 'below']),
  threshold: z.number(),
  months: z.number().int().default(1),
});

export const DECISION_STATUSES = ['pending', 'appealed', 'published', 'withdrawn'] as const;
export const Decision = z.object({
  id: z.number().int(),
  companyId: z.number().int(),
  companyName: z.string(),
  list: ListKind,
  ruleId: z.number().int(),
  period: month,
  reason: z.string(),
  status: z.enum(DECISION_STATUSES),
  appealUntil: z.string(),
  appeal: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type Decision = z.infer<typeof Decision>;
export const DecisionList = z.object({ items: z.array(Decision) });
export const EvaluateBody = z.object({ period: month });
export const AppealBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const ResolveBody = z.object({ uphold: z.boolean() });

/** The public red/black list: company names and reasons only, no person. */
export const PublicListEntry = z.object({
  companyName: z.string(),
  list: ListKind,
  period: month,
  reason: z.string(),
  publishedAt: z.string(),
});
export const PublicList = z.object({ items: z.array(PublicListEntry) });

// ---- The special fund (红色物业专项基金)

export const FundEntry = z.object({
  id: z.number().int(),
  estateNodeId: z.number().int(),
  estateName: z.string(),
  kind: z.enum(['income', 'spending']),
  amountCents: z.number().int(),
  balanceCents: z.number().int(),
  feeIncomeCents: z.number().int().nullable(),
  sharePercent: z.number().nullable(),
  project: z.string().nullable(),
  councilDecision: z.string().nullable(),
  note: z.string().nullable(),
  bookedOn: day,
});
export const FundLedger = z.object({ balanceCents: z.number().int(), items: z.array(FundEntry) });
export const FundQuery = z.object({ estateNodeId: z.coerce.number().int().positive() });
export const FundEntryBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('income'),
    estateNodeId: z.number().int().positive(),
    feeIncomeCents: z.number().int().positive().max(10_000_000_000),
    sharePercent: z.number().gt(0).max(100),
    bookedOn: day,
    note: z.string().trim().max(200).optional(),
  }),
  z.object({
    kind: z.literal('spending'),
    estateNodeId: z.number().int().positive(),
    amountCents: z.number().int().positive().max(10_000_000_000),
    project: z.string().trim().min(1).max(100),
    /** The tri-party council's decision that approved the spending (number or title of its minutes). */
    councilDecision: z.string().trim().min(1).max(100),
    bookedOn: day,
    note: z.string().trim().max(200).optional(),
  }),
]);

// ---- Scorecards of departments and partner units

export const ScorecardQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  communityId: z.coerce.number().int().positive().optional(),
});
export const ScorecardRow = z.object({
  organisationId: z.number().int(),
  organisationName: z.string(),
  kind: z.string(),
  summoned: z.number().int(),
  notReportedIn: z.number().int(),
  returns: z.number().int(),
  handled: z.number().int(),
  onTime: z.number().int(),
  /** On-time handling shrunk toward the pooled rate, 0–100. */
  onTimeRate: Estimate,
  /** The community's rating of the unit (1–5 → 0–100), shrunk over the communities that rated. */
  rating: Estimate,
  score: z.number().nullable(),
  /** null where the samples are too small to rank. */
  rank: z.number().int().nullable(),
});
export const Scorecard = z.object({
  year: z.number().int(),
  communityId: z.number().int().nullable(),
  /** Resident's rating of the community (community surveys of the year). */
  communityRating: Estimate.nullable(),
  minSample: z.number().int(),
  items: z.array(ScorecardRow),
});
export const RateUnitBody = z.object({
  communityId: z.number().int().positive(),
  organisationId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  score: z.number().int().min(1).max(SCORE_MAX),
  note: z.string().trim().max(300).optional(),
});
export const AnnualReview = z.object({
  year: z.number().int(),
  generatedAt: z.string(),
  items: z.array(ScorecardRow.extend({ communities: z.number().int(), grade: z.string().nullable() })),
});
