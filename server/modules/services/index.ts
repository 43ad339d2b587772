// The service hall module (一网通办): catalogue, duty lists, applications with pre-review, forwarding, proxy custody,
// time limits on the business calendar, hall appointments (预约到厅), figures and ledgers, under /api/services.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createFileService } from '../files';
import { createServiceActions } from './act';
import { createApply } from './apply';
import { createHall } from './appointments';
import { registerHallJobs } from './hall-jobs';
import { hallRoutes } from './hall-routes';
import { createServiceLedgers, SERVICE_LEDGERS } from './ledgers';
import { createServiceMeasures } from './measures';
import { serviceRoutes } from './routes';
import { createApplicationReader, createServiceCatalogue } from './service';
import { createServiceSla, registerServiceJobs } from './sla';

/** The default catalogue, seeded where missing (demo data and first start). */
export { seedServiceCatalogue } from './catalogue';

export async function servicesModule(app: FastifyInstance, deps: PlatformDeps) {
  const slaDeps = { ...deps, warnShare: deps.config.slaWarnShare };
  registerServiceJobs(slaDeps);
  registerHallJobs(deps);
  deps.ledgers.declare(SERVICE_LEDGERS.service);
  deps.ledgers.declare(SERVICE_LEDGERS.proxy);
  const sla = createServiceSla(slaDeps);
  const files = createFileService(deps);
  const hall = createHall(deps);
  const reader = createApplicationReader(deps);
  const d = { ...deps, sla, files, hall };
  await app.register(hallRoutes, { prefix: '/api/services', hall, reader });
  await app.register(serviceRoutes, {
    prefix: '/api/services',
    catalogue: createServiceCatalogue(deps),
    reader,
    apply: createApply(d),
    actions: createServiceActions(d),
    files,
    measures: createServiceMeasures(deps),
    ledgers: createServiceLedgers(deps),
  });
}
