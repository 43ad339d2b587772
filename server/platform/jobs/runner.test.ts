// Background jobs: transactional enqueue, singleton keys, due times on a fake clock, retries, no double runs.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FakeClock } from '../clock';
import { rows, type Database } from '../db';
import { openTestDatabase } from '../test-db';
import { createJobs } from './runner';

let database: Database;
const clock = new FakeClock(new Date('2026-05-01T08:00:00+08:00'));
const log = { error() {}, info() {} };

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const state = async (name: string) =>
  rows<{ state: string; attempts: number }>(
    database.db,
    sql`select state, attempts from jobs where name = ${name} order by id`,
  );

describe('jobs', () => {
  it('enqueues inside the caller’s transaction: a rollback leaves no job', async () => {
    const jobs = createJobs({ db: database.db, clock, log });
    await database.db
      .transaction(async (tx) => {
        await jobs.enqueue(tx, 'rolled-back', {});
        throw new Error('abort');
      })
      .catch(() => {});
    expect(await state('rolled-back')).toHaveLength(0);
  });

  it('runs a job when it is due, once, and a singleton key is enqueued once', async () => {
    const jobs = createJobs({ db: database.db, clock, log });
    const seen: number[] = [];
    jobs.define('remind', z.object({ n: z.number() }), async (p) => {
      seen.push(p.n);
    });
    await jobs.enqueue(
      database.db,
      'remind',
      { n: 1 },
      { runAt: new Date(clock.now().getTime() + 3_600_000), singletonKey: 'remind:1' },
    );
    await jobs.enqueue(
      database.db,
      'remind',
      { n: 1 },
      { runAt: new Date(clock.now().getTime() + 3_600_000), singletonKey: 'remind:1' },
    );
    expect(await jobs.runDue()).toBe(0);
    clock.advance(3_600_000);
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    expect(seen).toEqual([1]);
    expect(await state('remind')).toEqual([{ state: 'done', attempts: 1 }]);
  });

  it('retries a failing job with backoff and gives up after its attempts', async () => {
    const jobs = createJobs({ db: database.db, clock, log });
    let calls = 0;
    jobs.define('flaky', z.object({}), async () => {
      calls++;
      throw new Error('down');
    });
    await jobs.enqueue(database.db, 'flaky', {}, { maxAttempts: 3 });
    for (let i = 0; i < 5; i++) {
      await jobs.runDue();
      clock.advance(60_000);
    }
    expect(calls).toBe(3);
    expect(await state('flaky')).toEqual([{ state: 'failed', attempts: 3 }]);
  });

  it('two runners on one database never run the same job twice', async () => {
    const a = createJobs({ db: database.db, clock, log });
    const b = createJobs({ db: database.db, clock, log });
    const runs = new Map<number, number>();
    const handler = async (p: { i: number }) => {
      runs.set(p.i, (runs.get(p.i) ?? 0) + 1);
    };
    a.define('count', z.object({ i: z.number() }), handler);
    b.define('count', z.object({ i: z.number() }), handler);
    for (let i = 0; i < 40; i++) await a.enqueue(database.db, 'count', { i });
    await Promise.all([a.runDue(7), b.runDue(7), a.runDue(7), b.runDue(7), a.runDue(50), b.runDue(50)]);
    await Promise.all([a.runDue(), b.runDue()]);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('reclaims a job whose runner died mid-run once its lock expires', async () => {
    const jobs = createJobs({ db: database.db, clock, log });
    let runs = 0;
    jobs.define('orphan', z.object({}), async () => {
      runs++;
    });
    await jobs.enqueue(database.db, 'orphan', {});
    // Simulate a crash after claiming: the row is left 'running' with a lock.
    await database.db.execute(
      sql`update jobs set state = 'running', locked_until = ${new Date(clock.now().getTime() + 300_000)} where name = 'orphan'`,
    );
    expect(await jobs.runDue()).toBe(0);
    clock.advance(301_000);
    expect(await jobs.runDue()).toBe(1);
    expect(runs).toBe(1);
  });
});
