// Table-driven policy tests: every demo role against every resource kind, inside and outside its scope, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territoryRepo } from './modules/territory';
import { createTestApp, type Session, type TestApp } from './testing';

const ROLES = ['admin', 'street1', 'community1', 'grid1', 'dept1', 'property1', 'volunteer1', 'resident1'] as const;
type U = (typeof ROLES)[number];

let t: TestApp;
const s = {} as Record<U, Session>;
const ids = {} as Record<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ROLES) s[u] = await t.login(u);
  const d = t.demo;
  // A neighbouring district that no demo account may see.
  const other = await territoryRepo.insert(t.deps.db, { kind: 'district', name: '邻区', code: '990102' }, null);
  const get = async (parentId: number) =>
    (await t.as(s.admin, { method: 'GET', url: `/api/territory/nodes?parentId=${parentId}` })).json().items[0]
      .id as number;
  Object.assign(ids, {
    otherDistrict: other.id,
    district: d.district.id,
    street0: d.streets[0]!.id,
    street1: d.streets[1]!.id,
    community0: d.communities[0]!.id,
    community1: d.communities[1]!.id,
    grid0: d.grids[0]!.id,
    grid1: d.grids[1]!.id,
    household0: d.households[0]!.id,
    household5: d.households[5]!.id,
  });
  ids.estate0 = await get(ids.grid0!);
  ids.building0 = await get(ids.estate0);
  ids.estate1 = await get(ids.grid1!);
});
afterAll(() => t?.close());

// [user, node key, expected status of GET /api/territory/nodes/:id]
const territoryRead: [U, string, number][] = [
  ['admin', 'district', 200],
  ['admin', 'household0', 200],
  ['admin', 'otherDistrict', 404],
  ['street1', 'street0', 200],
  ['street1', 'grid0', 200],
  ['street1', 'street1', 404],
  ['street1', 'district', 404],
  ['community1', 'community0', 200],
  ['community1', 'household0', 200],
  ['community1', 'community1', 404],
  ['community1', 'street0', 404],
  ['grid1', 'grid0', 200],
  ['grid1', 'building0', 200],
  ['grid1', 'grid1', 404],
  ['grid1', 'community0', 404],
  ['dept1', 'district', 404],
  ['dept1', 'grid0', 404],
  ['property1', 'estate0', 200],
  ['property1', 'building0', 200],
  ['property1', 'estate1', 404],
  ['property1', 'grid0', 404],
  ['volunteer1', 'community0', 200],
  ['volunteer1', 'building0', 200],
  ['volunteer1', 'household0', 404],
  ['volunteer1', 'community1', 404],
  ['resident1', 'household0', 200],
  ['resident1', 'household5', 404],
  ['resident1', 'building0', 404],
];

// [user, node key, expected status of PATCH /api/territory/nodes/:id (a same-name rename)]
const territoryWrite: [U, string, number][] = [
  ['admin', 'district', 200],
  ['admin', 'grid0', 200],
  ['admin', 'otherDistrict', 404],
  ['street1', 'community0', 200],
  ['street1', 'street0', 403],
  ['street1', 'street1', 404],
  ['community1', 'estate0', 200],
  ['community1', 'grid0', 403],
  ['community1', 'community0', 403],
  ['community1', 'community1', 404],
  ['grid1', 'building0', 200],
  ['grid1', 'grid0', 403],
  ['grid1', 'grid1', 404],
  ['dept1', 'grid0', 404],
  ['property1', 'estate0', 403],
  ['volunteer1', 'community0', 403],
  ['resident1', 'household0', 403],
];

