// The organisations module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { organisationRoutes } from './routes';
import { createOrganisationService } from './service';

export async function organisationsModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(organisationRoutes, { prefix: '/api/organisations', service: createOrganisationService(deps) });
}

/** The organisations table, for foreign keys to a department, partner unit or property company. */
export { organisations } from './tables';
