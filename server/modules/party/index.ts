// The party organisation module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { partyRoutes } from './routes';
import { createPartyService } from './service';

export async function partyModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(partyRoutes, { prefix: '/api/party', service: createPartyService(deps) });
}

// Public surface: what other modules may import (from '../party'); everything else in this folder is private.
/** Who may see and manage the party organisation tree. */
export { partyPolicy } from './policy';
