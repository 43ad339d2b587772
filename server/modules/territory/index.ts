// The territory module: builds its service from platform dependencies and mounts its routes.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { GEOMETRY_LIMITS } from './limits';
import { createOutlines } from './outlines';
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
    outlines: createOutlines(deps),
  });
}

// Public surface: what other modules may import (from '../territory'); everything else in this folder is private.
/** Who may read and change which territory nodes. */
export { territoryPolicy } from './policy';
/** Reads of the territory tree (nodes by id, path, kind and point) and inserts of nodes. */
export { territoryRepo } from './repo';
/** A territory node row. */
export { type NodeRow } from './repo';
/** The territory tree table, for foreign keys and joins by path. */
export { territoryNodes } from './tables';
