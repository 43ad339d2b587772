// Similar open reports before sending: nearby ones, and further ones that read alike; the likeness measure itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { textSimilarity } from './similarity';

let t: TestApp;
let grid1: Session;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
// Inside grid1: the point the other tests report at, and one about 500 m north of it.
const here = { lat: 39.92, lng: 116.305 };
const further = { lat: 39.9245, lng: 116.305 };

beforeAll(async () => {
  t = await createTestApp({ clock });
  grid1 = await t.login('grid1');
});
afterAll(() => t?.close());

const report = async (description: string, location: { lat: number; lng: number }, categoryCode = 'E0102') =>
  (await t.as(grid1, { method: 'POST', url: '/api/cases', payload: { categoryCode, description, location } })).json()
    .id as number;
const similar = async (q: Record<string, string | number>) =>
  (
    await t.as(grid1, {
      method: 'GET',
      url: `/api/cases/similar?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
    })
  ).json();

describe('similar reports', () => {
  it('scores the same complaint in other words above an unrelated one', () => {
    const a = '小区东门垃圾桶满了没人清运，气味很大';
    expect(textSimilarity(a, a)).toBe(1);
    expect(textSimilarity(a, '东门的垃圾桶满了，好几天没人清运')).toBeGreaterThan(0.35);
    expect(textSimilarity(a, '路灯不亮，晚上很黑')).toBeLessThan(0.1);
    expect(textSimilarity('', a)).toBe(0);
  });

  it('offers nearby reports, and further ones only when they read alike', async () => {
    const near = await report('垃圾堆放在路边', here);
    const alike = await report('东门垃圾桶满了没人清运', further);
    const unlike = await report('绿化带里有建筑垃圾', further);
    await report('垃圾堆放在路边', here, 'E0101'); // another category never counts
    const withoutText = await similar({ categoryCode: 'E0102', ...here });
    expect(withoutText.items.map((x: { id: number }) => x.id)).toEqual([near]);
    const withText = await similar({ categoryCode: 'E0102', ...here, text: '东门的垃圾桶满了，几天没人清运' });
    const ids = withText.items.map((x: { id: number }) => x.id);
    expect(ids).toContain(near);
    expect(ids).toContain(alike);
    expect(ids).not.toContain(unlike);
    const a = withText.items.find((x: { id: number }) => x.id === alike);
    expect(a.distanceM).toBeGreaterThan(400);
    expect(a.similarity).toBeGreaterThan(0.35);
  });
});
