// Reporting periods in Asia/Shanghai (UTC+8 all year, no daylight saving): whole days, whole months, defaults from the clock.
import { fieldError } from '../../platform/errors';
import type { Period } from './formulas';

const OFFSET_MS = 8 * 3600_000;
/**
 * The longest period any figure, breakdown, rate or ledger covers: three years of cases is what yearly reviews
 * compare, and beyond it one request's queries hold the (embedded, single-connection) database for everyone.
 */
export const MAX_PERIOD_MONTHS = 36;

/** Midnight in Shanghai of an ISO date (YYYY-MM-DD). */
export const dayStart = (isoDate: string) => new Date(`${isoDate}T00:00:00+08:00`);

/** The Shanghai calendar date (YYYY-MM-DD) of an instant. */
export const shanghaiDate = (d: Date) => new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** A Shanghai wall-clock Date for spreadsheets, which store times without a zone. */
export const shanghaiWallClock = (d: Date) => new Date(d.getTime() + OFFSET_MS);

function monthStart(year: number, month0: number): string {
  const d = new Date(Date.UTC(year, month0, 1));
  return d.toISOString().slice(0, 10);
}

/** The period asked for: [from, to) in whole Shanghai days, by default the current month. */
export function periodOf(q: { from?: string; to?: string }, now: Date): Period & { fromDate: string; toDate: string } {
  const today = shanghaiDate(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const fromDate = q.from ?? monthStart(y, m);
  const toDate = q.to ?? monthStart(y, m + 1);
  if (toDate <= fromDate) throw fieldError('querystring.to', 'to must be after from');
  const [fy, fm, fd] = fromDate.split('-').map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(fy, fm - 1 + MAX_PERIOD_MONTHS, fd)).toISOString().slice(0, 10);
  if (toDate > limit) throw fieldError('querystring.to', `at most ${MAX_PERIOD_MONTHS} months from from to to`);
  return { from: dayStart(fromDate), to: dayStart(toDate), fromDate, toDate };
}

/** The calendar months overlapping a period, each clipped to it, keyed YYYY-MM. */
export function monthsOf(p: { fromDate: string; toDate: string }): { key: string; period: Period }[] {
  const out: { key: string; period: Period }[] = [];
  let y = Number(p.fromDate.slice(0, 4));
  let m = Number(p.fromDate.slice(5, 7)) - 1;
  let start = p.fromDate;
  while (start < p.toDate) {
    if (out.length >= MAX_PERIOD_MONTHS)
      throw fieldError('querystring.to', `at most ${MAX_PERIOD_MONTHS} months from from to to`);
    const next = monthStart(y, m + 1);
    const end = next < p.toDate ? next : p.toDate;
    out.push({ key: start.slice(0, 7), period: { from: dayStart(start), to: dayStart(end) } });
    start = end;
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  return out;
}
