// Property supervision and evaluation from below: estate contracts, surveys (the roll of households kept apart from the
// anonymous answers), red/black list rules and decisions, the special fund's append-only ledger, units' ratings.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisations';
import { territoryNodes } from '../territory';

const created = () =>
  timestamp('created_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`);

export const estateContracts = pgTable(
  'estate_contracts',
  {
    id: serial('id').primaryKey(),
    estateNodeId: integer('estate_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    companyId: integer('company_id')
      .notNull()
      .references(() => organisations.id),
    ownersCommittee: text('owners_committee'),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end').notNull(),
    feeCentsPerSqm: integer('fee_cents_per_sqm').notNull(),
    commitments: jsonb('commitments')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: created(),
  },
  (t) => [
    index('estate_contracts_estate_idx').on(t.estateNodeId),
    index('estate_contracts_company_idx').on(t.companyId),
  ],
);

export const surveys = pgTable(
  'surveys',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The community (or estate) whose households may answer. */
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    companyId: integer('company_id').references(() => organisations.id),
    dimensions: jsonb('dimensions').$type<string[]>().notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    createdAt: created(),
  },
  (t) => [index('surveys_node_idx').on(t.nodeId)],
);

/** Who has answered: one row per household, no time, no link to the answer. */
export const surveyRoll = pgTable(
  'survey_roll',
  {
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id),
    householdNodeId: integer('household_node_id')
      .notNull()
      .references(() => territoryNodes.id),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.householdNodeId] })],
);

/** The answers: a random id, the scores, no household, no person, no time. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: uuid('id').primaryKey(),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    comment: text('comment'),
  },
  (t) => [index('survey_answers_survey_idx').on(t.surveyId)],
);

export const listRules = pgTable('list_rules', {
  id: serial('id').primaryKey(),
  list: text('list').notNull(),
  metric: text('metric').notNull(),
  op: text('op').notNull(),
  threshold: doublePrecision('threshold').notNull(),
  months: integer('months').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: created(),
});

export const listDecisions = pgTable(
  'list_decisions',
  {
    id: serial('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => organisations.id),
    list: text('list').notNull(),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => listRules.id),
    period: text('period').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    appealUntil: timestamp('appeal_until', { withTimezone: true }).notNull(),
    appeal: text('appeal'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [uniqueIndex('list_decisions_once_idx').on(t.companyId, t.ruleId, t.period)],
);

/** 红色物业专项基金: append-only (a trigger in the migration refuses update and delete); the balance never goes negative. */
export const fundEntries = pgTable(
  'fund_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    estateNodeId: integer('estate_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    kind: text('kind').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    balanceCents: bigint('balance_cents', { mode: 'number' }).notNull(),
    feeIncomeCents: bigint('fee_income_cents', { mode: 'number' }),
    sharePercent: doublePrecision('share_percent'),
    project: text('project'),
    councilDecision: text('council_decision'),
    note: text('note'),
    bookedOn: date('booked_on').notNull(),
    createdBy: integer('created_by'),
    createdAt: created(),
  },
  (t) => [
    index('fund_entries_estate_idx').on(t.estateNodeId, t.id),
    check('fund_entries_balance_nonnegative', sql`${t.balanceCents} >= 0`),
    check('fund_entries_amount_positive', sql`${t.amountCents} > 0`),
    check(
      'fund_entries_spending_approved',
      sql`${t.kind} = 'income' or (${t.project} is not null and ${t.councilDecision} is not null)`,
    ),
  ],
);

/** A community's rating of a department or partner unit for a year (evaluation from below). */
export const unitRatings = pgTable(
  'unit_ratings',
  {
    communityNodeId: integer('community_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    score: integer('score').notNull(),
    note: text('note'),
    ratedBy: integer('rated_by'),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.communityNodeId, t.organisationId, t.year] })],
);
