// Rooms and spaces: spaces with their parts, bookings (one-off or of a series), and the occupancy rows that make a
// double booking impossible (one row per atomic part, an exclusion constraint over part and time range).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisations';
import { territoryNodes } from '../territory';
import { users } from '../users';

/** A PostgreSQL tstzrange, read and written as its text form '[a,b)'. */
const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

export const spaces = pgTable(
  'spaces',
  {
    id: serial('id').primaryKey(),
    /** The community (or street) the space serves; scoping follows its path. */
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    /** The partner unit that lends its hall at set times, or null for the community's own rooms. */
    organisationId: integer('organisation_id').references(() => organisations.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description'),
    capacity: integer('capacity').notNull(),
    /** Opening hours 'HH:MM' China time, `closes` exclusive. */
    opens: text('opens').notNull(),
    closes: text('closes').notNull(),
    /** 'all': every day; 'workdays': the business calendar's working days (make-up days included); 'weekends'. */
    days: text('days').notNull().default('all'),
    /** Statutory holidays close the space unless this is set. */
    openOnHolidays: boolean('open_on_holidays').notNull().default(false),
    bufferBeforeMin: integer('buffer_before_min').notNull().default(0),
    bufferAfterMin: integer('buffer_after_min').notNull().default(0),
    /** Who may book: any of 'resident', 'organisation', 'staff'. */
    bookers: text('bookers').array().$type<('resident' | 'organisation' | 'staff')[]>().notNull(),
    needsApproval: boolean('needs_approval').notNull().default(false),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('spaces_node_idx').on(t.nodeId),
    check('spaces_kind_check', sql`${t.kind} in ('hall_area', 'activity_room', 'partner_hall')`),
    check('spaces_days_check', sql`${t.days} in ('all', 'workdays', 'weekends')`),
    check('spaces_capacity_check', sql`${t.capacity} > 0`),
    check('spaces_hours_check', sql`${t.opens} < ${t.closes}`),
  ],
);

/**
 * A bookable part of a space: the whole room, or a zone of it. The zones are the atomic parts; a space without zones
 * has its whole as the only atomic part. Booking the whole occupies every zone, so one constraint blocks both ways.
 */
export const spaceParts = pgTable(
  'space_parts',
  {
    id: serial('id').primaryKey(),
    spaceId: integer('space_id')
      .notNull()
      .references(() => spaces.id),
    name: text('name').notNull(),
    whole: boolean('whole').notNull(),
    capacity: integer('capacity').notNull(),
    /** A zone taken out of use: no longer bookable or shown, kept for the bookings on record that name it. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    index('space_parts_space_idx').on(t.spaceId),
    uniqueIndex('space_parts_one_whole')
      .on(t.spaceId)
      .where(sql`${t.whole}`),
  ],
);

/** A recurring booking: the RFC 5545 rule it was made from and the dates it skipped. */
export const bookingSeries = pgTable('booking_series', {
  id: serial('id').primaryKey(),
  spaceId: integer('space_id')
    .notNull()
    .references(() => spaces.id),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  rrule: text('rrule').notNull(),
  skipped: text('skipped')
    .array()
    .notNull()
    .default(sql`'{}'`),
  createdAt: timestamp('created_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

export const bookings = pgTable(
  'bookings',
  {
    id: serial('id').primaryKey(),
    spaceId: integer('space_id')
      .notNull()
      .references(() => spaces.id),
    partId: integer('part_id')
      .notNull()
      .references(() => spaceParts.id),
    seriesId: integer('series_id').references(() => bookingSeries.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The booker's organisation when booking for it. */
    organisationId: integer('organisation_id').references(() => organisations.id),
    title: text('title').notNull(),
    attendees: integer('attendees').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** pending (waits for approval, holds the slot), confirmed, refused (by an approver, slot freed), cancelled. */
    status: text('status').notNull(),
    /** Who approved or refused a pending booking, when, and the reason given for a refusal (the booker sees it). */
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    refusalReason: text('refusal_reason'),
    /** Set when this occurrence was edited apart from its series. */
    detached: boolean('detached').notNull().default(false),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('bookings_space_time_idx').on(t.spaceId, t.startsAt),
    index('bookings_user_idx').on(t.userId, t.startsAt),
    index('bookings_series_idx').on(t.seriesId, t.startsAt),
    index('bookings_pending_idx')
      .on(t.spaceId, t.startsAt)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex('bookings_idempotency').on(t.userId, t.idempotencyKey),
    check('bookings_status_check', sql`${t.status} in ('pending', 'confirmed', 'refused', 'cancelled')`),
    check('bookings_time_check', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/**
 * What a live booking holds: one row per atomic part, over its time widened by the space's buffers. The migration adds
 * `exclude using gist (part_id with =, during with &&)`, so two overlapping holds on one part cannot both commit.
 */
export const bookingHolds = pgTable(
  'booking_holds',
  {
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    partId: integer('part_id')
      .notNull()
      .references(() => spaceParts.id),
    during: tstzrange('during').notNull(),
  },
  (t) => [index('booking_holds_booking_idx').on(t.bookingId)],
);
