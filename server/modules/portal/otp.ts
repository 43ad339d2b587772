// One-time codes for sign-up: the pluggable sender, the salted hash kept at rest, and the limits on sending and guessing.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { maskPhone } from '../../platform/mask';

/**
 * Notices sent instead of a code. 'signup_attempt': a sign-up code was asked for a phone that already has an account,
 * so its owner hears of it (and the asker learns nothing: the answer is the same as for a new phone).
 */
export type OtpNotice = 'signup_attempt';

/** The text of each notice, for a gateway that sends plain messages. */
export const OTP_NOTICE_TEXT: Record<OtpNotice, { 'zh-CN': string; en: string }> = {
  signup_attempt: {
    'zh-CN':
      '【家园】有人正在用您的手机号注册账号。如是您本人，您已有账号，请直接登录或找社区重置密码；如非本人，请忽略本短信。',
    en: '[Jiayuan] Someone tried to sign up with your phone number. If it was you, you already have an account: log in, or ask your community to reset the password. If not, ignore this message.',
  },
};

/** Delivers a code, or a notice, to a phone (an SMS gateway in production). */
export type OtpSender = {
  send(phone: string, code: string): Promise<void>;
  notify(phone: string, notice: OtpNotice): Promise<void>;
};

/** The development sender: writes the code to the app log, so a developer can sign up without an SMS gateway. */
export function logOtpSender(log: { info(obj: object, msg: string): void }): OtpSender {
  return {
    async send(phone, code) {
      log.info({ phone: maskPhone(phone), code }, 'portal one-time code (development sender)');
    },
    async notify(phone, notice) {
      log.info(
        { phone: maskPhone(phone), notice, text: OTP_NOTICE_TEXT[notice]['zh-CN'] },
        'portal notice (development sender)',
      );
    },
  };
}

/**
 * Where the portal sends codes through. It is an object, not a bare sender, so a test (or the process entry, once an
 * SMS gateway is wired) can swap the sender after the app is built.
 */
export type OtpOutlet = { sender: OtpSender };

export const OTP_LIMITS = {
  ttlMs: 5 * 60_000,
  /** Wrong guesses a code survives; a fresh code must be asked for after that. */
  maxAttempts: 5,
  resendAfterMs: 60_000,
  perPhonePerHour: 5,
  perIpPerHour: 20,
} as const;

export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** 'salt$sha256(salt:code)': a code is short-lived and guesses are capped, so a fast salted hash is enough. */
export function hashCode(code: string): string {
  const salt = randomBytes(12).toString('base64url');
  return `${salt}$${createHash('sha256').update(`${salt}:${code}`).digest('hex')}`;
}

export function codeMatches(stored: string, code: string): boolean {
  const [salt, hex] = stored.split('$');
  if (!salt || !hex) return false;
  const given = createHash('sha256').update(`${salt}:${code}`).digest();
  return timingSafeEqual(given, Buffer.from(hex, 'hex'));
}
