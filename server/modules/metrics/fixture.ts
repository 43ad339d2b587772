// Test fixture of the metrics tests: known cases and timelines around January 2026 (Asia/Shanghai), and an app serving the metrics routes.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { recomputeStageTimes, reporterPhoneColumns, caseCategories, caseEvents, cases } from '../cases';
import { inArray } from 'drizzle-orm';
import type { CaseStatus, Rating } from '../../../contracts/cases';
import type { Session, TestApp } from '../../testing';
import { organisations } from '../organisations';
import type { NodeRow } from '../territory';

/** Shanghai wall-clock time: T('2026-01-05T09:00'). */
export const T = (local: string) => new Date(`${local}:00+08:00`);

export const REPORTER_PHONE = '13912345678';
export const REPORTER_NAME = '测试居民甲';
export const PHONE_IN_TEXT = '13987654321';

/** One case as the fixture writes it: where (a grid of community A, B or C, or any grid node), handled by whom, its dates and counts. */
export type Spec = {
  ref: string;
  at: 'g0' | 'g1' | 'B' | 'C' | NodeRow;
  org: 'D1' | 'D2' | 'D3' | null;
  status: CaseStatus;
  created: string;
  registered?: string;
  dispatched?: string;
  closed?: string;
  onTime?: boolean;
  overdue?: string;
  rework?: number;
  extension?: number;
  returns?: number;
  rating?: Rating;
};

// Community A (communities[0], street 1: grids g0 = grid1's grid, g1), community B (communities[1], street 1),
// community C (communities[3], street 2). D1 城市管理局 (dept1), D2 住建局, D3 市场监管局.
const SPECS: Spec[] = [
  {
    ref: 'A1',
    at: 'g0',
    org: 'D1',
    status: 'closed',
    created: '2026-01-05T09:00',
    registered: '2026-01-05T10:00',
    dispatched: '2026-01-05T12:00',
    closed: '2026-01-06T15:00',
    onTime: true,
    rating: 'satisfied',
  },
  {
    ref: 'A2',
    at: 'g0',
    org: 'D1',
    status: 'closed',
    created: '2026-01-10T08:00',
    registered: '2026-01-10T09:00',
    dispatched: '2026-01-10T13:00',
    closed: '2026-01-11T22:00',
    onTime: true,
    rework: 1,
    rating: 'basically_satisfied',
  },
  {
    ref: 'A3',
    at: 'g1',
    org: 'D1',
    status: 'closed',
    created: '2026-01-15T08:00',
    registered: '2026-01-15T09:00',
    dispatched: '2026-01-15T15:00',
    closed: '2026-01-17T18:00',
    onTime: false,
    extension: 1,
    returns: 1,
    rating: 'unsatisfied',
  },
  {
    ref: 'A4',
    at: 'g1',
    org: 'D1',
    status: 'handling',
    created: '2026-01-18T08:00',
    registered: '2026-01-18T09:00',
    dispatched: '2026-01-18T10:00',
    overdue: '2026-01-20T10:00',
  },
  {
    ref: 'A5',
    at: 'g0',
    org: 'D1',
    status: 'handling',
    created: '2026-01-25T08:00',
    registered: '2026-01-25T09:00',
    dispatched: '2026-01-25T10:00',
  },
  { ref: 'A6', at: 'g0', org: 'D1', status: 'voided', created: '2026-01-26T08:00', registered: '2026-01-26T09:00' },
  {
    ref: 'A7',
    at: 'g0',
    org: 'D1',
    status: 'closed',
    created: '2025-12-09T09:00',
    registered: '2025-12-10T09:00',
    dispatched: '2025-12-10T10:00',
    closed: '2025-12-15T10:00',
    onTime: true,
  },
  {
    ref: 'S1',
    at: 'g1',
    org: null,
    status: 'shelved',
    created: '2026-01-12T08:00',
    registered: '2026-01-12T09:00',
    overdue: '2026-01-14T09:00',
  },
  // Self-handled at intake, as the cases module records it: closed at once, never registered.
  {
    ref: 'X1',
    at: 'g0',
    org: null,
    status: 'closed',
    created: '2026-02-01T00:10',
    closed: '2026-02-01T00:10',
    onTime: true,
  },
  {
    ref: 'B1',
    at: 'B',
    org: 'D2',
    status: 'closed',
    created: '2026-01-01T00:00',
    registered: '2026-01-01T00:00',
    dispatched: '2026-01-02T09:00',
    closed: '2026-01-03T09:00',
    onTime: true,
    rating: 'satisfied',
  },
  {
    ref: 'B2',
    at: 'B',
    org: 'D2',
    status: 'closed',
    created: '2026-01-04T09:00',
    registered: '2026-01-04T10:00',
    dispatched: '2026-01-04T11:00',
    closed: '2026-01-05T09:00',
    onTime: true,
  },
  { ref: 'B3', at: 'B', org: null, status: 'registered', created: '2026-01-06T09:00', registered: '2026-01-06T10:00' },
  {
    ref: 'B4',
    at: 'B',
    org: 'D3',
    status: 'handling',
    created: '2026-01-07T09:00',
    registered: '2026-01-07T10:00',
    dispatched: '2026-01-07T11:00',
    overdue: '2026-01-09T11:00',
  },
  {
    ref: 'C1',
    at: 'C',
    org: 'D1',
    status: 'closed',
    created: '2026-01-20T08:00',
    registered: '2026-01-20T09:00',
    dispatched: '2026-01-20T17:00',
    closed: '2026-01-21T21:00',
    onTime: false,
    rework: 2,
  },
  {
    ref: 'C2',
    at: 'C',
    org: 'D1',
    status: 'handling',
    created: '2026-01-22T08:00',
    registered: '2026-01-22T09:00',
    dispatched: '2026-01-22T10:00',
    overdue: '2026-01-24T10:00',
  },
  {
    ref: 'C3',
    at: 'C',
    org: 'D1',
    status: 'dispatched',
    created: '2026-01-23T08:00',
    registered: '2026-01-23T09:00',
    dispatched: '2026-01-23T10:00',
    overdue: '2026-01-25T10:00',
  },
];

