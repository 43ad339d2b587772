// The communities' rules as staff keep them: points per hour by activity type, per micro-wish, per participation and
// per project, the expiry and household pooling; a community that never set one has the default rule.
import { sql } from 'drizzle-orm';
import type { PointsRule, PutRuleBody } from '../../../contracts/points';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { fieldError } from '../../platform/errors';
import { authorize, scope, type Actor } from '../../platform/policy';
import { communityNode, DEFAULT_RULE } from './credit';
import { pointsPolicy } from './policy';
import { pointsRepo } from './repo';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'>;

export function createRules({ db, clock, audit }: Deps) {
  return {
    async rules(actor: Actor): Promise<{ items: PointsRule[] }> {
      const cs = await pointsRepo.communities(db, scope(actor, pointsPolicy, 'manage', { path: sql`n.path` }));
      const out: PointsRule[] = [];
      for (const c of cs) {
        const r = await pointsRepo.rule(db, c.id);
        const v = r ?? DEFAULT_RULE;
        out.push({
          communityId: c.id,
          communityName: c.name,
          hourRates: v.hourRates,
          wishFulfilled: v.wishFulfilled,
          participation: v.participation,
          projectDone: v.projectDone,
          expiryMonths: v.expiryMonths,
          poolingAllowed: v.poolingAllowed,
          custom: r != null,
        });
      }
      return { items: out };
    },

    /** Sets a community's rule (audited with the rule before); later credits use it, past ones stay as posted. */
    async putRule(actor: Actor, ctx: AuditContext, communityId: number, body: PutRuleBody) {
      const c = await communityNode(db, communityId, 'id');
      authorize(actor, pointsPolicy, 'manage', { path: c.path });
      if (body.hourRates.default == null) throw fieldError('hourRates.default', 'a default rate per hour is needed');
      await db.transaction(async (tx) => {
        const before = await pointsRepo.rule(tx, c.id);
        await pointsRepo.putRule(tx, { nodeId: c.id, ...body, updatedAt: clock.now() });
        await audit.record(tx, ctx, {
          action: 'points.rule_set',
          entityKind: 'points_rule',
          entityId: c.id,
          nodeId: c.id,
          before,
          after: body,
        });
      });
    },
  };
}
