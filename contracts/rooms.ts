// Rooms and spaces: spaces with parts, one-off and recurring bookings, availability, utilisation.
import { z } from 'zod';
import { Id } from './common';

export const SPACE_KINDS = ['hall_area', 'activity_room', 'partner_hall'] as const;
export const SpaceKind = z.enum(SPACE_KINDS);
export const SPACE_DAYS = ['all', 'workdays', 'weekends'] as const;
export const BOOKER_KINDS = ['resident', 'organisation', 'staff'] as const;
export const BookerKind = z.enum(BOOKER_KINDS);
export type BookerKind = z.infer<typeof BookerKind>;
export const BOOKING_STATUSES = ['pending', 'confirmed', 'refused', 'cancelled'] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

export const SpacePart = z.object({ id: z.number(), name: z.string(), whole: z.boolean(), capacity: z.number() });
export type SpacePart = z.infer<typeof SpacePart>;

export const Space = z.object({
  id: z.number(),
  nodeId: z.number(),
  nodeName: z.string(),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  name: z.string(),
  kind: SpaceKind,
  description: z.string().nullable(),
  capacity: z.number(),
  opens: z.string(),
  closes: z.string(),
  days: z.enum(SPACE_DAYS),
  openOnHolidays: z.boolean(),
  bufferBeforeMin: z.number(),
  bufferAfterMin: z.number(),
  bookers: z.array(BookerKind),
  needsApproval: z.boolean(),
  parts: z.array(SpacePart),
  /** Whether the caller may book it (their kind is among `bookers`). */
  canBook: z.boolean(),
  /** Whether the caller manages it (edits, approves, sees every booking). */
  canManage: z.boolean(),
});
export type Space = z.infer<typeof Space>;
export const SpaceList = z.object({ items: z.array(Space) });

export const CreateSpaceBody = z
  .object({
    nodeId: Id,
    organisationId: Id.nullable().optional(),
    name: z.string().trim().min(1).max(100),
    kind: SpaceKind,
    description: z.string().max(1000).nullable().optional(),
    capacity: z.number().int().min(1).max(10_000),
    opens: Hhmm,
    closes: Hhmm,
    days: z.enum(SPACE_DAYS).default('all'),
    openOnHolidays: z.boolean().default(false),
    bufferBeforeMin: z.number().int().min(0).max(240).default(0),
    bufferAfterMin: z.number().int().min(0).max(240).default(0),
    bookers: z.array(BookerKind).min(1),
    needsApproval: z.boolean().default(false),
    /** Zones of the room (e.g. A区, B区) with their capacity; none for a room booked only whole. */
    zones: z
      .array(z.object({ name: z.string().trim().min(1).max(50), capacity: z.number().int().min(1) }))
      .max(8)
      .default([]),
  })
  .strict();
export type CreateSpaceBody = z.infer<typeof CreateSpaceBody>;

/**
 * Editing a space: any rule may change; zones with an `id` are renamed or resized, zones without one are added (only
 * while the space has no live bookings to come, since a whole-room booking must then hold the new zone too).
 */
export const UpdateSpaceBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: SpaceKind,
    description: z.string().max(1000).nullable(),
    capacity: z.number().int().min(1).max(10_000),
    opens: Hhmm,
    closes: Hhmm,
    days: z.enum(SPACE_DAYS),
    openOnHolidays: z.boolean(),
    bufferBeforeMin: z.number().int().min(0).max(240),
    bufferAfterMin: z.number().int().min(0).max(240),
    bookers: z.array(BookerKind).min(1),
    needsApproval: z.boolean(),
    zones: z
      .array(z.object({ id: Id.optional(), name: z.string().trim().min(1).max(50), capacity: z.number().int().min(1) }))
      .max(8),
    /** Zones taken out of use (only while no live booking to come holds them); their bookings on record keep them. */
    removeZones: z.array(Id).max(8),
  })
  .partial()
  .strict();
export type UpdateSpaceBody = z.infer<typeof UpdateSpaceBody>;

export const Recurrence = z
  .object({
    freq: z.enum(['weekly', 'monthly']),
    /** Every n weeks or months. */
    interval: z.number().int().min(1).max(12).default(1),
    /** The last date an occurrence may fall on, 'YYYY-MM-DD' (at most a year after the first). */
    until: z.iso.date(),
    /** Skip the dates that are taken or closed (and say which) instead of refusing the whole series. */
    skipConflicts: z.boolean().default(false),
  })
  .strict();
