// Deadlines across a restart and two processes: each overdue case escalates exactly once; a later deadline waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createJobs } from '../../platform/jobs/runner';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { createNotifier } from '../notifications';
import { registerSlaJobs } from './sla';

let t: TestApp;
let grid1: Session;
// Monday 2 March 2026, 09:00 in China: a working day.
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));

beforeAll(async () => {
  t = await createTestApp({ clock });
  grid1 = await t.login('grid1');
});
afterAll(() => t?.close());

/** A second server process on the same database: its own job runner with the same handlers. */
function secondProcess() {
  const jobs = createJobs({ db: t.deps.db, clock, log: { error() {}, info() {} } });
  const notifier = createNotifier({ db: t.deps.db, clock, jobs });
  registerSlaJobs({ ...t.deps, jobs, notifier, warnShare: 0.8 });
  return jobs;
}

describe('deadlines', () => {
  it('escalates each overdue case exactly once when a restarted and a second process both run the jobs', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.as(grid1, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'E0102', description: `暴露垃圾 ${i}`, location: { lat: 39.92, lng: 116.305 } },
      });
      ids.push(r.json().id);
    }
    const due = new Date((await t.as(grid1, { method: 'GET', url: `/api/cases/${ids[0]}` })).json().dueAt);
    // Registration is due within 2 working hours: 11:00 the same morning.
    expect(due.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    clock.set(new Date(due.getTime() + 60_000));
    const [a, b] = [secondProcess(), secondProcess()];
    await Promise.all([a.runDue(3), b.runDue(3), t.deps.jobs.runDue(3), a.runDue(50), b.runDue(50)]);
    await Promise.all([a.runDue(50), b.runDue(50)]);
    const admin = await t.login('admin');
    for (const id of ids) {
      const c = (await t.as(admin, { method: 'GET', url: `/api/cases/${id}` })).json();
      expect(c.overdue).toBe(true);
      expect(c.timeline.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
    }
  });

  it('records a summoned department that has not reported in by its deadline, once, and not one that has', async () => {
    clock.set(new Date('2026-03-10T09:00:00+08:00')); // Tuesday
    const community1 = await t.login('community1');
    const dept1 = await t.login('dept1');
    const grid = await t.login('grid1'); // a week on: the first session has expired
    const depts = (await t.as(community1, { method: 'GET', url: '/api/organisations?kind=department' })).json()
      .items as { id: number }[];
    const mine = (await t.as(dept1, { method: 'GET', url: '/api/auth/me' })).json().bindings[0]
      .organisationId as number;
    const other = depts.find((d) => d.id !== mine)!.id;
    const id = (
      await t.as(grid, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'E0102', description: '多部门联合处置', location: { lat: 39.92, lng: 116.305 } },
      })
    ).json().id;
    const v = async () => (await t.as(community1, { method: 'GET', url: `/api/cases/${id}` })).json().version as number;
    expect(
      (
        await t.as(community1, {
          method: 'POST',
          url: `/api/cases/${id}/actions`,
          payload: { action: 'register', version: await v() },
        })
      ).statusCode,
    ).toBe(200);
    const w = await t.as(community1, {
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      payload: {
        action: 'whistle',
        version: await v(),
        organisationIds: [mine, other],
        note: '请两部门到场',
        reportInHours: 3,
      },
    });
    expect(w.statusCode).toBe(200);
    clock.set(new Date('2026-03-10T10:00:00+08:00'));
    expect(
      (
        await t.as(dept1, {
          method: 'POST',
          url: `/api/cases/${id}/actions`,
          payload: { action: 'report_in', version: await v(), note: '已到场' },
        })
      ).statusCode,
    ).toBe(200);
    // Three working hours from 09:00 on the calendar: 09–12 → due at 12:00; nothing before it.
    clock.set(new Date('2026-03-10T11:59:00+08:00'));
    await t.deps.jobs.runDue(50);
    const late = async () =>
      (
        (await t.as(community1, { method: 'GET', url: `/api/cases/${id}` })).json().timeline as {
          action: string;
          data: { organisationId?: number } | null;
        }[]
      ).filter((e) => e.action === 'report_in_overdue');
    expect(await late()).toHaveLength(0);
    clock.set(new Date('2026-03-10T12:01:00+08:00'));
    const [a, b] = [secondProcess(), secondProcess()];
    await Promise.all([a.runDue(50), b.runDue(50), t.deps.jobs.runDue(50)]);
    const events = await late();
    expect(events).toHaveLength(1);
    expect(events[0]!.data?.organisationId).toBe(other);
  });

  it('counts working hours on the business calendar: a report late on a Friday is due the next working morning', async () => {
    clock.set(new Date('2026-03-06T17:00:00+08:00')); // Friday 17:00; the working day ends at 18:00
    const r = await t.as(await t.login('grid1'), {
      method: 'POST',
      url: '/api/cases',
      payload: { categoryCode: 'E0102', description: '周五傍晚', location: { lat: 39.92, lng: 116.305 } },
    });
    // One working hour left on Friday, the second on Monday from 09:00.
    expect(new Date(r.json().dueAt).toISOString()).toBe('2026-03-09T02:00:00.000Z');
  });
});
