// The organisations module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { organisationRoutes } from './routes';
import { createOrganisationService } from './service';

export async function organisationsModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(organisationRoutes, { prefix: '/api/organisations', service: createOrganisationService(deps) });
}

// Public surface: what other modules may import (from '../organisations'); everything else in this folder is private.
/** Who may see and manage organisations. */
export { organisationPolicy } from './policy';
/** Reads and writes of organisations (the users module checks a binding's organisation through it). */
export { organisationRepo } from './repo';
/** The organisations table, for foreign keys and reporting joins. */
export { organisations } from './tables';
