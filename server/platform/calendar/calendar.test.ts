// Business calendar arithmetic over real holidays (2025 National Day, 2026 Spring Festival) with make-up working days.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDatabase } from '../test-db';
import { createCalendar, type Calendar, type TimeLimit } from './calendar';
import { seedCalendar } from './seed';
import { calendarDays } from './tables';

const HOUR = 3_600_000;
/** A China wall-clock time, '2025-09-26 10:00'. */
const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
/** An instant as China wall-clock time. */
const cn = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

let database: Database;
let cal: Calendar;
const add = (start: string, amount: number, unit: TimeLimit['unit']) => cn(cal.addWorking(at(start), { amount, unit }));

beforeAll(async () => {
  database = await openTestDatabase();
  await seedCalendar(database.db);
  cal = createCalendar(database.db);
  await cal.load();
});
afterAll(() => database?.close());

describe('working days', () => {
  it('follows the 2025 National Day arrangement: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 worked', () => {
    const days: [string, boolean][] = [
      ['2025-09-26', true],
      ['2025-09-27', false],
      ['2025-09-28', true],
      ['2025-09-29', true],
      ['2025-09-30', true],
      ['2025-10-01', false],
      ['2025-10-04', false],
      ['2025-10-06', false],
      ['2025-10-08', false],
      ['2025-10-09', true],
      ['2025-10-10', true],
      ['2025-10-11', true],
      ['2025-10-12', false],
      ['2025-10-13', true],
    ];
    for (const [d, work] of days) expect(cal.isWorkday(at(`${d} 12:00`)), d).toBe(work);
  });

  it('follows the 2026 Spring Festival from the package: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked', () => {
    expect(cal.isWorkday(at('2026-02-13 10:00'))).toBe(true);
    expect(cal.isWorkday(at('2026-02-14 10:00'))).toBe(true);
    for (let d = 15; d <= 23; d++) expect(cal.isWorkday(at(`2026-02-${d} 10:00`)), `Feb ${d}`).toBe(false);
    expect(cal.isWorkday(at('2026-02-24 10:00'))).toBe(true);
    expect(cal.isWorkday(at('2026-02-28 10:00'))).toBe(true);
    expect(cal.isWorkday(at('2026-03-01 10:00'))).toBe(false);
  });

  it('reads the date in China time, whatever the host’s zone', () => {
    expect(cal.isWorkday(new Date('2025-09-30T15:59:00Z'))).toBe(true); // Sep 30 23:59 in Beijing
    expect(cal.isWorkday(new Date('2025-09-30T16:00:00Z'))).toBe(false); // Oct 1 00:00 in Beijing
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(add('2025-09-30 10:00', 3, 'working_days')).toBe('2025-10-11 10:00');
      expect(cal.isWorkday(new Date('2025-09-30T16:00:00Z'))).toBe(false);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('counts working days across the holiday at the same clock time', () => {
    expect(add('2025-09-26 10:00', 3, 'working_days')).toBe('2025-09-30 10:00'); // via the make-up Sunday
    expect(add('2025-09-30 10:00', 3, 'working_days')).toBe('2025-10-11 10:00'); // lands on the make-up Saturday
    expect(add('2025-09-30 10:00', 1, 'working_days')).toBe('2025-10-09 10:00');
    expect(add('2026-02-13 15:00', 2, 'working_days')).toBe('2026-02-24 15:00'); // Sat Feb 14, then after the festival
  });

  it('counts a start outside working hours from the next opening and ends at the previous close', () => {
    expect(add('2025-09-27 10:00', 1, 'working_days')).toBe('2025-09-28 18:00'); // Saturday off → make-up Sunday
    expect(add('2025-09-30 19:00', 1, 'working_days')).toBe('2025-10-09 18:00'); // evening before the holiday
    expect(add('2025-09-26 12:30', 1, 'working_days')).toBe('2025-09-28 12:00'); // lunch break
    expect(add('2025-09-26 18:00', 2, 'working_days')).toBe('2025-09-29 18:00'); // the close is outside hours
    expect(add('2025-09-26 07:00', 1, 'working_days')).toBe('2025-09-26 18:00'); // before opening on a working day
    expect(add('2025-09-27 10:00', 0.5, 'working_days')).toBe('2025-09-28 14:15'); // half of 7.5 h
    expect(add('2025-09-27 10:00', 0, 'working_days')).toBe('2025-09-28 09:00');
  });
});

describe('working hours and plain hours', () => {
  it('skips lunch, evenings, weekends and holidays, and works the make-up Saturday', () => {
    expect(add('2025-09-29 11:00', 2, 'working_hours')).toBe('2025-09-29 14:30'); // across lunch
    expect(add('2025-09-29 09:00', 3, 'working_hours')).toBe('2025-09-29 12:00'); // ends at the close, not 13:30
    expect(add('2025-09-29 17:00', 2, 'working_hours')).toBe('2025-09-30 10:00'); // across the evening
    expect(add('2025-09-30 17:00', 2, 'working_hours')).toBe('2025-10-09 10:00'); // across the holiday
    expect(add('2025-10-10 17:00', 8, 'working_hours')).toBe('2025-10-11 17:30'); // into the make-up Saturday
    expect(add('2025-10-11 20:00', 1, 'working_hours')).toBe('2025-10-13 10:00'); // Sunday off
    expect(add('2025-09-27 10:00', 0, 'working_hours')).toBe('2025-09-28 09:00'); // next opening
    expect(add('2025-09-29 12:45', 0.25, 'working_hours')).toBe('2025-09-29 13:45');
  });

  it('counts plain hours as elapsed time', () => {
    expect(add('2025-09-30 17:00', 24, 'hours')).toBe('2025-10-01 17:00');
    expect(add('2025-09-30 17:00', 1.5, 'hours')).toBe('2025-09-30 18:30');
  });

  it('refuses a negative or non-finite amount', () => {
    expect(() => cal.addWorking(at('2025-09-29 10:00'), { amount: -1, unit: 'working_days' })).toThrow(RangeError);
    expect(() => cal.addWorking(at('2025-09-29 10:00'), { amount: Number.NaN, unit: 'working_hours' })).toThrow(
      RangeError,
    );
  });
});

describe('workingMsBetween', () => {
  it('measures only working time', () => {
    expect(cal.workingMsBetween(at('2025-09-26 17:00'), at('2025-09-29 10:00'))).toBe(9.5 * HOUR); // Fri 1 h, Sun 7.5 h, Mon 1 h
    expect(cal.workingMsBetween(at('2025-09-30 18:00'), at('2025-10-09 09:00'))).toBe(0);
    expect(cal.workingMsBetween(at('2025-09-29 12:10'), at('2025-09-29 13:40'))).toBe(10 * 60_000);
    expect(cal.workingMsBetween(at('2025-10-01 10:00'), at('2025-09-29 10:00'))).toBe(0);
    expect(cal.workingMsBetween(at('2025-01-01 00:00'), at('2026-01-01 00:00'))).toBe(7.5 * HOUR * 248); // 2025 had 248 working days
  });

  it('agrees with addWorking from every start around the holiday', () => {
    for (let t = at('2025-09-25 00:00').getTime(); t < at('2025-10-14 00:00').getTime(); t += 37 * 60_000) {
      const start = new Date(t);
      for (const h of [0.5, 1, 3.75, 7.5, 20]) {
        const end = cal.addWorking(start, { amount: h, unit: 'working_hours' });
        expect(cal.workingMsBetween(start, end), `${cn(start)} + ${h} h`).toBe(h * HOUR);
      }
      for (const n of [1, 2, 3, 5]) {
        const end = cal.addWorking(start, { amount: n, unit: 'working_days' });
        expect(cal.workingMsBetween(start, end), `${cn(start)} + ${n} d`).toBe(n * 7.5 * HOUR);
        // The deadline is the earliest moment with that much working time: none of it is spent on an idle tail.
        expect(cal.workingMsBetween(start, new Date(end.getTime() - 60_000))).toBeLessThan(n * 7.5 * HOUR);
      }
    }
  });
});

describe('loading and configuration', () => {
  it('sees a manual override only after load()', async () => {
    const fresh = createCalendar(database.db);
    expect(() => fresh.isWorkday(at('2025-09-29 10:00'))).toThrow(/not loaded/);
    await fresh.load();
    await database.db
      .insert(calendarDays)
      .values({ date: '2025-09-29', workday: false, name: '测试停工', source: 'manual' });
    try {
      expect(fresh.isWorkday(at('2025-09-29 10:00'))).toBe(true);
      await fresh.load();
      expect(fresh.isWorkday(at('2025-09-29 10:00'))).toBe(false);
      expect(cn(fresh.addWorking(at('2025-09-26 10:00'), { amount: 2, unit: 'working_days' }))).toBe(
        '2025-09-30 10:00',
      );
      expect(cn(fresh.addWorking(at('2025-09-26 10:00'), { amount: 3, unit: 'working_days' }))).toBe(
        '2025-10-09 10:00',
      );
    } finally {
      await database.db.delete(calendarDays).where(eq(calendarDays.date, '2025-09-29'));
    }
  });

  it('takes other working hours, and refuses malformed ones', async () => {
    const long = createCalendar(database.db, { workingHours: [{ start: '08:30', end: '17:30' }] });
    await long.load();
    expect(cn(long.addWorking(at('2025-09-30 17:00'), { amount: 1, unit: 'working_hours' }))).toBe('2025-10-09 09:00');
    expect(long.workingMsBetween(at('2025-09-29 00:00'), at('2025-09-30 00:00'))).toBe(9 * HOUR);
    expect(() => createCalendar(database.db, { workingHours: [{ start: '9:00', end: '12:00' }] })).toThrow(/HH:MM/);
    expect(() => createCalendar(database.db, { workingHours: [{ start: '13:00', end: '12:00' }] })).toThrow(/ordered/);
    expect(() => createCalendar(database.db, { workingHours: [] })).toThrow(/at least one/);
  });
});
