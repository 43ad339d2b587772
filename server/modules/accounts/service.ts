// Logging in and out, the current user, changing one's password, and one's own sessions.
import type { z } from 'zod';
import type { ChangePasswordBody, LoginBody } from '../../../contracts/auth';
import type { Audit } from '../../platform/audit/service';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { loadBindings, type SessionStore } from '../../platform/auth/sessions';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { PersonalCrypto } from '../../platform/crypto';
import type { Actor } from '../../platform/policy';
import { userPhoneMasked, wholePhoneIndex, userRepo, toBindingDto } from '../users';
import { permissionsOf } from './permissions';

// Verified against when the login is unknown, so a miss costs the same time as a wrong password.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$Q/T/lfU2ahpjDETWz9T1cw$k7tir2IdYXoSmavOlQJGO3uzA4/MAuByDZBVJUxDIJw';

export type AccountDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  sessions: SessionStore;
  crypto: PersonalCrypto;
  maxFailures: number;
  lockMs: number;
};

export function createAccountService(deps: AccountDeps) {
  const { db, clock, audit, sessions, crypto } = deps;

  async function me(userId: number, sessionId: string, csrfToken: string) {
    const u = await userRepo.byId(db, userId);
    if (!u) throw new AppError('unauthenticated');
    const views = await userRepo.bindingsOf(db, [userId]);
    const actor: Actor = {
      userId,
      username: u.username,
      displayName: u.displayName,
      bindings: await loadBindings(db, userId),
      sessionId,
      csrfToken,
    };
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phoneMasked: userPhoneMasked(crypto, u),
      mustChangePassword: u.mustChangePassword,
      bindings: views.map(toBindingDto),
      permissions: permissionsOf(actor),
      csrfToken,
    };
  }

  return {
    me: (actor: Actor) => me(actor.userId, actor.sessionId, actor.csrfToken),

    /** Checks the password, applying the lock-out; returns the session token and the user's profile. */
    async login(
      body: z.infer<typeof LoginBody>,
      meta: { userAgent: string | null; ip: string | null; requestId: string },
    ) {
      const u = await userRepo.byLogin(db, body.login, wholePhoneIndex(crypto, body.login));
      const now = clock.now();
      if (!u || u.disabledAt) {
        await verifyPassword(DUMMY_HASH, body.password);
        throw new AppError('invalid_credentials');
      }
      if (u.lockedUntil && u.lockedUntil > now) throw new AppError('account_locked');
      const ctx = { actorId: u.id, actorName: u.displayName, requestId: meta.requestId };
      // The attempt is counted before the (slow) hash check, so guesses sent at once cannot all read the same count.
      const attempt = await userRepo.reserveLoginAttempt(db, u.id, {
        now,
        max: deps.maxFailures,
        lockUntil: new Date(now.getTime() + deps.lockMs),
      });
      if (attempt == null) throw new AppError('account_locked');
      if (!(await verifyPassword(u.passwordHash, body.password))) {
        if (attempt < deps.maxFailures) throw new AppError('invalid_credentials');
        // The attempt that reached the limit started the lock; it alone records it.
        await audit.record(db, ctx, {
          action: 'auth.locked',
          entityKind: 'user',
          entityId: u.id,
          after: { ip: meta.ip },
        });
        throw new AppError('account_locked');
      }
      await db.transaction(async (tx) => {
        await userRepo.update(tx, u.id, { failedLogins: 0, lockedUntil: null });
        await audit.record(tx, ctx, {
          action: 'auth.login',
          entityKind: 'user',
          entityId: u.id,
          after: { ip: meta.ip, userAgent: meta.userAgent },
        });
      });
      const session = await sessions.create(u.id, meta.userAgent, meta.ip);
      return { token: session.token, me: await me(u.id, session.id, session.csrfToken) };
    },

    async logout(actor: Actor) {
      await sessions.revoke(actor.userId, actor.sessionId);
    },

    async changePassword(actor: Actor, requestId: string, body: z.infer<typeof ChangePasswordBody>) {
      const u = await userRepo.byId(db, actor.userId);
      if (!u || !(await verifyPassword(u.passwordHash, body.currentPassword))) {
        throw new AppError('validation_failed', [{ path: 'currentPassword', message: 'wrong password' }]);
      }
      if (body.newPassword === body.currentPassword)
        throw new AppError('validation_failed', [{ path: 'newPassword', message: 'must differ from the current one' }]);
      const passwordHash = await hashPassword(body.newPassword);
      await db.transaction(async (tx) => {
        await userRepo.update(tx, u.id, { passwordHash, mustChangePassword: false, updatedAt: clock.now() });
        await audit.record(
          tx,
          { actorId: u.id, actorName: u.displayName, requestId },
          { action: 'auth.password_changed', entityKind: 'user', entityId: u.id },
        );
      });
      // Other devices must log in again with the new password.
      await sessions.revokeAllExcept(u.id, actor.sessionId);
    },

    async listSessions(actor: Actor) {
      const list = await sessions.list(actor.userId);
      return {
        items: list.map((s) => ({
          id: s.id.slice(0, 16),
          current: s.id === actor.sessionId,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          userAgent: s.userAgent,
          ip: s.ip,
        })),
      };
    },

    /** Revokes one of my sessions by the short id shown in the list. */
    async revokeSession(actor: Actor, shortId: string) {
      const match = (await sessions.list(actor.userId)).find((s) => s.id.startsWith(shortId));
      if (!match || !(await sessions.revoke(actor.userId, match.id))) throw new AppError('not_found');
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
