import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';

const clock = new FakeClock(new Date('2026-11-20T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
let community1: Session;
let resident1: Session;
let property1: Session;
let estate: { id: number; path: string };
let companyId: number;
let households: number;

const api = (s: Session | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.as(s, { method, url: `/api/supervision${url}`, ...(payload ? { payload } : {}) });

let caseNo = 0;
async function addCase(v: {
  category: string;
  at: string;
  household?: number | null;
  status?: string;
  mergedInto?: number | null;
  channel?: string;
}) {
  const g = t.demo.grids[0]!;
  const [r] = await rows<{ id: number }>(
    t.deps.db,
    sql`insert into cases (number, channel, category_code, description, grid_id, node_path, status, household_node_id,
          merged_into, registered_at)
        values (${`T-SUP-${++caseNo}`}, ${v.channel ?? 'resident'}, ${v.category}, '测试', ${g.id}, ${g.path},
          ${v.status ?? 'registered'}, ${v.household ?? null}, ${v.mergedInto ?? null}, ${v.at}::timestamptz)
        returning id::int as id`,
  );
  return r!.id;
}

/** Sessions follow the clock: log in again after moving it. */
async function loginAll() {
  [admin, community1, resident1, property1] = (await Promise.all(
    ['admin', 'community1', 'resident1', 'property1'].map((u) => t.login(u)),
  )) as [Session, Session, Session, Session];
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  await loginAll();
  const [e] = await rows<{ id: number; path: string }>(
    t.deps.db,
    sql`select id, path from territory_nodes where kind = 'estate' and path like ${t.demo.grids[0]!.path + '%'} limit 1`,
  );
  estate = e!;
  const [c] = await rows<{ id: number }>(
    t.deps.db,
    sql`select id from organisations where name = '安居物业服务有限公司'`,
  );
  companyId = c!.id;
  const [h] = await rows<{ n: number }>(
    t.deps.db,
    sql`select count(*)::int as n from territory_nodes where kind = 'household' and path like ${estate.path + '%'}`,
  );
  households = h!.n;
});
afterAll(() => t.close());

describe('estate contracts', () => {
  it('records the property company and its contract; refuses a bad one with no change', async () => {
    const bad = await api(community1, 'POST', '/contracts', {
      estateNodeId: estate.id,
      companyId,
      termStart: '2026-01-01',
      termEnd: '2025-12-31',
      feeCentsPerSqm: 180,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('termEnd');
    const wrongCompany = await api(community1, 'POST', '/contracts', {
      estateNodeId: estate.id,
      companyId: t.demo.grids[0]!.id,
      termStart: '2025-01-01',
      termEnd: '2027-12-31',
      feeCentsPerSqm: 180,
    });
    expect(wrongCompany.statusCode).toBe(400);
    const ok = await api(community1, 'POST', '/contracts', {
      estateNodeId: estate.id,
      companyId,
      ownersCommittee: '锦绣小区业主委员会',
      termStart: '2025-01-01',
      termEnd: '2027-12-31',
      feeCentsPerSqm: 180,
      commitments: ['报修30分钟内响应', '每日清扫两次'],
    });
    expect(ok.statusCode).toBe(200);
    const again = await api(community1, 'POST', '/contracts', {
      estateNodeId: estate.id,
      companyId,
      termStart: '2026-06-01',
      termEnd: '2026-12-31',
      feeCentsPerSqm: 180,
    });
    expect(again.statusCode).toBe(400);
    const list = (await api(community1, 'GET', '/contracts')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      companyName: '安居物业服务有限公司',
      households,
      ownersCommittee: '锦绣小区业主委员会',
    });
    // The company sees its own contract; a resident sees none.
    expect((await api(property1, 'GET', '/contracts')).json().items).toHaveLength(1);
    expect((await api(resident1, 'GET', '/contracts')).statusCode).toBe(403);
  });
});

describe('万户比', () => {
  it('counts property cases of every channel, a merged duplicate once, no confirmed unreasonable request', async () => {
    const hh = t.demo.households[0]!.id;
    const main = await addCase({ category: 'C0201', at: '2026-10-05T09:00:00+08:00', household: hh });
    await addCase({
      category: 'C0201',
      at: '2026-10-05T10:00:00+08:00',
      household: hh,
      status: 'voided',
      mergedInto: main,
    });
    await addCase({ category: 'C0202', at: '2026-10-12T09:00:00+08:00', household: hh, channel: 'hotline' });
    const unreasonable = await addCase({
      category: 'C0203',
      at: '2026-10-13T09:00:00+08:00',
      household: hh,
      channel: 'hotline',
    });
    await t.deps.db.execute(
      sql`insert into hotline_orders (order_no, status, source, called_at, content, address, request_type, node_path, case_id, unreasonable)
          values ('SUP-1', 'linked', 'webhook', now(), '测试', '测试', '投诉', ${estate.path}, ${unreasonable}, 'approved')`,
    );
    await addCase({ category: 'C0101', at: '2026-10-14T09:00:00+08:00', household: hh }); // not a property matter
    // 1 October 00:30 in Beijing is still September in UTC: it counts in October.
    await addCase({ category: 'C02', at: '2026-10-01T00:30:00+08:00', household: hh });
    await addCase({ category: 'C0202', at: '2026-11-03T09:00:00+08:00', household: hh });

    const r = await api(community1, 'GET', '/complaint-rates?from=2026-09&to=2026-11');
    expect(r.statusCode).toBe(200);
    const mine = r.json().items.filter((x: { companyId: number }) => x.companyId === companyId);
    expect(mine.map((x: { complaints: number }) => x.complaints)).toEqual([0, 3, 1]);
    expect(mine[1].households).toBe(households);
    expect(mine[1].perTenThousand).toBeCloseTo((3 / households) * 10_000, 2);
    expect(mine[2].perTenThousand).toBeCloseTo((1 / households) * 10_000, 2);
    // The other company has no contract: no households, no rate.
    const other = r.json().items.find((x: { companyId: number }) => x.companyId !== companyId);
    expect(other.perTenThousand).toBeNull();
    const bad = await api(community1, 'GET', '/complaint-rates?from=2026-11&to=2026-09');
    expect(bad.statusCode).toBe(400);
  });

  it("counts a case as the company's by the hotline order's place, the assignee or a participant, once", async () => {
    const at = '2026-08-10T09:00:00+08:00';
    const byOrder = await addCase({ category: 'C0201', at, channel: 'hotline' });
    await t.deps.db.execute(
      sql`insert into hotline_orders (order_no, status, source, called_at, content, address, request_type, node_id, node_path, case_id)
          values ('SUP-2', 'linked', 'webhook', now(), '测试', '测试', '投诉', ${estate.id}, ${estate.path}, ${byOrder})`,
    );
    const byAssignee = await addCase({ category: 'C0202', at });
    await t.deps.db.execute(sql`update cases set assignee_organisation_id = ${companyId} where id = ${byAssignee}`);
    const byParticipant = await addCase({ category: 'C0203', at });
    const whistledOnly = await addCase({ category: 'C0203', at });
    await t.deps.db.execute(
      sql`insert into case_participants (case_id, organisation_id, role)
          values (${byParticipant}, ${companyId}, 'assignee'), (${whistledOnly}, ${companyId}, 'whistle')`,
    );
    // Every way at once is still one complaint; a household of an estate the company does not hold is none.
    const all = await addCase({ category: 'C0201', at, household: t.demo.households[0]!.id });
    await t.deps.db.execute(sql`update cases set assignee_organisation_id = ${companyId} where id = ${all}`);
    await t.deps.db.execute(
      sql`insert into case_participants (case_id, organisation_id, role) values (${all}, ${companyId}, 'assignee')`,
    );
    const [elsewhere] = await rows<{ id: number }>(
      t.deps.db,
      sql`select id from territory_nodes where kind = 'household' and path not like ${estate.path + '%'} order by id limit 1`,
    );
    await addCase({ category: 'C0201', at, household: elsewhere!.id });

    const r = await api(community1, 'GET', '/complaint-rates?from=2026-08&to=2026-08');
    const mine = r.json().items.filter((x: { companyId: number }) => x.companyId === companyId);
    expect(mine.map((x: { complaints: number }) => x.complaints)).toEqual([4]);
  });
});

describe('surveys', () => {
  let surveyId: number;
  const scores = { cleaning: 2, security: 2, repairs: 1, greenery: 2 };
  it('opens a property survey; staff cannot answer; one answer per household', async () => {
    const created = await api(community1, 'POST', '/surveys', {
      kind: 'property',
      year: 2026,
      title: '2026年物业满意度测评',
      nodeId: t.demo.communities[0]!.id,
      companyId,
      opensAt: '2026-11-01T00:00:00+08:00',
      closesAt: '2026-12-31T00:00:00+08:00',
    });
    expect(created.statusCode).toBe(200);
    surveyId = created.json().id;
    const staff = await api(community1, 'POST', `/surveys/${surveyId}/answers`, { scores });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().error.details[0]).toMatchObject({ path: 'rule' });
    const list = (await api(resident1, 'GET', '/surveys')).json().items;
    expect(list.find((s: { id: number }) => s.id === surveyId)).toMatchObject({ answered: false });
    const missing = await api(resident1, 'POST', `/surveys/${surveyId}/answers`, { scores: { cleaning: 3 } });
    expect(missing.statusCode).toBe(400);
    const both = await Promise.all([
      api(resident1, 'POST', `/surveys/${surveyId}/answers`, { scores }),
      api(resident1, 'POST', `/surveys/${surveyId}/answers`, { scores }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [n] = await rows<{ a: number; r: number }>(
      t.deps.db,
      sql`select (select count(*)::int from survey_answers where survey_id = ${surveyId}) as a,
                 (select count(*)::int from survey_roll where survey_id = ${surveyId}) as r`,
    );
    expect(n).toEqual({ a: 1, r: 1 });
    expect((await api(resident1, 'GET', '/surveys')).json().items[0].answered).toBe(true);
  });

  it('keeps no link from a household to its answer in any column', async () => {
    const cols = await rows<{ table_name: string; column_name: string }>(
      t.deps.db,
      sql`select table_name, column_name from information_schema.columns where table_name in ('survey_answers', 'survey_roll')`,
    );
    const answerCols = cols.filter((c) => c.table_name === 'survey_answers').map((c) => c.column_name);
    expect(answerCols.sort()).toEqual(['comment', 'id', 'scores', 'survey_id']);
    const rollCols = cols.filter((c) => c.table_name === 'survey_roll').map((c) => c.column_name);
    expect(rollCols.sort()).toEqual(['household_node_id', 'survey_id']);
  });

  it('refuses an answer after closing; gives results with an interval and a call-back list', async () => {
    // More households answer (fixture rows as the service writes them) so the satisfaction rule can fire.
    for (const h of t.demo.households.slice(1, 6)) {
      await t.deps.db.execute(sql`insert into survey_roll values (${surveyId}, ${h.id})`);
      await t.deps.db.execute(
        sql`insert into survey_answers (id, survey_id, scores) values (gen_random_uuid(), ${surveyId}, ${JSON.stringify(scores)}::jsonb)`,
      );
    }
    const res = (await api(community1, 'GET', `/surveys/${surveyId}/results`)).json();
    expect(res.answers).toBe(6);
    // (7/4 − 1) / 4 × 100 = 18.75 for each answer.
    expect(res.overall.raw).toBeCloseTo(18.8, 1);
    expect(res.overall.low).toBeLessThanOrEqual(res.overall.shrunk);
    const cb = (await api(community1, 'GET', `/surveys/${surveyId}/callbacks?size=3`)).json().items;
    expect(cb).toHaveLength(3);
    expect(cb[0].label).toMatch(/小区/);
    expect((await api(property1, 'GET', `/surveys/${surveyId}/callbacks`)).statusCode).toBe(404);
    clock.set(new Date('2026-12-31T08:00:00+08:00'));
    await loginAll();
    const late = await api(resident1, 'POST', `/surveys/${surveyId}/answers`, { scores });
    expect([404, 409]).toContain(late.statusCode);
    clock.set(new Date('2026-11-20T10:00:00+08:00'));
    await loginAll();
  });
});

describe('red/black list', () => {
  it('refuses an invalid threshold with no change', async () => {
    for (const body of [
      { list: 'black', metric: 'complaint_rate', op: 'above', threshold: -5, months: 2 },
      { list: 'black', metric: 'satisfaction', op: 'below', threshold: 150, months: 1 },
      { list: 'black', metric: 'complaint_rate', op: 'above', threshold: 50, months: 0 },
    ]) {
      const r = await api(admin, 'POST', '/rules', body);
      expect(r.statusCode).toBe(400);
      expect(['threshold', 'months']).toContain(r.json().error.details[0].path);
    }
    expect((await api(admin, 'GET', '/rules')).json().items).toHaveLength(0);
    expect(
      (
        await api(community1, 'POST', '/rules', {
          list: 'black',
          metric: 'complaint_rate',
          op: 'above',
          threshold: 1,
          months: 1,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('decides by the rules, holds an appeal window, then publishes without personal data', async () => {
    // Black: 万户比 above 1,000 two months running (October 3 and November 1 complaint over the estate's households).
    const threshold = Math.floor((1 / households) * 10_000) - 1;
    await api(admin, 'POST', '/rules', { list: 'black', metric: 'complaint_rate', op: 'above', threshold, months: 2 });
    await api(admin, 'POST', '/rules', {
      list: 'black',
      metric: 'satisfaction',
      op: 'below',
      threshold: 60,
      months: 1,
    });
    // A stricter rule nobody meets: three months running.
    await api(admin, 'POST', '/rules', { list: 'red', metric: 'complaint_rate', op: 'below', threshold: 1, months: 3 });
    const ev = await api(community1, 'POST', '/decisions/evaluate', { period: '2026-11' });
    expect(ev.statusCode).toBe(200);
    expect(ev.json().created).toBe(2);
    // Evaluating again decides nothing twice.
    expect((await api(community1, 'POST', '/decisions/evaluate', { period: '2026-11' })).json().created).toBe(0);
    const ds = (await api(community1, 'GET', '/decisions')).json().items;
    expect(
      ds.every((d: { companyId: number; status: string }) => d.companyId === companyId && d.status === 'pending'),
    ).toBe(true);
    const [rate, sat] = [...ds].sort((a: { ruleId: number }, b: { ruleId: number }) => a.ruleId - b.ruleId);
    const early = await api(community1, 'POST', `/decisions/${rate.id}/publish`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0].path).toBe('appealUntil');
    // The company appeals the satisfaction decision in time; the community upholds it.
    expect((await api(property1, 'POST', `/decisions/${sat.id}/appeal`, { reason: '样本偏少' })).statusCode).toBe(200);
    expect((await api(property1, 'POST', `/decisions/${sat.id}/appeal`, { reason: '再次' })).statusCode).toBe(409);
    expect((await api(community1, 'POST', `/decisions/${sat.id}/resolve`, { uphold: true })).json().status).toBe(
      'published',
    );
    clock.advance(8 * 86_400_000);
    await loginAll();
    expect((await api(property1, 'POST', `/decisions/${rate.id}/appeal`, { reason: '太晚' })).statusCode).toBe(409);
    expect((await api(community1, 'POST', `/decisions/${rate.id}/publish`)).json().status).toBe('published');
    const pub = await t.as(null, { method: 'GET', url: '/api/supervision/public/lists' });
    expect(pub.statusCode).toBe(200);
    const items = pub.json().items;
    expect(items).toHaveLength(2);
    expect(Object.keys(items[0]).sort()).toEqual(['companyName', 'list', 'period', 'publishedAt', 'reason']);
    expect(pub.body).not.toMatch(/1380000|王经理|吴刚/);
  });
});

describe('the special fund', () => {
  it('books income shares and approved spending; the balance never goes negative; entries never change', async () => {
    const inc = await api(community1, 'POST', '/fund', {
      kind: 'income',
      estateNodeId: estate.id,
      feeIncomeCents: 1_000_000,
      sharePercent: 5,
      bookedOn: '2026-10-31',
    });
    expect(inc.json()).toMatchObject({ balanceCents: 50_000 });
    const noCouncil = await api(community1, 'POST', '/fund', {
      kind: 'spending',
      estateNodeId: estate.id,
      amountCents: 1000,
      project: '屋顶防水',
      bookedOn: '2026-11-02',
    });
    expect(noCouncil.statusCode).toBe(400);
    const tooMuch = await api(community1, 'POST', '/fund', {
      kind: 'spending',
      estateNodeId: estate.id,
      amountCents: 50_001,
      project: '屋顶防水',
      councilDecision: '三方共议〔2026〕3号',
      bookedOn: '2026-11-02',
    });
    expect(tooMuch.statusCode).toBe(409);
    const spend = await Promise.all(
      [1, 2].map(() =>
        api(community1, 'POST', '/fund', {
          kind: 'spending',
          estateNodeId: estate.id,
          amountCents: 30_000,
          project: '屋顶防水',
          councilDecision: '三方共议〔2026〕3号',
          bookedOn: '2026-11-02',
        }),
      ),
    );
    expect(spend.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const ledger = (await api(community1, 'GET', `/fund?estateNodeId=${estate.id}`)).json();
    expect(ledger.balanceCents).toBe(20_000);
    expect(ledger.items).toHaveLength(2);
    await expect(t.deps.db.execute(sql`update fund_entries set amount_cents = 1`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from fund_entries`)).rejects.toThrow();
    expect((await api(community1, 'GET', `/fund?estateNodeId=${estate.id}`)).json().balanceCents).toBe(20_000);
  });
});

describe('scorecards and the annual review', () => {
  it('combines case facts with the community’s rating; no rank on tiny samples', async () => {
    const community = t.demo.communities[0]!;
    const [dept] = await rows<{ id: number }>(
      t.deps.db,
      sql`select id from organisations where kind = 'department' order by id limit 1`,
    );
    // Two closed cases, one on time; one summons not reported in by its due time; one return.
    const a = await addCase({ category: 'A01', at: '2026-03-01T09:00:00+08:00', status: 'closed' });
    const b = await addCase({ category: 'A01', at: '2026-03-02T09:00:00+08:00', status: 'closed' });
    await t.deps.db.execute(
      sql`update cases set assignee_organisation_id = ${dept!.id}, closed_at = '2026-03-10T00:00:00+08:00',
            closed_on_time = (id = ${a}) where id in (${a}, ${b})`,
    );
    await t.deps.db.execute(
      sql`insert into case_participants (case_id, organisation_id, role, report_in_due_at) values
            (${a}, ${dept!.id}, 'whistle', '2026-03-01T12:00:00+08:00')`,
    );
    await t.deps.db.execute(
      sql`insert into case_participants (case_id, organisation_id, role) values (${b}, ${dept!.id}, 'dispatch')`,
    );
    await t.deps.db.execute(
      sql`insert into case_events (case_id, at, action, data) values (${b}, '2026-03-03T09:00:00+08:00', 'return',
            ${JSON.stringify({ from: dept!.id })}::jsonb)`,
    );
    // A closed case with no assignee is held by each unit on it that was not only summoned.
    const [dept2, dept3] = await rows<{ id: number }>(
      t.deps.db,
      sql`select id from organisations where kind = 'department' order by id offset 1 limit 2`,
    );
    const c = await addCase({ category: 'A01', at: '2026-04-01T09:00:00+08:00', status: 'closed' });
    await t.deps.db.execute(
      sql`update cases set closed_at = '2026-04-05T00:00:00+08:00', closed_on_time = true where id = ${c}`,
    );
    await t.deps.db.execute(
      sql`insert into case_participants (case_id, organisation_id, role, report_in_due_at) values
            (${c}, ${dept2!.id}, 'dispatch', null), (${c}, ${dept3!.id}, 'whistle', '2026-04-01T12:00:00+08:00')`,
    );
    const bad = await api(community1, 'POST', '/ratings', {
      communityId: community.id,
      organisationId: companyId,
      year: 2026,
      score: 4,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await api(community1, 'POST', '/ratings', {
          communityId: community.id,
          organisationId: dept!.id,
          year: 2026,
          score: 4,
        })
      ).statusCode,
    ).toBe(200);
    const sc = await api(community1, 'GET', `/scorecards?year=2026&communityId=${community.id}`);
    expect(sc.statusCode).toBe(200);
    const row = sc.json().items.find((x: { organisationId: number }) => x.organisationId === dept!.id);
    expect(row).toMatchObject({ summoned: 1, notReportedIn: 1, returns: 1, handled: 2, onTime: 1, rank: null });
    expect(row.rating.raw).toBe(75);
    expect(row.onTimeRate.raw).toBe(50);
    expect(row.onTimeRate.low).toBeLessThan(row.onTimeRate.shrunk);
    expect(row.score).toBeGreaterThan(0);
    const held = (id: number) => sc.json().items.find((x: { organisationId: number }) => x.organisationId === id);
    expect(held(dept2!.id)).toMatchObject({ handled: 1, onTime: 1, summoned: 0 });
    expect(held(dept3!.id)).toMatchObject({ handled: 0, summoned: 1 });
    // The annual review waits for December; then it grades nothing on two cases and one rating.
    const nov = await api(admin, 'GET', '/reviews/2026');
    expect(nov.statusCode).toBe(409);
    clock.set(new Date('2026-12-15T10:00:00+08:00'));
    await loginAll();
    const dec = await api(admin, 'GET', '/reviews/2026');
    expect(dec.statusCode).toBe(200);
    const r = dec.json().items.find((x: { organisationId: number }) => x.organisationId === dept!.id);
    expect(r).toMatchObject({ communities: 1, grade: null, rank: null });
  });
});
