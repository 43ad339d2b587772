// The micro-wish figures, defined once: over the wishes posted under a node in [from, to) (days in Asia/Shanghai),
// how many were posted, approved, claimed (at least once) and fulfilled (confirmed by the resident), and the median
// days from posting to fulfilment. Recorded data only: the timestamps each step wrote.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { WishFigures, WishFiguresQuery } from '../../../contracts/wishes';
import { rows, type Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import { wishPolicy } from './policy';
import { wishRepo } from './repo';

export function figuresQuery(p: { path: string; from: string; to: string }) {
  return sql`
    select count(*)::int as posted,
      count(approved_at)::int as approved,
      count(first_claimed_at)::int as claimed,
      count(fulfilled_at)::int as fulfilled,
      percentile_cont(0.5) within group (order by extract(epoch from fulfilled_at - created_at) / 86400)
        filter (where fulfilled_at is not null) as median
    from wishes
    where node_path like ${p.path + '%'}
      and created_at >= (${p.from}::date)::timestamp at time zone 'Asia/Shanghai'
      and created_at < (${p.to}::date)::timestamp at time zone 'Asia/Shanghai'`;
}

export function createWishMeasures(deps: { db: Db }) {
  return {
    async figures(actor: Actor, q: z.infer<typeof WishFiguresQuery>): Promise<WishFigures> {
      const node = await wishRepo.node(deps.db, q.nodeId);
      if (!node || !can(actor, wishPolicy, 'measure', { path: node.path })) throw new AppError('not_found');
      const [r] = await rows<{
        posted: number;
        approved: number;
        claimed: number;
        fulfilled: number;
        median: number | null;
      }>(deps.db, figuresQuery({ path: node.path, from: q.from, to: q.to }));
      return {
        posted: r!.posted,
        approved: r!.approved,
        claimed: r!.claimed,
        fulfilled: r!.fulfilled,
        medianDaysToFulfil: r!.median == null ? null : Math.round(Number(r!.median) * 10) / 10,
      };
    },
  };
}
export type WishMeasures = ReturnType<typeof createWishMeasures>;
