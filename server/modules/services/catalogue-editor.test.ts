// Keeping the catalogue (district administrators add and change classes and items, communities switch them on and
// keep their duty lists), applying on a resident's behalf, the door-to-door service resent offline, and the figures'
// total row. Bad input is a 4xx naming the field, and changes nothing.
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import { seedServiceDemo } from '../../seed/demo-services';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const s = {} as Record<string, Session>;
let civilId = 0;
let residentId = 0;
let community1 = 0;
let community2 = 0;

beforeAll(async () => {
  t = await createTestApp();
  await seedServiceDemo(t.deps.db, t.deps.crypto);
  for (const u of ['resident1', 'community1', 'grid1', 'grid2', 'admin', 'street1']) s[u] = await t.login(u);
  civilId = (await rows<{ id: number }>(t.deps.db, sql`select id from organisations where name like '%民政局'`))[0]!.id;
  residentId = (await rows<{ id: number }>(t.deps.db, sql`select id from residents where name = '陈晨'`))[0]!.id;
  community1 = t.demo.communities[0]!.id;
  community2 = t.demo.communities[1]!.id;
});
afterAll(async () => {
  await t?.close();
});

const as = (who: string, o: InjectOptions) =>
  t.as(s[who]!, { ...o, headers: { 'accept-language': 'zh-CN', ...(o.headers ?? {}) } });
const itemCount = async () =>
  (await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from service_items`))[0]!.n;
const appCount = async () =>
  (await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from service_applications`))[0]!.n;

const NEW_ITEM = {
  code: 'flood_relief',
  classCode: 'civil',
  name: '受灾群众生活救助',
  description: '因自然灾害造成生活困难的家庭',
  materials: [
    { code: 'id_card', name: '申请人身份证', example: '身份证正反面照片', required: true },
    { code: 'loss', name: '受灾情况说明', example: null, required: true },
  ],
  eligibility: [{ fact: 'age', min: 18 }],
  limitDays: 7,
  responseMinutes: null,
  channels: ['hall', 'door', 'online'],
  fee: null,
};

