// Seeding the calendar from chinese-days: only non-default dates, idempotent, manual rows kept, stale package rows dropped.
import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDatabase } from '../test-db';
import { packageDay, packageYears, seedCalendar } from './seed';
import { calendarDays } from './tables';

let database: Database;
const rowsOf = (prefix: string) =>
  database.db
    .select()
    .from(calendarDays)
    .where(like(calendarDays.date, `${prefix}%`))
    .orderBy(asc(calendarDays.date));

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('seedCalendar', () => {
  it('covers the package’s years, 2004 to at least 2026', () => {
    const years = packageYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBeGreaterThanOrEqual(2026);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
  });

  it('writes holidays on weekdays and make-up working days on weekends, nothing else', async () => {
    const n = await seedCalendar(database.db);
    expect(n).toBeGreaterThan(300);
    const oct = (await rowsOf('2025-1')).map((r) => [r.date, r.workday, r.name, r.source]);
    expect(oct).toEqual([
      ['2025-10-01', false, '国庆节', 'chinese-days'],
      ['2025-10-02', false, '国庆节', 'chinese-days'],
      ['2025-10-03', false, '国庆节', 'chinese-days'],
      ['2025-10-06', false, '中秋', 'chinese-days'],
      ['2025-10-07', false, '国庆节', 'chinese-days'],
      ['2025-10-08', false, '国庆节', 'chinese-days'],
      ['2025-10-11', true, '国庆节', 'chinese-days'],
    ]);
    const spring = (await rowsOf('2026-02')).map((r) => `${r.date} ${r.workday ? 'work' : 'off'}`);
    expect(spring).toEqual([
      '2026-02-14 work',
      '2026-02-16 off',
      '2026-02-17 off',
      '2026-02-18 off',
      '2026-02-19 off',
      '2026-02-20 off',
      '2026-02-23 off',
      '2026-02-28 work',
    ]);
    expect(packageDay('2025-09-28')).toEqual({ date: '2025-09-28', workday: true, name: '国庆节' });
    expect(packageDay('2025-10-04')).toBeNull(); // a Saturday off is the default rule
  });

  it('is idempotent: a second run changes nothing, not even updated_at', async () => {
    const before = await database.db.select().from(calendarDays).orderBy(asc(calendarDays.date));
    await seedCalendar(database.db);
    const after = await database.db.select().from(calendarDays).orderBy(asc(calendarDays.date));
    expect(after).toEqual(before);
  });

  it('never overwrites a manual row, and drops package rows the package no longer lists', async () => {
    await database.db
      .update(calendarDays)
      .set({ workday: true, name: '调整上班', source: 'manual' })
      .where(eq(calendarDays.date, '2025-10-08'));
    await database.db.insert(calendarDays).values([
      { date: '2025-03-03', workday: false, name: '旧数据', source: 'chinese-days' },
      { date: '2024-03-04', workday: false, name: '旧数据', source: 'chinese-days' },
      { date: '2025-03-05', workday: false, name: '本区停工', source: 'manual' },
    ]);
    await seedCalendar(database.db, [2025]);
    const get = async (d: string) => (await database.db.select().from(calendarDays).where(eq(calendarDays.date, d)))[0];
    expect(await get('2025-10-08')).toMatchObject({ workday: true, name: '调整上班', source: 'manual' });
    expect(await get('2025-03-03')).toBeUndefined();
    expect(await get('2024-03-04')).toMatchObject({ source: 'chinese-days' }); // 2024 was not reseeded
    expect(await get('2025-03-05')).toMatchObject({ source: 'manual' });
    await seedCalendar(database.db, []);
    expect(await get('2024-03-04')).toBeDefined();
  });
});
