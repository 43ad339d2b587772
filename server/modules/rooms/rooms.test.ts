// Rooms against the real database: double booking impossible under concurrency (same part, whole against a zone),
// refused bad input with no change, idempotency, series across the 2026 National Day, series edits, policy per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { seedDemoRooms } from '../../seed/demo-rooms';

const clock = new FakeClock(new Date('2026-09-01T09:00:00+08:00'));
/** '2026-09-15 10:00' China time as ISO. */
const at = (s: string) => `${s.replace(' ', 'T')}:00+08:00`;

let t: TestApp;
let staff: Session;
let resident: Session;
let grid: Session;
let hall: { id: number; parts: { id: number; name: string; whole: boolean }[] };
let evening: { id: number; parts: { id: number; whole: boolean }[] };
let staffOnly: { id: number; parts: { id: number; whole: boolean }[] };
let approval: { id: number; parts: { id: number; whole: boolean }[] };

const whole = (s: { parts: { id: number; whole: boolean }[] }) => s.parts.find((p) => p.whole)!.id;
const zone = (s: { parts: { id: number; whole: boolean }[] }, i: number) => s.parts.filter((p) => !p.whole)[i]!.id;

async function createSpace(body: Record<string, unknown>) {
  const r = await t.as(staff, {
    method: 'POST',
    url: '/api/rooms/spaces',
    payload: {
      nodeId: t.demo.communities[0]!.id,
      kind: 'activity_room',
      capacity: 40,
      opens: '08:00',
      closes: '21:00',
      bookers: ['resident', 'organisation', 'staff'],
      ...body,
    },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const book = (s: Session, spaceId: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.as(s, { method: 'POST', url: `/api/rooms/spaces/${spaceId}/bookings`, payload: body, headers });

const count = async () =>
  Number(
    (await rows<{ n: string }>(t.deps.db, sql`select count(*) as n from bookings where status <> 'cancelled'`))[0]!.n,
  );

beforeAll(async () => {
  t = await createTestApp({ clock });
  staff = await t.login('community1');
  resident = await t.login('resident1');
  grid = await t.login('grid1');
  hall = await createSpace({
    name: '多功能厅',
    kind: 'hall_area',
    capacity: 80,
    bufferAfterMin: 15,
    zones: [
      { name: 'A区', capacity: 40 },
      { name: 'B区', capacity: 40 },
    ],
  });
  evening = await createSpace({
    name: '供电所职工之家',
    kind: 'partner_hall',
    opens: '18:00',
    closes: '21:30',
    days: 'workdays',
  });
  staffOnly = await createSpace({ name: '党群会议室', bookers: ['staff'] });
  approval = await createSpace({ name: '舞蹈室', needsApproval: true });
}, 120_000);
afterAll(() => t?.close());

describe('no double booking under concurrency', () => {
  it('50 requests for one slot: exactly one succeeds, the others get a conflict', async () => {
    const rs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        book(staff, hall.id, {
          partId: zone(hall, 0),
          title: `活动${i}`,
          attendees: 10,
          startsAt: at('2026-09-15 10:00'),
          endsAt: at('2026-09-15 11:00'),
        }),
      ),
    );
    expect(rs.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const refused = rs.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('conflict');
    }
  });

  it('whole room against zone A at once: exactly one of 50 succeeds; zones A and B do not block each other', async () => {
    const rs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        book(staff, hall.id, {
          partId: i % 2 ? whole(hall) : zone(hall, 0),
          title: '并发',
          attendees: 10,
          startsAt: at('2026-09-16 14:00'),
          endsAt: at('2026-09-16 15:00'),
        }),
      ),
    );
    expect(rs.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.statusCode === 409)).toHaveLength(49);

    const slot = { title: '分区', attendees: 10, startsAt: at('2026-09-17 09:00'), endsAt: at('2026-09-17 10:00') };
    expect((await book(staff, hall.id, { ...slot, partId: zone(hall, 0) })).statusCode).toBe(200);
    expect((await book(staff, hall.id, { ...slot, partId: zone(hall, 1) })).statusCode).toBe(200);
    // Both zones taken: the whole is blocked; and a whole booking blocks a zone afterwards (the other direction).
    expect((await book(staff, hall.id, { ...slot, partId: whole(hall) })).statusCode).toBe(409);
    const later = { ...slot, startsAt: at('2026-09-17 12:00'), endsAt: at('2026-09-17 13:00') };
    expect((await book(staff, hall.id, { ...later, partId: whole(hall) })).statusCode).toBe(200);
    expect((await book(staff, hall.id, { ...later, partId: zone(hall, 1) })).statusCode).toBe(409);
    // The buffer after a booking (15 min) is held too: 13:00 is refused, 13:15 taken.
    const next = { ...slot, partId: zone(hall, 1), startsAt: at('2026-09-17 13:00'), endsAt: at('2026-09-17 14:00') };
    expect((await book(staff, hall.id, next)).statusCode).toBe(409);
    expect((await book(staff, hall.id, { ...next, startsAt: at('2026-09-17 13:15') })).statusCode).toBe(200);
  });
});

