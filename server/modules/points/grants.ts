// A worker's participation grants (a clean-up, a council meeting, a class): to one person or to everyone who took
// part, at the community's participation rate, once per person and key; and the people a worker may grant to.
import { sql } from 'drizzle-orm';
import type { GrantBody, GrantManyBody, GrantManyResult } from '../../../contracts/points';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import type { Exec } from '../../platform/db';
import { fieldError } from '../../platform/errors';
import { authorize, type Actor } from '../../platform/policy';
import { communityNode, credit, ruleOf } from './credit';
import { pointsPolicy } from './policy';
import { pointsRepo } from './repo';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'>;

export function createGrants({ db, clock, audit }: Deps) {
  /** The community's participation points, or a 400 when it grants none. */
  async function participationRate(exec: Exec, communityId: number) {
    const rule = await ruleOf(exec, communityId);
    if (rule.participation <= 0)
      throw fieldError('communityId', '本社区参与活动积分为 0，请先在积分规则中设置 / the rule grants no points');
    return rule;
  }

  /** Whether a user is bound to a node at or under the community's path (a resident of its households, a volunteer). */
  async function belongs(exec: Exec, userId: number, path: string) {
    const bound = await pointsRepo.bindingsOf(exec, userId);
    return bound.some((b) => b.path?.startsWith(path));
  }

  async function grantOne(
    exec: Exec,
    actor: Actor,
    ctx: AuditContext,
    c: { id: number },
    userId: number,
    memo: string,
    key: string,
  ) {
    const rule = await participationRate(exec, c.id);
    const points = rule.participation;
    const r = await credit(exec, clock, {
      kind: 'grant',
      key,
      communityId: c.id,
      userId,
      points,
      memo,
      source: 'participation',
      sourceRef: null,
      actorId: actor.userId,
      rule,
    });
    if (!r.repeated)
      await audit.record(exec, ctx, {
        action: 'points.grant',
        entityKind: 'points_movement',
        entityId: r.id,
        nodeId: c.id,
        after: { userId, points, memo },
      });
    return { movementId: r.id, amount: points, repeated: r.repeated };
  }

  return {
    /** A community worker's participation grant to a person of the community. */
    async grant(actor: Actor, ctx: AuditContext, body: GrantBody) {
      const c = await communityNode(db, body.communityId);
      authorize(actor, pointsPolicy, 'manage', { path: c.path });
      if (!(await belongs(db, body.userId, c.path))) throw fieldError('userId', 'not a person of this community');
      return db.transaction(async (tx) => {
        const r = await grantOne(tx, actor, ctx, c, body.userId, body.memo, `grant:${c.id}:${body.key}`);
        return { movementId: r.movementId, amount: r.amount };
      });
    },

    /** Everyone who took part in one event: one movement each, all in one transaction (a bad person refuses all). */
    async grantMany(actor: Actor, ctx: AuditContext, body: GrantManyBody): Promise<GrantManyResult> {
      const c = await communityNode(db, body.communityId);
      authorize(actor, pointsPolicy, 'manage', { path: c.path });
      for (const [i, userId] of body.userIds.entries())
        if (!(await belongs(db, userId, c.path)))
          throw fieldError(`userIds.${i}`, '不是本社区的居民或志愿者 / not a person of this community');
      return db.transaction(async (tx) => {
        const items = [];
        for (const userId of body.userIds) {
          const r = await grantOne(tx, actor, ctx, c, userId, body.memo, `grant:${c.id}:${body.key}:${userId}`);
          items.push({ userId, ...r });
        }
        return { items };
      });
    },

    /** The people bound in a community (its households' residents, its volunteers), with their balances. */
    async holders(actor: Actor, q: { communityId: number; q?: string }) {
      const c = await communityNode(db, q.communityId);
      authorize(actor, pointsPolicy, 'manage', { path: c.path });
      const like = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
      const list = await pointsRepo.holders(db, c.path, like ? sql`u.display_name ilike ${like}` : sql`true`, 100);
      return {
        items: list.map((h) => ({
          userId: h.user_id,
          displayName: h.display_name,
          place: h.place,
          balance: Number(h.balance),
        })),
      };
    },
  };
}
