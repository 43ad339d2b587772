// 吹哨报到 over HTTP: a summons waits in the to-do of each summoned organisation (a partner unit too) until it reports
// in; the case names who was summoned and who has reported in; a department that already handles the case reports in too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
// Tuesday 10 March 2026, 09:00 in China: a working day.
const clock = new FakeClock(new Date('2026-03-10T09:00:00+08:00'));
const s = {} as Record<string, Session>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const u of ['community1', 'grid1', 'dept1', 'power1']) s[u] = await t.login(u);
});
afterAll(() => t?.close());

const act = (who: string, id: number, body: object) =>
  t.as(s[who]!, { method: 'POST', url: `/api/cases/${id}/actions`, payload: body });
const get = (who: string, id: number) => t.as(s[who]!, { method: 'GET', url: `/api/cases/${id}` });
const version = async (id: number) => (await get('community1', id)).json().version as number;
const orgOf = async (who: string) =>
  (await t.as(s[who]!, { method: 'GET', url: '/api/auth/me' })).json().bindings[0].organisationId as number;
const todo = async (who: string) =>
  ((await t.as(s[who]!, { method: 'GET', url: '/api/cases?box=todo&limit=200' })).json().items as { id: number }[]).map(
    (x) => x.id,
  );

/** A case dispatched to and accepted by dept1's department. */
async function handledByDept1(description: string): Promise<number> {
  const r = await t.as(s.grid1!, {
    method: 'POST',
    url: '/api/cases',
    payload: { categoryCode: 'E0101', description, location: { lat: 39.92, lng: 116.305 } },
  });
  const id = r.json().id as number;
  expect((await act('community1', id, { action: 'register', version: await version(id) })).statusCode).toBe(200);
  const d = await act('community1', id, {
    action: 'dispatch',
    version: await version(id),
    triage: 'major',
    organisationId: await orgOf('dept1'),
    overrideReason: '测试',
  });
  expect(d.statusCode, d.body).toBe(200);
  expect((await act('dept1', id, { action: 'accept', version: await version(id) })).statusCode).toBe(200);
  return id;
}

describe('whistle and report in (吹哨报到)', () => {
  it('summons a partner unit and the handling department; each finds it in its to-do and reports in', async () => {
    const id = await handledByDept1('主干道电缆井盖破损，需供电所与城管到场');
    const [dept, power] = [await orgOf('dept1'), await orgOf('power1')];
    expect(await todo('power1')).not.toContain(id);

    const w = await act('community1', id, {
      action: 'whistle',
      version: await version(id),
      organisationIds: [dept, power],
      note: '请到场会商',
      reportInHours: 2,
    });
    expect(w.statusCode, w.body).toBe(200);

    // The partner unit sees the case only through the summons, and waits for it in its to-do, with its deadline.
    expect(await todo('power1')).toContain(id);
    const row = (
      (await t.as(s.power1!, { method: 'GET', url: '/api/cases?box=todo' })).json().items as {
        id: number;
        reportInDueAt: string | null;
      }[]
    ).find((x) => x.id === id);
    expect(row?.reportInDueAt).toBe('2026-03-10T03:00:00.000Z');
    expect((await get('power1', id)).json().actions).toContain('report_in');
    // The handling department was summoned too: it must report in like any other.
    expect((await get('dept1', id)).json().actions).toContain('report_in');

    const summons = (await get('community1', id)).json().summons as {
      organisationId: number;
      organisationName: string;
      reportInDueAt: string;
      reportedInAt: string | null;
      overdue: boolean;
    }[];
    expect(summons.map((x) => x.organisationId).sort()).toEqual([dept, power].sort());
    expect(summons.find((x) => x.organisationId === power)).toMatchObject({
      organisationName: expect.stringContaining('供电所'),
      reportedInAt: null,
      overdue: false,
    });
    // Two working hours from 09:00.
    expect(summons[0]!.reportInDueAt).toBe('2026-03-10T03:00:00.000Z');

    clock.set(new Date('2026-03-10T09:30:00+08:00'));
    const p = await act('power1', id, { action: 'report_in', version: await version(id), note: '供电所已到场' });
    expect(p.statusCode, p.body).toBe(200);
    expect(await todo('power1')).not.toContain(id);
    const d = await act('dept1', id, { action: 'report_in', version: await version(id), note: '城管已到场' });
    expect(d.statusCode, d.body).toBe(200);
    const after = (await get('community1', id)).json().summons as {
      organisationId: number;
      reportedInAt: string | null;
    }[];
    expect(after.every((x) => x.reportedInAt === '2026-03-10T01:30:00.000Z')).toBe(true);
    // Still the handler's work, but no second report-in.
    expect((await get('dept1', id)).json().actions).not.toContain('report_in');
    expect(await todo('dept1')).toContain(id);
  });

  it('marks the handling department overdue when it misses the report-in deadline', async () => {
    clock.set(new Date('2026-03-11T09:00:00+08:00'));
    s.community1 = await t.login('community1');
    s.grid1 = await t.login('grid1');
    s.dept1 = await t.login('dept1');
    const id = await handledByDept1('路面塌陷，需城管局报到');
    const dept = await orgOf('dept1');
    expect(
      (
        await act('community1', id, {
          action: 'whistle',
          version: await version(id),
          organisationIds: [dept],
          note: '请报到',
          reportInHours: 1,
        })
      ).statusCode,
    ).toBe(200);
    clock.set(new Date('2026-03-11T10:01:00+08:00'));
    await t.deps.jobs.runDue(50);
    const c = (await get('community1', id)).json();
    expect(
      c.timeline
        .filter((e: { action: string }) => e.action === 'report_in_overdue')
        .map((e: { data: { organisationId: number } }) => e.data.organisationId),
    ).toEqual([dept]);
    expect(c.summons).toEqual([expect.objectContaining({ organisationId: dept, reportedInAt: null, overdue: true })]);
  });

  it('refuses to summon a property company or a social organisation, in the caller’s language', async () => {
    const id = await handledByDept1('不能向物业吹哨');
    const orgs = (await t.as(s.community1!, { method: 'GET', url: '/api/organisations?kind=property_company' })).json()
      .items as { id: number }[];
    const r = await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      payload: { action: 'whistle', version: await version(id), organisationIds: [orgs[0]!.id], note: '吹哨' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('只能向职能部门和驻区单位吹哨');
  });
});
