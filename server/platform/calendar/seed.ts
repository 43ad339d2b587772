// Seeding the business calendar from the chinese-days package: statutory holidays on weekdays and make-up working days.
import { createRequire } from 'node:module';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { calendarDays } from './tables';

// The package's data file (documented, shipped in dist) rather than its date functions, which read dates in the
// host's time zone and shift them by a day west of UTC. Entries read 'National Day,国庆节,3'.
const packageData = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

export type PackageDay = { date: string; workday: boolean; name: string | null };

const weekend = (date: string) => {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
};
const chineseName = (entry: string) => entry.split(',').find((p) => /\p{Script=Han}/u.test(p)) ?? entry;

let cached: PackageDay[] | null = null;

/** Every date the package lists that differs from the Mon–Fri rule, in date order. */
function packageDays(): PackageDay[] {
  if (cached) return cached;
  const out: PackageDay[] = [];
  for (const [date, entry] of Object.entries(packageData.holidays))
    if (!weekend(date)) out.push({ date, workday: false, name: chineseName(entry) });
  for (const [date, entry] of Object.entries(packageData.workdays))
    if (weekend(date)) out.push({ date, workday: true, name: chineseName(entry) });
  cached = out.sort((a, b) => a.date.localeCompare(b.date));
  return cached;
}

/** The years the installed chinese-days package has arrangements for. */
export function packageYears(): number[] {
  return [...new Set(Object.keys(packageData.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
}

/** The package's arrangement of one date when it differs from the Mon–Fri rule, else null. */
export function packageDay(date: string): PackageDay | null {
  return packageDays().find((d) => d.date === date) ?? null;
}

/**
 * Writes the package's non-default dates of `years` (default: every year it covers) with source 'chinese-days'.
 * Idempotent; rows an administrator set ('manual') are never touched, and package rows the package no longer
 * lists (a corrected arrangement) are removed. Returns the number of package dates for those years.
 */
export async function seedCalendar(db: Db, years: readonly number[] = packageYears()): Promise<number> {
  const wanted = new Set(years.map(String));
  const days = packageDays().filter((d) => wanted.has(d.date.slice(0, 4)));
  if (wanted.size === 0) return 0;
  await db.transaction(async (tx) => {
    const stale = [eq(calendarDays.source, 'chinese-days'), inArray(sql`left(${calendarDays.date}, 4)`, [...wanted])];
    if (days.length > 0)
      stale.push(
        notInArray(
          calendarDays.date,
          days.map((d) => d.date),
        ),
      );
    await tx.delete(calendarDays).where(and(...stale));
    if (days.length === 0) return;
    await tx
      .insert(calendarDays)
      .values(days.map((d) => ({ ...d, source: 'chinese-days' })))
      .onConflictDoUpdate({
        target: calendarDays.date,
        set: { workday: sql`excluded.workday`, name: sql`excluded.name`, updatedAt: sql`now()` },
        // Only package rows that actually changed, so updated_at says when the arrangement last changed.
        setWhere: sql`${calendarDays.source} = 'chinese-days' and (${calendarDays.workday} <> excluded.workday or ${calendarDays.name} is distinct from excluded.name)`,
      });
  });
  return days.length;
}
