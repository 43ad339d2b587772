// The business calendar: dates that differ from the Mon–Fri rule (statutory holidays, make-up working days 调休).
import { z } from 'zod';

/** A China date, 'YYYY-MM-DD', that exists. */
export const CalendarDate = z.iso.date();
export const CalendarDaySource = z.enum(['chinese-days', 'manual']);

export const CalendarDay = z.object({
  date: z.string(),
  workday: z.boolean(),
  name: z.string().nullable(),
  source: CalendarDaySource,
  updatedAt: z.string(),
});
export const CalendarQuery = z
  .object({
    year: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .describe('China calendar year; the current one when absent'),
  })
  .strict();
export const WorkingPeriod = z.object({ start: z.string(), end: z.string() });
export const CalendarYear = z.object({
  year: z.number().int(),
  items: z.array(CalendarDay),
  workingHours: z.array(WorkingPeriod).describe('the working periods of every working day, China time (end exclusive)'),
});

export const CalendarDayParams = z.object({ date: CalendarDate }).strict();
export const SetCalendarDayBody = z
  .object({
    workday: z.boolean(),
    name: z.string().trim().min(1).max(50).optional().describe('e.g. 春节, or why the day was changed'),
  })
  .strict();
