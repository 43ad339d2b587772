// Personal data never reaches the anonymous side (issue 11 item 5): the public list and map, Open311 and a resident's
// timeline mask numbers typed into text, and a case about a resident is linked to them instead of naming them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { fakeId } from '../people/testing';
import type { NodeRow } from '../territory';

let t: TestApp;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const s = {} as Record<string, Session>;
const centre = (g: NodeRow) => ({ lat: (g.minLat! + g.maxLat!) / 2, lng: (g.minLng! + g.maxLng!) / 2 });
let liId = 0;
let outsideId = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const u of ['admin', 'community1', 'grid1', 'resident1']) s[u] = await t.login(u);
  const li = await t.as(s.grid1!, {
    method: 'POST',
    url: '/api/people/residents',
    payload: {
      name: '李桂兰',
      idNumber: fakeId(701, { sex: 'female' }),
      residenceType: 'registered',
      householdNodeId: t.demo.households[0]!.id,
    },
  });
  expect(li.statusCode, li.body).toBe(200);
  liId = li.json().id;
  const other = await t.as(s.admin!, {
    method: 'POST',
    url: '/api/people/residents',
    payload: {
      name: '周外',
      idNumber: fakeId(702),
      residenceType: 'registered',
      householdNodeId: t.demo.households[8]!.id,
    },
  });
  expect(other.statusCode, other.body).toBe(200);
  outsideId = other.json().id;
});
afterAll(() => t?.close());

const grid = () => t.demo.grids[0]!;
const publicList = async () => {
  const r = await t.as(null, {
    method: 'GET',
    url: `/api/portal/public/reports?communityId=${t.demo.communities[0]!.id}&limit=50`,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r;
};
const open311 = async (number: string) => {
  const r = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${number}.json` });
  expect(r.statusCode, r.body).toBe(200);
  return r;
};
const staffView = async (id: number) => (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${id}` })).json();
const register = async (id: number) => {
  const r = await t.as(s.community1!, {
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    payload: { action: 'register', version: (await staffView(id)).version },
  });
  expect(r.statusCode, r.body).toBe(200);
};

describe('numbers typed by a resident', () => {
  const typed = '楼道灯坏了，请联系我 138 0013 8000, 身份证 11010519491231002X';
  const leaks = ['138 0013 8000', '13800138000', '8000', '11010519491231002X', '1002X'];

  it('are masked on the public list (and its map) and in Open311, while staff read them as typed', async () => {
    const c = (
      await t.as(s.resident1!, {
        method: 'POST',
        url: '/api/portal/reports',
        payload: { categoryCode: 'E0104', description: typed, location: centre(grid()) },
      })
    ).json();
    await register(c.id);
    const page = await publicList();
    const item = page.json().items.find((x: { id: number }) => x.id === c.id);
    expect(item.description).toBe('楼道灯坏了，请联系我 ***, 身份证 ***');
    const one = await open311(c.number);
    expect(one.json()[0].description).toBe('楼道灯坏了，请联系我 ***, 身份证 ***');
    for (const body of [page.body, one.body]) for (const l of leaks) expect(body).not.toContain(l);
    expect((await staffView(c.id)).description).toBe(typed);
  });

  it("are masked in the steps a resident reads (a reason for voiding that names another person's phone)", async () => {
    const c = (
      await t.as(s.resident1!, {
        method: 'POST',
        url: '/api/portal/reports',
        payload: { categoryCode: 'E0104', description: '门口堆物', location: centre(grid()) },
      })
    ).json();
    const v = await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: { action: 'void', version: c.version, reason: '重复，已联系业主 139 0000 1111' },
    });
    expect(v.statusCode, v.body).toBe(200);
    const mine = await t.as(s.resident1!, { method: 'GET', url: `/api/portal/reports/mine/${c.id}` });
    expect(mine.json().steps.find((x: { kind: string }) => x.kind === 'void').text).toBe('重复，已联系业主 ***');
    expect(mine.body).not.toContain('1111');
  });
});

describe("a case about a resident (a care visit's finding)", () => {
  const written = '走访李桂兰（1单元101室）发现楼道堆放杂物';

  it('is linked to the resident; the public list, map and Open311 show neither the name, the room nor the address', async () => {
    const r = await t.as(s.grid1!, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        categoryCode: 'E0104',
        description: written,
        location: centre(grid()),
        address: '1单元101室',
        residentId: liId,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    await register(c.id);
    const page = await publicList();
    expect(page.json().items.find((x: { id: number }) => x.id === c.id)).toMatchObject({ description: null });
    const one = await open311(c.number);
    expect(one.json()[0]).toMatchObject({ description: null, address: null });
    for (const body of [page.body, one.body]) for (const l of ['李桂兰', '101室']) expect(body).not.toContain(l);
    // Staff keep the full text and see whom it is about.
    const staff = await staffView(c.id);
    expect(staff).toMatchObject({ description: written, residentId: liId, householdNodeId: t.demo.households[0]!.id });
  });

  it("cannot link a resident outside the reporter's area, and says the same as for one who does not exist", async () => {
    const body = (residentId: number) => ({
      categoryCode: 'E0104',
      description: '楼道堆物',
      location: centre(grid()),
      residentId,
    });
    const outside = await t.as(s.grid1!, { method: 'POST', url: '/api/cases', payload: body(outsideId) });
    const missing = await t.as(s.grid1!, { method: 'POST', url: '/api/cases', payload: body(999_999) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details).toEqual(missing.json().error.details);
    expect(outside.json().error.details[0].path).toBe('residentId');
    const resident = await t.as(s.resident1!, {
      method: 'POST',
      url: '/api/portal/reports',
      payload: { ...body(liId), anonymous: false },
    });
    expect(resident.statusCode).toBe(400);
  });

  it('from the field diary links the first resident and does not copy the household (its room) into the address', async () => {
    const e = await t.as(s.grid1!, {
      method: 'POST',
      url: '/api/people/diary',
      payload: {
        occurredOn: '2026-03-01',
        householdNodeId: t.demo.households[0]!.id,
        residentIds: [liId],
        content: '楼道里堆满纸箱',
      },
    });
    expect(e.statusCode, e.body).toBe(200);
    const made = await t.as(s.grid1!, {
      method: 'POST',
      url: `/api/people/diary/${e.json().id}/case`,
      payload: { categoryCode: 'E0104', location: centre(grid()) },
    });
    expect(made.statusCode, made.body).toBe(200);
    const staff = await staffView(made.json().caseId);
    expect(staff).toMatchObject({ residentId: liId, householdNodeId: t.demo.households[0]!.id, address: null });
    await register(made.json().caseId);
    const page = await publicList();
    expect(page.json().items.find((x: { id: number }) => x.id === made.json().caseId)).toMatchObject({
      description: null,
    });
  });
});
