// The inbound webhook: the hotline platform posts one work order as signed JSON; a retried post changes nothing.
import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { OrderStatus, WebhookOrder, WebhookRating } from '../../../contracts/hotline';
import { AppError } from '../../platform/errors';
import { signWebhook } from '../notifications';
import { createCaseLoop } from '../cases';
import { gridOfPath } from './address';
import { toNewOrder } from './fields';
import type { HotlineDeps, OrderPipeline } from './orders';
import { serviceActor } from './policy';
import { dictionaryRepo, orderRepo } from './repo';

/** How far the sender's clock may be from ours; older signed requests are refused as replays. */
export const MAX_SKEW_MS = 5 * 60_000;
export const SIGNATURE_HEADER = 'x-jiayuan-signature';
export const TIMESTAMP_HEADER = 'x-jiayuan-timestamp';

/**
 * Checks `x-jiayuan-signature: sha256=<hex>`, the HMAC-SHA256 with the shared secret of `<timestamp>.<raw body>` (the same
 * scheme as our outbound webhooks), where `x-jiayuan-timestamp` is Unix seconds within five minutes of now. Signing the
 * timestamp with the body means an old request cannot be replayed under a fresh timestamp.
 */
export function verifySignature(
  secret: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now: Date,
): void {
  // No secret configured: the endpoint is closed rather than open to anyone.
  if (!secret) throw new AppError('forbidden', [{ path: 'headers', message: 'hotline webhook is not configured' }]);
  const sig = headers[SIGNATURE_HEADER];
  const ts = headers[TIMESTAMP_HEADER];
  if (typeof sig !== 'string' || typeof ts !== 'string' || !/^\d{1,12}$/.test(ts))
    throw new AppError('unauthenticated', [{ path: 'headers', message: 'missing signature or timestamp' }]);
  if (Math.abs(now.getTime() - Number(ts) * 1000) > MAX_SKEW_MS)
    throw new AppError('unauthenticated', [
      { path: TIMESTAMP_HEADER, message: 'timestamp outside the allowed window' },
    ]);
  const want = Buffer.from(`sha256=${signWebhook(secret, ts, rawBody)}`);
  const got = Buffer.from(sig);
  if (got.length !== want.length || !timingSafeEqual(got, want))
    throw new AppError('unauthenticated', [{ path: SIGNATURE_HEADER, message: 'bad signature' }]);
}

export function createWebhookReceiver(deps: HotlineDeps, pipeline: OrderPipeline) {
  const { db, audit } = deps;
  const { actions } = createCaseLoop(deps);

  return {
    /** Stores the order and makes its case (or queues it); the same number again returns the first answer. */
    async receive(body: WebhookOrder, requestId: string) {
      const known = await orderRepo.byNo(db, body.orderNo);
      if (known)
        return { orderId: known.id, status: known.status as OrderStatus, caseId: known.caseId, created: false };
      const ctx = { actorId: await pipeline.serviceUser(), actorName: '12345热线', requestId };
      const { book, categoryOf } = await pipeline.placer(db);
      const order = toNewOrder({
        ...body,
        calledAt: new Date(body.calledAt),
        hotlineDeadline: body.deadline ? new Date(body.deadline) : undefined,
      });
      const match = book.match(order.address);
      const place = {
        categoryCode: categoryOf(order.requestType),
        nodeId: match?.nodeId ?? null,
        nodePath: match?.nodePath ?? null,
      };
      const root = await dictionaryRepo.rootPath(db);
      const r = await db.transaction(async (tx) => {
        const out = await pipeline.receive(tx, [{ order, place }], 'webhook', root, ctx);
        const o = out.inserted[0];
        if (o)
          await audit.record(tx, ctx, {
            action: 'hotline.order_received',
            entityKind: 'hotline_order',
            entityId: o.id,
            nodeId: o.nodeId,
            nodePath: o.nodePath,
            after: { orderNo: o.orderNo, status: o.status, caseId: o.caseId },
          });
        return o;
      });
      if (r) return { orderId: r.id, status: r.status as OrderStatus, caseId: r.caseId, created: true };
      // Two deliveries raced: the other one stored it.
      const again = (await orderRepo.byNo(db, body.orderNo))!;
      return { orderId: again.id, status: again.status as OrderStatus, caseId: again.caseId, created: false };
    },

    /**
     * Records the follow-up call's rating on the closed case through the case actions, as the reporter (the service
     * actor reported the case, and only the reporter may rate). The same rating again changes nothing.
     */
    async rate(body: z.infer<typeof WebhookRating>, requestId: string) {
      const c = await orderRepo.caseState(db, body.orderNo);
      if (!c) throw new AppError('not_found');
      if (c.rating === body.rating) return { orderId: c.orderId, caseId: c.caseId, rating: c.rating, changed: false };
      const grid = gridOfPath(c.casePath)!;
      const ctx = { actorId: await pipeline.serviceUser(), actorName: '12345热线', requestId };
      await actions.act(serviceActor(ctx.actorId, grid), ctx, c.caseId, {
        action: 'rate',
        version: c.version,
        rating: body.rating,
        comment: body.comment,
      });
      return { orderId: c.orderId, caseId: c.caseId, rating: body.rating, changed: true };
    },
  };
}
export type WebhookReceiver = ReturnType<typeof createWebhookReceiver>;
