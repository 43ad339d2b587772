// The territory module: builds its service from platform dependencies and mounts its routes.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { GEOMETRY_LIMITS } from './limits';
import { territoryRoutes } from './routes';
import { createTerritoryService } from './service';
import { createTopologyChecker } from './topology-pool';

export async function territoryModule(app: FastifyInstance, deps: PlatformDeps) {
  const topology = createTopologyChecker({
    timeoutMs: GEOMETRY_LIMITS.checkTimeoutMs,
    maxQueued: GEOMETRY_LIMITS.maxQueued,
  });
  app.addHook('onClose', () => topology.close());
  await app.register(territoryRoutes, {
    prefix: '/api/territory',
    service: createTerritoryService({ ...deps, topology }),
  });
}

/** The territory tree's table, for foreign keys and for joining a record's node to read its path (scoping). */
export { territoryNodes } from './tables';
