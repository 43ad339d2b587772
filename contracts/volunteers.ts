// Volunteers (志愿服务): profiles with skills, availability and certificates; teams with leaders; activities with
// shifts and capacity, sign-up and waitlist; attendance confirmed by the organiser from the activity record (never a
// self clock-in), hours credited from that record and sent to the points time bank.
import { z } from 'zod';

/** Certificates an activity may require (a service that needs one refuses sign-up without a valid one). */
export const CERTIFICATE_KINDS = ['first_aid', 'elderly_care', 'food_safety', 'driving', 'counselling'] as const;
export const CertificateKind = z.enum(CERTIFICATE_KINDS);
export type CertificateKind = z.infer<typeof CertificateKind>;

/** The kind of activity: the points rules price hours per type. */
export const ACTIVITY_TYPES = [
  'elderly_care',
  'environment',
  'safety_patrol',
  'culture',
  'mediation',
  'other',
] as const;
export const ActivityType = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof ActivityType>;

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const SignupStatus = z.enum(SIGNUP_STATUSES);

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
/** Hours of one shift, up to two decimals, at most a day. */
export const Hours = z
  .number()
  .min(0)
  .max(24)
  .refine((h) => Math.round(h * 100) === h * 100, 'at most two decimals');

export const Certificate = z.object({
  id: z.number().int(),
  kind: CertificateKind,
  number: z.string().nullable(),
  expiresOn: z.string(),
  valid: z.boolean(),
});
export type Certificate = z.infer<typeof Certificate>;

export const Profile = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  skills: z.array(z.string()),
  availability: z.string().nullable(),
  certificates: z.array(Certificate),
  teams: z.array(z.object({ id: z.number().int(), name: z.string(), leader: z.boolean() })),
  hours: z.number(),
});
export type Profile = z.infer<typeof Profile>;

export const UpdateProfileBody = z
  .object({
    skills: z.array(Text(20)).max(12),
    availability: z.string().trim().max(200).nullable(),
  })
  .strict();
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const AddCertificateBody = z
  .object({ kind: CertificateKind, number: z.string().trim().max(40).nullable().optional(), expiresOn: Day })
  .strict();
export type AddCertificateBody = z.infer<typeof AddCertificateBody>;

export const VolunteerRow = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  skills: z.array(z.string()),
  availability: z.string().nullable(),
  certificates: z.array(Certificate),
  hours: z.number(),
});
export const VolunteerList = z.object({ items: z.array(VolunteerRow) });

export const Team = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  nodeName: z.string(),
  name: z.string(),
  leaderUserId: z.number().int().nullable(),
  leaderName: z.string().nullable(),
  members: z.array(z.object({ userId: z.number().int(), displayName: z.string() })),
});
export type Team = z.infer<typeof Team>;
export const TeamList = z.object({ items: z.array(Team) });

export const CreateTeamBody = z
  .object({
    nodeId: z.number().int().positive(),
    name: Text(60),
    leaderUserId: z.number().int().positive().nullable().optional(),
    memberUserIds: z.array(z.number().int().positive()).max(200).default([]),
  })
  .strict();
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

export const Shift = z.object({
  id: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  taken: z.number().int(),
  waitlisted: z.number().int(),
  /** The caller's own place on this shift, if any. */
  mine: z.enum(['confirmed', 'waitlisted']).nullable(),
  /** The caller's position on the waitlist (1 = next to be promoted). */
  myWaitlistPosition: z.number().int().nullable(),
});
export type Shift = z.infer<typeof Shift>;

export const Activity = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  nodeName: z.string(),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  place: z.string().nullable(),
  activityType: ActivityType,
  requiredCertificate: CertificateKind.nullable(),
  organiserUserId: z.number().int(),
  organiserName: z.string(),
  /** Whether the caller may confirm attendance (the organiser, or the community's staff). */
  canConfirm: z.boolean(),
  shifts: z.array(Shift),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityList = z.object({ items: z.array(Activity) });

export const ActivityQuery = z
  .object({ scope: z.enum(['open', 'mine', 'managed']).default('open'), includePast: z.stringbool().default(false) })
  .strict();

export const CreateActivityBody = z
  .object({
    nodeId: z.number().int().positive(),
    teamId: z.number().int().positive().nullable().optional(),
    title: Text(80),
    description: z.string().trim().max(1000).nullable().optional(),
    place: z.string().trim().max(100).nullable().optional(),
    activityType: ActivityType,
    requiredCertificate: CertificateKind.nullable().optional(),
    shifts: z
      .array(z.object({ startsAt: Instant, endsAt: Instant, capacity: z.number().int().min(1).max(500) }).strict())
      .min(1)
      .max(20),
  })
  .strict();
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;

export const SignupResult = z.object({
  shiftId: z.number().int(),
  status: z.enum(['confirmed', 'waitlisted']),
  waitlistPosition: z.number().int().nullable(),
});
export const CancelResult = z.object({ cancelled: z.boolean(), promotedUserId: z.number().int().nullable() });

export const ShiftIdParams = z.object({ id: z.coerce.number().int().positive() }).strict();

/** The organiser's record of one shift: who came and for how many hours. A correction of a confirmed row needs a reason. */
export const ConfirmAttendanceBody = z
  .object({
    entries: z
      .array(z.object({ userId: z.number().int().positive(), attended: z.boolean(), hours: Hours }).strict())
      .min(1)
      .max(500),
    reason: z.string().trim().max(200).optional(),
  })
  .strict();
export type ConfirmAttendanceBody = z.infer<typeof ConfirmAttendanceBody>;

export const AttendanceRow = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  signup: z.enum(['confirmed', 'waitlisted']),
  attended: z.boolean().nullable(),
  hours: z.number().nullable(),
  confirmedAt: z.string().nullable(),
  corrections: z.number().int(),
});
export const ShiftAttendance = z.object({ shiftId: z.number().int(), items: z.array(AttendanceRow) });
export const ConfirmResult = z.object({
  recorded: z.number().int(),
  corrected: z.number().int(),
  unchanged: z.number().int(),
});

export const MyHours = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      activityId: z.number().int(),
      title: z.string(),
      shiftId: z.number().int(),
      startsAt: z.string(),
      hours: z.number(),
    }),
  ),
});

export const VolunteerLedgerQuery = z
  .object({ nodeId: z.coerce.number().int().positive(), from: Day, to: Day })
  .strict();
