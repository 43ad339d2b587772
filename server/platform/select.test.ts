// Compiled selects answer exactly what Drizzle's own select of the same fields answers, on whichever database the
// tests use (dates as Dates, JSON as objects, nulls as null, SQL expressions with and without a decoder).
import { asc, getTableColumns, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from './jobs/tables';
import { compileSelect } from './select';
import { createTestApp, type TestApp } from '../testing';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.deps.db.insert(jobs).values([
    { name: 'test.select', payload: { a: [1, 'x'], b: null }, runAt: new Date('2026-01-02T03:04:05.678Z') },
    {
      name: 'test.select',
      payload: { nested: { 名: '家园' } },
      runAt: new Date('2026-02-03T04:05:06Z'),
      lockedUntil: new Date('2026-02-03T05:00:00Z'),
      lastError: 'it’s "quoted"',
      singletonKey: 'select-test',
    },
  ]);
});
afterAll(() => t?.close());

const extra = {
  upper: sql<string>`upper(${jobs.name})`,
  tries: sql<number>`${jobs.attempts} + 1`.mapWith(Number),
  missing: sql<string | null>`null::text`,
};
const compiled = compileSelect({ ...getTableColumns(jobs), ...extra }, sql`${jobs}`);

describe('compileSelect', () => {
  it('gives the same rows as Drizzle’s select of the same fields', async () => {
    const drizzle = await t.deps.db
      .select({ ...getTableColumns(jobs), ...extra })
      .from(jobs)
      .where(inArray(jobs.name, ['test.select']))
      .orderBy(asc(jobs.id));
    const ours = await compiled.run(t.deps.db, sql`where ${jobs.name} in (${'test.select'}) order by ${jobs.id} asc`);
    expect(drizzle).toHaveLength(2);
    expect(ours).toEqual(drizzle);
    expect(ours[0]!.runAt).toBeInstanceOf(Date);
    expect(ours[0]!.runAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(ours[1]!.payload).toEqual({ nested: { 名: '家园' } });
    expect(ours[0]!.lockedUntil).toBeNull();
    expect(ours[0]!.tries).toBe(1);
    expect(ours[0]!.upper).toBe('TEST.SELECT');
  });

  it('takes the tail’s values as parameters, so one text serves every value', async () => {
    const a = await compiled.run(t.deps.db, sql`where ${jobs.singletonKey} = ${'select-test'}`);
    const b = await compiled.run(t.deps.db, sql`where ${jobs.singletonKey} = ${"x' or true --"}`);
    expect(a.map((r) => r.lastError)).toEqual(['it’s "quoted"']);
    expect(b).toEqual([]);
  });

  it('refuses a selection that carries a parameter (it is rendered once for every call)', () => {
    expect(() => compileSelect({ x: sql`${1}` }, sql`${jobs}`)).toThrow(/must not carry parameters/);
  });
});
