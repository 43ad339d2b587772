// Stage times kept at each transition: the metrics medians of live cases, a reworked case's handling summed over its
// visits, and the same figures rebuilt from the timeline by the backfill.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { recomputeStageTimes } from './stage-time';
import { cases } from './tables';

let t: TestApp;
const s = {} as Record<string, Session>;
// Monday 2 March 2026, 09:00 in China.
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { loginRatePerMinute: 1000 } });
  for (const u of ['admin', 'community1', 'grid1', 'dept1']) s[u] = await t.login(u);
});
afterAll(() => t?.close());

// Hours pass between steps, longer than an idle session lives: each step signs in afresh.
const act = async (who: string, id: number, body: object) => {
  for (const u of ['admin', who]) s[u] = await t.login(u);
  const version = (await t.as(s.admin!, { method: 'GET', url: `/api/cases/${id}` })).json().version;
  const r = await t.as(s[who]!, { method: 'POST', url: `/api/cases/${id}/actions`, payload: { version, ...body } });
  expect(r.statusCode, r.body).toBe(200);
};

/** One case through the loop: waits `dispatchH` to be sent, `acceptH` to be taken, handles `handleH` per round. */
async function runCase(dispatchH: number, acceptH: number, handleH: number[], verifyH: number) {
  s.grid1 = await t.login('grid1');
  const id = (
    await t.as(s.grid1!, {
      method: 'POST',
      url: '/api/cases',
      payload: { categoryCode: 'E0102', description: '暴露垃圾', location: { lat: 39.92, lng: 116.305 } },
    })
  ).json().id;
  await act('community1', id, { action: 'register' });
  clock.advance(dispatchH * HOUR);
  const org = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${id}/suggested-handler` })).json()
    .organisation.id;
  await act('community1', id, { action: 'dispatch', triage: 'major', organisationId: org });
  clock.advance(acceptH * HOUR);
  await act('dept1', id, { action: 'accept' });
  for (const [i, h] of handleH.entries()) {
    clock.advance(h * HOUR);
    await act('dept1', id, { action: 'reply', result: '已清理' });
    clock.advance(verifyH * HOUR);
    await act('grid1', id, { action: 'verify', pass: i === handleH.length - 1, note: '现场核查' });
  }
  return id;
}

const medians = async () =>
  (s.admin = await t.login('admin')) &&
  (await t.as(s.admin!, { method: 'GET', url: '/api/metrics/summary?from=2026-03-01&to=2026-04-01' })).json().figures
    .medianHours;

describe('stage times', () => {
  it('feeds the metrics medians from the transitions, a reworked case handling twice', async () => {
    await runCase(1, 2, [3], 1);
    await runCase(3, 2, [2, 2], 1); // failed verification once: handling 2 + 2 h, checking 1 + 1 h
    await runCase(5, 4, [9], 3);
    // dispatch {1, 3, 5} → 3; accept {2, 2, 4} → 2; handle {3, 4, 9} → 4; verify {1, 2, 3} → 2.
    expect(await medians()).toEqual({ dispatch: 3, accept: 2, handle: 4, verify: 2 });
  });

  it('gives the same figures when rebuilt from the timeline', async () => {
    const before = await medians();
    await t.deps.db.update(cases).set({
      dispatchSecs: null,
      dispatchLeftAt: null,
      acceptSecs: null,
      acceptLeftAt: null,
      handleSecs: null,
      handleLeftAt: null,
      verifySecs: null,
      verifyLeftAt: null,
    });
    expect(await medians()).toEqual({ dispatch: null, accept: null, handle: null, verify: null });
    await recomputeStageTimes(t.deps.db);
    expect(await medians()).toEqual(before);
  });
});
