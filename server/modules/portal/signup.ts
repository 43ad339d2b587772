// Resident sign-up: ask for a one-time code, then prove it and set a password; the account starts as a resident bound to no node.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { SignupBody } from '../../../contracts/portal';
import type { Audit } from '../../platform/audit/service';
import { hashPassword } from '../../platform/auth/password';
import type { SessionStore } from '../../platform/auth/sessions';
import type { Clock } from '../../platform/clock';
import type { PersonalCrypto } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import type { AccountService } from '../accounts';
import { territoryRepo } from '../territory';
import { userPhoneColumns, userRepo } from '../users';
import { codeMatches, hashCode, newCode, OTP_LIMITS, type OtpOutlet } from './otp';
import { portalRepo as repo } from './repo';

export type SignupDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  sessions: SessionStore;
  crypto: PersonalCrypto;
  otp: OtpOutlet;
  /** Reused for the profile a fresh session returns, so sign-up answers exactly as login does. */
  accounts: Pick<AccountService, 'me'>;
};

const HOUR = 3_600_000;

export function createSignup(deps: SignupDeps) {
  const { db, clock, audit, sessions, crypto, otp } = deps;
  // Phones are looked up by their blind index only, in the code table and in users (whose phone is sealed the same way).
  const indexOf = (phone: string) => crypto.blindIndex('phone', phone);

  return {
    /**
     * Sends a code unless a limit is hit; says when a new one may be asked for. The answer never tells whether the phone
     * has an account: the limits come first, a code row is written either way (so they count alike), and the owner of a
     * registered phone gets a notice instead of the code, which is therefore never known to anyone.
     */
    async requestCode(phone: string, ip: string) {
      const now = clock.now();
      const since = new Date(now.getTime() - HOUR);
      if ((await repo.countOtps(db, { ip }, since)) >= OTP_LIMITS.perIpPerHour) throw new AppError('rate_limited');
      const phoneIndex = indexOf(phone);
      const last = await repo.latestOtp(db, phoneIndex);
      if (last && now.getTime() - last.createdAt.getTime() < OTP_LIMITS.resendAfterMs)
        throw new AppError('rate_limited', [{ path: 'phone', message: 'wait before asking for another code' }]);
      if ((await repo.countOtps(db, { phoneIndex }, since)) >= OTP_LIMITS.perPhonePerHour)
        throw new AppError('rate_limited', [{ path: 'phone', message: 'too many codes for this phone' }]);
      const registered = (await userRepo.byPhoneHash(db, phoneIndex)) != null;
      const code = newCode();
      await repo.insertOtp(db, {
        phoneIndex,
        codeHash: hashCode(code),
        ip,
        createdAt: now,
        expiresAt: new Date(now.getTime() + OTP_LIMITS.ttlMs),
      });
      if (registered) await otp.sender.notify(phone, 'signup_attempt');
      else await otp.sender.send(phone, code);
      return {
        ok: true as const,
        expiresInSec: OTP_LIMITS.ttlMs / 1000,
        resendAfterSec: OTP_LIMITS.resendAfterMs / 1000,
      };
    },

    /** Checks the code, creates the account with its resident binding and opens a session (the same as a login). */
    async signUp(body: z.infer<typeof SignupBody>, meta: { userAgent: string | null; ip: string; requestId: string }) {
      const now = clock.now();
      const otpRow = await repo.latestOtp(db, indexOf(body.phone));
      const wrong = () => fieldError('code', 'wrong or expired code');
      if (!otpRow || otpRow.expiresAt <= now || otpRow.attempts >= OTP_LIMITS.maxAttempts) throw wrong();
      if (!codeMatches(otpRow.codeHash, body.code)) {
        await repo.bumpAttempts(db, otpRow.id);
        throw wrong();
      }
      // The sign-up is audited where the district's administrators read it; the account is not bound there.
      const district = await territoryRepo.homeDistrict(db);
      if (!district) throw new AppError('unavailable');
      const passwordHash = await hashPassword(body.password);
      const userId = await db.transaction(async (tx) => {
        if (!(await repo.consumeOtp(tx, otpRow.id, now))) throw wrong();
        if (await userRepo.byPhoneHash(tx, indexOf(body.phone))) throw fieldError('phone', 'already registered');
        const username = `resident_${randomBytes(6).toString('hex')}`;
        const displayName = body.displayName ?? `居民${body.phone.slice(-4)}`;
        const u = await userRepo.insert(tx, {
          username,
          displayName,
          ...userPhoneColumns(crypto, body.phone),
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
        // Bound to no node until a community confirms a household link: the resident reports in the home district and
        // reads only their own reports, and reaches nothing of the territory (a district binding let them read all of it).
        await repo.addBinding(tx, { userId: u.id, role: 'resident', nodeId: null });
        await audit.record(
          tx,
          { actorId: u.id, actorName: displayName, requestId: meta.requestId },
          {
            action: 'portal.signup',
            entityKind: 'user',
            entityId: u.id,
            nodeId: district.id,
            nodePath: district.path,
            after: { username, ip: meta.ip },
          },
        );
        return u.id;
      });
      const session = await sessions.create(userId, meta.userAgent, meta.ip);
      const me = await deps.accounts.me({
        userId,
        username: '',
        displayName: '',
        bindings: [],
        sessionId: session.id,
        csrfToken: session.csrfToken,
      });
      return { token: session.token, me };
    },
  };
}
export type Signup = ReturnType<typeof createSignup>;
