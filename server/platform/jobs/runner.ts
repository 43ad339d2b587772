// Background jobs on a table of the system database: enqueued in the caller's transaction, claimed with
// FOR UPDATE SKIP LOCKED so several server processes never run one job twice, retried with backoff,
// and kept across restarts (a job whose runner died is reclaimed when its lock expires).
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { rows, writeAll, type Db, type Exec, type Write } from '../db';
import { jobs } from './tables';

type Handler = (payload: unknown) => Promise<void>;
type Log = { error(obj: object, msg: string): void; info(obj: object, msg: string): void };

export type EnqueueOptions = { runAt?: Date; singletonKey?: string; maxAttempts?: number };

export type Jobs = {
  define<S extends z.ZodTypeAny>(name: string, schema: S, handler: (payload: z.infer<S>) => Promise<void>): void;
  enqueue(exec: Exec, name: string, payload: unknown, opts?: EnqueueOptions): Promise<void>;
  /** Several jobs in one statement (one round trip in a busy transaction). */
  enqueueMany(exec: Exec, items: { name: string; payload: unknown; opts?: EnqueueOptions }[]): Promise<void>;
  /** The same insert, not sent: a write for the caller's one-statement batch (`writeAll`). */
  enqueueWrite(exec: Exec, items: { name: string; payload: unknown; opts?: EnqueueOptions }[]): Write;
  /** A write enqueueing one `name` job per row of `from` (columns payload jsonb, singleton_key text, run_at timestamptz). */
  enqueueFrom(name: string, from: SQL): Write;
  /** Runs every job due now; returns how many ran. Tests call it with a fake clock. */
  runDue(limit?: number): Promise<number>;
  start(pollMs?: number): void;
  stop(): Promise<void>;
};

const LOCK_MS = 5 * 60_000;
/** Attempts before a job is given up, unless the caller says otherwise. */
const ATTEMPTS = 5;

export function createJobs(deps: { db: Db; clock: Clock; log: Log }): Jobs {
  const handlers = new Map<string, Handler>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function claim(limit: number) {
    const now = deps.clock.now();
    return rows<{ id: number; name: string; payload: unknown; attempts: number; max_attempts: number }>(
      deps.db,
      sql`update jobs set state = 'running', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + LOCK_MS)}
          where id in (
            select id from jobs
            where (state = 'queued' and run_at <= ${now}) or (state = 'running' and locked_until < ${now})
            order by run_at, id limit ${limit} for update skip locked)
          returning id, name, payload, attempts, max_attempts`,
    );
  }

  async function runOne(job: { id: number; name: string; payload: unknown; attempts: number; max_attempts: number }) {
    const handler = handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler(job.payload);
      await deps.db.execute(
        sql`update jobs set state = 'done', finished_at = ${deps.clock.now()}, locked_until = null where id = ${job.id}`,
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.log.error({ err, jobId: job.id, job: job.name }, 'job failed');
      const final = job.attempts >= job.max_attempts;
      const retryAt = new Date(deps.clock.now().getTime() + 2 ** job.attempts * 1000);
      await deps.db.execute(
        sql`update jobs set state = ${final ? 'failed' : 'queued'}, run_at = ${retryAt}, last_error = ${message.slice(0, 2000)},
            locked_until = null where id = ${job.id}`,
      );
    }
  }

  async function runDue(limit = 50): Promise<number> {
    const claimed = await claim(limit);
    for (const job of claimed) await runOne(job);
    return claimed.length;
  }

  async function tick(pollMs: number) {
    if (stopped) return;
    running = runDue().catch((err) => deps.log.error({ err }, 'job poll failed'));
    await running;
    if (!stopped) timer = setTimeout(() => void tick(pollMs), pollMs);
  }

  const enqueueWrite: Jobs['enqueueWrite'] = (exec, items) => ({
    sql: exec
      .insert(jobs)
      .values(
        items.map(({ name, payload, opts = {} }) => ({
          name,
          payload: payload as object,
          runAt: opts.runAt ?? deps.clock.now(),
          singletonKey: opts.singletonKey ?? null,
          maxAttempts: opts.maxAttempts ?? ATTEMPTS,
        })),
      )
      .onConflictDoNothing({ target: jobs.singletonKey }),
  });
  const enqueueMany: Jobs['enqueueMany'] = async (exec, items) => {
    if (items.length) await writeAll(exec, [enqueueWrite(exec, items)]);
  };

  return {
    define(name, schema, handler) {
      handlers.set(name, async (payload) => handler(schema.parse(payload)));
    },
    enqueueWrite,
    enqueueFrom: (name, from) => ({
      sql: sql`insert into jobs (name, payload, singleton_key, run_at, max_attempts)
               select ${name}, s.payload, s.singleton_key, s.run_at, ${ATTEMPTS}::int from (${from}) s on conflict (singleton_key) do nothing`,
    }),
    async enqueue(exec, name, payload, opts = {}) {
      await enqueueMany(exec, [{ name, payload, opts }]);
    },
    enqueueMany,
    runDue,
    start(pollMs = 1000) {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(() => void tick(pollMs), pollMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
