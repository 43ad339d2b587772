// The business calendar's administration: list a year's non-default days, set or clear a manual override.
import type { z } from 'zod';
import type { CalendarQuery, SetCalendarDayBody } from '../../../contracts/calendar';
import type { Audit, AuditContext } from '../../platform/audit/service';
import { chinaDate, type Calendar } from '../../platform/calendar/calendar';
import { packageDay } from '../../platform/calendar/seed';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { canAnywhere, type Actor } from '../../platform/policy';
import { calendarPolicy } from './policy';
import { calendarRepo as repo, type CalendarDayRow } from './repo';

const toDto = (r: CalendarDayRow) => ({
  date: r.date,
  workday: r.workday,
  name: r.name,
  source: r.source as 'chinese-days' | 'manual',
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export function createCalendarService(deps: { db: Db; clock: Clock; audit: Audit; calendar: Calendar }) {
  const { db, clock, audit, calendar } = deps;
  const allow = (actor: Actor, action: 'read' | 'write') => {
    if (!canAnywhere(actor, calendarPolicy, action)) throw new AppError('forbidden');
  };

  return {
    async list(actor: Actor, q: z.infer<typeof CalendarQuery>) {
      allow(actor, 'read');
      const year = q.year ?? Number(chinaDate(clock.now()).slice(0, 4));
      return {
        year,
        items: (await repo.year(db, year)).map(toDto),
        workingHours: calendar.workingHours.map((p) => ({ ...p })),
      };
    },

    /** Makes `date` a working day or a day off whatever the package says; seeding never overwrites it. */
    async set(actor: Actor, ctx: AuditContext, date: string, body: z.infer<typeof SetCalendarDayBody>) {
      allow(actor, 'write');
      const row = await db.transaction(async (tx) => {
        const before = await repo.byDate(tx, date);
        const after = await repo.upsert(tx, {
          date,
          workday: body.workday,
          name: body.name ?? null,
          source: 'manual',
          updatedAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'calendar_day.set',
          entityKind: 'calendar_day',
          entityId: date,
          before,
          after,
        });
        return after;
      });
      await calendar.load();
      return toDto(row);
    },

    /**
     * Removes the manual override of `date`: it follows the package's arrangement again if the package lists it,
     * else the Mon–Fri rule. Package rows cannot be removed (seeding would restore them); override them with `set`.
     */
    async clear(actor: Actor, ctx: AuditContext, date: string) {
      allow(actor, 'write');
      await db.transaction(async (tx) => {
        const before = await repo.byDate(tx, date);
        if (!before || before.source !== 'manual') throw new AppError('not_found');
        await repo.remove(tx, date);
        const fromPackage = packageDay(date);
        const after = fromPackage
          ? await repo.upsert(tx, { ...fromPackage, source: 'chinese-days', updatedAt: clock.now() })
          : null;
        await audit.record(tx, ctx, {
          action: 'calendar_day.clear',
          entityKind: 'calendar_day',
          entityId: date,
          before,
          after,
        });
      });
      await calendar.load();
      return { ok: true as const };
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
