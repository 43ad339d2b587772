// Replies (回单): a periodic sweep finds hotline cases that were closed or voided, snapshots the reply on the order, and
// a durable job posts it, signed, to HOTLINE_REPLY_URL with retries; the replies of a period are also an Excel export.
import { z } from 'zod';
import type { ReplyPayload } from '../../../contracts/hotline';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import type { LedgerColumn, LedgerDeclaration } from '../../platform/ledgers';
import { redactPersonalText } from '../../platform/redact';
import { can, canAnywhere, scope, type Actor } from '../../platform/policy';
import { periodOf, shanghaiWallClock } from '../metrics';
import { signWebhook } from '../notifications';
import type { HotlineDeps } from './orders';
import { hotlinePolicy, orderScopeColumns } from './policy';
import { replyRepo } from './repo';

export const SWEEP_JOB = 'hotline.reply_sweep';
export const DELIVER_JOB = 'hotline.reply_deliver';
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 200;
const DeliverPayload = z.object({ orderId: z.number(), key: z.string() });
type ReplyRow = Awaited<ReturnType<typeof replyRepo.batch>>[number];
const replyOf = (o: ReplyRow) => o.reply!;
const REPLY_COLUMNS: LedgerColumn<ReplyRow>[] = [
  { header: '工单编号', value: (o) => o.orderNo },
  { header: '案件编号', value: (o) => replyOf(o).caseNumber },
  { header: '办理结果', value: (o) => (replyOf(o).outcome === 'voided' ? '作废' : '办结') },
  // Snapshotted already without ID and card numbers; contact phones stay, as the reply to the centre keeps them.
  { header: '处理情况', personal: 'text', keep: ['mobile', 'landline', 'email'], value: (o) => replyOf(o).result },
  { header: '承办单位', value: (o) => replyOf(o).handlerUnit },
  {
    header: '回复时间',
    value: (o) =>
      shanghaiWallClock(new Date(replyOf(o).repliedAt))
        .toISOString()
        .slice(0, 16)
        .replace('T', ' '),
  },
  { header: '已送达', value: (o) => (o.replyDeliveredAt ? '是' : '否') },
];

/** The replies export as the platform lists it (GET /api/ledgers) and writes it: whoever operates the hotline. */
export const REPLY_LEDGER: LedgerDeclaration = {
  id: 'hotline-replies',
  module: 'hotline',
  title: '12345回单',
  path: '/api/hotline/replies.xlsx',
  node: null,
  period: { kind: 'range', from: 'from', to: 'to' },
  sheets: [{ name: '回单', columns: REPLY_COLUMNS }],
  audit: { action: 'hotline.reply_export', entityKind: 'hotline_reply' },
  may: (actor, node) =>
    node ? can(actor, hotlinePolicy, 'operate', node) : canAnywhere(actor, hotlinePolicy, 'operate'),
};

export function createReplies(deps: HotlineDeps & { fetch?: typeof fetch }) {
  const { db, clock, jobs, config, audit, ledgers } = deps;
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
      async function* batches(): AsyncGenerator<ReplyRow[]> {
        for (let after = 0; ;) {
          const batch = await replyRepo.batch(db, where, p, after, 500);
          yield batch;
          if (batch.length < 500) return;
          after = batch[batch.length - 1]!.id;
        }
      }
      return ledgers.write(REPLY_LEDGER, actor, ctx, {
        node: null,
        period: `${p.fromDate} 至 ${p.toDate}（不含）`,
        filename: `12345回单_${p.fromDate}_${p.toDate}.xlsx`,
        rows: [batches()],
        audit: { entityId: `${p.fromDate}..${p.toDate}`, after: { from: p.fromDate, to: p.toDate } },
      });
    },
  };
}
export type Replies = ReturnType<typeof createReplies>;
