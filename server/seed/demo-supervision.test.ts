import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../platform/db';
import { createTestApp, type TestApp } from '../testing';
import { seedSupervisionDemo } from './demo-supervision';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedSupervisionDemo(t.deps.db, t.deps.clock);
});
afterAll(() => t.close());

describe('supervision demo data', () => {
  it('puts a company on each list, leaves the demo residents a survey to answer, keeps the fund positive', async () => {
    const pub = (await t.as(null, { method: 'GET', url: '/api/supervision/public/lists' })).json().items;
    expect(pub.map((x: { list: string }) => x.list).sort()).toEqual(['black', 'red']);
    const resident = await t.login('resident1');
    const open = (await t.as(resident, { method: 'GET', url: '/api/supervision/surveys' })).json().items;
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.every((s: { answered: boolean }) => !s.answered)).toBe(true);
    const community1 = await t.login('community1');
    const sc = await t.as(community1, {
      method: 'GET',
      url: `/api/supervision/scorecards?year=${new Date().getFullYear()}`,
    });
    expect(sc.statusCode).toBe(200);
    expect(sc.json().items.length).toBeGreaterThanOrEqual(4);
    expect(sc.json().communityRating.n).toBe(8);
    const [b] = await rows<{ n: number }>(t.deps.db, sql`select min(balance_cents)::int as n from fund_entries`);
    expect(b!.n).toBeGreaterThan(0);
  });
});
