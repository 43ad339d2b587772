// The case module: intake, actions, inboxes, and the deadline jobs on the business calendar.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createActions } from './act';
import { createCaseAdmin } from './admin';
import { createIntake } from './intake';
import { caseRoutes } from './routes';
import { createCaseService } from './service';
import { createSla, registerSlaJobs, type CaseNotifier, type WorkCalendar } from './sla';

export async function casesModule(app: FastifyInstance, deps: PlatformDeps & { calendar: WorkCalendar; notifier: CaseNotifier }) {
  const sla = createSla({ ...deps, warnShare: deps.config.slaWarnShare });
  registerSlaJobs({ ...deps, warnShare: deps.config.slaWarnShare });
  await app.register(caseRoutes, {
    prefix: '/api/cases',
    service: createCaseService(deps),
    intake: createIntake({ ...deps, sla }),
    actions: createActions({ ...deps, sla }),
    admin: createCaseAdmin(deps),
  });
}
