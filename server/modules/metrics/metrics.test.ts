// Case metrics against the real database: figures worked out by hand from the fixture, breakdowns, scores and grades, scoping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counts, Figures, Rates } from '../../../contracts/metrics';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { loadFixture, metricsApi, type Api, type Fixture } from './fixture';

let t: TestApp;
let api: Api;
let fx: Fixture;
const s: Record<string, Session> = {};
const JAN = 'from=2026-01-01&to=2026-02-01';

beforeAll(async () => {
  t = await createTestApp();
  api = await metricsApi(t);
  fx = await loadFixture(t);
  for (const u of ['admin', 'street1', 'community1', 'grid1', 'dept1', 'resident1', 'volunteer1'])
    s[u] = await t.login(u);
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

const get = async (who: string, url: string) => {
  const r = await api.get(s[who]!, url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

/** Checks every count exactly and every rate to 4 decimals (null stays null). */
function expectFigures(f: Figures, counts: Counts, rates: Rates) {
  for (const k of Object.keys(counts) as (keyof Counts)[]) expect(f[k], k).toBe(counts[k]);
  for (const k of Object.keys(rates) as (keyof Rates)[]) {
    if (rates[k] == null) expect(f[k], k).toBeNull();
    else expect(f[k], k).toBeCloseTo(rates[k]!, 4);
  }
}

// Community A, January: registered A1–A5 + S1 = 6 (A6 voided, A7 December, X1 on 1 Feb 00:10 Shanghai); dispatched A1–A5 = 5;
// closed A1 A2 A3 = 3, on time A1 A2 = 2; overdue unclosed A4 = 1 (S1 is shelved); due 3 + 1 = 4.
const A = {
  registered: 6,
  dispatched: 5,
  closed: 3,
  closedOnTime: 2,
  overdueOpen: 1,
  due: 4,
  reworked: 1,
  extended: 1,
  returned: 1,
  rated: 3,
  satisfied: 2,
};
// closure 3/4 = 75%; on time 2/4 = 50%; rework A2 1/4 = 25%; extension A3 1/4 = 25%; return A3 1/5 = 20%; satisfied 2/3 = 66.67%.
const A_RATES = {
  closureRate: 3 / 4,
  onTimeRate: 2 / 4,
  reworkRate: 1 / 4,
  extensionRate: 1 / 4,
  returnRate: 1 / 5,
  satisfactionRate: 2 / 3,
};
// Community B: registered B1 (1 Jan 00:00 Shanghai = 31 Dec UTC) B2 B3 B4 = 4; dispatched B1 B2 B4 = 3; closed 2, both on time; overdue B4; due 3.
const B = {
  registered: 4,
  dispatched: 3,
  closed: 2,
  closedOnTime: 2,
  overdueOpen: 1,
  due: 3,
  reworked: 0,
  extended: 0,
  returned: 0,
  rated: 1,
  satisfied: 1,
};
const B_RATES = {
  closureRate: 2 / 3,
  onTimeRate: 2 / 3,
  reworkRate: 0,
  extensionRate: 0,
  returnRate: 0 / 3,
  satisfactionRate: 1 / 1,
};
// Community C (street 2): closed C1 late with rework; overdue C2 C3; due 3; nobody rated, so no satisfaction rate.
const C = {
  registered: 3,
  dispatched: 3,
  closed: 1,
  closedOnTime: 0,
  overdueOpen: 2,
  due: 3,
  reworked: 1,
  extended: 0,
  returned: 0,
  rated: 0,
  satisfied: 0,
};
const C_RATES = {
  closureRate: 1 / 3,
  onTimeRate: 0,
  reworkRate: 1 / 3,
  extensionRate: 0,
  returnRate: 0,
  satisfactionRate: null,
};
const ZERO = {
  registered: 0,
  dispatched: 0,
  closed: 0,
  closedOnTime: 0,
  overdueOpen: 0,
  due: 0,
  reworked: 0,
  extended: 0,
  returned: 0,
  rated: 0,
  satisfied: 0,
};
const NULL_RATES = {
  closureRate: null,
  onTimeRate: null,
  reworkRate: null,
  extensionRate: null,
  returnRate: null,
  satisfactionRate: null,
};

describe('metrics summary', () => {
  it('computes the district figures of January from the formulas', async () => {
    const r = await get('admin', `/api/metrics/summary?${JAN}`);
    expect(r).toMatchObject({ from: '2026-01-01', to: '2026-02-01', nodeId: null });
    // District = A + B + C: registered 6+4+3 = 13, dispatched 5+3+3 = 11, closed 3+2+1 = 6, on time 2+2+0 = 4,
    // overdue 1+1+2 = 4, due 6 + 4 = 10, reworked 1+0+1 = 2, extended 1, returned 1, rated 3+1+0 = 4, satisfied 2+1 = 3.
    expectFigures(
      r.figures,
      {
        registered: 13,
        dispatched: 11,
        closed: 6,
        closedOnTime: 4,
        overdueOpen: 4,
        due: 10,
        reworked: 2,
        extended: 1,
        returned: 1,
        rated: 4,
        satisfied: 3,
      },
      // closure 6/10 = 60.00%, on time 4/10 = 40.00%, rework 2/10 = 20.00%, extension 1/10 = 10.00%, return 1/11 = 9.09%, satisfied 3/4 = 75.00%
      {
        closureRate: 0.6,
        onTimeRate: 0.4,
        reworkRate: 0.2,
        extensionRate: 0.1,
        returnRate: 1 / 11,
        satisfactionRate: 0.75,
      },
    );
    // Stage medians over A1 A2 A3 C1 (A7's stages ended in December): dispatch {2,4,6,8} → (4+6)/2 = 5;
    // accept {1,3,2,1} → (1+2)/2 = 1.5; handle {24, 12+12, 48, 24} → 24; verify {2, 4+2, 1, 3} → (2+3)/2 = 2.5.
    expect(r.figures.medianHours).toEqual({ dispatch: 5, accept: 1.5, handle: 24, verify: 2.5 });
  });

  it('gives null rates, never NaN or a division error, when nothing is due', async () => {
    const r = await get('admin', '/api/metrics/summary?from=2025-06-01&to=2025-07-01');
    expectFigures(r.figures, ZERO, NULL_RATES);
    expect(r.figures.medianHours).toEqual({ dispatch: null, accept: null, handle: null, verify: null });
    expect(JSON.stringify(r)).not.toContain('NaN');
  });

  it('defaults to the current month and refuses a period that ends before it starts', async () => {
    const r = await get('admin', '/api/metrics/summary');
    expect(r.from).toMatch(/^\d{4}-\d{2}-01$/);
    const bad = await api.get(s.admin!, '/api/metrics/summary?from=2026-02-01&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.to');
  });
});

describe('metrics scoping', () => {
  it('gives each reader only the cases of their area or organisation', async () => {
    // street1 (street 1) = A + B: due 4+3 = 7, closed 5 → closure 5/7 = 71.43%; on time 4/7; return 1/(5+3) = 12.5%.
    const street = await get('street1', `/api/metrics/summary?${JAN}`);
    expectFigures(
      street.figures,
      {
        registered: 10,
        dispatched: 8,
        closed: 5,
        closedOnTime: 4,
        overdueOpen: 2,
        due: 7,
        reworked: 1,
        extended: 1,
        returned: 1,
        rated: 4,
        satisfied: 3,
      },
      {
        closureRate: 5 / 7,
        onTimeRate: 4 / 7,
        reworkRate: 1 / 7,
        extensionRate: 1 / 7,
        returnRate: 1 / 8,
        satisfactionRate: 3 / 4,
      },
    );
    // Medians over A1 A2 A3 only: dispatch {2,4,6} → 4, accept {1,3,2} → 2, handle {24,24,48} → 24, verify {2,6,1} → 2.
    expect(street.figures.medianHours).toEqual({ dispatch: 4, accept: 2, handle: 24, verify: 2 });
    expectFigures((await get('community1', `/api/metrics/summary?${JAN}`)).figures, A, A_RATES);
    // grid1 (grid g0): A1 A2 A5 registered and dispatched; A1 A2 closed on time, A2 reworked: closure 2/2, rework 1/2.
    expectFigures(
      (await get('grid1', `/api/metrics/summary?${JAN}`)).figures,
      {
        registered: 3,
        dispatched: 3,
        closed: 2,
        closedOnTime: 2,
        overdueOpen: 0,
        due: 2,
        reworked: 1,
        extended: 0,
        returned: 0,
        rated: 2,
        satisfied: 2,
      },
      { closureRate: 1, onTimeRate: 1, reworkRate: 0.5, extensionRate: 0, returnRate: 0, satisfactionRate: 1 },
    );
    // dept1 (D1) holds A1–A6 and C1–C3: registered 5+3 = 8; closed A1 A2 A3 C1 = 4; overdue A4 C2 C3 = 3; due 7;
    // on time 2/7, rework (A2, C1) 2/7, extension 1/7, return 1/8, satisfied 2/3.
    expectFigures(
      (await get('dept1', `/api/metrics/summary?${JAN}`)).figures,
      {
        registered: 8,
        dispatched: 8,
        closed: 4,
        closedOnTime: 2,
        overdueOpen: 3,
        due: 7,
        reworked: 2,
        extended: 1,
        returned: 1,
        rated: 3,
        satisfied: 2,
      },
      {
        closureRate: 4 / 7,
        onTimeRate: 2 / 7,
        reworkRate: 2 / 7,
        extensionRate: 1 / 7,
        returnRate: 1 / 8,
        satisfactionRate: 2 / 3,
      },
    );
  });

  it('hides nodes outside the reader’s area and refuses roles without metrics', async () => {
    expect((await api.get(s.street1!, `/api/metrics/summary?nodeId=${t.demo.streets[1]!.id}&${JAN}`)).statusCode).toBe(
      404,
    );
    expect((await api.get(s.street1!, `/api/metrics/summary?nodeId=${t.demo.district.id}&${JAN}`)).statusCode).toBe(
      404,
    );
    expect(
      (await api.get(s.grid1!, `/api/metrics/breakdown?by=node&nodeId=${t.demo.grids[1]!.id}&${JAN}`)).statusCode,
    ).toBe(404);
    expect((await api.get(s.resident1!, `/api/metrics/summary?${JAN}`)).statusCode).toBe(403);
    expect((await api.get(s.volunteer1!, `/api/metrics/scores?kind=department&${JAN}`)).statusCode).toBe(403);
    expect((await api.get(null, `/api/metrics/summary?${JAN}`)).statusCode).toBe(401);
  });
});

describe('metrics breakdown', () => {
  it('gives one row per community of a street, empty ones with null rates', async () => {
    const r = await get('street1', `/api/metrics/breakdown?by=node&${JAN}`);
    expect(r.nodeId).toBe(t.demo.streets[0]!.id);
    expect(r.rows.map((x: { name: string }) => x.name)).toEqual(t.demo.communities.slice(0, 3).map((c) => c.name));
    expectFigures(r.rows[0].figures, A, A_RATES);
    expectFigures(r.rows[1].figures, B, B_RATES);
    expectFigures(r.rows[2].figures, ZERO, NULL_RATES);
    // Community C's only medians: C1 dispatch 8h, accept 1h, handle 24h, verify 3h.
    const c = await get('admin', `/api/metrics/breakdown?by=node&nodeId=${t.demo.streets[1]!.id}&${JAN}`);
    expectFigures(c.rows[0].figures, C, C_RATES);
    expect(c.rows[0].figures.medianHours).toEqual({ dispatch: 8, accept: 1, handle: 24, verify: 3 });
  });

  it('lists every street for the district, and a department only the streets holding its cases', async () => {
    const all = await get('admin', `/api/metrics/breakdown?by=node&nodeId=${t.demo.district.id}&${JAN}`);
    // Street 1 = A + B: due 4 + 3 = 7; street 2 = C: 3; street 3: nothing.
    expect(all.rows.map((x: { figures: Figures }) => x.figures.due)).toEqual([7, 3, 0]);
    const dept = await get('dept1', `/api/metrics/breakdown?by=node&nodeId=${t.demo.district.id}&${JAN}`);
    // D1 in street 1: A1–A4 due (A1 A2 A3 closed, A4 overdue) = 4; in street 2: C1–C3 = 3.
    expect(dept.rows.map((x: { key: string; figures: Figures }) => [Number(x.key), x.figures.due])).toEqual([
      [t.demo.streets[0]!.id, 4],
      [t.demo.streets[1]!.id, 3],
    ]);
  });

  it('cuts by organisation, category class and sub-class, and channel', async () => {
    const org = await get('admin', `/api/metrics/breakdown?by=organisation&${JAN}`);
    const byOrg = new Map(org.rows.map((x: { key: string | null; figures: Figures }) => [x.key, x.figures]));
    expect((byOrg.get(String(fx.dept.D1)) as Figures).due).toBe(7);
    expect((byOrg.get(String(fx.dept.D3)) as Figures).overdueOpen).toBe(1);
    // Not yet assigned: B3 and S1, registered only, so no rate at all.
    expectFigures(byOrg.get(null) as Figures, { ...ZERO, registered: 2 }, NULL_RATES);
    const cls = await get('admin', `/api/metrics/breakdown?by=category&${JAN}`);
    expect(cls.rows.map((x: { key: string; name: string }) => [x.key, x.name])).toEqual([
      ['Z91', '测试大类甲'],
      ['Z92', '测试大类乙'],
    ]);
    expect(cls.rows[0].figures.due).toBe(7);
    const sub = await get('admin', `/api/metrics/breakdown?by=category&categoryLevel=subclass&${JAN}`);
    expect(sub.rows.map((x: { key: string }) => x.key)).toEqual(['Z9101', 'Z9102', 'Z9201']);
    const ch = await get('admin', `/api/metrics/breakdown?by=channel&${JAN}`);
    const hotline = ch.rows.find((x: { key: string }) => x.key === 'hotline');
    expect(hotline.name).toBe('12345热线');
    expectFigures(hotline.figures, B, B_RATES);
  });

  it('cuts by calendar month in Asia/Shanghai; each month carries the overdue backlog at its end', async () => {
    const r = await get('admin', '/api/metrics/breakdown?by=month&from=2025-12-01&to=2026-03-01');
    expect(r.rows.map((x: { key: string }) => x.key)).toEqual(['2025-12', '2026-01', '2026-02']);
    // December: A7 alone, closed on time: 1/1.
    expectFigures(
      r.rows[0].figures,
      { ...ZERO, registered: 1, dispatched: 1, closed: 1, closedOnTime: 1, due: 1 },
      { ...NULL_RATES, closureRate: 1, onTimeRate: 1, reworkRate: 0, extensionRate: 0, returnRate: 0 },
    );
    expect(r.rows[0].figures.medianHours).toEqual({ dispatch: 1, accept: 2, handle: 96, verify: 22 });
    expect(r.rows[1].figures.due).toBe(10);
    // February: X1 self-handled (closed, never registered) on 1 Feb 00:10 Shanghai; A4 B4 C2 C3 still overdue:
    // due 1 + 4 = 5, closure 1/5 = 20%.
    expectFigures(
      r.rows[2].figures,
      { ...ZERO, closed: 1, closedOnTime: 1, overdueOpen: 4, due: 5 },
      { ...NULL_RATES, closureRate: 0.2, onTimeRate: 0.2, reworkRate: 0, extensionRate: 0 },
    );
  });
});

describe('metrics scores', () => {
  it('scores and grades departments with the default weights', async () => {
    const r = await get('admin', `/api/metrics/scores?kind=department&${JAN}`);
    expect(r.weights).toEqual({ volume: 0.1, closure: 0.3, onTime: 0.3, rework: 0.3 });
    // Handled (closed): D1 4, D2 2, D3 0; the most is 4, so volume scores are 100, 50, 0.
    // D2: 50×10% + 100%×30% + 100%×30% + (1−0)×30% = 5 + 30 + 30 + 30 = 95 → A.
    // D1: 100×10% + (4/7)×30 + (2/7)×30 + (1−2/7)×30 = 10 + 17.143 + 8.571 + 21.429 = 57.14 → D.
    // D3: 0 + 0×30 + 0×30 + (1−0)×30 = 30 → E.
    expect(
      r.rows.map((x: { id: number; volumeScore: number; score: number; grade: string }) => [
        x.id,
        x.volumeScore,
        x.score,
        x.grade,
      ]),
    ).toEqual([
      [fx.dept.D2, 50, 95, 'A'],
      [fx.dept.D1, 100, 57.14, 'D'],
      [fx.dept.D3, 0, 30, 'E'],
    ]);
  });

  it('scores communities; the volume score is relative to the busiest community', async () => {
    const r = await get('admin', `/api/metrics/scores?kind=community&${JAN}`);
    // Closed: A 3, B 2, C 1 → volume 100, 66.67, 33.33.
    // B: 6.667 + (2/3)×30 + (2/3)×30 + 30 = 76.67 → B.  A: 10 + 22.5 + 15 + 22.5 = 70 → C.  C: 3.333 + 10 + 0 + 20 = 33.33 → E.
    expect(r.rows.map((x: { name: string; score: number; grade: string }) => [x.name, x.score, x.grade])).toEqual([
      [t.demo.communities[1]!.name, 76.67, 'B'],
      [t.demo.communities[0]!.name, 70, 'C'],
      [t.demo.communities[3]!.name, 33.33, 'E'],
    ]);
  });

  it('takes weights from the query and refuses weights that do not add up to 1', async () => {
    const w = encodeURIComponent(JSON.stringify({ volume: 0, closure: 0.5, onTime: 0.5, rework: 0 }));
    const r = await get('admin', `/api/metrics/scores?kind=department&weights=${w}&${JAN}`);
    // D2: 50 + 50 = 100 → A; D1: 0.5×57.143 + 0.5×28.571 = 42.86 → D; D3: 0 → E.
    expect(r.rows.map((x: { score: number; grade: string }) => [x.score, x.grade])).toEqual([
      [100, 'A'],
      [42.86, 'D'],
      [0, 'E'],
    ]);
    for (const bad of [encodeURIComponent('{"volume":0.5}'), 'not-json']) {
      const b = await api.get(s.admin!, `/api/metrics/scores?kind=department&weights=${bad}&${JAN}`);
      expect(b.statusCode).toBe(400);
      expect(b.json().error.details[0].path).toBe('querystring.weights');
    }
  });

  it('scores only what the reader may see, and nothing when nothing happened', async () => {
    const mine = await get('dept1', `/api/metrics/scores?kind=department&${JAN}`);
    expect(mine.rows.map((x: { id: number; score: number }) => [x.id, x.score])).toEqual([[fx.dept.D1, 57.14]]);
    expect((await get('admin', '/api/metrics/scores?kind=community&from=2025-06-01&to=2025-07-01')).rows).toEqual([]);
  });
});
