// Personal data protection: AES-256-GCM encryption, a keyed HMAC blind index for exact lookup, tails and masks.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { maskPhone } from './mask';
export { maskPhone };

/** Which kind of value; it is bound into both the ciphertext (as associated data) and the blind index. */
export type PersonalField = 'id_number' | 'phone';

export type PersonalCrypto = {
  /** Encrypts with a fresh random nonce: 'v1.' + base64url(nonce | tag | ciphertext). */
  encrypt(field: PersonalField, plain: string): string;
  /** Decrypts and authenticates; throws on a tampered value or a value of another field. */
  decrypt(field: PersonalField, cipher: string): string;
  /** Deterministic keyed HMAC-SHA256 of the normalised value, for exact lookup without storing the value. */
  blindIndex(field: PersonalField, plain: string): string;
};

/** Normal form of an ID number or phone before indexing: no spaces or dashes, upper-case check character. */
export const normalisePersonal = (v: string) => v.replace(/[\s-]/g, '').toUpperCase();

/** The last four characters, stored apart so that tail search needs neither decryption nor the full value. */
export const tailOf = (v: string) => normalisePersonal(v).slice(-4);

/** ID number masked for lists and exports: first 4 and last 4 characters kept ('2107**********1234'). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 8) return id.replace(/./g, '*');
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

// Development only: a fixed key so that a dev database stays readable across restarts. Never used when DATA_KEY is set.
const DEV_KEY = createHash('sha256').update('jiayuan-development-data-key-not-for-production').digest();

/** Decodes DATA_KEY (32 bytes, base64); throws when it is present but malformed. */
export function decodeDataKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== b64.trim().replace(/=+$/, '')) {
    throw new Error('DATA_KEY must be 32 bytes encoded as base64 (for example: openssl rand -base64 32)');
  }
  return key;
}

/**
 * Builds the personal-data cipher from the configured key (base64, 32 bytes). Without a key it uses a fixed development
 * key and warns: data encrypted that way is only as safe as this source file. Separate sub-keys for encryption and the
 * blind index are derived with HKDF, so neither use weakens the other.
 */
export function createPersonalCrypto(dataKey: string | undefined, log?: { warn(msg: string): void }): PersonalCrypto {
  let master: Buffer;
  if (dataKey) master = decodeDataKey(dataKey);
  else {
    log?.warn(
      'DATA_KEY is not set: personal data is encrypted with the fixed development key; set DATA_KEY in production',
    );
    master = DEV_KEY;
  }
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const encKey = sub('jiayuan/personal/encrypt/v1');
  const macKey = sub('jiayuan/personal/blind-index/v1');
  return {
    encrypt(field, plain) {
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, nonce);
      c.setAAD(Buffer.from(field));
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return 'v1.' + Buffer.concat([nonce, c.getAuthTag(), ct]).toString('base64url');
    },
    decrypt(field, cipher) {
      if (!cipher.startsWith('v1.')) throw new Error('unknown cipher version');
      const raw = Buffer.from(cipher.slice(3), 'base64url');
      const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAAD(Buffer.from(field));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    blindIndex(field, plain) {
      return createHmac('sha256', macKey)
        .update(`${field}:${normalisePersonal(plain)}`)
        .digest('hex');
    },
  };
}

/** The three columns that protect a phone outside the residents table: ciphertext, blind index, last four. */
export type SealedPhone = { cipher: string | null; hash: string | null; tail: string | null };

/** Seals a phone for storage (all null without one): the same protection as a resident's phone. */
export function sealPhoneNumber(crypto: PersonalCrypto, phone: string | null | undefined): SealedPhone {
  if (!phone) return { cipher: null, hash: null, tail: null };
  const n = normalisePersonal(phone);
  return { cipher: crypto.encrypt('phone', n), hash: crypto.blindIndex('phone', n), tail: tailOf(n) };
}

/** The masked form of a sealed phone, for lists and details (null without one). */
export const maskedPhoneOf = (crypto: PersonalCrypto, cipher: string | null | undefined) =>
  cipher ? maskPhone(crypto.decrypt('phone', cipher)) : null;
