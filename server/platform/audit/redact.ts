// What the audit log may hold of personal data: masked phones and document numbers, never secrets, ciphertexts or
// blind indexes. Applied on write and again on read (entries written before this rule), so no module can leak through audit.
import { maskIdNumber } from '../crypto';
import { maskPhone } from '../mask';

/** Keys whose value is dropped whole: secrets, and the ciphertexts and blind indexes that stand for a person's number. */
const SECRET_KEY = /(password|secret|token|api_?key|cipher|hash)$/i;
/** Keys that hold a phone number. */
const PHONE_KEY = /(phone|mobile|tel)$/i;
/** Keys that hold an ID or other document number. */
const DOCUMENT_KEY = /^(id_?number|id_?card|id_?no|document_?number|doc_?number)$/i;

// Numbers inside any string: a mainland mobile, a landline with area code, an 18-character resident ID.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g;
const RESIDENT_ID = /(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/g;

/** A document number masked like the lists: an 18-character ID keeps 4 + 4, a shorter document 2 + 2. */
function maskDocument(v: string): string {
  if (v.length >= 15) return maskIdNumber(v)!;
  if (v.length <= 4) return '*'.repeat(v.length);
  return v.slice(0, 2) + '*'.repeat(v.length - 4) + v.slice(-2);
}

/** Masks the phone and ID numbers written inside free text. */
export function maskNumbersInText(s: string): string {
  return s
    .replace(RESIDENT_ID, (m) => maskIdNumber(m)!)
    .replace(MOBILE, (m) => maskPhone(m)!)
    .replace(LANDLINE, (m) => maskPhone(m)!);
}

/**
 * A deep copy of `v` fit for the audit log: secret keys (and those in `extraSecrets`) become '***', phone and document
 * keys are masked, and every other string has the numbers in it masked.
 */
export function maskPersonal(v: unknown, extraSecrets: readonly string[] = []): unknown {
  const walk = (x: unknown, key: string | null): unknown => {
    if (x == null) return x ?? null;
    if (key !== null && (SECRET_KEY.test(key) || extraSecrets.includes(key))) return '***';
    if (typeof x === 'string') {
      if (key !== null && PHONE_KEY.test(key)) return maskPhone(x.replace(/\s+/g, ''));
      if (key !== null && DOCUMENT_KEY.test(key)) return maskDocument(x);
      return maskNumbersInText(x);
    }
    if (Array.isArray(x)) return x.map((e) => walk(e, null));
    if (x instanceof Date) return x;
    if (typeof x === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(x as Record<string, unknown>)) o[k] = walk(e, k);
      return o;
    }
    return x;
  };
  return walk(v, null);
}
