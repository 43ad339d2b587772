// The party organisation module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { partyRoutes } from './routes';
import { createPartyService } from './service';

export async function partyModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(partyRoutes, { prefix: '/api/party', service: createPartyService(deps) });
}
