// Residents (一户一档), the tag catalogue, housing per household, pending Excel imports, care levels (三色管理) and visits (走访).
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from '../cases';
import { territoryNodes } from '../territory';
import { users } from '../users';
import { previewColumns } from '../../platform/imports/tables';

export const residents = pgTable(
  'residents',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    /** Which document the number below is (contracts ID_KINDS); 'none' leaves the three id columns null. */
    idKind: text('id_kind').notNull().default('resident_id'),
    /** The ID number is never stored in the clear: ciphertext, keyed blind index, last four characters. */
    idCipher: text('id_cipher'),
    idHash: text('id_hash'),
    idTail: text('id_tail'),
    /** Why there is no document (a child without one yet, refused …); sex and birth date are then entered by hand. */
    noIdReason: text('no_id_reason'),
    sex: text('sex').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phoneCipher: text('phone_cipher'),
    phoneHash: text('phone_hash'),
    phoneTail: text('phone_tail'),
    residenceType: text('residence_type').notNull(),
    householdNodeId: integer('household_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    /** Copied from the household so that scope predicates need no join. */
    nodePath: text('node_path').notNull(),
    movedInOn: date('moved_in_on', { mode: 'string' }),
    movedOutOn: date('moved_out_on', { mode: 'string' }),
    /** Where they went: the record is kept, never deleted. */
    movedOutTo: text('moved_out_to'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * A registration of an ID number already recorded outside the registrar's area: kept without the blind index (one
     * number, one indexed record) and pointing at the record it repeats, until a worker who sees both reconciles them.
     */
    duplicateOf: integer('duplicate_of'),
    /** The resident's own account, when they have one: they may see their own record. */
    userId: integer('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    uniqueIndex('residents_id_hash_idx').on(t.idHash),
    index('residents_phone_hash_idx').on(t.phoneHash),
    index('residents_path_idx').using('btree', t.nodePath.op('text_pattern_ops')),
    index('residents_household_idx').on(t.householdNodeId, t.id),
    index('residents_pinyin_idx').using('btree', t.namePinyin.op('text_pattern_ops')),
    index('residents_initials_idx').using('btree', t.nameInitials.op('text_pattern_ops')),
    index('residents_id_tail_idx').using('btree', t.idTail.op('text_pattern_ops')),
    index('residents_phone_tail_idx').using('btree', t.phoneTail.op('text_pattern_ops')),
    index('residents_tags_idx').using('gin', t.tags),
    index('residents_user_idx').on(t.userId),
    // Repeats of a record (a number registered again outside its area) are few: found by the record they repeat.
    index('residents_duplicate_of_idx')
      .on(t.duplicateOf)
      .where(sql`${t.duplicateOf} is not null`),
    // People without a document are told apart by name, birth date and household (the dedupe key of imports).
    index('residents_no_id_idx')
      .on(t.householdNodeId, t.name, t.birthDate)
      .where(sql`id_hash is null`),
  ],
);

/** Configurable catalogue of person tags (elderly living alone, disabled, low-income …). */
export const personTags = pgTable('person_tags', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

/** How a household's dwelling is used; one row per household node. */
export const housing = pgTable('housing', {
  householdNodeId: integer('household_node_id')
    .primaryKey()
    .references(() => territoryNodes.id),
  use: text('use').notNull(),
  ownerResidentId: integer('owner_resident_id').references(() => residents.id),
  entrance: text('entrance'),
  room: text('room'),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

/** An uploaded workbook awaiting commit: the parsed good rows and every explained error. */
export const peopleImports = pgTable(
  'people_imports',
  previewColumns(() => users.id),
  (t) => [index('people_imports_creator_idx').on(t.createdBy, t.createdAt)],
);

/** Days between visits per level; a level without a row uses the default in care.ts. */
export const careSettings = pgTable('care_settings', {
  level: text('level').primaryKey(),
  visitEveryDays: integer('visit_every_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

export const careLevels = pgTable(
  'care_levels',
  {
    residentId: integer('resident_id')
      .primaryKey()
      .references(() => residents.id),
    level: text('level').notNull(),
    reason: text('reason').notNull(),
    assigneeUserId: integer('assignee_user_id').references(() => users.id),
    /** Copied from the resident, for scoping. */
    nodePath: text('node_path').notNull(),
    setOn: date('set_on', { mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('care_levels_path_idx').using('btree', t.nodePath.op('text_pattern_ops')),
    index('care_levels_assignee_idx').on(t.assigneeUserId),
  ],
);

export const visits = pgTable(
  'visits',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    visitorUserId: integer('visitor_user_id')
      .notNull()
      .references(() => users.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    nodePath: text('node_path').notNull(),
    /** The idempotency key a phone queued the visit under while offline; a resend finds the first visit. */
    clientKey: text('client_key'),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('visits_resident_idx').on(t.residentId, t.visitedOn),
    index('visits_path_idx').using('btree', t.nodePath.op('text_pattern_ops')),
    uniqueIndex('visits_client_key_idx').on(t.visitorUserId, t.clientKey),
  ],
);

/** Field diary (民情日记): what a grid worker saw and did, by grid; the monthly ledger is generated from it. */
export const diaryEntries = pgTable(
  'diary_entries',
  {
    id: serial('id').primaryKey(),
    authorUserId: integer('author_user_id')
      .notNull()
      .references(() => users.id),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    gridNodeId: integer('grid_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    householdNodeId: integer('household_node_id').references(() => territoryNodes.id),
    /** The household's path, or the grid's: the scope of the entry. */
    nodePath: text('node_path').notNull(),
    place: text('place'),
    residentIds: integer('resident_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    content: text('content').notNull(),
    followUp: text('follow_up'),
    caseId: integer('case_id').references(() => cases.id),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('diary_grid_day_idx').on(t.gridNodeId, t.occurredOn),
    index('diary_author_day_idx').on(t.authorUserId, t.occurredOn),
  ],
);
