// Reading the fields of a work order: Beijing wall-clock times in text or spreadsheet cells, phones, blanks.
import type { NewOrder } from './orders';

export const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const WALL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const CHINA_MS = 8 * 3_600_000;

/**
 * An instant from a Beijing wall-clock time. Text: 'YYYY-MM-DD HH:mm[:ss]' (also with / or .), a bare date meaning
 * midnight, or ISO 8601 with an offset. A spreadsheet date cell arrives with its wall clock in UTC fields, so it is
 * shifted by eight hours. Null for anything that is not a real moment (2026-02-30, 25:00 …).
 */
export function parseChinaTime(v: Date | string): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : new Date(v.getTime() - CHINA_MS);
  const s = v.trim();
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && s.includes('T')) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = WALL.exec(s);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const back = new Date(utc);
  if (
    back.getUTCDate() !== Number(d) ||
    back.getUTCMonth() !== Number(mo) - 1 ||
    back.getUTCHours() !== Number(h) ||
    back.getUTCMinutes() !== Number(mi)
  )
    return null;
  return new Date(utc - CHINA_MS);
}

/** A checked order with empty optional fields as null. */
export function toNewOrder(v: { [K in keyof NewOrder]?: NewOrder[K] | string }): NewOrder {
  const opt = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : null);
  return {
    orderNo: String(v.orderNo).trim(),
    calledAt: v.calledAt as Date,
    callerName: opt(v.callerName),
    callerPhone: opt(v.callerPhone),
    content: String(v.content).trim(),
    address: String(v.address).trim(),
    requestType: String(v.requestType).trim(),
    hotlineDeadline: v.hotlineDeadline instanceof Date ? v.hotlineDeadline : null,
    handlerUnit: opt(v.handlerUnit),
  };
}
