// The business calendar: only the dates that differ from the Mon–Fri rule (statutory holidays, make-up working days 调休).
import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const calendarDays = pgTable(
  'calendar_days',
  {
    /** China date, 'YYYY-MM-DD'. */
    date: text('date').primaryKey(),
    workday: boolean('workday').notNull(),
    /** The holiday it belongs to, e.g. '春节'. */
    name: text('name'),
    /** 'chinese-days' rows are refreshed by seeding; 'manual' rows are an administrator's and seeding never touches them. */
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [check('calendar_days_source_check', sql`${t.source} in ('chinese-days', 'manual')`)],
);
