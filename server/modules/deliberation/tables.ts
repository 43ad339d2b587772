// Deliberation tables: proposals with household supports and follows, councils and members, meetings and agenda,
// votes with the roll of who voted kept apart from the ballots, resolutions and their progress.
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { cases } from '../cases';
import { territoryNodes } from '../territory';
import { users } from '../users';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const proposals = pgTable(
  'proposals',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    /** The place it concerns; scoping follows its path. */
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    place: text('place'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    status: text('status').notNull().default('open'),
    /** The resident's account (null for a paper proposal of a resident without one). */
    authorUserId: integer('author_user_id').references(() => users.id),
    authorResidentId: integer('author_resident_id'),
    authorName: text('author_name').notNull(),
    /** The registry household of the author: their own support is this household's. */
    authorHouseholdId: integer('author_household_id').references(() => territoryNodes.id),
    /** The worker who filed it on paper for the resident, or null. */
    filedByUserId: integer('filed_by_user_id').references(() => users.id),
    filedByName: text('filed_by_name'),
    supports: integer('supports').notNull().default(0),
    answer: text('answer'),
    caseId: integer('case_id').references(() => cases.id),
    councilId: integer('council_id'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('proposals_node_idx').on(t.nodeId, t.id), index('proposals_status_idx').on(t.status)],
);

/** One support per registry household per proposal: a family cannot stuff it. */
export const proposalSupports = pgTable(
  'proposal_supports',
  {
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    householdId: integer('household_id')
      .notNull()
      .references(() => territoryNodes.id),
    userId: integer('user_id').references(() => users.id),
    /** The worker who recorded a paper support, or null. */
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.householdId] })],
);

export const proposalFollows = pgTable(
  'proposal_follows',
  {
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const councils = pgTable('councils', {
  id: serial('id').primaryKey(),
  nodeId: integer('node_id')
    .notNull()
    .references(() => territoryNodes.id),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  voteRule: text('vote_rule').notNull(),
  openToResidents: boolean('open_to_residents').notNull().default(false),
  quorum: integer('quorum').notNull(),
  supportThreshold: integer('support_threshold').notNull(),
  meetingRule: text('meeting_rule'),
  createdAt: at('created_at').notNull(),
});

export const councilMembers = pgTable(
  'council_members',
  {
    id: serial('id').primaryKey(),
    councilId: integer('council_id')
      .notNull()
      .references(() => councils.id),
    role: text('role').notNull(),
    name: text('name').notNull(),
    userId: integer('user_id').references(() => users.id),
    residentId: integer('resident_id'),
    organisationId: integer('organisation_id'),
  },
  (t) => [uniqueIndex('council_members_user_uq').on(t.councilId, t.userId)],
);

export const meetings = pgTable('council_meetings', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  startsAt: at('starts_at').notNull(),
  place: text('place').notNull(),
  status: text('status').notNull().default('planned'),
  minutes: text('minutes'),
  /** Member ids present. */
  attendance: jsonb('attendance').$type<number[]>().notNull().default([]),
});

/** A matter for a council: pending (no meeting yet) or on a meeting's agenda; passed up with its record. */
export const agendaItems = pgTable('agenda_items', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  meetingId: integer('meeting_id').references(() => meetings.id),
  proposalId: integer('proposal_id').references(() => proposals.id),
  title: text('title').notNull(),
  status: text('status').notNull().default('pending'),
  /** The lower council's item this one came from, and the record it carried. */
  passedFromItemId: integer('passed_from_item_id'),
  passedRecord: text('passed_record'),
});

export const votes = pgTable('council_votes', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  agendaItemId: integer('agenda_item_id')
    .notNull()
    .references(() => agendaItems.id),
  question: text('question').notNull(),
  ballot: text('ballot').notNull(),
  status: text('status').notNull().default('draft'),
  openedAt: at('opened_at'),
  closedAt: at('closed_at'),
});

/**
 * The roll: who voted (a household or a member), never what. No timestamp and no sequence: its key is the vote and
 * the voter, so nothing orders it against the ballots.
 */
export const voteRoll = pgTable(
  'vote_roll',
  {
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id),
    /** 'h:<household node id>' or 'm:<member id>'. */
    voterKey: text('voter_key').notNull(),
    voterLabel: text('voter_label').notNull(),
    byProxy: boolean('by_proxy').notNull().default(false),
    /** The retry key of the request that cast it: a retry with the same key answers the same. */
    requestKey: text('request_key'),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.voterKey] })],
);

/** The ballots: a choice per vote under a random id, nothing about the voter, no time, no sequence. */
export const ballots = pgTable(
  'vote_ballots',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id),
    choice: text('choice').notNull(),
  },
  (t) => [index('vote_ballots_vote_idx').on(t.voteId)],
);

/** Open ballots only: who chose what, published with the result. Never written for a secret ballot. */
export const openChoices = pgTable(
  'vote_open_choices',
  {
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id),
    voterKey: text('voter_key').notNull(),
    choice: text('choice').notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.voterKey] })],
);

/** Proxy votes (代投) for elderly residents: who cast it for whom on what paper record. Holds no choice. */
export const proxyRecords = pgTable('vote_proxy_records', {
  id: serial('id').primaryKey(),
  voteId: integer('vote_id')
    .notNull()
    .references(() => votes.id),
  residentId: integer('resident_id').notNull(),
  proxyName: text('proxy_name').notNull(),
  record: text('record').notNull(),
  recordedByUserId: integer('recorded_by_user_id')
    .notNull()
    .references(() => users.id),
});

export const resolutions = pgTable(
  'council_resolutions',
  {
    id: serial('id').primaryKey(),
    councilId: integer('council_id')
      .notNull()
      .references(() => councils.id),
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id),
    proposalId: integer('proposal_id').references(() => proposals.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    owner: text('owner').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    percent: integer('percent').notNull().default(0),
    caseId: integer('case_id').references(() => cases.id),
    createdAt: at('created_at').notNull(),
  },
  // One resolution per vote, held by the database too: two clicks at the same moment cannot both record one.
  (t) => [uniqueIndex('council_resolutions_vote_uq').on(t.voteId)],
);

export const resolutionProgress = pgTable('resolution_progress', {
  id: serial('id').primaryKey(),
  resolutionId: integer('resolution_id')
    .notNull()
    .references(() => resolutions.id),
  at: at('at').notNull(),
  note: text('note').notNull(),
  percent: integer('percent').notNull(),
});
