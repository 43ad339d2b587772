// Two figures users reported as contradictory (issue 12 item 5), reproduced on the fixture and checked against DOMAIN.md §3:
// both follow from the definitions, which the metrics page now shows beside each figure and score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figures } from '../../../contracts/metrics';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { insertCases, loadFixture, metricsApi, type Api, type Fixture, type Spec } from './fixture';

let t: TestApp;
let api: Api;
let fx: Fixture;
let admin: Session;
const JAN = 'from=2026-01-01&to=2026-02-01';

beforeAll(async () => {
  t = await createTestApp();
  api = await metricsApi(t);
  fx = await loadFixture(t);
  admin = await t.login('admin');
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

const get = async (url: string) => {
  const r = await api.get(admin, url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const summaryOf = async (nodeId: number): Promise<Figures> =>
  (await get(`/api/metrics/summary?nodeId=${nodeId}&${JAN}`)).figures as Figures;

describe('an approved extension and the extension rate (延期率 = 延期数 / 应结案数)', () => {
  it('leaves the rate at 0% while the extended case is open within its new deadline, and counts it once it is due', async () => {
    const B = t.demo.communities[1]!.id;
    // Community B of the fixture: due 3 (closed B1 B2, overdue B4), none extended.
    const open: Spec = {
      ref: 'EXT-OPEN',
      at: 'B',
      org: 'D2',
      status: 'handling',
      created: '2026-01-20T09:00',
      registered: '2026-01-20T10:00',
      dispatched: '2026-01-20T11:00',
      extension: 1,
    };
    await insertCases(t, fx.dept, [open]);
    const before = await summaryOf(B);
    // The observation: an approved extension, and the rate says 0%. By definition: the case is neither closed nor
    // overdue, so it is not 应结案 (due), and 延期数 counts due cases only (so the rate can never pass 100%).
    expect({ extended: before.extended, due: before.due, rate: before.extensionRate }).toEqual({
      extended: 0,
      due: 3,
      rate: 0,
    });
    // Once the extended case is closed (or runs past its extended deadline) it is due, and extended.
    await insertCases(t, fx.dept, [
      { ...open, ref: 'EXT-CLOSED', status: 'closed', closed: '2026-01-28T09:00', onTime: true },
      { ...open, ref: 'EXT-OVERDUE', overdue: '2026-01-29T09:00' },
    ]);
    const after = await summaryOf(B);
    expect({ extended: after.extended, due: after.due }).toEqual({ extended: 2, due: 5 });
    expect(after.extensionRate).toBeCloseTo(2 / 5, 6);
  });
});

describe('a community scored 100 / A beside 66.7% satisfaction and a 10% return rate', () => {
  it('follows the score’s weights, which hold neither satisfaction nor returns', async () => {
    // Ten cases in a community of street 3, all closed on time and none reworked; one returned once; three rated.
    const grid = t.demo.grids[28]!;
    const community = t.demo.communities[6]!;
    const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
    await insertCases(
      t,
      fx.dept,
      Array.from({ length: 10 }, (_, i): Spec => {
        const day = String(5 + i).padStart(2, '0');
        return {
          ref: `G${i}`,
          at: grid,
          org: 'D1',
          status: 'closed',
          created: `2026-01-${day}T08:00`,
          registered: `2026-01-${day}T09:00`,
          dispatched: `2026-01-${day}T10:00`,
          closed: `2026-01-${day}T18:00`,
          onTime: true,
          returns: i === 0 ? 1 : 0,
          rating: ratings[i],
        };
      }),
    );
    const figures = await summaryOf(community.id);
    expect(figures.satisfactionRate).toBeCloseTo(2 / 3, 6);
    expect(figures.returnRate).toBeCloseTo(1 / 10, 6);
    const scores = await get(`/api/metrics/scores?kind=community&${JAN}`);
    const row = scores.rows.find((r: { id: number }) => r.id === community.id);
    // The busiest community (10 closed) has volume 100; closure 100%, on time 100%, rework 0%:
    // 100 × 10% + 100 × 30% + 100 × 30% + (100 − 0) × 30% = 100, grade A (≥ 90).
    expect(scores.weights).toEqual({ volume: 0.1, closure: 0.3, onTime: 0.3, rework: 0.3 });
    expect(row).toMatchObject({ volumeScore: 100, score: 100, grade: 'A' });
    expect(row.figures).toMatchObject({ closureRate: 1, onTimeRate: 1, reworkRate: 0 });
  });
});
