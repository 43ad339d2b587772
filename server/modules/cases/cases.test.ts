// The case loop over HTTP: report → register → dispatch → accept → reply → verify → close → rate, and its side paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const s = {} as Record<string, Session>;
const inGrid0 = { lat: 39.92, lng: 116.305 };

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const u of ['admin', 'street1', 'community1', 'grid1', 'grid2', 'dept1', 'property1', 'resident1'])
    s[u] = await t.login(u);
});
afterAll(() => t?.close());

const report = (who: string, body: object, key?: string) =>
  t.as(s[who]!, {
    method: 'POST',
    url: '/api/cases',
    payload: { categoryCode: 'E0101', description: '小区东门有人私搭违建', location: inGrid0, ...body },
    headers: key ? { 'idempotency-key': key } : {},
  });
const act = (who: string, id: number, body: object) =>
  t.as(s[who]!, { method: 'POST', url: `/api/cases/${id}/actions`, payload: body });
const get = (who: string, id: number) => t.as(s[who]!, { method: 'GET', url: `/api/cases/${id}` });
const version = async (id: number) => (await get('admin', id)).json().version as number;
const deptId = async () =>
  (await t.as(s.dept1!, { method: 'GET', url: '/api/auth/me' })).json().bindings[0].organisationId as number;

