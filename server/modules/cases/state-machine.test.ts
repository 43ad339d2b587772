// Property test of the state machine: seeded random sequences of actions by random roles never leave a case in an
// invalid state, a refused action changes nothing, and every open case is in somebody's to-do inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATUSES, OPEN_STATUSES, type CaseAction } from '../../../contracts/cases';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';

const USERS = ['admin', 'street1', 'community1', 'grid1', 'grid2', 'dept1', 'property1', 'resident1'] as const;
const SEQUENCES = 8;
const STEPS = 12;

/** mulberry32: a small seeded generator, so a failing sequence can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let t: TestApp;
const s = {} as Record<(typeof USERS)[number], Session>;
const clock = new FakeClock(new Date('2026-04-01T10:00:00+08:00'));
let deptId = 0;
let propertyId = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const u of USERS) s[u] = await t.login(u);
  deptId = (await t.as(s.dept1, { method: 'GET', url: '/api/auth/me' })).json().bindings[0].organisationId;
  propertyId = (await t.as(s.property1, { method: 'GET', url: '/api/auth/me' })).json().bindings[0].organisationId;
});
afterAll(() => t?.close());

function bodyFor(action: CaseAction, version: number, pick: () => number): Record<string, unknown> {
  const b: Record<string, unknown> = { action, version };
  switch (action) {
    case 'void':
    case 'return':
    case 'reopen':
      return { ...b, reason: '理由' };
    case 'dispatch': {
      const choice = pick();
      if (choice < 0.5) return { ...b, triage: 'major', organisationId: deptId };
      if (choice < 0.75) return { ...b, triage: 'minor', organisationId: propertyId, overrideReason: '物业负责' };
      return { ...b, triage: 'minor', nodeId: t.demo.communities[0]!.id, overrideReason: '社区自办' };
    }
    case 'request_extension':
      return { ...b, workingDays: 2, reason: '需要协调' };
    case 'decide_extension':
      return { ...b, approve: pick() < 0.5 };
    case 'reply':
      return { ...b, result: '已处理' };
    case 'verify':
      return { ...b, pass: pick() < 0.6 };
    case 'shelve':
      return { ...b, reason: '暂不具备条件', reviewOn: '2027-06-01' };
    case 'rate':
      return { ...b, rating: pick() < 0.5 ? 'satisfied' : 'unsatisfied' };
    case 'urge':
    case 'report_in':
    case 'whistle':
      return action === 'whistle' ? { ...b, organisationIds: [deptId], note: '吹哨' } : { ...b, note: '请跟进' };
    default:
      return { ...b, note: '备注' };
  }
}

async function assertInvariants(id: number, seed: number) {
  const c = (await t.as(s.admin, { method: 'GET', url: `/api/cases/${id}` })).json();
  const where = `seed ${seed}, case ${id}, status ${c.status}`;
  expect(CASE_STATUSES, where).toContain(c.status);
  if (['dispatched', 'handling', 'replied'].includes(c.status))
    expect(c.assigneeOrganisationId ?? c.assigneeNodeId, where).not.toBeNull();
  if (c.status === 'closed') expect(c.closedAt, where).not.toBeNull();
  if (c.status === 'shelved') expect(c.shelvedUntil, where).not.toBeNull();
  if (c.extensionPending) expect(c.status, where).toBe('handling');
  for (const k of ['returnCount', 'reworkCount', 'extensionCount', 'urgeCount'])
    expect(c[k], where).toBeGreaterThanOrEqual(0);
  if (OPEN_STATUSES.includes(c.status)) {
    let inSomeInbox = false;
    for (const u of USERS) {
      const box = await t.as(s[u], { method: 'GET', url: '/api/cases?box=todo&limit=200' });
      if (box.json().items.some((x: { id: number }) => x.id === id)) inSomeInbox = true;
    }
    expect(inSomeInbox, `${where}: open but in nobody's to-do inbox`).toBe(true);
  }
  return c;
}

describe('case state machine (property)', () => {
  it(`holds its invariants over ${SEQUENCES} random sequences of ${STEPS} actions`, async () => {
    const statuses = new Set<string>();
    let applied = 0;
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const pick = rng(seed);
      const created = await t.as(s.grid1, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'E0101', description: `随机序列 ${seed}`, location: { lat: 39.92, lng: 116.305 } },
      });
      let c = created.json();
      for (let step = 0; step < STEPS; step++) {
        // Mostly take an action somebody is offered now, sometimes anything by anyone.
        const offered: [(typeof USERS)[number], CaseAction][] = [];
        for (const u of USERS) {
          const d = await t.as(s[u], { method: 'GET', url: `/api/cases/${c.id}` });
          if (d.statusCode === 200)
            for (const a of d.json().actions as CaseAction[]) if (a !== 'comment') offered.push([u, a]);
        }
        const [user, action] =
          offered.length && pick() < 0.8
            ? offered[Math.floor(pick() * offered.length)]!
            : [USERS[Math.floor(pick() * USERS.length)]!, CASE_ACTIONS[Math.floor(pick() * CASE_ACTIONS.length)]!];
        const r = await t.as(s[user], {
          method: 'POST',
          url: `/api/cases/${c.id}/actions`,
          payload: bodyFor(action, c.version, pick),
        });
        expect(
          [200, 400, 403, 404, 409],
          `seed ${seed} step ${step}: ${user} ${action} → ${r.statusCode} ${r.body}`,
        ).toContain(r.statusCode);
        const after = await assertInvariants(c.id, seed);
        expect(after.version, `seed ${seed} step ${step}`).toBe(r.statusCode === 200 ? c.version + 1 : c.version);
        if (r.statusCode === 200) applied++;
        statuses.add(after.status);
        c = after;
        clock.advance(600_000);
      }
    }
    // The walk must really move cases around the loop, not only collect refusals.
    expect(applied).toBeGreaterThan(SEQUENCES * 3);
    expect(statuses.size).toBeGreaterThanOrEqual(5);
  }, 240_000);
});
