// The shop's items as staff keep them: the list of the communities they keep, a partner merchant's new item, and
// changes of price, stock (never below zero) and withdrawal.
import { sql } from 'drizzle-orm';
import type { CreateItemBody, ShopItem, UpdateItemBody } from '../../../contracts/points';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { authorize, can, scope, type Actor } from '../../platform/policy';
import { communityNode } from './credit';
import { pointsPolicy } from './policy';
import { pointsRepo } from './repo';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'>;

/** A shop item row as the API shows it. */
export function toItem(i: Awaited<ReturnType<typeof pointsRepo.items>>[number]): ShopItem {
  return {
    id: i.id,
    communityId: i.node_id,
    communityName: i.node_name,
    organisationId: i.organisation_id,
    merchantName: i.merchant_name,
    name: i.name,
    description: i.description,
    price: i.price,
    stock: i.stock,
    active: i.active,
  };
}

export function createItems({ db, clock, audit }: Deps) {
  return {
    async items(actor: Actor): Promise<{ items: ShopItem[] }> {
      const where = scope(actor, pointsPolicy, 'manage', { path: sql`n.path` });
      return { items: (await pointsRepo.items(db, where)).map(toItem) };
    },

    async createItem(actor: Actor, ctx: AuditContext, body: CreateItemBody) {
      const c = await communityNode(db, body.communityId);
      authorize(actor, pointsPolicy, 'manage', { path: c.path });
      const org = await pointsRepo.organisation(db, body.organisationId);
      if (!org || org.retired) throw fieldError('organisationId', '商户不存在或已撤销 / unknown merchant');
      return db.transaction(async (tx) => {
        const id = await pointsRepo.insertItem(tx, {
          nodeId: c.id,
          organisationId: body.organisationId,
          name: body.name,
          description: body.description || null,
          price: body.price,
          stock: body.stock,
          createdAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'points.item_create',
          entityKind: 'points_item',
          entityId: id,
          nodeId: c.id,
          after: body,
        });
        return { id };
      });
    },

    async updateItem(actor: Actor, ctx: AuditContext, id: number, body: UpdateItemBody) {
      const item = await pointsRepo.item(db, id);
      if (!item || !can(actor, pointsPolicy, 'manage', { path: item.path })) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        if (!(await pointsRepo.changeItem(tx, id, body))) throw fieldError('stockDelta', 'stock cannot go below zero');
        await audit.record(tx, ctx, {
          action: 'points.item_update',
          entityKind: 'points_item',
          entityId: id,
          nodeId: item.node_id,
          before: { price: item.price, stock: item.stock, active: item.active },
          after: body,
        });
      });
      return { id };
    },
  };
}
