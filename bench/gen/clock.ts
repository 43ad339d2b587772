// Working time for the generator: the app's calendar for deadlines, a fast local walk over working hours for people's delays.
import type { Calendar } from '../../server/platform/calendar/calendar';
import type { StageLimit } from '../../server/modules/cases/tables';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const OFFSET = 8 * HOUR;
// The app's default working hours (09:00–12:00, 13:30–18:00 China time) as offsets within a day.
const PERIODS: [number, number][] = [
  [9 * HOUR, 12 * HOUR],
  [13.5 * HOUR, 18 * HOUR],
];

/** China day number of an instant, and the instant a China day begins. */
export const dayOf = (ms: number) => Math.floor((ms + OFFSET) / DAY);
export const dayStart = (d: number) => d * DAY - OFFSET;
/** 'YYYYMMDD' of an instant in China time, as case numbers start. */
export const chinaYmd = (ms: number) => new Date(ms + OFFSET).toISOString().slice(0, 10).replaceAll('-', '');
export const iso = (ms: number) => new Date(ms).toISOString();

export type WorkClock = {
  isWorkday(day: number): boolean;
  /** `minutes` of working time after `t`. */
  after(t: number, minutes: number): number;
  /** A stage's deadline from `t` as the app computes it (the app's calendar for days, the local walk for working hours). */
  due(t: number, limit: StageLimit | undefined): number | null;
};

export function workClock(calendar: Calendar): WorkClock {
  const cache = new Map<number, boolean>();
  const isWorkday = (d: number) => {
    let w = cache.get(d);
    if (w === undefined) cache.set(d, (w = calendar.isWorkday(new Date(dayStart(d) + 12 * HOUR))));
    return w;
  };
  const after = (t: number, minutes: number) => {
    let left = Math.max(0, Math.round(minutes * MINUTE));
    for (let d = dayOf(t), from = t; d < dayOf(t) + 400; d++, from = dayStart(d)) {
      if (!isWorkday(d)) continue;
      const base = dayStart(d);
      for (const [a, b] of PERIODS) {
        const s = Math.max(base + a, from);
        const e = base + b;
        if (e <= s) continue;
        if (left <= e - s) return s + left;
        left -= e - s;
      }
    }
    return t + minutes * MINUTE;
  };
  return {
    isWorkday,
    after,
    due(t, limit) {
      if (!limit) return null;
      if (limit.unit === 'working_hours') return after(t, limit.amount * 60);
      return calendar.addWorking(new Date(t), limit).getTime();
    },
  };
}