export type Recurrence = z.infer<typeof Recurrence>;

export const CreateBookingBody = z
  .object({
    partId: Id,
    title: z.string().trim().min(1).max(100),
    attendees: z.number().int().min(1).max(10_000),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    /** Book for the caller's organisation (a partner unit or social organisation). */
    organisationId: Id.nullable().optional(),
    recurrence: Recurrence.optional(),
  })
  .strict();
export type CreateBookingBody = z.infer<typeof CreateBookingBody>;

export const Booking = z.object({
  id: z.number(),
  spaceId: z.number(),
  spaceName: z.string(),
  partId: z.number(),
  partName: z.string(),
  seriesId: z.number().nullable(),
  /** The booker's title, or null when the caller may not see whose booking it is. */
  title: z.string().nullable(),
  attendees: z.number().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: BookingStatus,
  mine: z.boolean(),
  /** Why an approver refused it (shown to the booker and the space's managers). */
  refusalReason: z.string().nullable(),
});
export type Booking = z.infer<typeof Booking>;

/** A booking waiting for approval, as its space's approvers see it (the booker's name masked). */
export const PendingBooking = Booking.extend({ bookerName: z.string(), nodeName: z.string() });
export const PendingList = z.object({ items: z.array(PendingBooking) });
export type PendingBooking = z.infer<typeof PendingBooking>;
export const RefuseBookingBody = z
  .object({
    reason: z.string().trim().min(1, 'a reason is required').max(500),
    /** Refuse it alone, or it and the series' later occurrences still waiting. */
    scope: z.enum(['this', 'following']).default('this'),
  })
  .strict();
/** Approve it alone, or it and the series' later occurrences still waiting. */
export const ApproveQuery = z.object({ scope: z.enum(['this', 'following']).default('this') }).strict();
export const BookingList = z.object({ items: z.array(Booking) });

export const SkippedDate = z.object({ date: z.string(), reason: z.enum(['taken', 'closed', 'holiday']) });
export const BookingResult = z.object({
  bookings: z.array(Booking),
  seriesId: z.number().nullable(),
  /** Dates of the series left out because they were taken or closed. */
  skipped: z.array(SkippedDate),
});
export type BookingResult = z.infer<typeof BookingResult>;

export const SeriesScope = z.enum(['this', 'following']);
export type SeriesScope = z.infer<typeof SeriesScope>;

export const UpdateBookingBody = z
  .object({
    scope: SeriesScope.default('this'),
    title: z.string().trim().min(1).max(100).optional(),
    attendees: z.number().int().min(1).max(10_000).optional(),
    /** New times of this occurrence; with scope 'following' the later ones move by the same amount. */
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type UpdateBookingBody = z.infer<typeof UpdateBookingBody>;
export const CancelBookingBody = z.object({ scope: SeriesScope.default('this') }).strict();

export const RangeQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict();
export const MineQuery = z.object({ includePast: z.stringbool().default(false) }).strict();

export const MonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict();
export const Busy = z.object({ partId: z.number(), startsAt: z.string(), endsAt: z.string() });
export const AvailabilityDay = z.object({
  date: z.string(),
  open: z.boolean(),
  /** Why it is closed: a holiday (with its name) or a day the space does not open. */
  closedReason: z.enum(['holiday', 'not_open_day']).nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  /** Booked time per part, buffers included, within the day. */
  busy: z.array(Busy),
  /** Share of the day's open time on which the whole room is still free (0..1). */
  freeShare: z.number(),
});
export const Availability = z.object({ spaceId: z.number(), month: z.string(), days: z.array(AvailabilityDay) });
export type Availability = z.infer<typeof Availability>;

export const AlternativesQuery = z
  .object({ partId: Id, startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) })
  .strict();
export const Alternative = z.object({
  spaceId: z.number(),
  spaceName: z.string(),
  partId: z.number(),
  partName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export const Alternatives = z.object({ items: z.array(Alternative) });
export type Alternative = z.infer<typeof Alternative>;

export const UtilisationQuery = RangeQuery;
export const UtilisationRow = z.object({
  spaceId: z.number(),
  spaceName: z.string(),
  partId: z.number(),
  partName: z.string(),
  openHours: z.number(),
  bookedHours: z.number(),
  bookings: z.number(),
  /** bookedHours / openHours, 0..1 (0 when never open). */
  utilisation: z.number(),
});
export const Utilisation = z.object({ from: z.string(), to: z.string(), rows: z.array(UtilisationRow) });