describe('policy matrix', () => {
  it.each(territoryRead)('%s reads territory node %s → %i', async (u, key, status) => {
    const r = await t.as(s[u], { method: 'GET', url: `/api/territory/nodes/${ids[key]}` });
    expect(r.statusCode).toBe(status);
  });

  it.each(territoryWrite)('%s renames territory node %s → %i', async (u, key, status) => {
    const node = await territoryRepo.byId(t.deps.db, ids[key]!);
    const r = await t.as(s[u], {
      method: 'PATCH',
      url: `/api/territory/nodes/${ids[key]}`,
      payload: { name: node!.name },
    });
    expect(r.statusCode, r.body).toBe(status);
  });

  it.each(ROLES)('%s lists only territory inside its scope', async (u) => {
    const me = (await t.as(s[u], { method: 'GET', url: '/api/auth/me' })).json();
    const r = await t.as(s[u], { method: 'GET', url: '/api/territory/nodes?q=%E7%BD%91%E6%A0%BC&limit=200' }); // q=网格
    const items = r.json().items as { id: number }[];
    const bound = me.bindings.map((b: { nodeId: number | null }) => b.nodeId);
    for (const n of items) {
      const detail = await t.as(s.admin, { method: 'GET', url: `/api/territory/nodes/${n.id}` });
      const chain = [n.id, ...detail.json().ancestors.map((a: { id: number }) => a.id)];
      expect(chain.some((id) => bound.includes(id)) || u === 'property1').toBe(true);
    }
    const expected: Record<U, number> = {
      admin: 40,
      street1: 15,
      community1: 5,
      grid1: 1,
      dept1: 0,
      property1: 0,
      volunteer1: 5,
      resident1: 0,
    };
    expect(items.length).toBe(expected[u]);
  });

  it.each([
    ['admin', 9, 200],
    ['street1', 3, 200],
    ['community1', 1, 200],
    ['grid1', 0, 200],
    ['dept1', 0, 200],
    ['property1', 0, 200],
    ['volunteer1', 0, 200],
    ['resident1', 0, 200],
  ] as [U, number, number][])('%s sees %i community committees', async (u, n, status) => {
    const r = await t.as(s[u], { method: 'GET', url: '/api/party/orgs?limit=200' });
    expect(r.statusCode).toBe(status);
    const all = r.json().items as { id: number; kind: string }[];
    // Roots of the caller's view, plus children fetched below them.
    let committees = all.filter((o) => o.kind === 'community_committee').length;
    for (const root of all.filter((o) => o.kind === 'street_committee')) {
      const kids = await t.as(s[u], { method: 'GET', url: `/api/party/orgs?parentId=${root.id}` });
      committees += kids.json().items.length;
    }
    expect(committees).toBe(n);
    // Opening a community committee by id: only inside the reader's territory.
    const other = (await t.as(s.admin, { method: 'GET', url: `/api/party/orgs?limit=200` }))
      .json()
      .items.find((o: { kind: string }) => o.kind === 'street_committee');
    const kids = (await t.as(s.admin, { method: 'GET', url: `/api/party/orgs?parentId=${other.id}` })).json().items as {
      id: number;
      nodeId: number;
    }[];
    const foreign = kids.find((k) => k.nodeId === ids.community1)!;
    const one = await t.as(s[u], { method: 'GET', url: `/api/party/orgs/${foreign.id}` });
    expect(one.statusCode).toBe(u === 'admin' || u === 'street1' ? 200 : 404);
  });

  it.each([
    // Runs in order: each allowed create adds one partner unit that later rows may see.
    ['admin', 14, true],
    ['street1', 11, true],
    ['community1', 12, true],
    ['grid1', 12, false],
    ['dept1', 1, false],
    ['property1', 1, false],
    ['volunteer1', 13, false],
    ['resident1', 0, false],
  ] as [U, number, boolean][])('%s sees %i organisations; may create one: %s', async (u, n, mayCreate) => {
    const r = await t.as(s[u], { method: 'GET', url: '/api/organisations?limit=200' });
    expect(r.json().items.length).toBe(n);
    const target = u === 'admin' || u === 'street1' ? ids.street0 : ids.community0;
    const c = await t.as(s[u], {
      method: 'POST',
      url: '/api/organisations',
      payload: { kind: 'partner_unit', name: `${u}的共建单位`, nodeId: target },
    });
    expect(c.statusCode).toBe(mayCreate ? 200 : 403);
    const outside = await t.as(s[u], {
      method: 'POST',
      url: '/api/organisations',
      payload: { kind: 'partner_unit', name: 'x', nodeId: ids.otherDistrict },
    });
    expect(outside.statusCode).toBe(403);
  });

  it.each([
    ['admin', 200, 200],
    ['street1', 200, 404],
    ['community1', 200, 404],
    ['grid1', 200, 404],
    ['dept1', 404, 404],
    ['property1', 404, 404],
    ['volunteer1', 200, 404],
    ['resident1', 404, 404],
  ] as [U, number, number][])(
    '%s opens another department → %i, another street’s partner unit → %i',
    async (u, dept, partner) => {
      const all = (await t.as(s.admin, { method: 'GET', url: '/api/organisations?limit=200' })).json().items as {
        id: number;
        kind: string;
        nodeId: number;
        name: string;
      }[];
      const otherDept = all.filter((o) => o.kind === 'department')[1]!;
      const otherPartner = all.find((o) => o.kind === 'partner_unit' && o.nodeId === ids.street1)!;
      expect((await t.as(s[u], { method: 'GET', url: `/api/organisations/${otherDept.id}` })).statusCode).toBe(dept);
      expect((await t.as(s[u], { method: 'GET', url: `/api/organisations/${otherPartner.id}` })).statusCode).toBe(
        partner,
      );
    },
  );

  // The demo's mediator (first grid), power supply office officer (partner unit seated at the first street) and party
  // member member1 (a resident of the first community) count too, and the volunteers volunteer2 and volunteer3.
  it.each([
    ['admin', 14],
    ['street1', 12],
    ['community1', 10],
    ['grid1', 0],
    ['dept1', 0],
    ['property1', 0],
    ['volunteer1', 0],
    ['resident1', 0],
  ] as [U, number][])('%s sees %i user accounts', async (u, n) => {
    const r = await t.as(s[u], { method: 'GET', url: '/api/users?limit=200' });
    expect(r.json().items.length).toBe(n);
    // Nobody may read a user bound outside their scope by id.
    if (u !== 'admin') {
      const adminId = (await t.as(s.admin, { method: 'GET', url: '/api/auth/me' })).json().id;
      expect((await t.as(s[u], { method: 'GET', url: `/api/users/${adminId}` })).statusCode).toBe(404);
    }
  });

  it.each([
    ['admin', true],
    ['street1', true],
    ['community1', false],
    ['grid1', false],
    ['dept1', false],
    ['property1', false],
    ['volunteer1', false],
    ['resident1', false],
  ] as [U, boolean][])('%s reads the audit log: %s', async (u, allowed) => {
    const r = await t.as(s[u], { method: 'GET', url: '/api/audit?limit=200' });
    const items = r.json().items as { nodeId: number | null }[];
    if (!allowed) return expect(items).toHaveLength(0);
    expect(items.length).toBeGreaterThan(0);
    if (u === 'street1') {
      for (const e of items) {
        expect(e.nodeId).not.toBeNull();
        const n = await territoryRepo.byId(t.deps.db, e.nodeId!);
        expect(n!.path.startsWith((await territoryRepo.byId(t.deps.db, ids.street0!))!.path)).toBe(true);
      }
    }
  });
});
