// The business calendar that case time limits are counted on: working days and working hours in China time (UTC+8).
import type { Exec } from '../db';
import { calendarDays } from './tables';

/** A working period of each working day, as 'HH:MM' China time; `end` is exclusive. */
export type WorkingPeriod = { start: string; end: string };
export type TimeLimit = { amount: number; unit: 'working_hours' | 'working_days' | 'hours' };

export type Calendar = {
  /** The working periods of every working day, as configured. */
  readonly workingHours: readonly WorkingPeriod[];
  /** Reads the calendar table into memory; call again after it changes. */
  load(): Promise<void>;
  /** Whether the China date of `date` is a working day. */
  isWorkday(date: Date): boolean;
  /** Whether the China date of `date` is a statutory holiday (a day off that would otherwise be worked or is part of one). */
  isHoliday(date: Date): boolean;
  /** The moment `limit` runs out when counted from `start`. */
  addWorking(start: Date, limit: TimeLimit): Date;
  /** Working time from `a` to `b` in ms; 0 when `b` is not after `a`. */
  workingMsBetween(a: Date, b: Date): number;
};

export const DEFAULT_WORKING_HOURS: readonly WorkingPeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and ignores the host's zone.
const OFFSET = 8 * HOUR;
// A calendar with no working time for this many days in a row is misconfigured; stop instead of looping forever.
const MAX_IDLE_DAYS = 370;

/** The China day number (days since 1970-01-01 in UTC+8) of an instant. */
const dayOf = (ms: number) => Math.floor((ms + OFFSET) / DAY);
/** The instant China day `d` begins. */
const dayStart = (d: number) => d * DAY - OFFSET;
/** 'YYYY-MM-DD' of China day `d`. */
export const dateKeyOfDay = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
/** 'YYYY-MM-DD' of an instant in China time. */
export const chinaDate = (date: Date) => dateKeyOfDay(dayOf(date.getTime()));
/** Whether China day `d` is Monday to Friday. */
const isWeekday = (d: number) => {
  const w = new Date(d * DAY).getUTCDay();
  return w >= 1 && w <= 5;
};

function parsePeriods(periods: readonly WorkingPeriod[]): [number, number][] {
  const toMs = (s: string) => {
    const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
    if (!m) throw new Error(`working hours: '${s}' is not HH:MM`);
    return Number(m[1]) * HOUR + Number(m[2]) * MINUTE;
  };
  const out = periods.map((p) => [toMs(p.start), toMs(p.end)] as [number, number]);
  out.forEach(([a, b], i) => {
    if (!(a < b && b <= DAY && (i === 0 || out[i - 1]![1] <= a)))
      throw new Error('working hours must be ordered, non-overlapping periods within a day');
  });
  if (out.length === 0) throw new Error('working hours: at least one period is needed');
  return out;
}

/** Builds the calendar over the `calendar_days` table; call `load()` before use. */
export function createCalendar(db: Exec, opts: { workingHours?: readonly WorkingPeriod[] } = {}): Calendar {
  const periods = parsePeriods(opts.workingHours ?? DEFAULT_WORKING_HOURS);
  const workingDayMs = periods.reduce((s, [a, b]) => s + b - a, 0);
  let overrides: Map<string, boolean> | null = null;

  const workdayOf = (d: number): boolean => {
    if (!overrides) throw new Error('calendar not loaded: call load() first');
    return overrides.get(dateKeyOfDay(d)) ?? isWeekday(d);
  };

  /** The working intervals after `from`, in order; the first is clipped to begin at `from`. */
  function* intervalsFrom(from: number): Generator<[number, number]> {
    for (let d = dayOf(from), idle = 0; ; d++) {
      if (workdayOf(d)) {
        idle = 0;
        const base = dayStart(d);
        for (const [a, b] of periods) if (base + b > from) yield [Math.max(base + a, from), base + b];
      } else if (++idle > MAX_IDLE_DAYS) {
        throw new Error(`calendar has no working day in the ${MAX_IDLE_DAYS} days after ${dateKeyOfDay(d - idle)}`);
      }
    }
  }

  /** The latest end of a working period before `at`. */
  function previousClose(at: number): number {
    for (let d = dayOf(at), idle = 0; idle <= MAX_IDLE_DAYS; d--) {
      if (!workdayOf(d)) {
        idle++;
        continue;
      }
      idle = 0;
      const base = dayStart(d);
      for (let i = periods.length - 1; i >= 0; i--) if (base + periods[i]![1] < at) return base + periods[i]![1];
    }
    throw new Error('calendar has no working day before ' + new Date(at).toISOString());
  }

  /** `ms` of working time after `from`; 0 gives the next opening (or `from` itself inside working hours). */
  function addWorkingMs(from: number, ms: number): number {
    let left = ms;
    for (const [a, b] of intervalsFrom(from)) {
      if (left <= b - a) return a + left;
      left -= b - a;
    }
    throw new Error('unreachable');
  }

  /** N working days later at the same clock time, counted from the next opening at or after `from`. */
  function addWorkingDays(from: number, amount: number): number {
    const start = addWorkingMs(from, 0);
    const whole = Math.floor(amount);
    let d = dayOf(start);
    for (let n = 0, idle = 0; n < whole;) {
      d++;
      if (workdayOf(d)) {
        n++;
        idle = 0;
      } else if (++idle > MAX_IDLE_DAYS) throw new Error('calendar has no working day after ' + dateKeyOfDay(d - idle));
    }
    let end = start + (d - dayOf(start)) * DAY;
    // A fraction of a day is that share of a working day's hours.
    if (amount > whole) end = addWorkingMs(end, Math.round((amount - whole) * workingDayMs));
    // A result with no working time since the previous close (an opening, or outside hours) is shown as that close:
    // "1 working day" from Saturday counts from Monday 09:00 and ends Monday 18:00, not Tuesday 09:00.
    const close = previousClose(end);
    return close > start && workingMs(close, end) === 0 ? close : end;
  }

  function workingMs(a: number, b: number): number {
    let total = 0;
    for (const [x, y] of intervalsFrom(a)) {
      if (x >= b) break;
      total += Math.min(y, b) - x;
    }
    return total;
  }

  return {
    workingHours: opts.workingHours ?? DEFAULT_WORKING_HOURS,
    async load() {
      const rows = await db.select({ date: calendarDays.date, workday: calendarDays.workday }).from(calendarDays);
      overrides = new Map(rows.map((r) => [r.date, r.workday]));
    },
    isWorkday: (date) => workdayOf(dayOf(date.getTime())),
    isHoliday: (date) => {
      if (!overrides) throw new Error('calendar not loaded: call load() first');
      return overrides.get(chinaDate(date)) === false;
    },
    addWorking(start, limit) {
      const { amount, unit } = limit;
      if (!Number.isFinite(amount) || amount < 0)
        throw new RangeError(`time limit amount must be a finite number ≥ 0, got ${amount}`);
      const t = start.getTime();
      if (unit === 'hours') return new Date(t + Math.round(amount * HOUR));
      if (unit === 'working_hours') return new Date(addWorkingMs(t, Math.round(amount * HOUR)));
      return new Date(addWorkingDays(t, amount));
    },
    workingMsBetween: (a, b) => workingMs(a.getTime(), b.getTime()),
  };
}
