// Volunteers: profiles, certificates, teams and members, activities with shifts, sign-ups (confirmed or waitlisted),
// and the append-only attendance record the organiser writes (a correction is a new row naming the one it corrects;
// a trigger refuses updates and deletes, see the migration's hand-written block).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory';
import { users } from '../users';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const volunteerProfiles = pgTable('volunteer_profiles', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  skills: text('skills')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  availability: text('availability'),
  updatedAt: at('updated_at')
    .notNull()
    .default(sql`now()`),
});

export const volunteerCertificates = pgTable(
  'volunteer_certificates',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    number: text('number'),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    createdAt: at('created_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('volunteer_certificates_user_idx').on(t.userId, t.kind)],
);

export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: serial('id').primaryKey(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    name: text('name').notNull(),
    leaderUserId: integer('leader_user_id').references(() => users.id),
    createdAt: at('created_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [uniqueIndex('volunteer_teams_name_idx').on(t.nodeId, t.name)],
);

export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => volunteerTeams.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

export const volunteerActivities = pgTable(
  'volunteer_activities',
  {
    id: serial('id').primaryKey(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    teamId: integer('team_id').references(() => volunteerTeams.id),
    title: text('title').notNull(),
    description: text('description'),
    place: text('place'),
    activityType: text('activity_type').notNull(),
    requiredCertificate: text('required_certificate'),
    organiserUserId: integer('organiser_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: at('created_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('volunteer_activities_node_idx').on(t.nodeId, t.id)],
);

export const volunteerShifts = pgTable(
  'volunteer_shifts',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => volunteerActivities.id),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
  },
  (t) => [
    index('volunteer_shifts_activity_idx').on(t.activityId),
    check('volunteer_shifts_capacity_check', sql`${t.capacity} > 0`),
    check('volunteer_shifts_time_check', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    id: serial('id').primaryKey(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => volunteerShifts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull(),
    createdAt: at('created_at').notNull(),
    promotedAt: at('promoted_at'),
    cancelledAt: at('cancelled_at'),
  },
  (t) => [
    // One live place per person and shift: a repeated sign-up finds it instead of adding a second.
    uniqueIndex('volunteer_signups_live_idx')
      .on(t.shiftId, t.userId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('volunteer_signups_user_idx').on(t.userId),
    check('volunteer_signups_status_check', sql`${t.status} in ('confirmed', 'waitlisted', 'cancelled')`),
  ],
);

/** Append-only: the latest row per (shift, user) is the record; a correction names the row it corrects. */
export const volunteerAttendance = pgTable(
  'volunteer_attendance',
  {
    id: serial('id').primaryKey(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => volunteerShifts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    attended: boolean('attended').notNull(),
    hours: numeric('hours', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: at('recorded_at').notNull(),
    correctsId: integer('corrects_id'),
    reason: text('reason'),
  },
  (t) => [
    index('volunteer_attendance_shift_user_idx').on(t.shiftId, t.userId, t.id),
    index('volunteer_attendance_user_idx').on(t.userId),
    uniqueIndex('volunteer_attendance_corrects_idx').on(t.correctsId),
    check('volunteer_attendance_hours_check', sql`${t.hours} >= 0 and ${t.hours} <= 24`),
  ],
);
