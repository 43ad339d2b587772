// The micro-wish module (微心愿): posting, the community's decision, the wish wall, claims as leases, delivery with a
// photo, the resident's confirmation (which enqueues the claimer's points), figures and the ledger, under /api/wishes.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createFileService } from '../files';
import { registerWishJobs } from './lease';
import { createWishLedgers, WISH_LEDGER } from './ledgers';
import { createWishMeasures } from './measures';
import { wishRoutes } from './routes';
import { createWishService } from './service';

export async function wishesModule(app: FastifyInstance, deps: PlatformDeps) {
  registerWishJobs(deps);
  deps.ledgers.declare(WISH_LEDGER);
  const files = createFileService(deps);
  await app.register(wishRoutes, {
    prefix: '/api/wishes',
    wishes: createWishService({ ...deps, files }),
    files,
    measures: createWishMeasures(deps),
    ledgers: createWishLedgers(deps),
  });
}

// Public surface: what other modules may import (from '../wishes'); everything else in this folder is private.
/** The wish service (post, decide, wall, claim, deliver, confirm), for the demo seed and other modules' home pages. */
export { createWishService, type WishService } from './service';
