// Booking a slot at the service hall (预约到厅办理): a community's appointment hours, the free slots, an appointment.
import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** One period of an open day, 'HH:MM' China time; `end` is exclusive. */
export const HallPeriod = z.object({ start: HHMM, end: HHMM });
export type HallPeriod = z.infer<typeof HallPeriod>;

/** The appointment hours of a community's hall on the business calendar's working days. */
export const HallHours = z.object({
  nodeId: z.number().int(),
  periods: z.array(HallPeriod),
  slotMinutes: z.number().int(),
  capacity: z.number().int().describe('windows serving at once: appointments per slot'),
  custom: z.boolean().describe('false: the defaults, the community has not set its own'),
  notified: z
    .number()
    .int()
    .optional()
    .describe('on saving: booked appointments the new hours no longer hold, whose applicants were told to move'),
});
export type HallHours = z.infer<typeof HallHours>;
export const HallHoursBody = z
  .object({
    nodeId: z.number().int().positive(),
    periods: z.array(HallPeriod).min(1).max(4),
    slotMinutes: z.number().int().min(10).max(240),
    capacity: z.number().int().min(1).max(20),
    confirmAffected: z
      .boolean()
      .optional()
      .describe('save although booked appointments no longer fit the new hours (their applicants are told to move)'),
  })
  .strict();
export type HallHoursBody = z.infer<typeof HallHoursBody>;
export const HallHoursQuery = z
  .object({ nodeId: z.coerce.number().int().positive().optional().describe("default: the asker's community") })
  .strict();

export const HallSlotsQuery = z
  .object({
    nodeId: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe("default: the asker's (or the resident's) community"),
    residentId: z.coerce.number().int().positive().optional().describe('staff booking for a resident'),
  })
  .strict();
export const HallSlot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  free: z.number().int().describe('seats left'),
});
export const HALL_DAY_STATUSES = ['open', 'holiday', 'rest'] as const;
export const HallDay = z.object({
  date: z.string().describe('China date YYYY-MM-DD'),
  status: z.enum(HALL_DAY_STATUSES).describe('holiday: statutory holiday; rest: a weekend that is not a make-up day'),
  slots: z.array(HallSlot),
});
export const HallSlots = z.object({
  nodeId: z.number().int(),
  nodeName: z.string(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  days: z.array(HallDay).describe('today up to the tenth open day, closed days included'),
});
export type HallSlots = z.infer<typeof HallSlots>;

/** The slot a resident books: its start, on the community's slot grid. */
export const AppointmentBody = z.object({ startsAt: z.iso.datetime({ offset: true }) }).strict();
export const Appointment = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  seat: z.number().int(),
  nodeName: z.string().nullable(),
  noShow: z.boolean().describe('the hall marked that the resident did not come (未到厅)'),
  unfit: z.boolean().describe("the hall's hours changed and no longer hold this slot: move it"),
});
export type Appointment = z.infer<typeof Appointment>;
export const APPOINTMENT_ACTIONS = ['book', 'move', 'cancel', 'no_show'] as const;
export const AppointmentAction = z.enum(APPOINTMENT_ACTIONS);
export type AppointmentAction = z.infer<typeof AppointmentAction>;
