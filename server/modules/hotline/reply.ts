// Replies (回单): a periodic sweep finds hotline cases that were closed or voided, snapshots the reply on the order, and
// a durable job posts it, signed, to HOTLINE_REPLY_URL with retries; the replies of a period are also an Excel export.
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { ReplyPayload } from '../../../contracts/hotline';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import { redactPersonalText } from '../../platform/redact';
import { canAnywhere, scope, type Actor } from '../../platform/policy';
import { periodOf, shanghaiWallClock } from '../metrics';
import { signWebhook } from '../notifications';
import { writeWorkbook } from '../people';
import type { HotlineDeps } from './orders';
import { hotlinePolicy, orderScopeColumns } from './policy';
import { replyRepo } from './repo';

export const SWEEP_JOB = 'hotline.reply_sweep';
export const DELIVER_JOB = 'hotline.reply_deliver';
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 200;
const DeliverPayload = z.object({ orderId: z.number(), key: z.string() });
const REPLY_HEADERS = ['工单编号', '案件编号', '办理结果', '处理情况', '承办单位', '回复时间', '已送达'] as const;

export function createReplies(deps: HotlineDeps & { fetch?: typeof fetch }) {
  const { db, clock, jobs, config, audit } = deps;
  const send = deps.fetch ?? fetch;
  const target =
    config.hotline.replyUrl && config.hotline.replySecret
      ? { url: config.hotline.replyUrl, secret: config.hotline.replySecret }
      : null;

  /** Snapshots the reply of every newly ended hotline case and queues its delivery, each order in its own transaction. */
  async function sweep(): Promise<number> {
    let n = 0;
    for (;;) {
      const due = await replyRepo.due(db, SWEEP_BATCH);
      for (const c of due) {
        const reply: ReplyPayload = {
          orderNo: c.orderNo,
          caseNumber: c.caseNumber,
          outcome: c.status === 'voided' ? 'voided' : 'closed',
          // The centre is an official body that calls the caller back, so contact phones stay; ID numbers, cards and other
          // long numbers a handler typed about third parties never leave (the snapshot, the webhook and the export).
          result:
            redactPersonalText(c.result, { keep: ['mobile', 'landline', 'email'] }) ??
            (c.status === 'voided' ? '已作废' : '已办结'),
          handlerUnit: c.handler,
          repliedAt: new Date(c.at).toISOString(),
        };
        await db.transaction(async (tx) => {
          await replyRepo.markReplied(tx, c.orderId, reply, c.replyKey, clock.now());
          const ctx: AuditContext = { actorId: null, actorName: '12345热线回单', requestId: null };
          await audit.record(tx, ctx, {
            action: 'hotline.reply',
            entityKind: 'hotline_order',
            entityId: c.orderId,
            after: reply,
          });
          if (target)
            await jobs.enqueue(
              tx,
              DELIVER_JOB,
              { orderId: c.orderId, key: c.replyKey },
              { singletonKey: `hotline:reply:${c.orderId}:${c.replyKey}`, maxAttempts: 10 },
            );
        });
        n++;
      }
      if (due.length < SWEEP_BATCH) return n;
    }
  }

  /** Queues the next sweep; the singleton key per minute keeps several server processes from doubling it. */
  async function scheduleSweep(after = 0) {
    const runAt = new Date(Math.ceil((clock.now().getTime() + after) / SWEEP_EVERY_MS) * SWEEP_EVERY_MS);
    await jobs.enqueue(db, SWEEP_JOB, {}, { runAt, singletonKey: `hotline:sweep:${runAt.getTime()}` });
  }

  jobs.define(SWEEP_JOB, z.object({}), async () => {
    try {
      await sweep();
    } finally {
      await scheduleSweep(SWEEP_EVERY_MS);
    }
  });

  jobs.define(DELIVER_JOB, DeliverPayload, async ({ orderId, key }) => {
    const o = await replyRepo.byId(db, orderId);
    // A newer ending (reopened and closed again) has its own job; this one is stale.
    if (!target || !o || o.replyKey !== key || !o.reply || o.replyDeliveredAt) return;
    const body = JSON.stringify(o.reply);
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const r = await send(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-jiayuan-timestamp': ts,
        'x-jiayuan-signature': `sha256=${signWebhook(target.secret, ts, body)}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!r.ok) throw new Error(`hotline reply endpoint answered ${r.status}`);
    await replyRepo.delivered(db, orderId, key, clock.now());
  });

  return {
    sweep,
    scheduleSweep,

    /** The replies made in a period within the actor's area, as a streamed workbook (audited: it carries results). */
    async exportReplies(actor: Actor, ctx: AuditContext, q: { from?: string; to?: string }) {
      if (!canAnywhere(actor, hotlinePolicy, 'operate')) throw new AppError('forbidden');
      const p = periodOf(q, clock.now());
      const where = scope(actor, hotlinePolicy, 'operate', orderScopeColumns);
      await audit.record(db, ctx, {
        action: 'hotline.reply_export',
        entityKind: 'hotline_reply',
        entityId: `${p.fromDate}..${p.toDate}`,
      });
      async function* rows() {
        let after = 0;
        for (;;) {
          const batch = await replyRepo.batch(db, where, p, after, 500);
          for (const o of batch) {
            const r = o.reply!;
            yield [
              o.orderNo,
              r.caseNumber,
              r.outcome === 'voided' ? '作废' : '办结',
              r.result,
              r.handlerUnit,
              shanghaiWallClock(new Date(r.repliedAt)).toISOString().slice(0, 16).replace('T', ' '),
              o.replyDeliveredAt ? '是' : '否',
            ];
          }
          if (batch.length < 500) return;
          after = batch[batch.length - 1]!.id;
        }
      }
      const stream = new PassThrough();
      void writeWorkbook(stream, '回单', REPLY_HEADERS, rows()).catch((err) => stream.destroy(err as Error));
      return { filename: `12345回单_${p.fromDate}_${p.toDate}.xlsx`, stream };
    },
  };
}
export type Replies = ReturnType<typeof createReplies>;
