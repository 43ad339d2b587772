// The hall's appointment rules on the business calendar: default hours, the slot grid of a day, which days are open,
// and what is wrong with a slot someone asks for (in the asker's language, naming the field).
import type { HallHoursBody, HallPeriod } from '../../../contracts/services-hall';
import { chinaDate, type Calendar } from '../../platform/calendar/calendar';
import type { FieldIssue, Lang } from '../../platform/errors';

export type HallRules = { periods: HallPeriod[]; slotMinutes: number; capacity: number };

/** Hours a community has not set: 09:00–12:00 and 14:00–17:30 in 30-minute slots, two windows. */
export const DEFAULT_HALL: HallRules = {
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '17:30' },
  ],
  slotMinutes: 30,
  capacity: 2,
};
/** How far ahead a slot may be booked: today and up to this many open days. */
export const HALL_HORIZON_OPEN_DAYS = 10;

const MINUTE = 60_000;
const DAY = 86_400_000;
// More closed days in a row than any holiday has (the Spring Festival with weekends is 9): stop looking then.
const MAX_SCAN_DAYS = 40;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** The instant of 'YYYY-MM-DD' at `min` minutes past midnight, China time (UTC+8 all year). */
const instant = (date: string, min: number) => new Date(`${date}T00:00:00+08:00`).getTime() + min * MINUTE;
const nextDate = (date: string) => new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY).toISOString().slice(0, 10);

const M = {
  order: {
    'zh-CN': '时段须按时间先后排列、互不重叠，且开始早于结束',
    en: 'Periods must be in order, not overlap, and start before they end',
  },
  short: { 'zh-CN': '时段长度不足一个预约时长', en: 'A period is shorter than one slot' },
  past: { 'zh-CN': '该时段已经过去，请选择以后的时段', en: 'This slot has passed; choose a later one' },
  far: {
    'zh-CN': `只能预约今天起 ${HALL_HORIZON_OPEN_DAYS} 个工作日内的时段`,
    en: `Slots can be booked up to ${HALL_HORIZON_OPEN_DAYS} working days ahead`,
  },
  holiday: { 'zh-CN': '该日为法定节假日，大厅不开放预约', en: 'The hall is closed on this statutory holiday' },
  rest: { 'zh-CN': '该日不是工作日，大厅不开放预约', en: 'The hall is closed on this day (not a working day)' },
  hours: { 'zh-CN': '不在大厅预约时间内（{h}）', en: 'Outside the hall appointment hours ({h})' },
  grid: {
    'zh-CN': '预约时间须是 {n} 分钟一档的时段起点（如 {e}）',
    en: 'The time must be the start of a {n}-minute slot (e.g. {e})',
  },
} satisfies Record<string, Record<Lang, string>>;

/** The first broken rule of hours a community sets, or null. */
export function hoursProblem(b: Pick<HallHoursBody, 'periods' | 'slotMinutes'>, lang: Lang): FieldIssue | null {
  for (const [i, p] of b.periods.entries()) {
    const prev = b.periods[i - 1];
    if (minutes(p.start) >= minutes(p.end) || (prev && minutes(prev.end) > minutes(p.start)))
      return { path: `periods.${i}`, message: M.order[lang] };
    if (minutes(p.end) - minutes(p.start) < b.slotMinutes) return { path: `periods.${i}`, message: M.short[lang] };
  }
  return null;
}

/** Whether the hall opens on China date `date`: working days and make-up days open, holidays and rest days closed. */
export function hallDayStatus(cal: Calendar, date: string): 'open' | 'holiday' | 'rest' {
  const noon = new Date(`${date}T12:00:00+08:00`);
  if (cal.isHoliday(noon)) return 'holiday';
  return cal.isWorkday(noon) ? 'open' : 'rest';
}

/** The slots of an open day on the grid: [start, end) in ms, each wholly inside a period. */
export function slotsOf(rules: HallRules, date: string): [number, number][] {
  const out: [number, number][] = [];
  for (const p of rules.periods)
    for (let m = minutes(p.start); m + rules.slotMinutes <= minutes(p.end); m += rules.slotMinutes)
      out.push([instant(date, m), instant(date, m + rules.slotMinutes)]);
  return out;
}

/** Whether booked seat `seat` at `start` still holds under `rules`: the start is a slot of its day and the seat a window. */
export function fitsRules(rules: HallRules, start: Date, seat: number): boolean {
  return seat <= rules.capacity && slotsOf(rules, chinaDate(start)).some(([a]) => a === start.getTime());
}

/** Today (China date of `now`) and the following days up to the horizon's last open day, each with its status. */
export function hallDays(cal: Calendar, now: Date): { date: string; status: 'open' | 'holiday' | 'rest' }[] {
  const out: { date: string; status: 'open' | 'holiday' | 'rest' }[] = [];
  let open = 0;
  for (let d = chinaDate(now), i = 0; i < MAX_SCAN_DAYS && open < HALL_HORIZON_OPEN_DAYS; d = nextDate(d), i++) {
    const status = hallDayStatus(cal, d);
    if (status === 'open') open++;
    out.push({ date: d, status });
  }
  return out;
}

const hoursText = (rules: HallRules, lang: Lang) =>
  rules.periods.map((p) => `${p.start}–${p.end}`).join(lang === 'zh-CN' ? '、' : ', ');

/** What is wrong with a slot starting at `start`, or null (then its end is returned too). */
export function slotProblem(
  cal: Calendar,
  rules: HallRules,
  start: Date,
  now: Date,
  lang: Lang,
): { problem: FieldIssue } | { endsAt: Date } {
  const path = 'appointment.startsAt';
  const fail = (message: string) => ({ problem: { path, message } });
  const date = chinaDate(start);
  const status = hallDayStatus(cal, date);
  if (status !== 'open') return fail(M[status][lang]);
  const slot = slotsOf(rules, date).find(([a]) => a === start.getTime());
  if (!slot) {
    const inside = rules.periods.some(
      (p) => start.getTime() >= instant(date, minutes(p.start)) && start.getTime() < instant(date, minutes(p.end)),
    );
    if (!inside) return fail(M.hours[lang].replace('{h}', hoursText(rules, lang)));
    return fail(M.grid[lang].replace('{n}', String(rules.slotMinutes)).replace('{e}', rules.periods[0]!.start));
  }
  if (slot[0] <= now.getTime()) return fail(M.past[lang]);
  const days = hallDays(cal, now);
  if (date > days[days.length - 1]!.date) return fail(M.far[lang]);
  return { endsAt: new Date(slot[1]) };
}
