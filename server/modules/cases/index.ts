// The case module: intake, actions, inboxes, and the deadline jobs on the business calendar.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createActions } from './act';
import { createCaseAdmin } from './admin';
import { createIntake, type ResidentLink } from './intake';
import { caseRoutes } from './routes';
import { createCaseService } from './service';
import { createSla, registerSlaJobs, type CaseNotifier, type WorkCalendar } from './sla';

/**
 * The case loop's clocks, intake and actions over one set of dependencies. Modules that bring cases in (portal,
 * Open311, hotline, field diary) build theirs here rather than wiring the parts again.
 */
export type { ResidentLink };

export function createCaseLoop(
  deps: PlatformDeps & { calendar: WorkCalendar; notifier: CaseNotifier; residentLink?: ResidentLink },
) {
  const sla = createSla({ ...deps, warnShare: deps.config.slaWarnShare });
  return { sla, intake: createIntake({ ...deps, sla }), actions: createActions({ ...deps, sla }) };
}

/** `residentLink` (from the people module) lets staff link a case to the resident it is about. */
export async function casesModule(
  app: FastifyInstance,
  deps: PlatformDeps & { calendar: WorkCalendar; notifier: CaseNotifier; residentLink?: ResidentLink },
) {
  registerSlaJobs({ ...deps, warnShare: deps.config.slaWarnShare });
  const { intake, actions } = createCaseLoop(deps);
  await app.register(caseRoutes, {
    prefix: '/api/cases',
    service: createCaseService(deps),
    intake,
    actions,
    admin: createCaseAdmin(deps),
  });
}
