// Notifications: who hears about each step of a case, the in-app centre, and an optional signed webhook
// (for an SMS or WeChat gateway) delivered as a durable job.
import { createHmac } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { NotificationKind, NotificationQuery } from '../../../contracts/notifications';
import type { Clock } from '../../platform/clock';
import { writeAll, type Db, type Exec, type Write } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { Jobs } from '../../platform/jobs/runner';
import { decodeCursor, page } from '../../platform/pagination';
import type { Actor } from '../../platform/policy';
import { idsQuery, insertForQuery, notificationRepo as repo, usersAboveQuery } from './repo';

export type Webhook = { url: string; secret: string };
export type CaseRef = {
  id: number;
  number: string;
  nodePath: string;
  reporterUserId: number | null;
  assigneeOrganisationId: number | null;
  assigneeNodeId: number | null;
  assigneeUserId?: number | null;
};

const WEBHOOK_JOB = 'notify.webhook';
const WebhookPayload = z.object({
  id: z.number(),
  userId: z.number(),
  kind: z.string(),
  caseId: z.number().nullable(),
  title: z.string(),
  at: z.string(),
});

/** The signature a gateway checks: hex HMAC-SHA256 of `timestamp.body` with the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function createNotifier(deps: { db: Db; clock: Clock; jobs: Jobs; webhook?: Webhook; fetch?: typeof fetch }) {
  const { db, clock, jobs, webhook } = deps;
  const send = deps.fetch ?? fetch;

  if (webhook) {
    jobs.define(WEBHOOK_JOB, WebhookPayload, async (p) => {
      const body = JSON.stringify(p);
      const ts = String(Math.floor(clock.now().getTime() / 1000));
      const r = await send(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-jiayuan-timestamp': ts,
          'x-jiayuan-signature': `sha256=${signWebhook(webhook.secret, ts, body)}`,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!r.ok) throw new Error(`webhook answered ${r.status}`);
    });
  }

  async function assignees(exec: Exec, c: CaseRef): Promise<number[]> {
    if (c.assigneeUserId) return [c.assigneeUserId];
    if (c.assigneeOrganisationId) return repo.usersOfOrganisation(exec, [c.assigneeOrganisationId]);
    if (c.assigneeNodeId) return repo.usersOfNode(exec, c.assigneeNodeId);
    return [];
  }

  /**
   * The writes that notify each recipient of a `select id` subquery (but `exceptUserId`) and, with a webhook, enqueue
   * its delivery: for the caller's one-statement batch, so telling people costs no round trip of its own.
   */
  function notifyWrites(
    exec: Exec,
    recipients: SQL,
    kind: NotificationKind,
    c: CaseRef | null,
    exceptUserId: number | null,
  ): Write[] {
    const at = clock.now();
    // Named by kind, not by a counter: a batch's text must repeat for its prepared statement to be reused (so one
    // batch carries at most one notification of each kind; writeAll refuses a second).
    const as = `notified_${kind}`;
    const insert: Write = {
      sql: insertForQuery(
        recipients,
        { kind, caseId: c?.id ?? null, title: c?.number ?? kind, createdAt: at },
        exceptUserId,
      ),
      as,
    };
    if (!webhook) return [insert];
    const payload = sql`jsonb_build_object('id', n.id, 'userId', n.user_id, 'kind', ${kind}::text, 'caseId', n.case_id, 'title', n.title, 'at', ${at.toISOString()}::text)`;
    return [
      insert,
      jobs.enqueueFrom(
        WEBHOOK_JOB,
        sql`select ${payload} as payload, 'notify:' || n.id as singleton_key, ${at.toISOString()}::timestamptz as run_at from ${sql.identifier(as)} n`,
      ),
    ];
  }

  async function notify(
    exec: Exec,
    userIds: number[],
    kind: NotificationKind,
    c: CaseRef | null,
    exceptUserId: number | null,
  ) {
    if (userIds.every((u) => u === exceptUserId)) return;
    await writeAll(exec, notifyWrites(exec, idsQuery(userIds), kind, c, exceptUserId));
  }

  return {
    notify,

    /** What a new report tells the community's dispatchers, as writes for the report's own statement (no read first). */
    newReportWrites(exec: Exec, c: CaseRef, actorId: number | null): Write[] {
      return notifyWrites(exec, usersAboveQuery(c.nodePath, ['community_worker']), 'new_report', c, actorId);
    },

    /** Tells the right people about a step of a case, in the transaction of the step. */
    async onCaseEvent(
      exec: Exec,
      c: CaseRef,
      action: string,
      data: Record<string, unknown> | null,
      actorId: number | null,
    ) {
      const dispatchers = () => repo.usersAbove(exec, c.nodePath, ['community_worker']);
      // Reporters and "me too" supporters, read only for the steps that tell them (a new report has none yet).
      const followers = () => repo.followers(exec, c.id);
      switch (action) {
        case 'report':
          return notify(exec, await dispatchers(), 'new_report', c, actorId);
        // The reporter (and "me too" supporters) hear of every step that changes what happens to their report.
        case 'register':
          return notify(exec, await followers(), 'registered', c, actorId);
        case 'void':
          return notify(exec, await followers(), 'voided', c, actorId);
        case 'shelve':
          return notify(exec, await followers(), 'shelved', c, actorId);
        case 'dispatch':
          await notify(exec, await followers(), 'in_progress', c, actorId);
          return notify(exec, await assignees(exec, c), 'dispatched', c, actorId);
        case 'return':
          return notify(exec, await dispatchers(), 'returned', c, actorId);
        case 'request_extension':
          return notify(exec, await dispatchers(), 'extension', c, actorId);
        case 'decide_extension':
          return notify(exec, await assignees(exec, c), 'extension', c, actorId);
        case 'reply':
          return notify(
            exec,
            [...(await repo.usersAbove(exec, c.nodePath, ['grid_worker'])), ...(await followers())],
            'replied',
            c,
            actorId,
          );
        case 'verify':
          return data?.pass
            ? notify(exec, [...(await followers()), ...(await assignees(exec, c))], 'closed', c, actorId)
            : notify(exec, await assignees(exec, c), 'reworked', c, actorId);
        case 'rate':
          return notify(exec, await assignees(exec, c), 'rated', c, actorId);
        case 'urge':
          return notify(exec, [...(await assignees(exec, c)), ...(await dispatchers())], 'urged', c, actorId);
        case 'whistle':
          return notify(
            exec,
            await repo.usersOfOrganisation(exec, (data?.organisationIds as number[] | undefined) ?? []),
            'whistle',
            c,
            actorId,
          );
        case 'report_in_overdue':
          return notify(
            exec,
            [...(await repo.usersOfOrganisation(exec, [data?.organisationId as number])), ...(await dispatchers())],
            'overdue',
            c,
            null,
          );
        case 'reopen':
          return notify(exec, [...(await dispatchers()), ...(await followers())], 'reopened', c, actorId);
        case 'escalate':
          return notify(
            exec,
            [...(await repo.usersAbove(exec, c.nodePath, ['street_officer'])), ...(await assignees(exec, c))],
            'overdue',
            c,
            null,
          );
        case 'merged':
          return notify(exec, await followers(), 'merged', c, actorId);
        case 'due_soon':
          return notify(
            exec,
            (await assignees(exec, c)).length ? await assignees(exec, c) : await dispatchers(),
            'due_soon',
            c,
            null,
          );
      }
    },

    async list(actor: Actor, q: z.infer<typeof NotificationQuery>) {
      const cur = decodeCursor(q.cursor, 1);
      const r = await repo.list(db, actor.userId, {
        unread: q.unread,
        beforeId: cur ? Number(cur[0]) : null,
        limit: q.limit,
      });
      const p = page(r, q.limit, (x) => [x.id]);
      return {
        items: p.items.map((n) => ({
          id: n.id,
          kind: n.kind as NotificationKind,
          caseId: n.caseId,
          title: n.title,
          read: n.readAt != null,
          createdAt: n.createdAt.toISOString(),
        })),
        nextCursor: p.nextCursor,
        unreadCount: await repo.unreadCount(db, actor.userId),
      };
    },

    async markRead(actor: Actor, id: number | null) {
      const n = await repo.markRead(db, actor.userId, id, clock.now());
      if (id != null && n === 0) throw new AppError('not_found');
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;
