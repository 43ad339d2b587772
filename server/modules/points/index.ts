// The points module (爱心银行, 积分制): a double-entry ledger of points, community rules, the award job other modules
// enqueue (POINTS_AWARD_JOB), the redemption shop, household pooling, reversals, the nightly expiry and proof.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { POINTS_AWARD_JOB, PointsAward } from '../../../contracts/points';
import type { PlatformDeps } from '../../platform/deps';
import { createPointsLedgers, POINTS_LEDGER } from './ledgers';
import { pointsRoutes } from './routes';
import { createPointsService } from './service';

/** The nightly job: expiry of points past their term, then the proof of the ledger. */
export const POINTS_NIGHTLY_JOB = 'points.nightly';
const DAY = 86_400_000;
/** 02:00 China time (18:00 UTC). */
const NIGHT_OFFSET = 18 * 3_600_000;

/** The next run of the nightly job strictly after `now`. */
export function nextNight(now: Date): Date {
  const t = now.getTime();
  const base = Math.floor((t - NIGHT_OFFSET) / DAY) * DAY + NIGHT_OFFSET;
  return new Date(base + DAY);
}

export async function pointsModule(app: FastifyInstance, deps: PlatformDeps) {
  const service = createPointsService(deps);
  deps.jobs.define(POINTS_AWARD_JOB, PointsAward, async (a) => {
    await service.award(a);
  });
  // Scheduled like the hotline's sweep: the singleton key per night keeps several processes from doubling it.
  const schedule = async () => {
    const runAt = nextNight(deps.clock.now());
    await deps.jobs.enqueue(
      deps.db,
      POINTS_NIGHTLY_JOB,
      {},
      { runAt, singletonKey: `points:nightly:${runAt.getTime()}` },
    );
  };
  deps.jobs.define(POINTS_NIGHTLY_JOB, z.object({}), async () => {
    try {
      await service.expire();
      await service.prove();
    } finally {
      await schedule();
    }
  });
  await schedule();
  deps.ledgers.declare(POINTS_LEDGER);
  await app.register(pointsRoutes, {
    prefix: '/api/points',
    service,
    ledgers: createPointsLedgers(deps),
  });
}

// Public surface: what other modules may import (from '../points'); everything else in this folder is private.
/** Builds the time bank's verbs on the platform (the demo seed awards and redeems through it). */
export { createPointsService } from './service';
/** The rule of a community that never set one. */
export { DEFAULT_RULE } from './service';
