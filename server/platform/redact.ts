// Masking of personal data typed into free text (descriptions, replies, notes) before it leaves the staff side:
// mobile and landline phones, ID numbers, bank cards and other long digit runs, e-mail addresses.
import { maskPhone } from './mask';

/** ASCII and full-width digits: a phone keyboard in Chinese input mode types ０-９. */
const D = '[0-9\\uFF10-\\uFF19]';
/** One optional separator inside a number: space, ideographic space, hyphen, full-width hyphen, dot. */
const SEP = '[ \\u3000\\-\\uFF0D.]';

const EMAIL = '[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+';
/** A written date (2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日): matched first so it is never taken for a number. */
const DATE = `${D}{4}(?:[\\-/.]${D}{1,2}[\\-/.]${D}{1,2}(?!${D})|年${D}{1,2}月(?:${D}{1,2}日)?)`;
/** A digit run with single separators, an optional +86 / (+86) in front and an X closing an ID number. */
const RUN = `(?:[(（]?[+＋]\\s?86[)）]?${SEP}?)?${D}(?:${SEP}?${D})*[Xx]?`;
const PATTERN = new RegExp(`(?<![0-9\\uFF10-\\uFF19])(?:(${EMAIL})|(${DATE})|(${RUN}))`, 'g');

const ascii = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Whether 8 digits read as a calendar date of 1900–2099 (20261122): dates in text are not personal data. */
function compactDate(d: string): boolean {
  const y = Number(d.slice(0, 4)),
    m = Number(d.slice(4, 6)),
    day = Number(d.slice(6, 8));
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

export type Kind = 'mobile' | 'landline' | 'id_number' | 'long_number' | 'email';
export type RedactOptions = {
  /** Kinds left in clear: a reply to the 12345 centre keeps the handler's contact phone (see hotline/reply.ts). */
  keep?: readonly Kind[];
  /** Mobiles keep their first 3 and last 4 digits (139****4321), as staff lists show them: for staff documents only. */
  partialMobile?: boolean;
};

/** What kind of personal number a run of digits is, or null when it is an ordinary number left alone. */
function kindOf(digits: string, hasCountryCode: boolean): Kind | null {
  const n = digits.length;
  const local = hasCountryCode
    ? digits.replace(/^86/, '')
    : digits.replace(/^0086(?=1\d{10}$)/, '').replace(/^86(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(local)) return 'mobile';
  if (n < 7) return null;
  // 20261122 and a case number (its China date and a six-digit sequence: 20261122000123) are not personal data.
  if ((n === 8 && compactDate(digits)) || (n === 14 && compactDate(digits.slice(0, 8)))) return null;
  if (/^0\d{9,11}$/.test(digits)) return 'landline';
  if (n === 15 || n === 18) return 'id_number';
  // A local landline without its area code (62345678).
  if (n <= 8) return 'landline';
  // Bank cards (16–19 digits), QQ and account numbers.
  return 'long_number';
}

/** A number is replaced whole: no digit, length or kind of it is left for a reader to work from. */
const MASK = '***';

function maskRun(run: string, keep: readonly Kind[], partialMobile: boolean): string {
  // An X belongs to the number only as the check character of an 18-character ID.
  const digitsAll = ascii(run.replace(/[^0-9\uFF10-\uFF19]/g, ''));
  const strayX = /[Xx]$/.test(run) && digitsAll.length !== 17;
  const body = strayX ? run.slice(0, -1) : run;
  const tail = strayX ? run.slice(-1) : '';
  const kind = /[Xx]$/.test(body) ? 'id_number' : kindOf(digitsAll, /[+＋]/.test(body));
  if (!kind || keep.includes(kind)) return run;
  return (kind === 'mobile' && partialMobile ? maskPhone(digitsAll.slice(-11))! : MASK) + tail;
}

/**
 * The text with each personal number or address replaced by "***" where it stands: mobiles (with spaces, hyphens,
 * +86), landlines, ID numbers, bank cards and any other run of 7 or more digits, e-mail addresses. Dates, case numbers,
 * house numbers ("3号楼", "1101室") and short numbers stay as typed. Null stays null.
 */
export function redactPersonalText<T extends string | null | undefined>(text: T, opts: RedactOptions = {}): T {
  if (text == null || text === '') return text;
  const keep = opts.keep ?? [];
  return text.replace(PATTERN, (m: string, email?: string, date?: string) => {
    if (email) return keep.includes('email') ? m : MASK;
    if (date) return m;
    return maskRun(m, keep, opts.partialMobile ?? false);
  }) as T;
}