describe('case loop', () => {
  it('runs the whole loop and records every step on the timeline', async () => {
    const r = await report('grid1', {});
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ status: 'reported', gridId: t.demo.grids[0]!.id, channel: 'patrol' });
    expect(c.number).toMatch(/^20260302\d{6}$/);

    const inbox = await t.as(s.community1!, { method: 'GET', url: '/api/cases?box=todo' });
    expect(inbox.json().items.map((x: { id: number }) => x.id)).toContain(c.id);
    expect((await get('community1', c.id)).json().actions).toEqual(expect.arrayContaining(['register', 'void']));

    expect((await act('community1', c.id, { action: 'register', version: c.version })).statusCode).toBe(200);
    const suggested = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` })).json()
      .organisation;
    expect(suggested.id).toBe(await deptId());
    const d = await act('community1', c.id, {
      action: 'dispatch',
      version: await version(c.id),
      triage: 'major',
      organisationId: suggested.id,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'dispatched', assigneeName: '示范区城市管理局' });

    const deptInbox = await t.as(s.dept1!, { method: 'GET', url: '/api/cases?box=todo' });
    expect(deptInbox.json().items.map((x: { id: number }) => x.id)).toEqual([c.id]);
    expect((await get('dept1', c.id)).json().actions).toEqual(expect.arrayContaining(['accept', 'return']));
    expect((await act('dept1', c.id, { action: 'accept', version: await version(c.id) })).json().status).toBe(
      'handling',
    );
    clock.advance(3_600_000);
    const reply = await act('dept1', c.id, { action: 'reply', version: await version(c.id), result: '已责令拆除' });
    expect(reply.json().status).toBe('replied');

    expect((await get('grid1', c.id)).json().actions).toContain('verify');
    const closed = await act('grid1', c.id, {
      action: 'verify',
      version: await version(c.id),
      pass: true,
      note: '现场已拆除',
    });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(closed.json().closedAt).not.toBeNull();

    const rated = await act('grid1', c.id, {
      action: 'rate',
      version: await version(c.id),
      rating: 'satisfied',
      comment: '处理及时',
    });
    expect(rated.json().rating).toBe('satisfied');
    expect(rated.json().timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'register',
      'dispatch',
      'accept',
      'reply',
      'verify',
      'rate',
    ]);
    expect(rated.json().actions).not.toContain('rate');
  });

  it('makes one case of a retried report with the same Idempotency-Key', async () => {
    const a = await report('grid1', { description: '重试的上报' }, 'retry-key-0001');
    const b = await report('grid1', { description: '重试的上报' }, 'retry-key-0001');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
    // The retry took no case number: the next new report follows the first.
    expect((await report('grid1', { description: '重试之后的新上报' })).json().id).toBe(a.json().id + 1);
    const [x, y] = await Promise.all([
      report('grid1', { description: '并发重试' }, 'retry-key-0002'),
      report('grid1', { description: '并发重试' }, 'retry-key-0002'),
    ]);
    expect(x.json().id).toBe(y.json().id);
  });

  it('answers a new report with the case exactly as it is stored, solved on the spot or not', async () => {
    for (const body of [
      { description: '新上报直接作答' },
      { categoryCode: 'E0102', description: '当场处置直接作答', solvedOnSpot: true },
    ]) {
      const r = await report('grid1', body, `answer-${body.description}`);
      expect(r.statusCode).toBe(201);
      expect(r.json()).toEqual((await get('grid1', r.json().id)).json());
    }
  });

  it('answers an action not allowed now with 409 and the actions allowed, and changes nothing', async () => {
    const c = (await report('grid1', {})).json();
    const r = await act('community1', c.id, { action: 'reply', version: c.version, result: 'x' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('action_not_allowed');
    expect(r.json().error.allowed).toEqual(expect.arrayContaining(['register', 'void']));
    const notYours = await act('dept1', c.id, { action: 'register', version: c.version });
    expect(notYours.statusCode).toBe(404);
    const gridCannotRegister = await act('grid1', c.id, { action: 'register', version: c.version });
    expect(gridCannotRegister.statusCode).toBe(403);
    expect(await version(c.id)).toBe(c.version);
  });

  it('lets one of two concurrent accepts win; the other gets a conflict', async () => {
    const c = (await report('grid1', {})).json();
    await act('community1', c.id, { action: 'register', version: c.version });
    await act('community1', c.id, {
      action: 'dispatch',
      version: await version(c.id),
      triage: 'major',
      organisationId: await deptId(),
    });
    const v = await version(c.id);
    const [a, b] = await Promise.all([
      act('dept1', c.id, { action: 'accept', version: v }),
      act('dept1', c.id, { action: 'accept', version: v }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(
      (await get('admin', c.id)).json().timeline.filter((e: { action: string }) => e.action === 'accept'),
    ).toHaveLength(1);
  });

  it('counts returns and rework, and requires a reason to overrule the responsibility list', async () => {
    const c = (await report('grid1', {})).json();
    await act('community1', c.id, { action: 'register', version: c.version });
    const orgs = (await t.as(s.admin!, { method: 'GET', url: '/api/organisations?kind=department' })).json().items;
    const housing = orgs.find((o: { name: string }) => o.name.includes('住房'));
    const noReason = await act('community1', c.id, {
      action: 'dispatch',
      version: await version(c.id),
      triage: 'major',
      organisationId: housing.id,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('overrideReason');
    await act('community1', c.id, {
      action: 'dispatch',
      version: await version(c.id),
      triage: 'major',
      organisationId: await deptId(),
    });
    const returned = await act('dept1', c.id, {
      action: 'return',
      version: await version(c.id),
      reason: '不属于本部门职责',
    });
    expect(returned.json()).toMatchObject({ status: 'registered', returnCount: 1 });
    await act('community1', c.id, {
      action: 'dispatch',
      version: await version(c.id),
      triage: 'major',
      organisationId: await deptId(),
    });
    await act('dept1', c.id, { action: 'accept', version: await version(c.id) });
    await act('dept1', c.id, { action: 'reply', version: await version(c.id), result: '已处理' });
    const fail = await act('grid1', c.id, {
      action: 'verify',
      version: await version(c.id),
      pass: false,
      note: '现场未整改',
    });
    expect(fail.json()).toMatchObject({ status: 'handling', reworkCount: 1 });
    // A department still sees a case it handled before, but not cases it never touched.
    const other = (await report('grid1', { description: '别的案件' })).json();
    expect((await get('dept1', other.id)).statusCode).toBe(404);
  });

  it('keeps cases inside their territory: another grid and a resident see nothing of them', async () => {
    const c = (await report('grid1', {})).json();
    expect((await get('grid2', c.id)).statusCode).toBe(404);
    expect((await get('property1', c.id)).statusCode).toBe(404);
    expect((await get('resident1', c.id)).statusCode).toBe(404);
    expect((await get('street1', c.id)).statusCode).toBe(200);
    const list = await t.as(s.grid2!, { method: 'GET', url: '/api/cases?box=all' });
    expect(list.json().items.map((x: { id: number }) => x.id)).not.toContain(c.id);
  });

  it('refuses bad reports with a clear field', async () => {
    const cases: [object, string][] = [
      [{ categoryCode: 'Z9999' }, 'categoryCode'],
      [{ location: { lat: 10, lng: 10 } }, 'location'],
      [{ location: undefined }, 'location'],
      [{ description: '' }, 'description'],
    ];
    for (const [body, field] of cases) {
      const r = await report('grid1', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details[0].path).toBe(field);
    }
    const outside = await report('grid2', { location: inGrid0 });
    expect(outside.statusCode).toBe(403);
    // Someone with no grid of their own and no place given hears first that the category is unknown.
    const unknown = await report('community1', { categoryCode: 'Z9999', location: undefined });
    expect(unknown.json().error.details[0].path).toBe('categoryCode');
    expect((await report('community1', { location: undefined })).json().error.details[0].path).toBe('location');
  });

  it('records a matter solved on the spot as a closed, self-handled case', async () => {
    const r = await report('grid1', { categoryCode: 'E0102', description: '垃圾已当场清理', solvedOnSpot: true });
    expect(r.json()).toMatchObject({ status: 'closed', selfHandled: true });
    expect(r.json().timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'self_handle']);
  });

  it('takes a 12345 order with an address and a grid in place of the map point an event category needs', async () => {
    const base = {
      categoryCode: 'E0102',
      description: '热线来电：路边垃圾',
      gridId: t.demo.grids[0]!.id,
      address: '清河苑1号楼东侧',
    };
    expect(
      (await t.as(s.community1!, { method: 'POST', url: '/api/cases', payload: { ...base, channel: 'patrol' } }))
        .statusCode,
    ).toBe(400);
    const r = await t.as(s.community1!, {
      method: 'POST',
      url: '/api/cases',
      payload: { ...base, channel: 'hotline' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ channel: 'hotline', location: null, address: base.address });
  });

  it("keeps a resident's report a resident's: no closing on the spot, no outside work-order numbers, channel resident", async () => {
    const base = { categoryCode: 'C0401', description: '楼下广场舞太吵', gridId: t.demo.grids[0]!.id };
    const spot = await t.as(s.resident1!, {
      method: 'POST',
      url: '/api/cases',
      payload: { ...base, solvedOnSpot: true },
    });
    expect(spot.statusCode).toBe(400);
    expect(spot.json().error.details[0].path).toBe('solvedOnSpot');
    const ext = await t.as(s.resident1!, {
      method: 'POST',
      url: '/api/cases',
      payload: { ...base, externalRef: 'GD-1' },
    });
    expect(ext.statusCode).toBe(400);
    const ok = await t.as(s.resident1!, { method: 'POST', url: '/api/cases', payload: { ...base, channel: 'patrol' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().channel).toBe('resident');
  });

  it('marks an overdue case and escalates it exactly once, even when the job runs again', async () => {
    const c = (await report('grid1', {})).json();
    expect(c.dueAt).not.toBeNull();
    clock.set(new Date(new Date(c.dueAt).getTime() + 1000));
    await t.deps.jobs.runDue(500);
    await t.deps.jobs.runDue(500);
    const after = (await get('admin', c.id)).json();
    expect(after.overdue).toBe(true);
    expect(after.timeline.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
    const overdueBox = await t.as(s.street1!, { method: 'GET', url: '/api/cases?box=overdue' });
    expect(overdueBox.json().items.map((x: { id: number }) => x.id)).toContain(c.id);
    const urged = await act('street1', c.id, { action: 'urge', version: after.version, note: '请尽快立案' });
    expect(urged.statusCode, urged.body).toBe(200);
    expect(urged.json().urgeCount).toBe(1);
  });

  it('shelves a case until its review date, when it comes back by itself', async () => {
    const c = (await report('grid1', {})).json();
    await act('community1', c.id, { action: 'register', version: c.version });
    const shelved = await act('community1', c.id, {
      action: 'shelve',
      version: await version(c.id),
      reason: '需纳入明年改造计划',
      reviewOn: '2027-01-05',
    });
    expect(shelved.json().status).toBe('shelved');
    clock.set(new Date('2027-01-05T09:00:01+08:00'));
    await t.deps.jobs.runDue(500);
    s.admin = await t.login('admin'); // the old session expired while the clock jumped ten months
    const back = (await get('admin', c.id)).json();
    expect(back.status).toBe('registered');
    expect(back.timeline.at(-1)).toMatchObject({ action: 'unshelve', fromStatus: 'shelved', toStatus: 'registered' });
  });
});
