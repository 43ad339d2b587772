// Territory tree: create, codes, move, retire, delete, boundaries and GeoJSON import, bad input, pagination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
let admin: Session;
const square = (x: number, y: number, d = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

const post = (url: string, payload: unknown, s: Session = admin) =>
  t.as(s, { method: 'POST', url, payload: payload as object });

describe('territory', () => {
  it('lists the roots of the caller’s scope and the children of a node', async () => {
    const roots = await t.as(admin, { method: 'GET', url: '/api/territory/nodes' });
    expect(roots.json().items.map((n: { name: string }) => n.name)).toEqual(['家园示范区']);
    const streets = await t.as(admin, { method: 'GET', url: `/api/territory/nodes?parentId=${t.demo.district.id}` });
    expect(streets.json().items).toHaveLength(3);
    expect(streets.json().items[0].childCount).toBe(3);
  });

  it('pages with a keyset cursor without repeats or gaps', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await t.as(admin, {
        method: 'GET',
        url: `/api/territory/nodes?under=${t.demo.district.id}&kind=grid&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(r.statusCode).toBe(200);
      all.push(...r.json().items.map((n: { code: string }) => n.code));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect([...all].sort()).toEqual(all);
    // Query booleans read as written: 'false' is false.
    const plain = await t.as(admin, {
      method: 'GET',
      url: `/api/territory/nodes?parentId=${t.demo.communities[0]!.id}&withGeometry=false`,
    });
    expect(plain.json().items[0].geometry).toBeNull();
    const drawn = await t.as(admin, {
      method: 'GET',
      url: `/api/territory/nodes?parentId=${t.demo.communities[0]!.id}&withGeometry=true`,
    });
    expect(drawn.json().items[0].geometry.type).toBe('Polygon');
    expect((await t.as(admin, { method: 'GET', url: '/api/territory/nodes?withGeometry=maybe' })).statusCode).toBe(400);
    const bad = await t.as(admin, { method: 'GET', url: '/api/territory/nodes?cursor=%%%' });
    expect(bad.statusCode).toBe(400);
  });

  it('creates a grid with the next code under its community, and rejects a code outside the scheme', async () => {
    const community = t.demo.communities[8]!;
    const r = await post('/api/territory/nodes', {
      parentId: community.id,
      kind: 'grid',
      name: '新划网格',
      geometry: square(116.4, 39.95),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().code).toBe(`${community.code}005`);
    expect(r.json().code).toHaveLength(15);
    const bad = await post('/api/territory/nodes', {
      parentId: community.id,
      kind: 'grid',
      name: 'x',
      code: '123456789012345',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('code');
    const dup = await post('/api/territory/nodes', {
      parentId: community.id,
      kind: 'grid',
      name: 'x',
      code: r.json().code,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate_code');
    const wrongKind = await post('/api/territory/nodes', { parentId: community.id, kind: 'building', name: 'x' });
    expect(wrongKind.statusCode).toBe(400);
  });

  it('refuses bad input with a 4xx naming the field, and changes nothing', async () => {
    const before = await t.as(admin, {
      method: 'GET',
      url: `/api/territory/nodes?parentId=${t.demo.communities[7]!.id}`,
    });
    const cases: [unknown, number, string][] = [
      [{ parentId: t.demo.communities[7]!.id, kind: 'grid', name: 'x', colour: 'red' }, 400, 'validation_failed'],
      [{ parentId: 'seven', kind: 'grid', name: 'x' }, 400, 'validation_failed'],
      [{ parentId: t.demo.communities[7]!.id, kind: 'grid', name: '' }, 400, 'validation_failed'],
      [
        {
          parentId: t.demo.communities[7]!.id,
          kind: 'grid',
          name: 'bow',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
                [1, 0],
                [0, 1],
                [0, 0],
              ],
            ],
          },
        },
        400,
        'invalid_geometry',
      ],
      [
        {
          parentId: t.demo.communities[7]!.id,
          kind: 'grid',
          name: 'open',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          },
        },
        400,
        'invalid_geometry',
      ],
    ];
    for (const [payload, status, code] of cases) {
      const r = await post('/api/territory/nodes', payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().error.code).toBe(code);
      expect(r.json().error.requestId).toBeTruthy();
    }
    const unknownField = await post('/api/territory/nodes', { parentId: 1, kind: 'grid', name: 'x', colour: 'red' });
    expect(JSON.stringify(unknownField.json().error.details)).toMatch(/colour|body/);
    const malformed = await t.as(admin, {
      method: 'POST',
      url: '/api/territory/nodes',
      payload: '{"parentId": 1,',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');
    const huge = await post('/api/territory/nodes', { parentId: 1, kind: 'grid', name: 'x'.repeat(2_000_000) });
    expect(huge.statusCode).toBe(413);
    const after = await t.as(admin, {
      method: 'GET',
      url: `/api/territory/nodes?parentId=${t.demo.communities[7]!.id}`,
    });
    expect(after.json().items).toEqual(before.json().items);
  });

  it('renames a node and records before and after in the audit log', async () => {
    const grid = t.demo.grids[20]!;
    const r = await t.as(admin, {
      method: 'PATCH',
      url: `/api/territory/nodes/${grid.id}`,
      payload: { name: '改名后的网格' },
    });
    expect(r.json().name).toBe('改名后的网格');
    const log = await t.as(admin, { method: 'GET', url: `/api/audit?nodeId=${grid.id}&action=territory.update` });
    const entry = log.json().items[0];
    expect(entry.before.name).toBe(grid.name);
    expect(entry.after.name).toBe('改名后的网格');
    expect(entry.actorName).toContain('李明');
  });

  it('moves a grid with its subtree to another community, recoding it, and refuses a move under its own descendant', async () => {
    const grid = t.demo.grids[10]!;
    const target = t.demo.communities[5]!;
    const r = await post(`/api/territory/nodes/${grid.id}/move`, { newParentId: target.id });
    expect(r.statusCode).toBe(200);
    expect(r.json().parentId).toBe(target.id);
    expect(r.json().code.startsWith(target.code)).toBe(true);
    const under = await t.as(admin, { method: 'GET', url: `/api/territory/nodes?under=${grid.id}&kind=building` });
    expect(under.json().items).toHaveLength(2);
    for (const b of under.json().items) expect(b.code.startsWith(r.json().code)).toBe(true);
    const detail = await t.as(admin, { method: 'GET', url: `/api/territory/nodes/${under.json().items[0].id}` });
    expect(detail.json().ancestors.map((a: { id: number }) => a.id)).toContain(target.id);

    const cycle = await post(`/api/territory/nodes/${t.demo.communities[0]!.id}/move`, {
      newParentId: t.demo.grids[0]!.id,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('invalid_move');
  });

  it('retires and deletes only nodes with nothing under them', async () => {
    const community = t.demo.communities[3]!;
    const retire = await post(`/api/territory/nodes/${community.id}/retire`, {});
    expect(retire.statusCode).toBe(409);
    const del = await t.as(admin, { method: 'DELETE', url: `/api/territory/nodes/${community.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('has_children');

    const leaf = (
      await post('/api/territory/nodes', { parentId: t.demo.grids[5]!.id, kind: 'building', name: '临时楼' })
    ).json();
    expect((await post(`/api/territory/nodes/${leaf.id}/retire`, {})).json().retiredAt).not.toBeNull();
    const hidden = await t.as(admin, { method: 'GET', url: `/api/territory/nodes?parentId=${t.demo.grids[5]!.id}` });
    expect(hidden.json().items.map((n: { id: number }) => n.id)).not.toContain(leaf.id);
    expect((await post(`/api/territory/nodes/${leaf.id}/restore`, {})).json().retiredAt).toBeNull();
    expect((await t.as(admin, { method: 'DELETE', url: `/api/territory/nodes/${leaf.id}` })).statusCode).toBe(200);
    expect((await t.as(admin, { method: 'GET', url: `/api/territory/nodes/${leaf.id}` })).statusCode).toBe(404);
  });

  it('imports grid boundaries from GeoJSON: a dry run changes nothing, the real run creates and updates', async () => {
    const community = t.demo.communities[6]!;
    const existing = t.demo.grids.find((g) => g.parentId === community.id)!;
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: existing.code }, geometry: square(116.42, 39.92) },
        { type: 'Feature', properties: { name: '导入网格' }, geometry: square(116.43, 39.92) },
        { type: 'Feature', properties: { name: '坏网格' }, geometry: { type: 'Point', coordinates: [1, 2] } },
        { type: 'Feature', properties: {}, geometry: square(116.44, 39.92) },
      ],
    };
    const dry = await post('/api/territory/grids/import', {
      communityId: community.id,
      featureCollection: fc,
      dryRun: true,
    });
    expect(dry.json()).toMatchObject({ created: 1, updated: 1, dryRun: true });
    expect(dry.json().errors.map((e: { index: number }) => e.index)).toEqual([2, 3]);
    const unchanged = await t.as(admin, { method: 'GET', url: `/api/territory/nodes?parentId=${community.id}` });
    expect(unchanged.json().items.map((n: { name: string }) => n.name)).not.toContain('导入网格');

    const real = await post('/api/territory/grids/import', { communityId: community.id, featureCollection: fc });
    expect(real.json()).toMatchObject({ created: 1, updated: 1, dryRun: false });
    const grids = await t.as(admin, {
      method: 'GET',
      url: `/api/territory/nodes?parentId=${community.id}&withGeometry=true`,
    });
    const imported = grids.json().items.find((n: { name: string }) => n.name === '导入网格');
    expect(imported.geometry.type).toBe('Polygon');
    const updated = grids.json().items.find((n: { id: number }) => n.id === existing.id);
    expect(updated.geometry.coordinates[0][0]).toEqual([116.42, 39.92]);
  });
});
