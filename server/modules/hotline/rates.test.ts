// The three hotline rates on a hand-built fixture against hand-computed values, the formula settings, and an approved
// unreasonable request dropping out of every rate (propose, refuse, propose, approve; each step audited).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { cases } from '../cases';
import { estates, postOrder, SECRET } from './testing';

const clock = new FakeClock(new Date('2026-11-10T09:00:00+08:00'));
let t: TestApp;
const s: Record<string, Session> = {};
const ids: Record<string, { orderId: number; caseId: number }> = {};
const H = 3_600_000;
const at = (h: number) => new Date(clock.now().getTime() + h * H);

/** Six hotline cases taken in on 2026-11-10; what happened to each (hours after intake). */
const FIXTURE: Record<string, { registered?: number; closed?: number; status: string; rating?: string }> = {
  o1: { registered: 1, closed: 30, status: 'closed', rating: 'satisfied' },
  o2: { registered: 2, closed: 40, status: 'closed', rating: 'basically_satisfied' },
  o3: { registered: 30, closed: 60, status: 'closed', rating: 'unsatisfied' },
  o4: { registered: 3, closed: 50, status: 'closed' },
  o5: { status: 'reported' },
  o6: { registered: 1, status: 'handling' },
};
const rates = async (who = 'admin', q = 'from=2026-11-01&to=2026-12-01') => {
  const r = await t.as(s[who]!, { method: 'GET', url: `/api/hotline/rates?${q}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

beforeAll(async () => {
  t = await createTestApp({
    clock,
    config: { hotline: { webhookSecret: SECRET, replyUrl: undefined, replySecret: undefined } },
  });
  for (const u of ['admin', 'street1', 'community1', 'grid1']) s[u] = await t.login(u);
  const estate = (await estates(t)).find((e) => e.path.startsWith(t.demo.grids[0]!.path))!.name;
  for (const [no, f] of Object.entries(FIXTURE)) {
    const r = (
      await postOrder(t, {
        orderNo: no,
        calledAt: '2026-11-10T08:50:00+08:00',
        content: '诉求',
        address: `${estate}1号楼`,
        requestType: '噪音扰民',
      })
    ).json();
    ids[no] = r;
    await t.deps.db
      .update(cases)
      .set({
        status: f.status,
        registeredAt: f.registered != null ? at(f.registered) : null,
        closedAt: f.closed != null ? at(f.closed) : null,
        rating: f.rating ?? null,
      })
      .where(eq(cases.id, r.caseId));
  }
});
afterAll(() => t.close());

describe('hotline rates', () => {
  it('match hand-computed values with the default formulas, shown with their text', async () => {
    const r = await rates();
    // Intake 6; registered within 24 h: o1 o2 o4 o6 = 4. Closed 4; solved (not rated unsatisfied) o1 o2 o4 = 3.
    // Rated 3; satisfied 1 + basically satisfied 1 = 2.
    expect(r.response).toMatchObject({ numerator: 4, denominator: 6 });
    expect(r.response.value).toBeCloseTo(4 / 6);
    expect(r.resolution).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    expect(r.satisfaction).toMatchObject({ numerator: 2, denominator: 3 });
    expect(r.response.formula).toContain('24 小时内立案');
    expect(r.satisfaction.formula).toContain('满意数 × 1 + 基本满意数 × 1');
    expect(r.excluded).toBe(0);
    // Another month holds none of them: no rate, no division by zero.
    const empty = await rates('admin', 'from=2026-10-01&to=2026-11-01');
    expect(empty.response).toMatchObject({ denominator: 0, value: null });
    // A street officer of another street sees nothing of it; street1 sees the same figures.
    expect((await rates('street1')).response.denominator).toBe(6);
  });

  it('drop an approved unreasonable request; a refused one still counts; every step is on the order', async () => {
    const o3 = ids.o3!.orderId;
    const propose = (reason: string) =>
      t.as(s.community1!, { method: 'POST', url: `/api/hotline/orders/${o3}/unreasonable`, payload: { reason } });
    const decide = (who: string, approve: boolean) =>
      t.as(s[who]!, {
        method: 'POST',
        url: `/api/hotline/orders/${o3}/unreasonable/decision`,
        payload: { approve, note: approve ? '属实' : '理由不足' },
      });
    expect((await propose('诉求人要求拆除合法建筑')).statusCode).toBe(200);
    expect((await decide('community1', true)).statusCode).toBe(403);
    expect((await decide('street1', false)).json().unreasonable).toBe('refused');
    expect((await rates()).excluded).toBe(0);
    expect((await propose('补充材料：规划许可齐全')).statusCode).toBe(200);
    expect((await propose('again')).statusCode).toBe(409);
    const approved = (await decide('street1', true)).json();
    expect(approved.unreasonable).toBe('approved');
    expect(approved.history.map((h: { action: string }) => h.action)).toEqual([
      'hotline.order_received',
      'hotline.unreasonable_proposed',
      'hotline.unreasonable_decided',
      'hotline.unreasonable_proposed',
      'hotline.unreasonable_decided',
    ]);
    expect(approved.history[2].note).toBe('不同意：理由不足');
    const r = await rates();
    // Without o3: intake 5, responded 4; closed 3, solved 3; rated 2, satisfied 2.
    expect(r.excluded).toBe(1);
    expect(r.response).toMatchObject({ numerator: 4, denominator: 5, value: 0.8 });
    expect(r.resolution).toMatchObject({ numerator: 3, denominator: 3, value: 1 });
    expect(r.satisfaction).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
  });

  it('follow the stored formula settings, which only a district administrator may change', async () => {
    const next = { responseHours: 48, resolution: 'rating_only', satisfiedWeight: 1, basicallySatisfiedWeight: 0.8 };
    expect(
      (await t.as(s.street1!, { method: 'PUT', url: '/api/hotline/settings/rates', payload: next })).statusCode,
    ).toBe(403);
    expect(
      (await t.as(s.admin!, { method: 'PUT', url: '/api/hotline/settings/rates', payload: next })).statusCode,
    ).toBe(200);
    const r = await rates();
    // o3 is still excluded. Within 48 h: o1 o2 o4 o6 = 4 of 5. Solved by rating only: o1 o2 = 2 of 3 closed.
    // Satisfaction (1 × 1 + 1 × 0.8) / 2 = 0.9.
    expect(r.response).toMatchObject({ numerator: 4, denominator: 5 });
    expect(r.resolution).toMatchObject({ numerator: 2, denominator: 3 });
    expect(r.satisfaction.numerator).toBeCloseTo(1.8);
    expect(r.satisfaction.value).toBeCloseTo(0.9);
    expect(r.response.formula).toContain('48 小时内立案');
    expect(r.resolution.formula).toContain('评价为满意或基本满意');
  });

  it('are not for grid workers', async () => {
    expect((await t.as(s.grid1!, { method: 'GET', url: '/api/hotline/rates' })).statusCode).toBe(403);
  });
});
