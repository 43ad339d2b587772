// The property supervision module: estate contracts, 万户比, surveys, the red/black list, the special fund, scorecards.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { supervisionRoutes } from './routes';
import { createSupervisionService } from './service';

export async function supervisionModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(supervisionRoutes, { prefix: '/api/supervision', service: createSupervisionService(deps) });
}

// Public surface: what other modules may import (from '../supervision'); everything else in this folder is private.
/** Who may see and keep property supervision and the evaluation from below. */
export { supervisionPolicy } from './policy';
