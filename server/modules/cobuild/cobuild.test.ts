// Co-building over HTTP against the real database: report-in, agreements, the ordering flow and its rules (bad state
// 409, out of scope 404, rating only by the requester), the deadline reminder job and the points award enqueued once.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POINTS_AWARD_JOB } from '../../../contracts/points';
import { COBUILD_DUE_JOB } from '../../../contracts/cobuild';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const s: Record<string, Session> = {};
const call = async (who: string, method: InjectOptions['method'], url: string, payload?: object) => {
  const r = await t.as(s[who]!, { method, url, payload: payload ?? (method === 'POST' ? {} : undefined) });
  return { status: r.statusCode, body: r.json() };
};
let powerId = 0;
let community = 0;
let member1Id = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const u of ['admin', 'community1', 'street1', 'resident1', 'member1', 'power1', 'grid1', 'volunteer1'])
    s[u] = await t.login(u);
  community = t.demo.communities[0]!.id;
  const orgs = await call('admin', 'GET', '/api/organisations?limit=200');
  powerId = (orgs.body.items as { id: number; name: string }[]).find((o) => o.name.startsWith('清河供电所'))!.id;
  member1Id = (await call('member1', 'GET', '/api/auth/me')).body.id;
}, 60_000);
afterAll(async () => t?.close());

const jobsNamed = (name: string) =>
  rows<{ payload: { key?: string; userId?: number; source?: string }; run_at: Date }>(
    t.deps.db,
    sql`select payload, run_at from jobs where name = ${name} order by id`,
  );

