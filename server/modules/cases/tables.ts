// Cases, their immutable timeline, categories, the responsibility list and intake idempotency keys.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
} from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory';
import { organisations } from '../organisations';

export type StageLimit = { amount: number; unit: 'working_hours' | 'working_days' | 'hours' };

export const caseCategories = pgTable('case_categories', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  parentCode: text('parent_code'),
  kind: text('kind').notNull(),
  triageDefault: text('triage_default'),
  /** Time limits per stage (register, dispatch, accept, handle, verify). */
  limits: jsonb('limits').$type<Record<string, StageLimit>>(),
  requiredFields: jsonb('required_fields')
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  sensitive: boolean('sensitive').notNull().default(false),
  active: boolean('active').notNull().default(true),
});

/** 权责清单: which organisation handles a category (or a whole class) under a territory node; the most specific rule wins. */
export const responsibilityRules = pgTable(
  'responsibility_rules',
  {
    id: serial('id').primaryKey(),
    categoryCode: text('category_code').notNull(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [uniqueIndex('responsibility_rules_unique').on(t.categoryCode, t.nodeId)],
);

export const cases = pgTable(
  'cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number').notNull().unique(),
    channel: text('channel').notNull(),
    categoryCode: text('category_code').notNull(),
    description: text('description').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    address: text('address'),
    gridId: integer('grid_id')
      .notNull()
      .references(() => territoryNodes.id),
    /** Territory path of the grid, copied so scoping is one indexed predicate. */
    nodePath: text('node_path').notNull(),
    status: text('status').notNull(),
    triage: text('triage'),
    assigneeOrganisationId: integer('assignee_organisation_id'),
    assigneeNodeId: integer('assignee_node_id'),
    /** A private matter's named mediator (和事佬), when the case is handed to a person rather than a node or organisation. */
    assigneeUserId: integer('assignee_user_id'),
    suggestedOrganisationId: integer('suggested_organisation_id'),
    reporterUserId: integer('reporter_user_id'),
    reporterName: text('reporter_name'),
    /** Before issue 11 the phone in the clear: emptied at start by seed/seal-phones.ts, never written, dropped later. */
    legacyReporterPhone: text('reporter_phone'),
    /** The reporter's phone: ciphertext, keyed blind index, last four digits (as a resident's phone). */
    reporterPhoneCipher: text('reporter_phone_cipher'),
    reporterPhoneHash: text('reporter_phone_hash'),
    reporterPhoneTail: text('reporter_phone_tail'),
    anonymous: boolean('anonymous').notNull().default(false),
    selfHandled: boolean('self_handled').notNull().default(false),
    externalRef: text('external_ref'),
    /**
     * The person and household the case is about (a care visit's finding), linked instead of named in the description,
     * which can become public. No foreign key to residents: the people module's tables refer to cases already.
     */
    residentId: integer('resident_id'),
    householdNodeId: integer('household_node_id').references(() => territoryNodes.id),
    photos: jsonb('photos')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
    stageStartedAt: timestamp('stage_started_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    overdueSince: timestamp('overdue_since', { withTimezone: true }),
    escalationLevel: integer('escalation_level').notNull().default(0),
    extensionPending: boolean('extension_pending').notNull().default(false),
    extensionRequestedDays: integer('extension_requested_days'),
    /** When the pending extension was asked for: the clock is paused from then until the decision. */
    extensionRequestedAt: timestamp('extension_requested_at', { withTimezone: true }),
    returnCount: integer('return_count').notNull().default(0),
    reworkCount: integer('rework_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    urgeCount: integer('urge_count').notNull().default(0),
    supportCount: integer('support_count').notNull().default(0),
    mergedInto: bigint('merged_into', { mode: 'number' }),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    reviewPending: boolean('review_pending').notNull().default(false),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Whether the case closed before the handling deadline it had (on-time closure). */
    closedOnTime: boolean('closed_on_time'),
    shelvedUntil: timestamp('shelved_until', { withTimezone: true }),
    // 环节用时: seconds spent in each stage (summed over its visits: a reworked case handles twice) and when the case last
    // left it, kept at each transition so the metrics medians read one row per case instead of its whole timeline.
    dispatchSecs: doublePrecision('dispatch_secs'),
    dispatchLeftAt: timestamp('dispatch_left_at', { withTimezone: true }),
    acceptSecs: doublePrecision('accept_secs'),
    acceptLeftAt: timestamp('accept_left_at', { withTimezone: true }),
    handleSecs: doublePrecision('handle_secs'),
    handleLeftAt: timestamp('handle_left_at', { withTimezone: true }),
    verifySecs: doublePrecision('verify_secs'),
    verifyLeftAt: timestamp('verify_left_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('cases_path_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('cases_status_idx').on(t.status, t.id),
    index('cases_assignee_org_idx').on(t.assigneeOrganisationId, t.status, t.id),
    index('cases_assignee_node_idx').on(t.assigneeNodeId, t.status, t.id),
    index('cases_reporter_idx').on(t.reporterUserId, t.id),
    index('cases_due_idx').on(t.dueAt),
    index('cases_created_idx').on(t.createdAt),
    // When a case was reported (registered, or created when it never was): 万户比 and the scorecards count a month or a
    // year of it. The index gives the range a scan and the planner the expression's statistics (without them it
    // guessed a year of cases at a few hundred rows and looped over them).
    index('cases_reported_idx').on(sql`coalesce(${t.registeredAt}, ${t.createdAt})`),
    uniqueIndex('cases_external_ref_idx').on(t.channel, t.externalRef),
    // Followers of a case include reporters of duplicates merged into it; without this every step scans all cases.
    index('cases_merged_into_idx')
      .on(t.mergedInto)
      .where(sql`${t.mergedInto} is not null`),
    // "Which case shows this photo" (reading an attachment) is a jsonb containment test.
    index('cases_photos_idx').using('gin', t.photos.op('jsonb_path_ops')),
    // A department's to-do page: its open assignments newest first, one index scan (only open cases are in it).
    index('cases_org_open_idx')
      .on(t.assigneeOrganisationId, t.id)
      .where(sql`${t.status} in ('dispatched', 'handling')`),
    // A mediator's to-do: the private matters handed to them by name.
    index('cases_user_open_idx')
      .on(t.assigneeUserId, t.id)
      .where(sql`${t.assigneeUserId} is not null`),
    // cases_metrics_cover_idx (node_path) include (…): migration 0013_metrics_cover_index, written by hand because
    // Drizzle cannot declare INCLUDE columns; the metrics counts read it index-only instead of the heap.
  ],
);

/** Every transition and note on a case, never changed once written. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    photos: jsonb('photos')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    index('case_events_action_idx').on(t.action, t.at),
    // A worker's own day (people/diary: 我的一天) reads the steps they took.
    index('case_events_actor_idx').on(t.actorId, t.at),
    index('case_events_photos_idx').using('gin', t.photos.op('jsonb_path_ops')),
  ],
);

/** Organisations that ever held a case (dispatch or whistle), so a department keeps seeing what it handled. */
export const caseParticipants = pgTable(
  'case_participants',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id),
    organisationId: integer('organisation_id').notNull(),
    role: text('role').notNull(),
    reportedInAt: timestamp('reported_in_at', { withTimezone: true }),
    /** A summoned department must report in (报到) by this time; a job marks it overdue if it has not. */
    reportInDueAt: timestamp('report_in_due_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.organisationId] }),
    index('case_participants_org_idx').on(t.organisationId, t.caseId),
  ],
);

/** A retried intake with the same Idempotency-Key returns the first answer instead of a second case. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id').notNull(),
    key: text('key').notNull(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
