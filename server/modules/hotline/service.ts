// Work orders for people: the scoped list and one order with its audited history, settling the unresolved queue,
// unreasonable requests (propose, then approve or refuse), and the type → category mapping.
import type { z } from 'zod';
import type { OrderQuery, OrderStatus, OrderView } from '../../../contracts/hotline';
import type { AuditContext } from '../../platform/audit/service';
import { AppError, fieldError } from '../../platform/errors';
import { maskedPhoneOf, type PersonalCrypto } from '../../platform/crypto';
import { decodeCursor, page } from '../../platform/pagination';
import { authorize, can, canAnywhere, scope, type Actor } from '../../platform/policy';
import type { HotlineDeps, OrderPipeline } from './orders';
import { hotlinePolicy, orderScopeColumns } from './policy';
import { categoryMapRepo, dictionaryRepo, orderFilters, orderRepo } from './repo';
import type { OrderRow } from './tables';

type Listed = NonNullable<Awaited<ReturnType<typeof orderRepo.view>>>;

function viewOf(crypto: PersonalCrypto, r: Listed): OrderView {
  const o = r.order;
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status as OrderStatus,
    calledAt: o.calledAt.toISOString(),
    callerName: o.callerName,
    callerPhone: maskedPhoneOf(crypto, o.callerPhoneCipher),
    content: o.content,
    address: o.address,
    requestType: o.requestType,
    categoryCode: o.categoryCode,
    hotlineDeadline: o.hotlineDeadline?.toISOString() ?? null,
    handlerUnit: o.handlerUnit,
    source: o.source as 'webhook' | 'import',
    nodeId: o.nodeId,
    nodeName: r.nodeName,
    caseId: o.caseId,
    caseNumber: r.caseNumber,
    caseStatus: r.caseStatus,
    unreasonable: (o.unreasonable as OrderView['unreasonable']) ?? null,
    unreasonableReason: o.unreasonableReason,
    replyAt: o.replyAt?.toISOString() ?? null,
    replyDeliveredAt: o.replyDeliveredAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}

const HISTORY_NOTE: Record<string, (a: Record<string, unknown>) => string | null> = {
  'hotline.order_received': () => null,
  'hotline.order_resolved': (a) => `${String(a.nodeName ?? '')} ${String(a.categoryCode ?? '')}`.trim(),
  'hotline.unreasonable_proposed': (a) => String(a.reason ?? ''),
  'hotline.unreasonable_decided': (a) => `${a.approve ? '同意' : '不同意'}${a.note ? `：${String(a.note)}` : ''}`,
  'hotline.reply': (a) => String(a.result ?? ''),
};