describe('bad input is refused with a named rule and no change', () => {
  const ok = { title: '读书会', attendees: 10, startsAt: at('2026-09-18 10:00'), endsAt: at('2026-09-18 11:00') };
  const cases: [string, Record<string, unknown>, number, string, RegExp][] = [
    [
      'outside opening hours',
      { startsAt: at('2026-09-18 20:30'), endsAt: at('2026-09-18 21:30') },
      400,
      'startsAt',
      /开放时间 08:00–21:00/,
    ],
    [
      'on a holiday',
      { startsAt: at('2026-10-02 10:00'), endsAt: at('2026-10-02 11:00') },
      400,
      'startsAt',
      /节假日不开放/,
    ],
    ['in the past', { startsAt: at('2026-08-31 10:00'), endsAt: at('2026-08-31 11:00') }, 400, 'startsAt', /已过去/],
    ['over capacity', { attendees: 41 }, 400, 'attendees', /容纳人数 40 人/],
    [
      'a series longer than a year',
      { recurrence: { freq: 'weekly', until: '2027-09-19' } },
      400,
      'recurrence.until',
      /最长一年/,
    ],
    ['end before start', { endsAt: at('2026-09-18 09:00') }, 400, 'endsAt', /晚于开始/],
  ];
  for (const [name, change, status, path, message] of cases)
    it(name, async () => {
      const before = await count();
      const r = await t.as(staff, {
        method: 'POST',
        url: `/api/rooms/spaces/${hall.id}/bookings`,
        payload: { ...ok, partId: zone(hall, 0), ...change },
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(r.statusCode, r.body).toBe(status);
      const detail = r.json().error.details.find((d: { path: string }) => d.path === path);
      expect(detail?.message, r.body).toMatch(message);
      expect(await count()).toBe(before);
    });

  it('an overlap is a 409 naming the rule, in English too', async () => {
    const first = await book(staff, hall.id, { ...ok, partId: zone(hall, 1) });
    expect(first.statusCode).toBe(200);
    const before = await count();
    const r = await t.as(staff, {
      method: 'POST',
      url: `/api/rooms/spaces/${hall.id}/bookings`,
      payload: { ...ok, partId: whole(hall) },
      headers: { 'accept-language': 'en' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details[0]).toMatchObject({ path: 'startsAt', message: 'the slot is already booked' });
    expect(await count()).toBe(before);
  });

  it('a retry with the same Idempotency-Key answers the first booking and makes no second', async () => {
    const body = { ...ok, partId: zone(hall, 0), startsAt: at('2026-09-18 15:00'), endsAt: at('2026-09-18 16:00') };
    const headers = { 'idempotency-key': 'rooms-test-key-1' };
    const [a, b] = await Promise.all([book(staff, hall.id, body, headers), book(staff, hall.id, body, headers)]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json().bookings[0].id).toBe(a.json().bookings[0].id);
    const c = await book(staff, hall.id, body, headers);
    expect(c.json().bookings[0].id).toBe(a.json().bookings[0].id);
  });
});

describe('series across the 2026 National Day holiday', () => {
  it('a weekly Thursday series skips Oct 1 (holiday) and says so', async () => {
    const r = await book(staff, hall.id, {
      partId: zone(hall, 1),
      title: '合唱团排练',
      attendees: 20,
      startsAt: at('2026-09-24 19:00'),
      endsAt: at('2026-09-24 20:30'),
      recurrence: { freq: 'weekly', until: '2026-10-22', skipConflicts: true },
    });
    expect(r.statusCode, r.body).toBe(200);
    const dates = r.json().bookings.map((b: { startsAt: string }) => b.startsAt.slice(0, 10));
    expect(dates).toEqual(['2026-09-24', '2026-10-08', '2026-10-15', '2026-10-22'].map((d) => d));
    expect(r.json().skipped).toEqual([{ date: '2026-10-01', reason: 'holiday' }]);
  });

  it('without skipping, the holiday refuses the whole series and nothing is booked', async () => {
    const before = await count();
    const r = await t.as(staff, {
      method: 'POST',
      url: `/api/rooms/spaces/${hall.id}/bookings`,
      headers: { 'accept-language': 'zh-CN' },
      payload: {
        partId: zone(hall, 0),
        title: '太极',
        attendees: 20,
        startsAt: at('2026-09-24 08:00'),
        endsAt: at('2026-09-24 09:00'),
        recurrence: { freq: 'weekly', until: '2026-10-22' },
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toMatchObject({ path: 'recurrence', message: '场地在 2026-10-01 不开放' });
    expect(await count()).toBe(before);
  });

  it('a working-days hall booked every Saturday opens only on the make-up Saturday Oct 10', async () => {
    const r = await book(staff, evening.id, {
      partId: whole(evening),
      title: '周末课堂',
      attendees: 20,
      startsAt: at('2026-10-10 18:30'),
      endsAt: at('2026-10-10 20:00'),
      recurrence: { freq: 'weekly', until: '2026-10-31', skipConflicts: true },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().bookings).toHaveLength(1);
    expect(r.json().skipped.map((s: { date: string }) => s.date)).toEqual(['2026-10-17', '2026-10-24', '2026-10-31']);
    // Sunday Sep 20 is a make-up working day too; the Saturday before is a rest day, National Day a holiday.
    const sun = await book(staff, evening.id, {
      partId: whole(evening),
      title: '补班日活动',
      attendees: 20,
      startsAt: at('2026-09-20 18:30'),
      endsAt: at('2026-09-20 20:00'),
    });
    expect(sun.statusCode, sun.body).toBe(200);
    const sat = await book(staff, evening.id, {
      partId: whole(evening),
      title: 'x',
      attendees: 5,
      startsAt: at('2026-09-19 18:30'),
      endsAt: at('2026-09-19 19:00'),
    });
    expect(sat.statusCode).toBe(400);
    const hol = await book(staff, evening.id, {
      partId: whole(evening),
      title: 'x',
      attendees: 5,
      startsAt: at('2026-10-05 18:30'),
      endsAt: at('2026-10-05 19:00'),
    });
    expect(hol.json().error.details[0].path).toBe('startsAt');
  });

  it('a taken date is skipped when asked, and refuses the series (409, no change) when not', async () => {
    const slot = { partId: whole(hall), title: '书法班', attendees: 10 };
    const taken = await book(staff, hall.id, {
      ...slot,
      startsAt: at('2026-11-12 10:00'),
      endsAt: at('2026-11-12 11:00'),
    });
    expect(taken.statusCode).toBe(200);
    const series = { ...slot, startsAt: at('2026-11-05 10:00'), endsAt: at('2026-11-05 11:00') };
    const before = await count();
    const refused = await book(staff, hall.id, { ...series, recurrence: { freq: 'weekly', until: '2026-11-26' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0].message).toBe('2026-11-12 该时段已被预约');
    expect(await count()).toBe(before);
    const skipped = await book(staff, hall.id, {
      ...series,
      recurrence: { freq: 'weekly', until: '2026-11-26', skipConflicts: true },
    });
    expect(skipped.json().skipped).toEqual([{ date: '2026-11-12', reason: 'taken' }]);
    expect(skipped.json().bookings).toHaveLength(3);
  });
});

describe('editing a series', () => {
  it('moves one occurrence alone, then renames and moves it and the rest of the series', async () => {
    const r = await book(resident, hall.id, {
      partId: zone(hall, 0),
      title: '亲子阅读',
      attendees: 8,
      startsAt: at('2026-12-01 15:00'),
      endsAt: at('2026-12-01 16:00'),
      recurrence: { freq: 'weekly', until: '2026-12-29' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const ids: number[] = r.json().bookings.map((b: { id: number }) => b.id);
    expect(ids).toHaveLength(5);
    const one = await t.as(resident, {
      method: 'PATCH',
      url: `/api/rooms/bookings/${ids[1]}`,
      payload: { scope: 'this', startsAt: at('2026-12-08 16:00'), endsAt: at('2026-12-08 17:00') },
    });
    expect(one.statusCode, one.body).toBe(200);
    const rest = await t.as(resident, {
      method: 'PATCH',
      url: `/api/rooms/bookings/${ids[2]}`,
      payload: {
        scope: 'following',
        title: '亲子绘本',
        startsAt: at('2026-12-15 14:00'),
        endsAt: at('2026-12-15 15:30'),
      },
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().items).toHaveLength(3);
    const mine = (await t.as(resident, { method: 'GET', url: '/api/rooms/bookings/mine' })).json().items as {
      id: number;
      title: string;
      startsAt: string;
      endsAt: string;
    }[];
    const byId = new Map(mine.map((b) => [b.id, b]));
    expect(byId.get(ids[0]!)).toMatchObject({ title: '亲子阅读', startsAt: '2026-12-01T07:00:00.000Z' });
    expect(byId.get(ids[1]!)).toMatchObject({ title: '亲子阅读', startsAt: '2026-12-08T08:00:00.000Z' });
    for (const [i, d] of [
      [2, '15'],
      [3, '22'],
      [4, '29'],
    ] as const)
      expect(byId.get(ids[i]!)).toMatchObject({
        title: '亲子绘本',
        startsAt: `2026-12-${d}T06:00:00.000Z`,
        endsAt: `2026-12-${d}T07:30:00.000Z`,
      });
    // Cancelling the rest of the series frees its slots at once.
    const cancel = await t.as(resident, {
      method: 'POST',
      url: `/api/rooms/bookings/${ids[3]}/cancel`,
      payload: { scope: 'following' },
    });
    expect(cancel.json()).toEqual({ cancelled: 2 });
    const again = await book(staff, hall.id, {
      partId: whole(hall),
      title: '年终总结',
      attendees: 30,
      startsAt: at('2026-12-22 14:00'),
      endsAt: at('2026-12-22 15:00'),
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('policy per role', () => {
  const slot = { title: '议事会', attendees: 5, startsAt: at('2026-09-21 10:00'), endsAt: at('2026-09-21 11:00') };
  it('a resident cannot book a staff-only room; staff can', async () => {
    const r = await book(resident, staffOnly.id, { ...slot, partId: whole(staffOnly) });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.details[0].path).toBe('spaceId');
    expect((await book(grid, staffOnly.id, { ...slot, partId: whole(staffOnly) })).statusCode).toBe(200);
  });

  it('a grid worker cannot define a space; the community worker can', async () => {
    const r = await t.as(grid, {
      method: 'POST',
      url: '/api/rooms/spaces',
      payload: {
        nodeId: t.demo.communities[0]!.id,
        name: 'x',
        kind: 'activity_room',
        capacity: 5,
        opens: '08:00',
        closes: '20:00',
        bookers: ['staff'],
      },
    });
    expect(r.statusCode).toBe(403);
  });

  it('a resident sees others’ bookings without title and cannot cancel them', async () => {
    const list = await t.as(resident, {
      method: 'GET',
      url: `/api/rooms/spaces/${staffOnly.id}/bookings?from=${encodeURIComponent(at('2026-09-21 00:00'))}&to=${encodeURIComponent(at('2026-09-22 00:00'))}`,
    });
    expect(list.statusCode).toBe(200);
    const [b] = list.json().items;
    expect(b).toMatchObject({ title: null, mine: false });
    const r = await t.as(resident, { method: 'POST', url: `/api/rooms/bookings/${b.id}/cancel`, payload: {} });
    expect(r.statusCode).toBe(403);
  });

  it('a booking of a room needing approval waits; only a manager approves it', async () => {
    const r = await book(resident, approval.id, { ...slot, partId: whole(approval) });
    expect(r.json().bookings[0].status).toBe('pending');
    const id = r.json().bookings[0].id;
    expect((await t.as(resident, { method: 'POST', url: `/api/rooms/bookings/${id}/approve` })).statusCode).toBe(403);
    const ok = await t.as(staff, { method: 'POST', url: `/api/rooms/bookings/${id}/approve` });
    expect(ok.json().status).toBe('confirmed');
  });

  it('the utilisation report is for managers; residents see none', async () => {
    const q = `from=${encodeURIComponent(at('2026-09-01 00:00'))}&to=${encodeURIComponent(at('2026-10-01 00:00'))}`;
    const r = await t.as(staff, { method: 'GET', url: `/api/rooms/utilisation?${q}` });
    const zoneA = r.json().rows.find((x: { partId: number }) => x.partId === zone(hall, 0));
    expect(zoneA.bookings).toBeGreaterThan(0);
    expect(zoneA.utilisation).toBeGreaterThan(0);
    expect((await t.as(resident, { method: 'GET', url: `/api/rooms/utilisation?${q}` })).json().rows).toEqual([]);
  });
});

describe('availability', () => {
  it('a month shows holidays closed and the holds of each part', async () => {
    const r = await t.as(resident, { method: 'GET', url: `/api/rooms/spaces/${hall.id}/availability?month=2026-10` });
    expect(r.statusCode).toBe(200);
    const days = r.json().days;
    expect(days).toHaveLength(31);
    expect(days[0]).toMatchObject({ date: '2026-10-01', open: false, closedReason: 'holiday' });
    expect(days[7]).toMatchObject({ date: '2026-10-08', open: true });
    expect(days[7].busy.length).toBeGreaterThan(0);
  });

  it('a taken slot is offered alternatives: the other zone, other times', async () => {
    const q = `partId=${whole(hall)}&startsAt=${encodeURIComponent(at('2026-09-17 09:00'))}&endsAt=${encodeURIComponent(at('2026-09-17 10:00'))}`;
    const r = await t.as(resident, { method: 'GET', url: `/api/rooms/spaces/${hall.id}/alternatives?${q}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.length).toBeGreaterThan(0);
    for (const a of r.json().items) expect(a.startsAt).not.toBe('2026-09-17T01:00:00.000Z');
  });
});

describe('partner units and the demo', () => {
  it('a partner unit’s handler manages its own hall; another organisation’s handler does not', async () => {
    const power = await t.login('power1');
    const me = (await t.as(power, { method: 'GET', url: '/api/auth/me' })).json();
    const orgId = me.bindings[0].organisationId as number;
    const admin = await t.login('admin');
    const made = await t.as(admin, {
      method: 'POST',
      url: '/api/rooms/spaces',
      payload: {
        nodeId: t.demo.communities[0]!.id,
        organisationId: orgId,
        name: '供电所会议室',
        kind: 'partner_hall',
        capacity: 30,
        opens: '18:30',
        closes: '21:00',
        days: 'workdays',
        bookers: ['resident'],
        needsApproval: true,
      },
    });
    expect(made.statusCode, made.body).toBe(200);
    const hallOf = made.json();
    const r = await book(resident, hallOf.id, {
      partId: whole(hallOf),
      title: '晚间党课',
      attendees: 20,
      startsAt: at('2026-09-22 19:00'),
      endsAt: at('2026-09-22 20:00'),
    });
    const id = r.json().bookings[0].id;
    const dept = await t.login('dept1');
    expect((await t.as(dept, { method: 'POST', url: `/api/rooms/bookings/${id}/approve` })).statusCode).toBe(403);
    const ok = await t.as(power, { method: 'POST', url: `/api/rooms/bookings/${id}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    // Its staff may manage it but, not being among its bookers, not book it.
    const own = await book(power, hallOf.id, {
      partId: whole(hallOf),
      title: 'x',
      attendees: 5,
      startsAt: at('2026-09-23 19:00'),
      endsAt: at('2026-09-23 20:00'),
    });
    expect(own.statusCode).toBe(403);
  });

  it('the demo seed defines its four spaces and books rooms', async () => {
    const before = await count();
    expect(await seedDemoRooms(t.app, clock.now().getTime())).toBe(4);
    expect(await count()).toBeGreaterThan(before + 3);
  });
});