describe('keeping the catalogue', () => {
  it('refuses a broken item, naming the field, and adds nothing', async () => {
    const before = await itemCount();
    const cases: [object, string][] = [
      [{ responseMinutes: 15 }, 'responseMinutes'],
      [{ limitDays: null }, 'limitDays'],
      [{ materials: [NEW_ITEM.materials[0], { ...NEW_ITEM.materials[1], code: 'id_card' }] }, 'materials.1.code'],
      [{ eligibility: [{ fact: 'age', min: 60, max: 18 }] }, 'eligibility.0.max'],
      [{ eligibility: [{ fact: 'age' }] }, 'eligibility.0.min'],
      [{ classCode: 'nope' }, 'classCode'],
      [{ channels: ['hall', 'hall'] }, 'channels'],
      [{ channels: [] }, 'channels'],
      [{ code: 'Bad Code' }, 'code'],
    ];
    for (const [patch, field] of cases) {
      const r = await as('admin', { method: 'POST', url: '/api/services/items', payload: { ...NEW_ITEM, ...patch } });
      expect(r.statusCode, field).toBe(400);
      expect(r.json().error.details[0].path, JSON.stringify(patch)).toBe(field);
    }
    // A resident's organisation is not a department that decides.
    const street = (
      await rows<{ id: number }>(t.deps.db, sql`select id from organisations where kind <> 'department'`)
    )[0];
    if (street) {
      const r = await as('admin', {
        method: 'POST',
        url: '/api/services/items',
        payload: { ...NEW_ITEM, organisationId: street.id },
      });
      expect(r.json().error.details[0].path).toBe('organisationId');
    }
    expect(await itemCount()).toBe(before);
  });

  it('only a district administrator adds items and classes; a duplicate code is a conflict', async () => {
    for (const who of ['community1', 'street1', 'grid1', 'resident1'])
      expect((await as(who, { method: 'POST', url: '/api/services/items', payload: NEW_ITEM })).statusCode).toBe(403);
    const cls = await as('admin', {
      method: 'POST',
      url: '/api/services/classes',
      payload: { code: 'disaster', name: '防灾减灾' },
    });
    expect(cls.statusCode).toBe(201);
    const r = await as('admin', {
      method: 'POST',
      url: '/api/services/items',
      payload: { ...NEW_ITEM, classCode: 'disaster', organisationId: civilId },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      code: 'flood_relief',
      handler: 'department',
      className: '防灾减灾',
      limitDays: 7,
    });
    const again = await as('admin', { method: 'POST', url: '/api/services/items', payload: NEW_ITEM });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].path).toBe('code');
    const classes = (await as('admin', { method: 'GET', url: '/api/services/classes' })).json().items;
    expect(classes.at(-1)).toEqual({ code: 'disaster', name: '防灾减灾' });
    // The administrator, bound to the district and no community, sees every item (switched off) to keep them.
    const all = (await as('admin', { method: 'GET', url: '/api/services/catalogue?all=true' })).json();
    const items = all.classes.flatMap((c: { items: { code: string }[] }) => c.items);
    expect(items.map((i: { code: string }) => i.code)).toContain('flood_relief');
    expect(items.length).toBe(await itemCount());
  });

  it('a new item is off in every community until the community worker switches it on in their own', async () => {
    const find = async (who: string) =>
      (await as(who, { method: 'GET', url: '/api/services/catalogue?q=shouzai' }))
        .json()
        .classes.flatMap((c: { items: { code: string }[] }) => c.items.map((i) => i.code));
    expect(await find('resident1')).toEqual([]);
    const other = await as('community1', {
      method: 'PUT',
      url: '/api/services/items/flood_relief/switch',
      payload: { nodeId: community2, enabled: true },
    });
    expect(other.statusCode).toBe(403);
    const on = await as('community1', {
      method: 'PUT',
      url: '/api/services/items/flood_relief/switch',
      payload: { nodeId: community1, enabled: true },
    });
    expect(on.statusCode).toBe(200);
    expect(await find('resident1')).toEqual(['flood_relief']);
  });

  it('changing an item: checked as it would be after the change; a new name is found by its pinyin', async () => {
    const bad = await as('admin', {
      method: 'PATCH',
      url: '/api/services/items/flood_relief',
      payload: { responseMinutes: 30 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('responseMinutes');
    expect(
      (await as('community1', { method: 'PATCH', url: '/api/services/items/flood_relief', payload: { fee: '5 元' } }))
        .statusCode,
    ).toBe(403);
    const r = await as('admin', {
      method: 'PATCH',
      url: '/api/services/items/flood_relief',
      payload: { name: '自然灾害生活救助', limitDays: null, responseMinutes: 30, organisationId: null, fee: '不收费' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ limitDays: null, responseMinutes: 30, handler: 'community', fee: '不收费' });
    const found = (await as('resident1', { method: 'GET', url: '/api/services/catalogue?q=zrzh' })).json();
    expect(found.classes.flatMap((c: { items: { code: string }[] }) => c.items.map((i) => i.code))).toEqual([
      'flood_relief',
    ]);
  });

  it('the duty lists: a community worker adds, moves and removes entries; a grid worker or resident cannot', async () => {
    const add = await as('community1', {
      method: 'POST',
      url: '/api/services/duties',
      payload: { nodeId: community1, list: 'assist', matter: '协助受灾救助', itemCode: 'flood_relief' },
    });
    expect(add.statusCode).toBe(201);
    const id = add.json().id as number;
    const bad = await as('community1', {
      method: 'PATCH',
      url: `/api/services/duties/${id}`,
      payload: { itemCode: 'no_such_item' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('itemCode');
    // A grid worker's reach is their grid, below the community: its lists are not theirs to see or change.
    expect(
      (await as('grid1', { method: 'PATCH', url: `/api/services/duties/${id}`, payload: { list: 'negative' } }))
        .statusCode,
    ).toBe(404);
    const moved = await as('community1', {
      method: 'PATCH',
      url: `/api/services/duties/${id}`,
      payload: { list: 'negative' },
    });
    expect(moved.json()).toMatchObject({ list: 'negative', matter: '协助受灾救助' });
    // On the negative list now: nobody may hand it to the community, and the refusal names the list.
    const refused = await as('resident1', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'flood_relief', channel: 'online' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].message).toMatch(/负面清单/);
    expect((await as('grid1', { method: 'DELETE', url: `/api/services/duties/${id}` })).statusCode).toBe(404);
    expect((await as('resident1', { method: 'DELETE', url: `/api/services/duties/${id}` })).statusCode).toBe(404);
    expect((await as('community1', { method: 'DELETE', url: `/api/services/duties/${id}` })).statusCode).toBe(200);
    const list = (await as('community1', { method: 'GET', url: `/api/services/duties?nodeId=${community1}` })).json();
    expect(list.items.some((d: { id: number }) => d.id === id)).toBe(false);
    expect((await as('community1', { method: 'DELETE', url: `/api/services/duties/${id}` })).statusCode).toBe(404);
  });
});

describe('on a resident’s behalf', () => {
  it('a grid worker applies for a resident; the record says so and the resident sees it in their list', async () => {
    const r = await as('grid1', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'flood_relief', residentId, channel: 'door', note: '入户了解，老人行动不便' },
      headers: { 'idempotency-key': 'on-behalf-00000001' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ onBehalf: true, submittedByName: '网格员 赵强', applicantName: '陈晨' });
    const mine = (await as('resident1', { method: 'GET', url: '/api/services/applications?mine=true' })).json();
    const seen = mine.items.find((x: { id: number }) => x.id === r.json().id);
    expect(seen).toMatchObject({ onBehalf: true, itemCode: 'flood_relief', applicantName: '陈晨' });
    const detail = (await as('resident1', { method: 'GET', url: `/api/services/applications/${r.json().id}` })).json();
    expect(detail.submittedByName).toBe('网格员 赵强');
    // A resident may not apply for another resident.
    const not = await as('resident1', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'flood_relief', residentId },
    });
    expect(not.statusCode).toBe(403);
  });

  it('a door-to-door service resent from the offline outbox with its key is recorded once', async () => {
    const before = await appCount();
    const send = () =>
      as('grid1', {
        method: 'POST',
        url: '/api/services/applications',
        payload: { itemCode: 'pension_cert', residentId, doneAtDoor: true },
        headers: { 'idempotency-key': 'outbox-door-0000042' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(new Set([a.json().id, b.json().id, c.json().id]).size).toBe(1);
    expect(await appCount()).toBe(before + 1);
    expect(a.json()).toMatchObject({ status: 'approved', channel: 'door', onBehalf: true });
  });
});

describe('figures', () => {
  it('the total row is computed over all applications, not summed from shares', async () => {
    const today = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    const r = await as('community1', {
      method: 'GET',
      url: `/api/services/metrics?from=2020-01-01&to=${today}&by=item`,
    });
    expect(r.statusCode).toBe(200);
    const { rows: items, total } = r.json() as {
      rows: { received: number; handled: number; onTime: number; atDoor: number }[];
      total: {
        key: string;
        received: number;
        handled: number;
        onTime: number;
        atDoorShare: number | null;
        onTimeShare: number | null;
      };
    };
    expect(items.length).toBeGreaterThan(1);
    const sum = (k: 'received' | 'handled' | 'onTime' | 'atDoor') => items.reduce((n, x) => n + x[k], 0);
    expect(total.key).toBe('total');
    expect(total.received).toBe(sum('received'));
    expect(total.handled).toBe(sum('handled'));
    expect(total.onTimeShare).toBeCloseTo(sum('onTime') / sum('handled'));
    expect(total.atDoorShare).toBeCloseTo(sum('atDoor') / sum('handled'));
  });
});
