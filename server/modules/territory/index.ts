// The territory module: builds its service from platform dependencies and mounts its routes.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { territoryRoutes } from './routes';
import { createTerritoryService } from './service';

export async function territoryModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(territoryRoutes, { prefix: '/api/territory', service: createTerritoryService(deps) });
}
