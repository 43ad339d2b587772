// GeoJSON import under hostile input: permission before the body is read, bounds before topology, topology off the event loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { GEOMETRY_LIMITS } from './limits';
import { createTopologyChecker } from './topology-pool';

let t: TestApp;
let admin: Session;

/** A closed ring of n distinct vertices on a circle (valid, simple), as one Polygon. */
const circle = (n: number, x = 116.45, y = 39.95, r = 0.005) => {
  const ring = Array.from({ length: n }, (_, i) => [
    x + r * Math.cos((2 * Math.PI * i) / n),
    y + r * Math.sin((2 * Math.PI * i) / n),
  ]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
};
const square = (x: number, y: number, d = 0.001) => ({
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
const fc = (...geometries: unknown[]) => ({
  type: 'FeatureCollection',
  features: geometries.map((geometry, i) => ({ type: 'Feature', properties: { name: `导入${i}` }, geometry })),
});
const importAs = (s: Session, communityId: number, payload: unknown, lang = 'en') =>
  t.as(s, {
    method: 'POST',
    url: '/api/territory/grids/import',
    payload: { communityId, featureCollection: payload, dryRun: true },
    headers: { 'accept-language': lang },
  });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('grid import guard', () => {
  it('refuses a volunteer, grid worker, community worker and resident with 403 before reading the body', async () => {
    const community = t.demo.communities[0]!;
    const big = JSON.stringify({ communityId: community.id, featureCollection: fc(circle(20_000)), dryRun: true });
    for (const username of ['volunteer1', 'grid1', 'community1', 'resident1']) {
      const s = await t.login(username);
      // Not even JSON: a parse would answer 400, so a 403 shows the body was never parsed.
      const broken = await t.as(s, {
        method: 'POST',
        url: '/api/territory/grids/import',
        payload: '{"communityId": 1, "featureCollection": [[[[',
        headers: { 'content-type': 'application/json' },
      });
      expect(broken.statusCode, username).toBe(403);
      expect(broken.json().error.code).toBe('forbidden');
      // A 20,000-vertex boundary would cost seconds of topology checking; the refusal does not wait for it.
      const started = performance.now();
      const heavy = await t.as(s, {
        method: 'POST',
        url: '/api/territory/grids/import',
        payload: big,
        headers: { 'content-type': 'application/json' },
      });
      expect(heavy.statusCode, username).toBe(403);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('refuses a street officer on a community outside their street before any geometry work', async () => {
    const street1 = await t.login('street1');
    const elsewhere = t.demo.communities.find((c) => !c.path.startsWith(t.demo.streets[0]!.path))!;
    const r = await importAs(street1, elsewhere.id, fc({ type: 'Point', coordinates: [1, 2] }));
    expect(r.statusCode).toBe(404);
    const own = t.demo.communities.find((c) => c.path.startsWith(t.demo.streets[0]!.path))!;
    expect((await importAs(street1, own.id, fc(square(116.4, 39.9)))).json()).toMatchObject({ created: 1, errors: [] });
  });

  it('refuses a file beyond each bound with a 400 naming the rule, in the request’s language', async () => {
    const id = t.demo.communities[6]!.id;
    const L = GEOMETRY_LIMITS;
    const ringsOfSquares = {
      type: 'Polygon',
      coordinates: Array.from({ length: L.ringsPerFeature + 1 }, (_, i) => square(116 + i * 0.01, 39).coordinates[0]),
    };
    const cases: [unknown, string, string, string][] = [
      [
        fc(circle(L.verticesPerFeature + 1)),
        'featureCollection.features.0.geometry',
        `at most ${L.verticesPerFeature} vertices per boundary`,
        `每个边界最多 ${L.verticesPerFeature} 个顶点`,
      ],
      [
        fc(ringsOfSquares),
        'featureCollection.features.0.geometry',
        `at most ${L.ringsPerFeature} rings per boundary`,
        `每个边界最多 ${L.ringsPerFeature} 个环`,
      ],
      [
        fc(...Array.from({ length: 3 }, () => circle(Math.floor(L.verticesPerFile / 3) + 10))),
        'featureCollection.features',
        `at most ${L.verticesPerFile} vertices per file`,
        `每个文件最多 ${L.verticesPerFile} 个顶点`,
      ],
      [
        fc(...Array.from({ length: L.featuresPerFile + 1 }, (_, i) => square(116 + i * 0.001, 39))),
        'featureCollection.features',
        `at most ${L.featuresPerFile} features per file`,
        `每个文件最多 ${L.featuresPerFile} 个要素`,
      ],
    ];
    for (const [payload, path, en, zh] of cases) {
      const r = await importAs(admin, id, payload, 'en');
      expect(r.statusCode, en).toBe(400);
      expect(r.json().error.details[0]).toEqual({ path, message: en });
      const rz = await importAs(admin, id, payload, 'zh-CN');
      expect(rz.json().error.details[0].message).toBe(zh);
    }
    // One boundary on a node is held to the same bound.
    const one = await t.as(admin, {
      method: 'POST',
      url: '/api/territory/nodes',
      payload: { parentId: id, kind: 'grid', name: '大边界', geometry: circle(L.verticesPerFeature + 1) },
      headers: { 'accept-language': 'en' },
    });
    expect(one.statusCode).toBe(400);
    expect(one.json().error.details[0].message).toBe(`at most ${L.verticesPerFeature} vertices per boundary`);
  });

  it('names each feature’s ring fault from the catalogue, Chinese first, English on request', async () => {
    const id = t.demo.communities[6]!.id;
    const payload = fc(
      {
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
      {
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
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      { type: 'Point', coordinates: [1, 2] },
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [500, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      square(116.5, 39.9),
    );
    const zh = await importAs(admin, id, payload, 'zh-CN');
    expect(zh.json().errors).toEqual([
      { index: 0, message: '边界环未闭合：最后一个坐标点须与第一个相同' },
      { index: 1, message: '边界环自相交，或与另一个环相交或相接' },
      { index: 2, message: '每个环至少需要 4 个坐标点' },
      { index: 3, message: '边界须为 Polygon 或 MultiPolygon' },
      { index: 4, message: '坐标点须为 [经度, 纬度]，经度在 ±180、纬度在 ±90 以内' },
    ]);
    expect(zh.json().created).toBe(1);
    const en = await importAs(admin, id, payload, 'en');
    expect(en.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'a ring is not closed: its last position must repeat its first',
      'a ring crosses or touches itself or another ring',
      'a ring needs at least 4 positions',
      'a boundary must be a Polygon or MultiPolygon',
      'a position is [longitude, latitude] within ±180 and ±90',
    ]);
  });

  it('checks a big boundary off the event loop: health answers while a 8,000-vertex import is checked', async () => {
    const id = t.demo.communities[5]!.id;
    const health: number[] = [];
    let done = false;
    const importing = importAs(admin, id, fc(circle(8_000))).finally(() => {
      done = true;
    });
    while (!done) {
      const started = performance.now();
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
    const r = await importing;
    expect(r.json()).toMatchObject({ created: 1, errors: [] });
    health.sort((a, b) => a - b);
    // Turf takes seconds on 8,000 vertices; on the request thread health would wait all of it.
    expect(health.length).toBeGreaterThan(5);
    expect(health[Math.floor(health.length * 0.95)]).toBeLessThan(250);
  });

  it('stops a check that outlives its time budget, refuses it, and serves the next with a fresh worker', async () => {
    const checker = createTopologyChecker({ timeoutMs: 1500, maxQueued: 1 });
    try {
      await expect(checker.check([circle(15_000)])).rejects.toMatchObject({ code: 'invalid_geometry' });
      expect(
        await checker.check([
          square(116, 39),
          {
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
        ]),
      ).toEqual([true, false]);
      // One running, one waiting: a third is refused as busy rather than queued without end.
      const running = checker.check([circle(15_000)]);
      const waiting = checker.check([square(116, 39)]);
      await expect(checker.check([square(116, 39)])).rejects.toMatchObject({ code: 'rate_limited' });
      await expect(running).rejects.toMatchObject({ code: 'invalid_geometry' });
      expect(await waiting).toEqual([true]);
    } finally {
      await checker.close();
    }
  });
});
