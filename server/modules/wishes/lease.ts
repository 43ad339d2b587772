// The end of a claim's lease: a wish still undelivered at the date it was claimed until returns to the wall. The
// handler acts only on the lease it was made for (a later claim has its own job), so a retried job changes nothing.
import { z } from 'zod';
import { WISH_LEASE_JOB } from '../../../contracts/wishes';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Jobs } from '../../platform/jobs/runner';
import { recordNotice } from '../notifications';
import { wishRepo } from './repo';

const Payload = z.object({ wishId: z.number().int(), leaseUntil: z.string() });

export function registerWishJobs(deps: { db: Db; clock: Clock; jobs: Jobs }) {
  const { db, clock, jobs } = deps;
  jobs.define(WISH_LEASE_JOB, Payload, async ({ wishId, leaseUntil }) => {
    await db.transaction(async (tx) => {
      const now = clock.now();
      const before = await wishRepo.lock(tx, wishId);
      const w = await wishRepo.releaseIfLapsed(tx, wishId, new Date(leaseUntil), now);
      if (!w || !before) return;
      await wishRepo.addEvent(tx, {
        wishId,
        at: now,
        actorId: null,
        actorName: null,
        action: 'lease_end',
        fromStatus: 'claimed',
        toStatus: 'open',
        note: before.claimerName,
      });
      if (before.claimerUserId != null)
        await tx.execute(
          recordNotice(
            { userIds: [before.claimerUserId] },
            { kind: 'wish_returned', title: w.text.slice(0, 40), createdAt: now },
            null,
          ),
        );
    });
  });
}
