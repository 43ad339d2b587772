// The resident portal module: sign-up, household links, resident reports and the public list, under /api/portal.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createAccountService } from '../accounts';
import { createCaseLoop, type CaseNotifier } from '../cases';
import { createHousehold } from './household';
import { createLinks } from './links';
import { logOtpSender, type OtpOutlet, type OtpSender } from './otp';
import { createReports } from './reports';
import { portalRoutes } from './routes';
import { createSignup } from './signup';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where sign-up codes go; tests and the process entry may replace `.sender`. */
    portalOtp: OtpOutlet;
  }
}

export async function portalModule(
  app: FastifyInstance,
  deps: PlatformDeps & { notifier: CaseNotifier; otpSender?: OtpSender },
) {
  const { config } = deps;
  const otp: OtpOutlet = { sender: deps.otpSender ?? logOtpSender(app.log) };
  app.decorate('portalOtp', otp);
  const accounts = createAccountService({ ...deps, maxFailures: config.loginMaxFailures, lockMs: config.loginLockMs });
  const { intake, actions } = createCaseLoop(deps);
  await app.register(portalRoutes, {
    prefix: '/api/portal',
    signup: createSignup({ ...deps, otp, accounts }),
    links: createLinks(deps),
    household: createHousehold(deps),
    reports: createReports({ ...deps, intake, actions }),
    cookieSecure: config.cookieSecure,
    sessionTtlMs: config.sessionTtlMs,
  });
}
