// Opening days and hours of a space on the business calendar, and the dates of a recurring series (RFC 5545 via rrule).
import rrule from 'rrule';
import type { Calendar } from '../../platform/calendar/calendar';
import { chinaDate } from '../../platform/calendar/calendar';

// rrule ships CommonJS to Node: its default export holds the classes (named ESM imports fail outside a bundler).
const { RRule } = rrule;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// China keeps UTC+8 all year: wall-clock times are fixed offsets from UTC.
const OFFSET = 8 * HOUR;

export type OpeningRules = {
  opens: string;
  closes: string;
  /** 'all', 'workdays' (the business calendar's) or 'weekends' (its rest days). */
  days: string;
  openOnHolidays: boolean;
};

/** The instant of 'YYYY-MM-DD' at 'HH:MM' China time. */
export const chinaInstant = (date: string, hhmm: string) =>
  new Date(`${date}T${hhmm === '24:00' ? '00:00' : hhmm}:00+08:00`).getTime() + (hhmm === '24:00' ? DAY : 0);
/** 'HH:MM' China time of an instant. */
export const chinaTime = (ms: number) => new Date(ms + OFFSET).toISOString().slice(11, 16);
export { chinaDate };

/** Whether the space opens on China date `date`, and if not, why. */
export function dayStatus(cal: Calendar, rules: OpeningRules, date: string): 'open' | 'holiday' | 'not_open_day' {
  const noon = new Date(`${date}T12:00:00+08:00`);
  if (cal.isHoliday(noon)) return rules.openOnHolidays ? 'open' : 'holiday';
  if (rules.days === 'workdays' && !cal.isWorkday(noon)) return 'not_open_day';
  if (rules.days === 'weekends' && cal.isWorkday(noon)) return 'not_open_day';
  return 'open';
}

export type SlotProblem = { path: string; message: string };

/** What is wrong with a slot against the opening rules, or null; `start`/`end` in ms. */
export function slotProblem(cal: Calendar, rules: OpeningRules, start: number, end: number): SlotProblem | null {
  const date = chinaDate(new Date(start));
  const status = dayStatus(cal, rules, date);
  if (status === 'holiday') return { path: 'startsAt', message: 'the space is closed on this holiday' };
  if (status === 'not_open_day') return { path: 'startsAt', message: 'the space does not open on this day' };
  if (start < chinaInstant(date, rules.opens) || end > chinaInstant(date, rules.closes))
    return { path: 'startsAt', message: `outside the opening hours ${rules.opens}–${rules.closes}` };
  return null;
}

/** The China dates of the first day a year after `date`: a series may end on it, not later. */
export function oneYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The start instants of a weekly or monthly series beginning at `start` (ms) and ending on China date `until`,
 * computed by rrule on China wall-clock time (rrule's floating UTC dates stand for wall-clock times here).
 */
export function seriesStarts(
  start: number,
  r: { freq: 'weekly' | 'monthly'; interval: number; until: string },
): number[] {
  const rule = new RRule({
    freq: r.freq === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
    interval: r.interval,
    dtstart: new Date(start + OFFSET),
    until: new Date(`${r.until}T23:59:59Z`),
  });
  return rule.all().map((d) => d.getTime() - OFFSET);
}

/** The RFC 5545 text of a series, kept on it for reference and export. */
export function seriesRuleText(
  start: number,
  r: { freq: 'weekly' | 'monthly'; interval: number; until: string },
): string {
  return new RRule({
    freq: r.freq === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
    interval: r.interval,
    dtstart: new Date(start + OFFSET),
    until: new Date(`${r.until}T23:59:59Z`),
    tzid: 'Asia/Shanghai',
  }).toString();
}

export { MINUTE, HOUR, DAY };
