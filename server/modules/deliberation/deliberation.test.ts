// Deliberation against the real database: one support per household, triage into the case loop and onto an agenda,
// overdue-for-agenda, voting integrity (one per household under concurrency, idempotent retries, open/close rules,
// secret ballot with no link from voter to choice in any column, tally equals ballots, quorum), proxies, pass-up,
// resolutions to a case and their 公示.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { fakeId } from '../people/testing';

const clock = new FakeClock(new Date('2026-09-01T09:00:00+08:00'));
let t: TestApp;
let staff: Session;
let resident: Session;
let member: Session;
let grid: Session;
let councilId: number;
let communityId: number;
const people: Record<string, number> = {};

const post = (s: Session, url: string, payload: object = {}, headers: Record<string, string> = {}) =>
  t.as(s, { method: 'POST', url: `/api/deliberation${url}`, payload, headers });
const get = (s: Session, url: string) => t.as(s, { method: 'GET', url: `/api/deliberation${url}` });
const count = async (table: string) =>
  Number((await rows<{ n: string }>(t.deps.db, sql.raw(`select count(*) as n from ${table}`)))[0]!.n);

async function propose(s: Session, extra: object = {}) {
  const r = await post(s, '/proposals', {
    category: 'facilities',
    title: '楼下增设休息座椅',
    text: '小区广场没有座椅，老人散步没处歇脚。',
    nodeId: communityId,
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** A vote on a fresh agenda item of the council, opened. */
async function openVote(ballot: 'open' | 'secret', council = councilId) {
  const m = (
    await post(staff, `/councils/${council}/meetings`, { startsAt: '2026-09-06T19:00:00+08:00', place: '社区活动室' })
  ).json();
  const withItem = (await post(staff, `/meetings/${m.id}/agenda`, { title: '增设座椅' })).json();
  const item = withItem.agenda.at(-1);
  const v = (await post(staff, '/votes', { agendaItemId: item.id, question: '是否同意增设座椅', ballot })).json();
  expect((await post(staff, `/votes/${v.id}/open`)).statusCode).toBe(200);
  return { voteId: v.id as number, itemId: item.id as number };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  staff = await t.login('community1');
  resident = await t.login('resident1');
  member = await t.login('member1');
  grid = await t.login('grid1');
  communityId = t.demo.communities[0]!.id;
  const uid = async (u: string) =>
    (await rows<{ id: number }>(t.deps.db, sql`select id from users where username = ${u}`))[0]!.id;
  const add = async (key: string, n: number, household: number, birth: string, userId?: number) => {
    const r = await t.as(grid, {
      method: 'POST',
      url: '/api/people/residents',
      payload: {
        name: `议事${n}`,
        idNumber: fakeId(n, { birth }),
        residenceType: 'registered',
        householdNodeId: t.demo.households[household]!.id,
        ...(userId ? { userId } : {}),
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    people[key] = r.json().id;
  };
  await add('resident1', 61, 0, '1985-03-02', await uid('resident1'));
  await add('kin', 62, 0, '1940-05-06');
  await add('member1', 63, 1, '1978-07-08', await uid('member1'));
  await add('young', 64, 2, '1995-01-02');
  const c = await post(staff, '/councils', {
    nodeId: communityId,
    kind: 'residents',
    name: '清河苑居民议事会',
    voteRule: 'household',
    openToResidents: true,
    quorum: 2,
    supportThreshold: 2,
    meetingRule: 'FREQ=MONTHLY;BYMONTHDAY=6,16,26',
  });
  expect(c.statusCode, c.body).toBe(200);
  councilId = c.json().id;
});
afterAll(() => t.close());

describe('councils', () => {
  it('shows the next meeting days of 逢六说事 and refuses a bad rule', async () => {
    const c = (await get(staff, `/councils/${councilId}`)).json();
    expect(c.nextMeetingDays).toEqual(['2026-09-06', '2026-09-16', '2026-09-26']);
    expect(c.level).toBe('community');
    const bad = await post(staff, '/councils', {
      nodeId: communityId,
      kind: 'joint',
      name: 'x',
      voteRule: 'member',
      quorum: 1,
      supportThreshold: 1,
      meetingRule: 'EVERY SIXTH',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('meetingRule');
  });
  it('a resident cannot set up a council', async () => {
    const r = await post(resident, '/councils', {
      nodeId: communityId,
      kind: 'joint',
      name: 'x',
      voteRule: 'member',
      quorum: 1,
      supportThreshold: 1,
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('meetings', () => {
  it('records attendance, minutes and held; a non-member in the attendance is refused by field and nothing changes', async () => {
    const m = (
      await post(staff, `/councils/${councilId}/meetings`, { startsAt: '2026-09-06T19:00:00+08:00', place: '议事厅' })
    ).json();
    const patch = (payload: object) =>
      t.as(staff, { method: 'PATCH', url: `/api/deliberation/meetings/${m.id}`, payload });
    const bad = await patch({ attendance: [999999], minutes: '不应保存', status: 'held' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('attendance.0');
    const unchanged = (await get(staff, `/councils/${councilId}/meetings`))
      .json()
      .meetings.find((x: { id: number }) => x.id === m.id);
    expect(unchanged).toMatchObject({ status: 'planned', minutes: null, attendance: [] });
    const tooLong = await patch({ minutes: 'x'.repeat(10001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('minutes');
    const member = await post(staff, `/councils/${councilId}/members`, { role: 'secretary', name: '社区记录员' });
    const memberId = member.json().members.at(-1).id;
    const ok = await patch({ attendance: [memberId, memberId], minutes: '议题一：增设座椅。', status: 'held' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'held', minutes: '议题一：增设座椅。', attendance: [memberId] });
  });
});

describe('proposals', () => {
  it('one support per household; a paper support for the same household is refused; overdue past the threshold', async () => {
    const p = await propose(resident);
    expect(p.supports).toBe(1);
    expect(p.supportedByMyHousehold).toBe(true);
    expect(p.overdueForAgenda).toBe(false);
    const again = await post(resident, `/proposals/${p.id}/support`);
    expect(again.statusCode).toBe(409);
    // Another person of resident1's household, recorded on paper by a worker: still the same household.
    const paper = await post(staff, `/proposals/${p.id}/support`, { onBehalfOfResidentId: people.kin });
    expect(paper.statusCode).toBe(409);
    expect((await get(staff, `/proposals/${p.id}`)).json().supports).toBe(1);
    const second = await post(member, `/proposals/${p.id}/support`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().supports).toBe(2);
    const queue = (await get(staff, '/proposals?queue=true')).json().items;
    expect(queue[0].id).toBe(p.id);
    expect(queue[0].overdueForAgenda).toBe(true);
  });

  it('a worker files a paper proposal for a resident and the record says so', async () => {
    const p = await propose(staff, { onBehalfOfResidentId: people.young });
    expect(p.onPaper).toBe(true);
    expect(p.filedByName).toBe('社区工作者 王芳');
    expect(p.authorName).toBe('议事64');
  });

  it('triage into the case loop makes one case through the intake, with the text', async () => {
    const p = await propose(resident, {
      title: '路灯不亮',
      text: '3号楼前路灯坏了一周。',
      location: { lat: 39.905, lng: 116.301 },
    });
    const before = await count('cases');
    const r = await post(staff, `/proposals/${p.id}/triage`, { outcome: 'case', categoryCode: 'A0101' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('case');
    expect(await count('cases')).toBe(before + 1);
    const [c] = await rows<{ description: string }>(
      t.deps.db,
      sql`select description from cases where id = ${r.json().caseId}`,
    );
    expect(c!.description).toContain('3号楼前路灯坏了一周');
    expect((await post(staff, `/proposals/${p.id}/triage`, { outcome: 'answer', answer: 'x' })).statusCode).toBe(409);
    expect((await post(resident, `/proposals/${p.id}/triage`, { outcome: 'answer', answer: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('triage onto an agenda and answered directly', async () => {
    const a = await propose(resident);
    const r = await post(staff, `/proposals/${a.id}/triage`, { outcome: 'agenda', councilId });
    expect(r.json().status).toBe('agenda');
    const pending = (await get(staff, `/councils/${councilId}/meetings`)).json().pending;
    expect(pending.some((i: { proposalId: number }) => i.proposalId === a.id)).toBe(true);
    const b = await propose(resident);
    const ans = await post(staff, `/proposals/${b.id}/triage`, { outcome: 'answer', answer: '已列入年度计划' });
    expect(ans.json().answer).toBe('已列入年度计划');
  });
});

describe('voting', () => {
  it('refuses votes before opening and after closing, and the tally before close', async () => {
    const m = (
      await post(staff, `/councils/${councilId}/meetings`, { startsAt: '2026-09-16T19:00:00+08:00', place: '活动室' })
    ).json();
    const item = (await post(staff, `/meetings/${m.id}/agenda`, { title: '议题' })).json().agenda[0];
    const v = (await post(staff, '/votes', { agendaItemId: item.id, question: '同意吗', ballot: 'secret' })).json();
    const early = await post(resident, `/votes/${v.id}/ballots`, { choice: 'yes' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0]).toEqual({ path: 'status', message: '表决尚未开始' });
    await post(staff, `/votes/${v.id}/open`);
    expect((await get(staff, `/votes/${v.id}/tally`)).statusCode).toBe(409);
    expect((await get(staff, `/votes/${v.id}`)).json().result).toBeNull();
    await post(staff, `/votes/${v.id}/close`);
    const late = await post(resident, `/votes/${v.id}/ballots`, { choice: 'yes' });
    expect(late.statusCode).toBe(409);
    expect(await count(`vote_ballots where vote_id = ${v.id}`)).toBe(0);
  });

  it('concurrent votes from one household count once; a retry with the same key answers the same', async () => {
    const { voteId } = await openVote('secret');
    const tries = await Promise.all(
      ['yes', 'no', 'yes', 'abstain'].map((choice) => post(resident, `/votes/${voteId}/ballots`, { choice })),
    );
    expect(tries.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(tries.filter((r) => r.statusCode === 409)).toHaveLength(3);
    const key = 'retry-key-0001';
    const a = await post(member, `/votes/${voteId}/ballots`, { choice: 'yes' }, { 'idempotency-key': key });
    const b = await post(member, `/votes/${voteId}/ballots`, { choice: 'yes' }, { 'idempotency-key': key });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await count(`vote_ballots where vote_id = ${voteId}`)).toBe(2);
    expect(await count(`vote_roll where vote_id = ${voteId}`)).toBe(2);
    await post(staff, `/votes/${voteId}/close`);
    const tally = (await get(staff, `/votes/${voteId}/tally`)).json();
    expect(tally.ballots).toBe(2);
    expect(tally.quorumMet).toBe(true);
    const roll = (await get(staff, `/votes/${voteId}/roll`)).json().items;
    expect(roll.every((x: { choice: unknown }) => x.choice === null)).toBe(true);
  });

  it('a secret ballot holds no link from voter to choice in any column', async () => {
    const cols = await rows<{ table_name: string; column_name: string }>(
      t.deps.db,
      sql`select table_name, column_name from information_schema.columns where table_name in ('vote_ballots', 'vote_roll', 'vote_proxy_records')`,
    );
    const of = (tn: string) =>
      cols
        .filter((c) => c.table_name === tn)
        .map((c) => c.column_name)
        .sort();
    expect(of('vote_ballots')).toEqual(['choice', 'id', 'vote_id']);
    expect(of('vote_roll')).not.toContain('choice');
    expect(of('vote_proxy_records')).not.toContain('choice');
    // Nothing in the ballots orders them against the roll: no timestamp, no sequence.
    const [def] = await rows<{ d: string | null }>(
      t.deps.db,
      sql`select column_default as d from information_schema.columns where table_name = 'vote_ballots' and column_name = 'id'`,
    );
    expect(def!.d).toContain('gen_random_uuid');
    expect(await count(`vote_open_choices o join council_votes v on v.id = o.vote_id where v.ballot = 'secret'`)).toBe(
      0,
    );
  });

  it('the tally equals the ballots; quorum decides; an open ballot shows who chose what after close', async () => {
    const { voteId } = await openVote('open');
    await post(resident, `/votes/${voteId}/ballots`, { choice: 'no' });
    await post(staff, `/votes/${voteId}/close`);
    const r = (await get(resident, `/votes/${voteId}`)).json().result;
    const [b] = await rows<{ n: string }>(
      t.deps.db,
      sql`select count(*) filter (where choice = 'no') as n from vote_ballots where vote_id = ${voteId}`,
    );
    expect(r.no).toBe(Number(b!.n));
    expect(r.quorumMet).toBe(false);
    expect(r.passed).toBe(false);
    const roll = (await get(staff, `/votes/${voteId}/roll`)).json().items;
    expect(roll).toEqual([expect.objectContaining({ choice: 'no', byProxy: false })]);
  });

  it('proxy votes need their record, are for the elderly, are audited, and count for the household', async () => {
    const { voteId } = await openVote('secret');
    const old = { id: people.kin! };
    const none = await post(staff, `/votes/${voteId}/ballots`, {
      choice: 'yes',
      proxy: { residentId: old!.id, proxyName: '女儿 李梅', record: '' },
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('proxy.record');
    const young = { id: people.young! };
    const youngTry = await post(staff, `/votes/${voteId}/ballots`, {
      choice: 'yes',
      proxy: { residentId: young!.id, proxyName: '邻居', record: '委托书 2026-001' },
    });
    expect(youngTry.statusCode).toBe(400);
    const ok = await post(staff, `/votes/${voteId}/ballots`, {
      choice: 'yes',
      proxy: { residentId: old!.id, proxyName: '女儿 李梅', record: '委托书 2026-002' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().byProxy).toBe(true);
    expect(await count(`audit_log where action = 'deliberation.proxy_vote'`)).toBe(1);
    expect(await count(`vote_proxy_records where vote_id = ${voteId}`)).toBe(1);
    expect(
      (
        await post(resident, `/votes/${voteId}/ballots`, {
          choice: 'yes',
          proxy: { residentId: old!.id, proxyName: 'x', record: 'y' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('resolutions and passing up', () => {
  it('a passed vote becomes a resolution, a case followed to done, published without personal data', async () => {
    const { voteId } = await openVote('secret');
    await post(resident, `/votes/${voteId}/ballots`, { choice: 'yes' });
    await post(member, `/votes/${voteId}/ballots`, { choice: 'yes' });
    await post(staff, `/votes/${voteId}/close`);
    const r = await post(staff, '/resolutions', {
      voteId,
      title: '广场增设座椅',
      text: '由物业在十月底前增设 6 张座椅，联系电话 13812345678。',
      owner: '安居物业',
      dueOn: '2026-10-31',
    });
    expect(r.statusCode, r.body).toBe(200);
    const id = r.json().id;
    expect(r.json().voteId).toBe(voteId);
    // A second click records nothing more: one resolution per vote.
    const twice = await post(staff, '/resolutions', {
      voteId,
      title: '广场增设座椅',
      text: '重复提交',
      owner: '安居物业',
      dueOn: '2026-10-31',
    });
    expect(twice.statusCode).toBe(409);
    const c = await post(staff, `/resolutions/${id}/case`, {
      categoryCode: 'A0101',
      location: { lat: 39.905, lng: 116.301 },
    });
    expect(c.json().caseId).toBeGreaterThan(0);
    const again = await post(staff, `/resolutions/${id}/case`, {
      categoryCode: 'A0101',
      location: { lat: 39.905, lng: 116.301 },
    });
    expect(again.json().caseId).toBe(c.json().caseId);
    await post(staff, `/resolutions/${id}/progress`, { note: '已采购', percent: 50 });
    const done = await post(staff, `/resolutions/${id}/progress`, { note: '已安装完毕', percent: 100 });
    expect(done.json().status).toBe('done');
    const pub = (await get(resident, '/public/resolutions')).json().items.find((x: { id: number }) => x.id === id);
    expect(pub.progress.map((p: { note: string }) => p.note)).toEqual(['已采购', '已安装完毕']);
    expect(pub.text).not.toContain('13812345678');
  });

  it('a resolution of a located proposal becomes a case with only a category; with no place the refusal names it', async () => {
    const p = await propose(resident, { title: '北门路面坑洼', location: { lat: 39.92, lng: 116.305 } });
    const m = (
      await post(staff, `/councils/${councilId}/meetings`, { startsAt: '2026-09-16T19:00:00+08:00', place: '活动室' })
    ).json();
    expect(
      (await post(staff, `/proposals/${p.id}/triage`, { outcome: 'agenda', councilId, meetingId: m.id })).statusCode,
    ).toBe(200);
    const meetings = (await get(staff, `/councils/${councilId}/meetings`)).json().meetings;
    const item = meetings
      .find((x: { id: number }) => x.id === m.id)
      .agenda.find((i: { proposalId: number }) => i.proposalId === p.id);
    const v = (
      await post(staff, '/votes', { agendaItemId: item.id, question: '是否同意修补北门路面', ballot: 'open' })
    ).json();
    await post(staff, `/votes/${v.id}/open`);
    await post(resident, `/votes/${v.id}/ballots`, { choice: 'yes' });
    await post(member, `/votes/${v.id}/ballots`, { choice: 'yes' });
    await post(staff, `/votes/${v.id}/close`);
    const r = (
      await post(staff, '/resolutions', {
        voteId: v.id,
        title: '修补北门路面',
        text: '物业十日内修补。',
        owner: '安居物业',
        dueOn: '2026-09-30',
      })
    ).json();
    expect(r.proposalId).toBe(p.id);
    const cases = await count('cases');
    const made = await post(staff, `/resolutions/${r.id}/case`, { categoryCode: 'A0101' });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json().caseId).toBeGreaterThan(0);
    expect(await count('cases')).toBe(cases + 1);
    const text = (
      await rows<{ d: string }>(t.deps.db, sql`select description as d from cases where id = ${made.json().caseId}`)
    )[0]!.d;
    expect(text).toContain('修补北门路面');
    const pub = (await get(resident, '/public/resolutions')).json().items.find((x: { id: number }) => x.id === r.id);
    expect(pub.proposalId).toBe(p.id);

    // A resolution with no proposal behind it and no place given: refused, naming the field, and no case is made.
    const { voteId } = await openVote('open');
    await post(resident, `/votes/${voteId}/ballots`, { choice: 'yes' });
    await post(member, `/votes/${voteId}/ballots`, { choice: 'yes' });
    await post(staff, `/votes/${voteId}/close`);
    const bare = (
      await post(staff, '/resolutions', {
        voteId,
        title: '增设座椅',
        text: '增设座椅。',
        owner: '居委会',
        dueOn: '2026-10-01',
      })
    ).json();
    expect(bare.proposalId).toBeNull();
    const before = await count('cases');
    const refused = await post(staff, `/resolutions/${bare.id}/case`, { categoryCode: 'A0101' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('location');
    expect(await count('cases')).toBe(before);
    const still = (await get(staff, '/resolutions')).json().items.find((x: { id: number }) => x.id === bare.id);
    expect(still.caseId).toBeNull();
  });

  it('a failed vote makes no resolution', async () => {
    const { voteId } = await openVote('open');
    await post(staff, `/votes/${voteId}/close`);
    expect(
      (await post(staff, '/resolutions', { voteId, title: 'x', text: 'x', owner: 'x', dueOn: '2026-10-01' }))
        .statusCode,
    ).toBe(400);
  });

  it('a matter the community cannot settle is passed up to the street with its record', async () => {
    const street = await post(await t.login('street1'), '/councils', {
      nodeId: t.demo.streets[0]!.id,
      kind: 'joint',
      name: '清河街道联席会议',
      voteRule: 'member',
      quorum: 1,
      supportThreshold: 50,
    });
    expect(street.statusCode, street.body).toBe(200);
    const m = (
      await post(staff, `/councils/${councilId}/meetings`, { startsAt: '2026-09-26T19:00:00+08:00', place: '活动室' })
    ).json();
    const item = (await post(staff, `/meetings/${m.id}/agenda`, { title: '跨社区停车难' })).json().agenda[0];
    const down = await post(staff, `/agenda-items/${item.id}/pass-up`, {
      councilId: street.json().id,
      record: '涉及两个社区，需街道协调',
    });
    expect(down.statusCode, down.body).toBe(200);
    const up = down.json().pending.find((i: { title: string }) => i.title === '跨社区停车难');
    expect(up.passedFrom).toEqual({ councilName: '清河苑居民议事会', record: '涉及两个社区，需街道协调' });
    expect(
      (await post(staff, `/agenda-items/${item.id}/pass-up`, { councilId: street.json().id, record: 'x' })).statusCode,
    ).toBe(409);
  });
});