export function createHotlineService(deps: HotlineDeps, pipeline: OrderPipeline) {
  const { db, clock, audit } = deps;

  async function visible(actor: Actor, id: number): Promise<Listed> {
    const r = await orderRepo.view(db, id);
    if (!r || !can(actor, hotlinePolicy, 'read', recordOf(r))) throw new AppError('not_found');
    return r;
  }
  const recordOf = (r: Listed) => ({
    path: r.order.nodePath,
    organisationIds: r.caseOrganisationId != null ? [r.caseOrganisationId] : [],
  });

  /** Locks the order for a change and checks the actor may take `action` on it. */
  async function locked(
    tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
    actor: Actor,
    id: number,
    action: 'operate' | 'propose' | 'decide',
  ): Promise<OrderRow> {
    const o = await orderRepo.lock(tx, id);
    const r = o && (await orderRepo.view(tx, id));
    if (!o || !r || !can(actor, hotlinePolicy, 'read', recordOf(r))) throw new AppError('not_found');
    authorize(actor, hotlinePolicy, action, recordOf(r));
    return o;
  }

  return {
    async list(actor: Actor, q: z.infer<typeof OrderQuery>) {
      const where = [scope(actor, hotlinePolicy, 'read', orderScopeColumns)];
      if (q.status) where.push(orderFilters.status(q.status));
      if (q.unreasonable) where.push(orderFilters.unreasonable(q.unreasonable));
      if (q.q) where.push(orderFilters.text(q.q));
      if (q.nodeId) {
        const n = await dictionaryRepo.node(db, q.nodeId);
        if (!n) throw fieldError('querystring.nodeId', 'unknown node');
        where.push(orderFilters.under(n.path));
      }
      const cur = decodeCursor(q.cursor, 1);
      const r = await orderRepo.list(db, where, cur ? Number(cur[0]) : null, q.limit);
      const p = page(r, q.limit, (x) => [x.order.id]);
      return { items: p.items.map((x) => viewOf(deps.crypto, x)), nextCursor: p.nextCursor };
    },

    async get(actor: Actor, id: number) {
      const r = await visible(actor, id);
      const history = (await orderRepo.history(db, id)).map((h) => ({
        at: h.at.toISOString(),
        action: h.action,
        actorName: h.actorName,
        note: HISTORY_NOTE[h.action]?.((h.after ?? {}) as Record<string, unknown>) ?? null,
      }));
      return { ...viewOf(deps.crypto, r), history };
    },

    /** Settles a queued order: the picked grid, estate or building (and category when the type was unknown); it then becomes a case. */
    async resolve(actor: Actor, ctx: AuditContext, id: number, body: { nodeId: number; categoryCode?: string }) {
      const node = await dictionaryRepo.node(db, body.nodeId);
      if (!node || node.retiredAt || !['grid', 'estate', 'building'].includes(node.kind))
        throw fieldError('nodeId', '请选择网格、小区或楼栋');
      if (!can(actor, hotlinePolicy, 'operate', { path: node.path })) throw fieldError('nodeId', '不在您的管辖范围内');
      const usable = await categoryMapRepo.usableCategories(db);
      await db.transaction(async (tx) => {
        const o = await locked(tx, actor, id, 'operate');
        if (o.status === 'created') throw new AppError('action_not_allowed');
        const categoryCode = body.categoryCode ?? o.categoryCode;
        if (!categoryCode || !usable.has(categoryCode)) throw fieldError('categoryCode', '请选择类别');
        const placed = { ...o, nodeId: node.id, nodePath: node.path, categoryCode };
        await orderRepo.update(tx, id, { nodeId: node.id, nodePath: node.path, categoryCode, updatedAt: clock.now() });
        const caseId = await pipeline.toCase(tx, placed, ctx);
        await audit.record(tx, ctx, {
          action: 'hotline.order_resolved',
          entityKind: 'hotline_order',
          entityId: id,
          nodeId: node.id,
          nodePath: node.path,
          before: { status: o.status },
          after: { nodeName: node.name, categoryCode, caseId },
        });
      });
      return this.get(actor, id);
    },

    /** 不合理诉求: a handler says the request is unreasonable and why; it counts until a street or district officer approves. */
    async propose(actor: Actor, ctx: AuditContext, id: number, reason: string) {
      await db.transaction(async (tx) => {
        const o = await locked(tx, actor, id, 'propose');
        if (o.unreasonable === 'proposed' || o.unreasonable === 'approved') throw new AppError('action_not_allowed');
        await orderRepo.update(tx, id, {
          unreasonable: 'proposed',
          unreasonableReason: reason,
          updatedAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'hotline.unreasonable_proposed',
          entityKind: 'hotline_order',
          entityId: id,
          nodeId: o.nodeId,
          nodePath: o.nodePath,
          before: { unreasonable: o.unreasonable },
          after: { reason },
        });
      });
      return this.get(actor, id);
    },

    async decide(actor: Actor, ctx: AuditContext, id: number, body: { approve: boolean; note?: string }) {
      await db.transaction(async (tx) => {
        const o = await locked(tx, actor, id, 'decide');
        if (o.unreasonable !== 'proposed') throw new AppError('action_not_allowed');
        const next = body.approve ? 'approved' : 'refused';
        await orderRepo.update(tx, id, { unreasonable: next, updatedAt: clock.now() });
        await audit.record(tx, ctx, {
          action: 'hotline.unreasonable_decided',
          entityKind: 'hotline_order',
          entityId: id,
          nodeId: o.nodeId,
          nodePath: o.nodePath,
          before: { unreasonable: 'proposed' },
          after: { approve: body.approve, note: body.note ?? null },
        });
      });
      return this.get(actor, id);
    },

    categoryMap: async () => ({ items: await categoryMapRepo.list(db) }),

    async putCategoryMap(actor: Actor, ctx: AuditContext, v: { hotlineType: string; categoryCode: string }) {
      if (!canAnywhere(actor, hotlinePolicy, 'configure')) throw new AppError('forbidden');
      if (!(await categoryMapRepo.usableCategories(db)).has(v.categoryCode))
        throw fieldError('categoryCode', '类别不存在或已停用');
      await db.transaction(async (tx) => {
        await categoryMapRepo.upsert(tx, v, clock.now());
        await audit.record(tx, ctx, {
          action: 'hotline.category_map',
          entityKind: 'hotline_category_map',
          entityId: v.hotlineType,
          after: v,
        });
      });
      return { items: await categoryMapRepo.list(db) };
    },
  };
}
export type HotlineService = ReturnType<typeof createHotlineService>;
