// The service hall's tables: catalogue (classes, items, per-community switches), duty lists, applications, their
// materials, immutable timeline, the idempotency keys of applying, and the hall's appointment hours and booked seats.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
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
import type { EligibilityCondition, MaterialSpec, ServiceChannel } from '../../../contracts/services';
import type { HallPeriod } from '../../../contracts/services-hall';

export const serviceClasses = pgTable('service_classes', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sort: integer('sort').notNull().default(0),
});

export const serviceItems = pgTable(
  'service_items',
  {
    code: text('code').primaryKey(),
    classCode: text('class_code')
      .notNull()
      .references(() => serviceClasses.code),
    name: text('name').notNull(),
    /** Full pinyin and initials of the name, for residents who search by typing pinyin. */
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    description: text('description'),
    materials: jsonb('materials')
      .$type<MaterialSpec[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    eligibility: jsonb('eligibility')
      .$type<EligibilityCondition[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** 限时办结: working days on the business calendar; or, for 即时办 items, minutes to answer. */
    limitDays: integer('limit_days'),
    responseMinutes: integer('response_minutes'),
    /** The department that decides; null when the community handles the item itself. */
    organisationId: integer('organisation_id'),
    channels: jsonb('channels')
      .$type<ServiceChannel[]>()
      .notNull()
      .default(sql`'["hall","online"]'::jsonb`),
    fee: text('fee'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('service_items_class_idx').on(t.classCode, t.sort)],
);

/** Which items a community offers (switched on); an item without a row is off there. */
export const serviceSwitches = pgTable(
  'service_switches',
  {
    nodeId: integer('node_id').notNull(),
    itemCode: text('item_code')
      .notNull()
      .references(() => serviceItems.code),
    enabled: boolean('enabled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.itemCode] })],
);

/** A community's three duty lists (依法履职 / 协助 / 负面清单); a negative entry with an item forbids handing it over. */
export const dutyEntries = pgTable(
  'duty_entries',
  {
    id: serial('id').primaryKey(),
    nodeId: integer('node_id').notNull(),
    list: text('list').notNull(),
    matter: text('matter').notNull(),
    itemCode: text('item_code'),
  },
  (t) => [index('duty_entries_node_idx').on(t.nodeId, t.list)],
);

export const serviceApplications = pgTable(
  'service_applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number').notNull().unique(),
    itemCode: text('item_code').notNull(),
    /** The community that receives and is first responsible (首问负责). */
    nodeId: integer('node_id').notNull(),
    /** The applicant household's territory path (or the community's), so scoping is one indexed predicate. */
    nodePath: text('node_path').notNull(),
    residentId: integer('resident_id'),
    applicantUserId: integer('applicant_user_id'),
    applicantName: text('applicant_name').notNull(),
    /** Who submitted: the applicant, or a grid or community worker on their behalf (onBehalf). */
    submittedByUserId: integer('submitted_by_user_id').notNull(),
    submittedByName: text('submitted_by_name'),
    onBehalf: boolean('on_behalf').notNull().default(false),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    /** The department it was forwarded to (后台转办), whose handlers then see it. */
    organisationId: integer('organisation_id'),
    note: text('note'),
    outcomeNote: text('outcome_note'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    overdueSince: timestamp('overdue_since', { withTimezone: true }),
    escalationLevel: integer('escalation_level').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedOnTime: boolean('closed_on_time'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_applications_path_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('service_applications_node_idx').on(t.nodeId, t.status, t.id),
    index('service_applications_org_idx').on(t.organisationId, t.id),
    index('service_applications_applicant_idx').on(t.applicantUserId, t.id),
    index('service_applications_created_idx').on(t.createdAt),
  ],
);

export const serviceMaterials = pgTable(
  'service_materials',
  {
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => serviceApplications.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    /** The uploaded photos or PDFs (attachment ids with their type). */
    files: jsonb('files')
      .$type<{ id: string; mime: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.code] })],
);

/** Every step of an application (custody steps of a proxy errand too), never changed once written. */
export const serviceEvents = pgTable(
  'service_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => serviceApplications.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('service_events_app_idx').on(t.applicationId, t.id),
    index('service_events_action_idx').on(t.action, t.at),
  ],
);

/** A retried application with the same Idempotency-Key answers the first application instead of a second. */
export const serviceIdempotency = pgTable(
  'service_idempotency',
  {
    userId: integer('user_id').notNull(),
    key: text('key').notNull(),
    applicationId: bigint('application_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** A community's hall appointment hours (预约到厅); a community without a row uses the defaults (hall.ts). */
export const hallHours = pgTable(
  'service_hall_hours',
  {
    nodeId: integer('node_id').primaryKey(),
    /** Periods of each open day (the business calendar's working days), 'HH:MM' China time, end exclusive. */
    periods: jsonb('periods').$type<HallPeriod[]>().notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    /** How many windows serve at once: the seats of each slot. */
    capacity: integer('capacity').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedByUserId: integer('updated_by_user_id'),
  },
  (t) => [
    check('service_hall_hours_slot_check', sql`${t.slotMinutes} between 10 and 240`),
    check('service_hall_hours_capacity_check', sql`${t.capacity} between 1 and 20`),
  ],
);

/**
 * One booked seat of a hall slot: a row per (community, slot start, seat), seats 1..capacity. The unique index makes
 * over-booking impossible under concurrent requests on either database; cancelling deletes the row (frees the seat).
 */
export const serviceAppointments = pgTable(
  'service_appointments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    nodeId: integer('node_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    seat: integer('seat').notNull(),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => serviceApplications.id),
    bookedByUserId: integer('booked_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Marked by the hall's staff when the resident did not come (未到厅); the application stays open to book again. */
    noShowAt: timestamp('no_show_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('service_appointments_seat_idx').on(t.nodeId, t.startsAt, t.seat),
    uniqueIndex('service_appointments_application_idx').on(t.applicationId),
    check('service_appointments_seat_check', sql`${t.seat} >= 1`),
    check('service_appointments_span_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);