describe('report-in and agreements', () => {
  it('a party member reports in to the community where they live, once, and shows no activity yet', async () => {
    const r = await call('member1', 'POST', '/api/cobuild/members/report-in', {
      unitName: '示范区人民医院',
      annualCommitment: 6,
      offers: [{ title: '家电维修', category: 'repair' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.member).toMatchObject({
      communityId: community,
      annualCommitment: 6,
      servicesDone: 0,
      noActivity: true,
    });
    member1Id = r.body.member.userId;
    const again = await call('member1', 'POST', '/api/cobuild/members/report-in', {
      unitName: 'x',
      annualCommitment: 1,
      offers: [{ title: 'y', category: 'other' }],
    });
    expect(again.status).toBe(409);
    const list = await call('community1', 'GET', '/api/cobuild/members');
    expect(list.body.items.map((m: { userId: number }) => m.userId)).toContain(member1Id);
    // A member of another community's staff does not see them.
    const resources = await call('community1', 'GET', '/api/cobuild/resources');
    expect(resources.body.items.some((x: { title: string }) => x.title === '家电维修')).toBe(true);
  });

  it('a community signs an agreement with a unit; bad terms and other areas are refused', async () => {
    const body = {
      organisationId: powerId,
      communityId: community,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      partyOrgName: '清河供电所党支部',
      commitments: [
        { title: '工作日晚间会议室', category: 'space' },
        { title: '用电安全检查', category: 'repair' },
      ],
    };
    const bad = await call('community1', 'POST', '/api/cobuild/agreements', { ...body, endsOn: '2025-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('endsOn');
    const other = await call('community1', 'POST', '/api/cobuild/agreements', {
      ...body,
      communityId: t.demo.communities[4]!.id,
    });
    expect(other.status).toBe(404);
    const ok = await call('community1', 'POST', '/api/cobuild/agreements', body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ organisationName: '清河供电所', noActivity: true, servicesDone: 0 });
    expect(ok.body.commitments).toHaveLength(2);
    // The unit's own staff read their agreement; a resident reads none.
    expect((await call('power1', 'GET', '/api/cobuild/agreements')).body.items).toHaveLength(1);
    expect((await call('resident1', 'GET', '/api/cobuild/agreements')).body.items).toHaveLength(0);
  });
});

describe('the ordering flow', () => {
  let needId = 0;
  let projectId = 0;

  it('a resident posts a need; it is theirs to follow and out of other areas’ reach', async () => {
    const r = await call('resident1', 'POST', '/api/cobuild/needs', {
      title: '楼道灯坏了需要维修',
      category: 'repair',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ source: 'portal', status: 'open', mine: true, communityId: community });
    needId = r.body.id;
    expect((await call('resident1', 'GET', '/api/cobuild/needs?mine=true')).body.items[0].id).toBe(needId);
    expect(
      (await call('member1', 'GET', '/api/cobuild/needs')).body.items.some((n: { id: number }) => n.id === needId),
    ).toBe(false);
  });

  it('dispatch is for the community (404 elsewhere), to one reported-in member', async () => {
    expect(
      (await call('resident1', 'POST', `/api/cobuild/needs/${needId}/dispatch`, { ownerUserId: member1Id })).status,
    ).toBe(404);
    expect(
      (await call('volunteer1', 'POST', `/api/cobuild/needs/${needId}/dispatch`, { ownerUserId: member1Id })).status,
    ).toBe(404);
    const none = await call('community1', 'POST', `/api/cobuild/needs/${needId}/dispatch`, {});
    expect(none.status).toBe(400);
    const notMember = await call('community1', 'POST', `/api/cobuild/needs/${needId}/dispatch`, { ownerUserId: 1 });
    expect(notMember.status).toBe(400);
    const r = await call('community1', 'POST', `/api/cobuild/needs/${needId}/dispatch`, {
      ownerUserId: member1Id,
      limitDays: 3,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'dispatched', ownerUserId: member1Id });
    // Three working days on the business calendar from Monday 2 March 09:00: Thursday 5 March.
    const due = new Date(r.body.dueAt);
    expect(due).toEqual(t.deps.calendar.addWorking(clock.now(), { amount: 3, unit: 'working_days' }));
    expect(due.getTime() - clock.now().getTime()).toBeGreaterThan(2 * 86_400_000);
    projectId = r.body.id;
    const twice = await call('community1', 'POST', `/api/cobuild/needs/${needId}/dispatch`, { ownerUserId: member1Id });
    expect(twice.status).toBe(409);
  });

  it('only the owner takes and finishes; steps out of order are 409', async () => {
    expect((await call('member1', 'POST', `/api/cobuild/projects/${projectId}/done`)).status).toBe(409);
    expect((await call('power1', 'POST', `/api/cobuild/projects/${projectId}/take`)).status).toBe(404);
    const mine = await call('member1', 'GET', '/api/cobuild/projects?mine=true');
    expect(mine.body.items[0]).toMatchObject({ id: projectId, canTake: true });
    const taken = await call('member1', 'POST', `/api/cobuild/projects/${projectId}/take`);
    expect(taken.body).toMatchObject({ status: 'taken', canFinish: true });
    expect((await call('member1', 'POST', `/api/cobuild/projects/${projectId}/take`)).status).toBe(409);
    const note = await call('member1', 'POST', `/api/cobuild/projects/${projectId}/notes`, { text: '已买好灯泡' });
    expect(note.body.notes[0].text).toBe('已买好灯泡');
  });

  it('the reminder runs at the deadline of a taken order, once', async () => {
    const due = await jobsNamed(COBUILD_DUE_JOB);
    expect(due).toHaveLength(1);
    await t.deps.jobs.runDue();
    const before = await rows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from notifications where kind = 'cobuild_due'`,
    );
    expect(before[0]!.n).toBe(0);
    clock.set(new Date('2026-03-05T18:00:00+08:00'));
    await t.deps.jobs.runDue();
    // Sessions idle out over three days of the fake clock: log in again.
    for (const u of Object.keys(s)) s[u] = await t.login(u);
    const after = await rows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from notifications where kind = 'cobuild_due'`,
    );
    expect(after[0]!.n).toBeGreaterThan(0);
    const overdue = await call('member1', 'GET', `/api/cobuild/projects/${projectId}`);
    expect(overdue.body.overdue).toBe(true);
  });

  it('rating is for the requester only, after done; the doer’s points are enqueued once', async () => {
    expect((await call('resident1', 'POST', `/api/cobuild/projects/${projectId}/rate`, { rating: 5 })).status).toBe(
      409,
    );
    const done = await call('member1', 'POST', `/api/cobuild/projects/${projectId}/done`);
    expect(done.body.status).toBe('done');
    expect((await call('member1', 'POST', `/api/cobuild/projects/${projectId}/rate`, { rating: 5 })).status).toBe(403);
    expect((await call('community1', 'POST', `/api/cobuild/projects/${projectId}/rate`, { rating: 5 })).status).toBe(
      403,
    );
    const bad = await call('resident1', 'POST', `/api/cobuild/projects/${projectId}/rate`, { rating: 9 });
    expect(bad.status).toBe(400);
    expect(await jobsNamed(POINTS_AWARD_JOB)).toHaveLength(0);
    const rated = await call('resident1', 'POST', `/api/cobuild/projects/${projectId}/rate`, {
      rating: 5,
      comment: '很及时',
    });
    expect(rated.body).toMatchObject({ status: 'rated', rating: 5 });
    expect((await call('resident1', 'POST', `/api/cobuild/projects/${projectId}/rate`, { rating: 4 })).status).toBe(
      409,
    );
    const awards = await jobsNamed(POINTS_AWARD_JOB);
    expect(awards).toHaveLength(1);
    expect(awards[0]!.payload).toMatchObject({
      key: `project:${projectId}:done`,
      userId: member1Id,
      source: 'project_done',
    });
    const member = await call('member1', 'GET', '/api/cobuild/members/me');
    expect(member.body.member).toMatchObject({ servicesDone: 1, noActivity: false });
  });

  it('a unit takes an order dispatched to it; a worker posts from a case in one tap', async () => {
    const n = await call('community1', 'POST', '/api/cobuild/needs', {
      communityId: community,
      title: '独居老人家中线路老化',
    });
    expect(n.body.source).toBe('worker');
    const p = await call('community1', 'POST', `/api/cobuild/needs/${n.body.id}/dispatch`, {
      ownerOrganisationId: powerId,
    });
    expect(p.status).toBe(200);
    expect((await call('power1', 'POST', `/api/cobuild/projects/${p.body.id}/take`)).body.status).toBe('taken');
    expect((await call('member1', 'POST', `/api/cobuild/projects/${p.body.id}/done`)).status).toBe(404);
    expect((await call('power1', 'POST', `/api/cobuild/projects/${p.body.id}/done`)).body.status).toBe('done');
    const [c] = await rows<{ id: number; description: string }>(
      t.deps.db,
      sql`select id, description from cases where node_path like ${t.demo.communities[0]!.path + '%'} order by id limit 1`,
    );
    if (c) {
      const fromCase = await call('community1', 'POST', '/api/cobuild/needs', { caseId: c.id });
      expect(fromCase.body).toMatchObject({ source: 'case', caseId: c.id, detail: c.description });
      expect((await call('community1', 'POST', '/api/cobuild/needs', { caseId: c.id })).status).toBe(409);
    }
  });

  it('the 双报到台账 lists units, members (masked) and services', async () => {
    const r = await t.as(s.community1!, {
      method: 'GET',
      url: `/api/cobuild/ledger.xlsx?nodeId=${community}&from=2026-01-01&to=2027-01-01`,
    });
    expect(r.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['单位报到', '党员报到', '服务记录']));
    const members = JSON.stringify(book.getWorksheet('党员报到')!.getSheetValues());
    expect(members).not.toContain('黄志刚');
    expect(members).toContain('黄**');
    expect(
      (
        await t.as(s.resident1!, {
          method: 'GET',
          url: `/api/cobuild/ledger.xlsx?nodeId=${community}&from=2026-01-01&to=2027-01-01`,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('demo data', () => {
  it('seeds two agreements, member1 reported in and needs in several states', async () => {
    const d = await createTestApp();
    try {
      const { seedDemoCobuild } = await import('../../seed/demo-cobuild');
      expect(await seedDemoCobuild(d.app)).toBe(4);
      const c1 = await d.login('community1');
      const get = async (url: string) => (await d.as(c1, { method: 'GET', url })).json();
      expect((await get('/api/cobuild/agreements')).items).toHaveLength(2);
      expect((await get('/api/cobuild/members')).items).toHaveLength(1);
      const states = new Set(((await get('/api/cobuild/projects')).items as { status: string }[]).map((p) => p.status));
      expect([...states].sort()).toEqual(['dispatched', 'rated', 'taken']);
      expect(((await get('/api/cobuild/needs')).items as { status: string }[]).some((n) => n.status === 'open')).toBe(
        true,
      );
    } finally {
      await d.close();
    }
  }, 60_000);
});
