// SQL for the business calendar's administration (loading and seeding live in platform/calendar).
import { asc, eq, like } from 'drizzle-orm';
import type { Exec } from '../../platform/db';
import { calendarDays } from '../../platform/calendar/tables';

export type CalendarDayRow = typeof calendarDays.$inferSelect;

export const calendarRepo = {
  /** The non-default days of one year, in date order. */
  year: (exec: Exec, year: number): Promise<CalendarDayRow[]> =>
    exec
      .select()
      .from(calendarDays)
      .where(like(calendarDays.date, `${year}-%`))
      .orderBy(asc(calendarDays.date)),

  async byDate(exec: Exec, date: string): Promise<CalendarDayRow | null> {
    const [row] = await exec.select().from(calendarDays).where(eq(calendarDays.date, date));
    return row ?? null;
  },

  async upsert(exec: Exec, v: typeof calendarDays.$inferInsert): Promise<CalendarDayRow> {
    const { date: _date, ...rest } = v;
    const [row] = await exec
      .insert(calendarDays)
      .values(v)
      .onConflictDoUpdate({ target: calendarDays.date, set: rest })
      .returning();
    return row!;
  },

  async remove(exec: Exec, date: string): Promise<void> {
    await exec.delete(calendarDays).where(eq(calendarDays.date, date));
  },
};
