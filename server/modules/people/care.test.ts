// Care levels and home visits: configurable intervals, due and overdue lists in scope, visits recorded and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import type { Session, TestApp } from '../../testing';
import { createPeopleTestApp, fakeId } from './testing';

let t: TestApp;
let grid1: Session;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const ids: number[] = [];

beforeAll(async () => {
  t = await createPeopleTestApp({ clock });
  grid1 = await t.login('grid1');
  for (let i = 0; i < 3; i++) {
    const r = await t.as(grid1, {
      method: 'POST',
      url: '/api/people/residents',
      payload: {
        name: `关爱${i}`,
        idNumber: fakeId(40 + i),
        residenceType: 'registered',
        householdNodeId: t.demo.households[i]!.id,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    ids.push(r.json().id);
  }
});
afterAll(() => t?.close());

const due = async (s: Session, q = '') =>
  (await t.as(s, { method: 'GET', url: `/api/people/care/due${q}` })).json() as {
    residentId: number;
    overdue: boolean;
    dueOn: string;
  }[];

describe('care levels and visits', () => {
  it('sets levels, lists who is due, and a visit moves the next due date', async () => {
    const levels = ['red', 'yellow', 'blue'] as const;
    for (const [i, level] of levels.entries()) {
      const r = await t.as(grid1, {
        method: 'PUT',
        url: `/api/people/residents/${ids[i]}/care`,
        payload: { level, reason: '独居高龄' },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(await due(grid1)).toEqual([
      expect.objectContaining({ residentId: ids[0], dueOn: '2026-03-09', overdue: false }),
    ]);
    clock.advance(10 * 86_400_000);
    grid1 = await t.login('grid1'); // the old session expired with the time that passed
    expect((await due(grid1, '?withinDays=0')).map((d) => [d.residentId, d.overdue])).toEqual([[ids[0], true]]);
    const v = await t.as(grid1, {
      method: 'POST',
      url: `/api/people/residents/${ids[0]}/visits`,
      payload: { visitedOn: '2026-03-12', note: '身体尚可，已提醒用药' },
    });
    expect(v.statusCode, v.body).toBe(200);
    expect(await due(grid1, '?withinDays=0')).toEqual([]);
    expect((await t.as(grid1, { method: 'GET', url: `/api/people/residents/${ids[0]}/visits` })).json()).toHaveLength(
      1,
    );
  });

  it('interval is configurable by the district only; others see nothing outside scope', async () => {
    expect(
      (await t.as(grid1, { method: 'PUT', url: '/api/people/care/settings', payload: { red: 7, yellow: 5, blue: 90 } }))
        .statusCode,
    ).toBe(403);
    const admin = await t.login('admin');
    const r = await t.as(admin, {
      method: 'PUT',
      url: '/api/people/care/settings',
      payload: { red: 7, yellow: 5, blue: 90 },
    });
    expect(r.json()).toEqual({ red: 7, yellow: 5, blue: 90 });
    expect((await due(grid1, '?withinDays=0')).map((d) => d.residentId)).toEqual([ids[1]]);
    expect(await due(await t.login('grid2'), '?withinDays=366')).toEqual([]);
    expect(
      (
        await t.as(await t.login('volunteer1'), {
          method: 'PUT',
          url: `/api/people/residents/${ids[0]}/care`,
          payload: { level: 'red', reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });
});