// Timelines: [time, action, from, to]. Non-transitions (comment, extension request, rating) must not cut a stage.
type Ev = [string, string, CaseStatus | null, CaseStatus | null];
const lifecycle = (d: string[]): Ev[] => [
  [d[0]!, 'intake', null, 'reported'],
  [d[1]!, 'register', 'reported', 'registered'],
  [d[2]!, 'dispatch', 'registered', 'dispatched'],
  [d[3]!, 'accept', 'dispatched', 'handling'],
  [d[4]!, 'reply', 'handling', 'replied'],
  [d[5]!, 'verify', 'replied', 'closed'],
];
const EVENTS: Record<string, Ev[]> = {
  // dispatch 2h, accept 1h, handle 24h, verify 2h
  A1: [
    ...lifecycle([
      '2026-01-05T09:00',
      '2026-01-05T10:00',
      '2026-01-05T12:00',
      '2026-01-05T13:00',
      '2026-01-06T13:00',
      '2026-01-06T15:00',
    ]),
    ['2026-01-05T20:00', 'comment', null, null],
    ['2026-01-07T09:00', 'rate', 'closed', null],
  ],
  // dispatch 4h, accept 3h, handle 12h + 12h = 24h (rework), verify 4h + 2h = 6h
  A2: [
    ['2026-01-10T08:00', 'intake', null, 'reported'],
    ['2026-01-10T09:00', 'register', 'reported', 'registered'],
    ['2026-01-10T13:00', 'dispatch', 'registered', 'dispatched'],
    ['2026-01-10T16:00', 'accept', 'dispatched', 'handling'],
    ['2026-01-10T20:00', 'request_extension', 'handling', 'handling'],
    ['2026-01-11T04:00', 'reply', 'handling', 'replied'],
    ['2026-01-11T08:00', 'verify', 'replied', 'handling'],
    ['2026-01-11T20:00', 'reply', 'handling', 'replied'],
    ['2026-01-11T22:00', 'verify', 'replied', 'closed'],
  ],
  // dispatch 6h, accept 2h, handle 48h, verify 1h
  A3: lifecycle([
    '2026-01-15T08:00',
    '2026-01-15T09:00',
    '2026-01-15T15:00',
    '2026-01-15T17:00',
    '2026-01-17T17:00',
    '2026-01-17T18:00',
  ]),
  // dispatch 8h, accept 1h, handle 24h, verify 3h
  C1: lifecycle([
    '2026-01-20T08:00',
    '2026-01-20T09:00',
    '2026-01-20T17:00',
    '2026-01-20T18:00',
    '2026-01-21T18:00',
    '2026-01-21T21:00',
  ]),
  // all in December: dispatch 1h, accept 2h, handle 96h, verify 22h
  A7: lifecycle([
    '2025-12-09T09:00',
    '2025-12-10T09:00',
    '2025-12-10T10:00',
    '2025-12-10T12:00',
    '2025-12-14T12:00',
    '2025-12-15T10:00',
  ]),
};

