// The accounts module: login, logout, me, password, sessions.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { accountRoutes } from './routes';
import { createAccountService } from './service';

export async function accountsModule(app: FastifyInstance, deps: PlatformDeps) {
  const { config } = deps;
  const service = createAccountService({ ...deps, maxFailures: config.loginMaxFailures, lockMs: config.loginLockMs });
  await app.register(accountRoutes, {
    prefix: '/api/auth',
    service,
    cookieSecure: config.cookieSecure,
    sessionTtlMs: config.sessionTtlMs,
    loginRatePerMinute: config.loginRatePerMinute,
  });
}

// Public surface: what other modules may import (from '../accounts'); everything else in this folder is private.
/** Builds the login, session and password service; the portal signs a new resident in through it, with the same session rules as staff. */
export { createAccountService } from './service';
/** What createAccountService returns. */
export { type AccountService } from './service';
