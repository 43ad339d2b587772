// The public base-map outlines: anonymous, areas only (no estates, buildings or households), one community on request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicOutlineList } from '../../../contracts/territory';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { createOutlines } from './outlines';

let t: TestApp;
let admin: Session;
const square = (x: number, y: number, d = 0.002) => ({
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

const outlines = async (query = '') => {
  const r = await t.as(null, { method: 'GET', url: `/api/territory/outlines${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return PublicOutlineList.parse(r.json());
};

describe('public outlines', () => {
  it('answer anyone with the names and shapes of every area, coarsest first, and nothing else', async () => {
    const r = await t.as(null, { method: 'GET', url: '/api/territory/outlines' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(Object.keys(body.items[0]).sort()).toEqual(['geometry', 'id', 'kind', 'name', 'parentId']);
    const list = PublicOutlineList.parse(body);
    const kinds = list.items.map((n) => n.kind);
    expect(kinds[0]).toBe('district');
    expect(kinds.filter((k) => k === 'community')).toHaveLength(t.demo.communities.length);
    expect(kinds.filter((k) => k === 'grid')).toHaveLength(t.demo.grids.length);
    expect(list.items.map((n) => n.name)).toContain(t.demo.grids[0]!.name);
    expect(list.truncated).toBe(false);
  });

  it('leave out estates and buildings even when they have a boundary, and retired areas', async () => {
    const grid = t.demo.grids[1]!;
    const estate = await t.as(admin, {
      method: 'POST',
      url: '/api/territory/nodes',
      payload: { parentId: grid.id, kind: 'estate', name: '有边界小区', geometry: square(grid.minLng!, grid.minLat!) },
    });
    expect(estate.statusCode, estate.body).toBe(200);
    const doomed = await t.as(admin, {
      method: 'POST',
      url: '/api/territory/nodes',
      payload: {
        parentId: t.demo.communities[1]!.id,
        kind: 'grid',
        name: '将撤销网格',
        geometry: square(grid.minLng! + 0.001, grid.minLat! + 0.001),
      },
    });
    expect(doomed.statusCode, doomed.body).toBe(200);
    expect((await outlines()).items.map((n) => n.name)).toContain('将撤销网格');
    const retire = await t.as(admin, { method: 'POST', url: `/api/territory/nodes/${doomed.json().id}/retire` });
    expect(retire.statusCode, retire.body).toBe(200);
    const names = (await outlines()).items.map((n) => n.name);
    expect(names).not.toContain('有边界小区');
    expect(names).not.toContain('将撤销网格');
  });

  it('narrow to the community holding a node, from a grid or a household as from the community', async () => {
    const community = t.demo.communities[0]!;
    const fromGrid = await outlines(`?within=${t.demo.grids[0]!.id}`);
    expect(fromGrid.items[0]).toMatchObject({ id: community.id, kind: 'community', name: community.name });
    const gridIds = t.demo.grids.filter((g) => g.parentId === community.id).map((g) => g.id);
    expect(fromGrid.items.slice(1).map((n) => n.id)).toEqual(gridIds);
    expect(await outlines(`?within=${t.demo.households[0]!.id}`)).toEqual(fromGrid);
    expect(await outlines(`?within=${community.id}`)).toEqual(fromGrid);
    const street = await outlines(`?within=${t.demo.streets[0]!.id}`);
    expect(street.items[0]!.kind).toBe('street');
    expect(street.items.filter((n) => n.kind === 'community').length).toBeGreaterThan(1);
    expect((await t.as(null, { method: 'GET', url: '/api/territory/outlines?within=999999' })).statusCode).toBe(404);
    expect((await t.as(null, { method: 'GET', url: '/api/territory/outlines?within=abc' })).statusCode).toBe(400);
  });

  it('say when there were more areas than one answer carries', async () => {
    const r = await createOutlines({ db: t.deps.db }).list({}, 5);
    expect(r.items).toHaveLength(5);
    expect(r.truncated).toBe(true);
    expect(r.items[0]!.kind).toBe('district');
  });
});