export type Fixture = { dept: Record<'D1' | 'D2' | 'D3', number>; ids: Record<string, number> };

/** Inserts the fixture's categories, cases and events straight into the tables. */
export async function loadFixture(t: TestApp): Promise<Fixture> {
  const db = t.deps.db;
  const names = { D1: '示范区城市管理局', D2: '示范区住房和城乡建设局', D3: '示范区市场监督管理局' };
  const orgs = await db
    .select()
    .from(organisations)
    .where(inArray(organisations.name, Object.values(names)));
  const dept = Object.fromEntries(
    Object.entries(names).map(([k, n]) => [k, orgs.find((o) => o.name === n)!.id]),
  ) as Fixture['dept'];
  const ids = await insertCases(t, dept, SPECS);
  for (const [ref, evs] of Object.entries(EVENTS)) {
    await db.insert(caseEvents).values(
      evs.map(([at, action, fromStatus, toStatus]) => ({
        caseId: ids[ref]!,
        at: T(at),
        action,
        fromStatus,
        toStatus,
      })),
    );
  }
  // Written straight into the tables, the cases carry no stage times yet: derive them from the timelines as a migration would.
  await recomputeStageTimes(db);
  return { dept, ids };
}

/** Writes cases straight into the tables, as the fixture's own are (a test may add its own to the fixture's). */
export async function insertCases(t: TestApp, dept: Fixture['dept'], specs: Spec[]): Promise<Record<string, number>> {
  const db = t.deps.db;
  const place: Record<Exclude<Spec['at'], NodeRow>, NodeRow> = {
    g0: t.demo.grids[0]!,
    g1: t.demo.grids[1]!,
    B: t.demo.grids[5]!,
    C: t.demo.grids[15]!,
  };
  const category = { g0: 'Z9101', g1: 'Z9101', B: 'Z9102', C: 'Z9201' } as const;
  const channel = { g0: 'patrol', g1: 'patrol', B: 'hotline', C: 'resident' } as const;
  await db
    .insert(caseCategories)
    .values([
      { code: 'Z91', name: '测试大类甲', kind: 'event' },
      { code: 'Z9101', name: '楼道堆物', parentCode: 'Z91', kind: 'event' },
      { code: 'Z9102', name: '噪声扰民', parentCode: 'Z91', kind: 'event' },
      { code: 'Z92', name: '测试大类乙', kind: 'event' },
      { code: 'Z9201', name: '占道经营', parentCode: 'Z92', kind: 'event' },
    ])
    .onConflictDoNothing();
  const ids: Record<string, number> = {};
  for (const s of specs) {
    const grid = typeof s.at === 'object' ? s.at : place[s.at];
    const area = typeof s.at === 'object' ? 'g0' : s.at;
    const [row] = await db
      .insert(cases)
      .values({
        number: `JY-TEST-${s.ref}`,
        channel: channel[area],
        categoryCode: category[area],
        description: s.ref === 'A2' ? `${s.ref} 楼道堆物，联系电话${PHONE_IN_TEXT}` : `${s.ref} 测试案件`,
        gridId: grid.id,
        nodePath: grid.path,
        status: s.status,
        assigneeOrganisationId: s.org ? dept[s.org] : null,
        reporterName: s.ref === 'A1' ? REPORTER_NAME : null,
        ...reporterPhoneColumns(t.deps.crypto, s.ref === 'A1' ? REPORTER_PHONE : null),
        registeredAt: s.registered ? T(s.registered) : null,
        dispatchedAt: s.dispatched ? T(s.dispatched) : null,
        closedAt: s.closed ? T(s.closed) : null,
        closedOnTime: s.onTime ?? null,
        overdueSince: s.overdue ? T(s.overdue) : null,
        reworkCount: s.rework ?? 0,
        extensionCount: s.extension ?? 0,
        returnCount: s.returns ?? 0,
        rating: s.rating ?? null,
        createdAt: T(s.created),
        updatedAt: T(s.created),
      })
      .returning({ id: cases.id });
    ids[s.ref] = row!.id;
  }
  return ids;
}

export type Api = {
  app: FastifyInstance;
  get(s: Session | null, url: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/** The metrics routes of the test app (server/app.ts mounts the module). */
export async function metricsApi(t: TestApp): Promise<Api> {
  const app = t.app;
  const get = (s: Session | null, url: string) => {
    const o: InjectOptions = { method: 'GET', url, headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {} };
    return app.inject(o);
  };
  return { app, get, close: async () => undefined };
}
