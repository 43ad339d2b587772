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
