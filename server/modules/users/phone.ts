// A staff or resident account's phone: sealed like a resident's (ciphertext, blind index, tail), found only whole or by its last four.
import { maskedPhoneOf, normalisePersonal, sealPhoneNumber, type PersonalCrypto } from '../../platform/crypto';

/** The users columns for a phone (all null to clear it). */
export function userPhoneColumns(crypto: PersonalCrypto, phone: string | null | undefined) {
  const s = sealPhoneNumber(crypto, phone);
  return { phoneCipher: s.cipher, phoneHash: s.hash, phoneTail: s.tail };
}

/** The blind index a login or search term would have if it is a whole mobile number; null otherwise. */
export function wholePhoneIndex(crypto: PersonalCrypto, term: string): string | null {
  const n = normalisePersonal(term);
  return /^1\d{10}$/.test(n) ? crypto.blindIndex('phone', n) : null;
}

/** How a search term may match a phone: whole (exact blind index) or the last four digits, never a longer tail. */
export function phoneSearchOf(crypto: PersonalCrypto, term: string): { hash: string } | { tail: string } | null {
  const n = normalisePersonal(term);
  if (/^\d{4}$/.test(n)) return { tail: n };
  const hash = wholePhoneIndex(crypto, n);
  return hash ? { hash } : null;
}

/** The masked phone of an account, for lists and profiles. */
export const userPhoneMasked = (crypto: PersonalCrypto, u: { phoneCipher: string | null }) =>
  maskedPhoneOf(crypto, u.phoneCipher);
