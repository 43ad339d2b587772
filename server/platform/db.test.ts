// One-statement batches of writes (writeAll) and named statements (rowsNamed), on whichever database the tests use.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from './audit/tables';
import { rows, rowsNamed, writeAll } from './db';
import { jobs } from './jobs/tables';
import { createTestApp, type TestApp } from '../testing';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const audits = async (action: string) =>
  (await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n;
const entry = (action: string) => ({
  sql: t.deps.db.insert(auditLog).values({
    at: new Date(),
    actorId: null,
    actorName: null,
    action,
    entityKind: 'test',
    entityId: '1',
    requestId: null,
  }),
});

describe('writeAll', () => {
  it('writes every part of a batch, and a later part can read an earlier part’s rows', async () => {
    const got = await writeAll<{ n: number }>(
      t.deps.db,
      [
        entry('batch.one'),
        {
          sql: t.deps.db
            .insert(jobs)
            .values({ name: 'test.batch', payload: {}, runAt: new Date(), singletonKey: 'batch-test-1' })
            .returning({ id: jobs.id }),
          as: 'made',
        },
        entry('batch.two'),
      ],
      sql`select count(*)::int as n from made`,
    );
    expect(got).toEqual([{ n: 1 }]);
    expect([await audits('batch.one'), await audits('batch.two')]).toEqual([1, 1]);
  });

  it('writes nothing of a batch when one part fails, even outside a transaction', async () => {
    const dup = () => ({
      sql: t.deps.db
        .insert(jobs)
        .values({ name: 'test.batch', payload: {}, runAt: new Date(), singletonKey: 'batch-dup' }),
    });
    await writeAll(t.deps.db, [dup()]);
    await expect(writeAll(t.deps.db, [entry('batch.lost'), dup(), entry('batch.lost')])).rejects.toThrow();
    expect(await audits('batch.lost')).toBe(0);
  });
});

describe('writeAll names', () => {
  it('refuses a batch in which two writes carry the same name, writing nothing', async () => {
    const named = (action: string) => ({ ...entry(action), as: 'same' });
    await expect(writeAll(t.deps.db, [named('batch.named'), named('batch.named')])).rejects.toThrow(/same/);
    expect(await audits('batch.named')).toBe(0);
  });

  it('answers a single write with its RETURNING rows', async () => {
    const got = await writeAll<{ id: number }>(t.deps.db, [
      {
        sql: t.deps.db
          .insert(jobs)
          .values({ name: 'test.batch', payload: {}, runAt: new Date(), singletonKey: 'batch-single' })
          .returning({ id: jobs.id }),
      },
    ]);
    expect(got).toHaveLength(1);
    expect(Number(got[0]!.id)).toBeGreaterThan(0);
  });
});

describe('rowsNamed', () => {
  it('answers a repeated statement with each call’s own values', async () => {
    const q = (x: number) => rowsNamed<{ v: number }>(t.deps.db, sql`select ${x}::int * 2 as v`);
    expect([(await q(1))[0]!.v, (await q(21))[0]!.v, (await q(-4))[0]!.v]).toEqual([2, 42, -8]);
  });
});
