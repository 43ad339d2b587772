// 三事分流's private path over HTTP: a private matter goes to a named mediator (和事佬) of the case's grid or community,
// who finds it in their to-do and handles it; the responsibility list's department asks for no override reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const s = {} as Record<string, Session>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const u of ['community1', 'grid1', 'grid2', 'mediator1']) s[u] = await t.login(u);
});
afterAll(() => t?.close());

const act = (who: string, id: number, body: object, lang = 'zh-CN') =>
  t.as(s[who]!, {
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    payload: body,
    headers: { 'accept-language': lang },
  });
const get = (who: string, id: number) => t.as(s[who]!, { method: 'GET', url: `/api/cases/${id}` });
const version = async (id: number) => (await get('community1', id)).json().version as number;
const todo = async (who: string) =>
  ((await t.as(s[who]!, { method: 'GET', url: '/api/cases?box=todo&limit=200' })).json().items as { id: number }[]).map(
    (x) => x.id,
  );

/** A registered neighbour dispute (C0101, triage default private) in the given grid. */
async function dispute(gridIndex: number, description: string): Promise<number> {
  const g = t.demo.grids[gridIndex]!;
  const who = gridIndex === 0 ? 'grid1' : 'grid2';
  const r = await t.as(s[who]!, {
    method: 'POST',
    url: '/api/cases',
    payload: { categoryCode: 'C0101', description, gridId: g.id },
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as number;
  expect((await act('community1', id, { action: 'register', version: await version(id) })).statusCode).toBe(200);
  return id;
}

describe('private matters (三事分流: 私事)', () => {
  it('lists the mediators of the case’s grid and community, and hands the matter to one by name', async () => {
    const id = await dispute(0, '楼上楼下漏水纠纷');
    const list = await t.as(s.community1!, { method: 'GET', url: `/api/cases/${id}/mediators` });
    expect(list.statusCode, list.body).toBe(200);
    const m = list.json().items as { id: number; name: string; nodeKind: string }[];
    expect(m).toEqual([expect.objectContaining({ name: '调解员 刘德厚', nodeKind: 'grid' })]);
    // Not the dispatcher's to ask: a grid worker may not list them.
    expect((await t.as(s.grid1!, { method: 'GET', url: `/api/cases/${id}/mediators` })).statusCode).toBe(403);

    expect(await todo('mediator1')).not.toContain(id);
    expect((await get('mediator1', id)).statusCode).toBe(404);
    // No override reason asked although the responsibility list names a department for the class.
    const d = await act('community1', id, {
      action: 'dispatch',
      version: await version(id),
      triage: 'private',
      mediatorId: m[0]!.id,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({
      status: 'dispatched',
      triage: 'private',
      assigneeUserId: m[0]!.id,
      assigneeName: '调解员 刘德厚',
      assigneeOrganisationId: null,
      assigneeNodeId: null,
    });

    // The mediator finds it in their to-do and handles it; the grid node in general does not hold it.
    expect(await todo('mediator1')).toContain(id);
    expect((await get('mediator1', id)).json().actions).toEqual(expect.arrayContaining(['accept', 'return']));
    expect((await get('grid1', id)).json().actions).not.toContain('accept');
    expect((await act('mediator1', id, { action: 'accept', version: await version(id) })).statusCode).toBe(200);
    expect(
      (await act('mediator1', id, { action: 'reply', version: await version(id), result: '双方达成和解' })).statusCode,
    ).toBe(200);
    const notes = (await t.as(s.mediator1!, { method: 'GET', url: '/api/notifications' })).json().items as {
      kind: string;
      caseId: number;
    }[];
    expect(notes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'dispatched', caseId: id })]));
    // Their reach is their own matters, nothing else in the grid.
    const all = (
      (await t.as(s.mediator1!, { method: 'GET', url: '/api/cases?box=all&limit=200' })).json().items as {
        id: number;
      }[]
    ).map((x) => x.id);
    expect(all).toEqual([id]);
  });

  it('refuses a private matter to a department or the grid node, and a mediator of another grid, in Chinese', async () => {
    const id = await dispute(1, '邻居装修噪音纠纷');
    const dept = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${id}/suggested-handler` })).json()
      .organisation;
    const toDept = await act('community1', id, {
      action: 'dispatch',
      version: await version(id),
      triage: 'private',
      ...(dept ? { organisationId: dept.id } : { nodeId: t.demo.grids[1]!.id }),
    });
    expect(toDept.statusCode).toBe(400);
    expect(toDept.json().error.details[0]).toMatchObject({
      path: 'mediatorId',
      message: '私事须交给一位调解员（和事佬）',
    });
    const toNode = await act('community1', id, {
      action: 'dispatch',
      version: await version(id),
      triage: 'private',
      nodeId: t.demo.grids[1]!.id,
    });
    expect(toNode.json().error.details[0].message).toBe('私事须交给一位调解员（和事佬）');
    // mediator1 mediates the first grid, not this one.
    const me = (await t.as(s.mediator1!, { method: 'GET', url: '/api/auth/me' })).json().id as number;
    const other = await act('community1', id, {
      action: 'dispatch',
      version: await version(id),
      triage: 'private',
      mediatorId: me,
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0]).toMatchObject({
      path: 'mediatorId',
      message: '不是案件所在网格或社区的调解员',
    });
    expect(
      (
        await act(
          'community1',
          id,
          { action: 'dispatch', version: await version(id), triage: 'major', mediatorId: me },
          'en',
        )
      ).json().error.details[0].message,
    ).toBe('only a private matter goes to a mediator');
    expect((await get('community1', id)).json().status).toBe('registered');
  });
});
