// Staff screens of rooms against the real database: editing a space (rules, zones), approvals (refuse with a reason the
// booker sees, approve, only approvers), moving an occurrence onto a taken slot, utilisation from confirmed bookings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';

const clock = new FakeClock(new Date('2026-09-01T09:00:00+08:00'));
const at = (s: string) => `${s.replace(' ', 'T')}:00+08:00`;
type SpaceJson = { id: number; parts: { id: number; name: string; whole: boolean; capacity: number }[] };

let t: TestApp;
let staff: Session;
let resident: Session;
let grid: Session;
let hall: SpaceJson;
let approval: SpaceJson;

const whole = (s: SpaceJson) => s.parts.find((p) => p.whole)!.id;
const zones = (s: SpaceJson) => s.parts.filter((p) => !p.whole);

async function createSpace(body: Record<string, unknown>): Promise<SpaceJson> {
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

const book = (s: Session, spaceId: number, body: Record<string, unknown>) =>
  t.as(s, { method: 'POST', url: `/api/rooms/spaces/${spaceId}/bookings`, payload: body });
const patchSpace = (s: Session, id: number, payload: Record<string, unknown>) =>
  t.as(s, { method: 'PATCH', url: `/api/rooms/spaces/${id}`, payload });
const snapshot = async (table: 'spaces' | 'space_parts' | 'bookings' | 'booking_holds') =>
  JSON.stringify(await rows(t.deps.db, sql.raw(`select * from ${table} order by 1, 2`)));
const notices = async (s: Session) =>
  (await t.as(s, { method: 'GET', url: '/api/notifications' })).json().items as { kind: string; title: string }[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  staff = await t.login('community1');
  resident = await t.login('resident1');
  grid = await t.login('grid1');
  hall = await createSpace({
    name: '多功能厅',
    kind: 'hall_area',
    capacity: 80,
    zones: [
      { name: 'A区', capacity: 40 },
      { name: 'B区', capacity: 40 },
    ],
  });
  approval = await createSpace({ name: '供电所职工之家', kind: 'partner_hall', opens: '18:00', needsApproval: true });
}, 120_000);
afterAll(() => t?.close());

describe('editing a space', () => {
  it('changes the rules and renames a zone; adds a zone while nothing is booked', async () => {
    const [a, b] = zones(hall);
    const r = await patchSpace(staff, hall.id, {
      opens: '08:30',
      openOnHolidays: true,
      bufferBeforeMin: 10,
      needsApproval: false,
      zones: [
        { id: a!.id, name: '东区', capacity: 30 },
        { id: b!.id, name: 'B区', capacity: 40 },
        { name: 'C区', capacity: 10 },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({ opens: '08:30', closes: '21:00', openOnHolidays: true, bufferBeforeMin: 10 });
    expect(s.parts.map((p: { name: string }) => p.name)).toEqual(['整间', '东区', 'B区', 'C区']);
    hall = s;
  });

  it.each([
    ['hours the wrong way', { opens: '22:00' }, 'opens'],
    ['a zone over the room', { zones: [{ name: 'X', capacity: 81 }] }, 'zones.0.capacity'],
    ['a zone of another space', { zones: [{ id: 999_999, name: 'X', capacity: 5 }] }, 'zones.0.id'],
    ['no bookers', { bookers: [] }, 'bookers'],
    ['an unknown field', { colour: 'red' }, ''],
  ])('refuses %s with a 400 naming the field, and changes nothing', async (_n, payload, path) => {
    const before = (await snapshot('spaces')) + (await snapshot('space_parts'));
    const r = await patchSpace(staff, hall.id, payload);
    expect(r.statusCode, r.body).toBe(400);
    if (path) expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect((await snapshot('spaces')) + (await snapshot('space_parts'))).toBe(before);
  });

  it('a grid worker may not edit it (403); a zone cannot be added while bookings are to come (409)', async () => {
    expect((await patchSpace(grid, hall.id, { name: 'x' })).statusCode).toBe(403);
    const b = await book(resident, hall.id, {
      partId: whole(hall),
      title: '居民议事',
      attendees: 20,
      startsAt: at('2026-09-10 10:00'),
      endsAt: at('2026-09-10 11:00'),
    });
    expect(b.statusCode, b.body).toBe(200);
    const before = await snapshot('space_parts');
    const r = await patchSpace(staff, hall.id, { zones: [{ name: 'D区', capacity: 5 }] });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details[0].path).toBe('zones');
    expect(await snapshot('space_parts')).toBe(before);
  });

  it('a zone held by a booking to come cannot be removed; once it is past, the zone leaves and its booking keeps it', async () => {
    const room = await createSpace({
      name: '活动室（分区）',
      capacity: 30,
      zones: [
        { name: '东区', capacity: 15 },
        { name: '西区', capacity: 15 },
      ],
    });
    const hall = room;
    const zone = zones(room)[0]!;
    const b = await book(resident, hall.id, {
      partId: zone.id,
      title: '书法小组',
      attendees: 10,
      startsAt: at('2026-09-01 10:00'),
      endsAt: at('2026-09-01 11:00'),
    });
    expect(b.statusCode, b.body).toBe(200);
    const before = await snapshot('space_parts');
    const held = await patchSpace(staff, hall.id, { removeZones: [zone.id] });
    expect(held.statusCode).toBe(409);
    expect(held.json().error.details[0]).toEqual({
      path: 'removeZones',
      message: '该分区还有未开始的预约，请先取消或等其结束',
    });
    expect(await snapshot('space_parts')).toBe(before);
    const foreign = await patchSpace(staff, hall.id, { removeZones: [whole(hall)] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('removeZones.0');

    clock.set(new Date('2026-09-01T11:30:00+08:00'));
    try {
      const r = await patchSpace(staff, hall.id, { removeZones: [zone.id] });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().parts.map((p: { id: number }) => p.id)).not.toContain(zone.id);
      const mine = await t.as(resident, { method: 'GET', url: '/api/rooms/bookings/mine?includePast=true' });
      const kept = mine.json().items.find((x: { id: number }) => x.id === b.json().bookings[0].id);
      expect(kept.partName).toBe(zone.name);
      // The retired zone is not bookable.
      const again = await book(resident, hall.id, {
        partId: zone.id,
        title: '书法小组',
        attendees: 10,
        startsAt: at('2026-09-14 10:00'),
        endsAt: at('2026-09-14 11:00'),
      });
      expect(again.statusCode).toBe(400);
    } finally {
      clock.set(new Date('2026-09-01T09:00:00+08:00'));
    }
  });

  it('a space with bookings to come cannot be retired (409 naming how many); without, it leaves every list', async () => {
    const small = await createSpace({ name: '小会议室', capacity: 12 });
    expect(small.id, JSON.stringify(small)).toBeTypeOf('number');
    const b = await book(resident, small.id, {
      partId: whole(small),
      title: '楼长会',
      attendees: 8,
      startsAt: at('2026-09-15 10:00'),
      endsAt: at('2026-09-15 11:00'),
    });
    expect(b.statusCode, b.body).toBe(200);
    const url = `/api/rooms/spaces/${small.id}/retire`;
    expect((await t.as(grid, { method: 'POST', url })).statusCode).toBe(403);
    const refused = await t.as(staff, { method: 'POST', url });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toEqual({
      path: 'bookings',
      message: '该场地还有 1 个未开始的预约，请先取消',
    });
    const cancel = await t.as(resident, {
      method: 'POST',
      url: `/api/rooms/bookings/${b.json().bookings[0].id}/cancel`,
      payload: {},
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await t.as(staff, { method: 'POST', url })).statusCode).toBe(204);
    const list = await t.as(staff, { method: 'GET', url: '/api/rooms/spaces' });
    expect(list.json().items.map((x: { id: number }) => x.id)).not.toContain(small.id);
    expect((await t.as(staff, { method: 'GET', url: `/api/rooms/spaces/${small.id}` })).statusCode).toBe(404);
  });
});

describe('approvals', () => {
  const slot = (d: string) => ({ partId: whole(approval), title: '晚间党课', attendees: 20, ...times(d) });
  const times = (d: string) => ({ startsAt: at(`${d} 19:00`), endsAt: at(`${d} 20:00`) });
  let first: number;
  let second: number;

  it('a booking needing approval is listed to the space’s approvers, the booker masked, and to no one else', async () => {
    first = (await book(resident, approval.id, slot('2026-09-14'))).json().bookings[0].id;
    second = (await book(resident, approval.id, slot('2026-09-15'))).json().bookings[0].id;
    expect((await notices(staff)).map((n) => n.kind)).toContain('room_pending');
    const list = (await t.as(staff, { method: 'GET', url: '/api/rooms/approvals' })).json().items;
    const mine = list.filter((x: { id: number }) => [first, second].includes(x.id));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ status: 'pending', bookerName: '居***', title: '晚间党课' });
    for (const s of [resident, grid])
      expect((await t.as(s, { method: 'GET', url: '/api/rooms/approvals' })).json().items).toEqual([]);
  });

  it('refusing without a reason is a 400 and the booking still waits', async () => {
    for (const payload of [{}, { reason: '' }, { reason: '   ' }]) {
      const r = await t.as(staff, { method: 'POST', url: `/api/rooms/bookings/${first}/refuse`, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.details[0].path).toBe('reason');
    }
    const mine = (await t.as(resident, { method: 'GET', url: '/api/rooms/bookings/mine' })).json().items;
    expect(mine.find((b: { id: number }) => b.id === first).status).toBe('pending');
  });

  it('a non-approver cannot approve or refuse: 403 for a grid worker, a department, the booker', async () => {
    const dept = await t.login('dept1');
    for (const s of [grid, dept, resident]) {
      expect((await t.as(s, { method: 'POST', url: `/api/rooms/bookings/${first}/approve` })).statusCode).toBe(403);
      const r = await t.as(s, { method: 'POST', url: `/api/rooms/bookings/${first}/refuse`, payload: { reason: 'x' } });
      expect(r.statusCode).toBe(403);
    }
    expect((await t.as(staff, { method: 'POST', url: '/api/rooms/bookings/999999/approve' })).statusCode).toBe(404);
  });

  it('refused with a reason: the booker sees the reason and a notice, the slot is free again', async () => {
    const reason = '当晚设备检修，请改期';
    const r = await t.as(staff, { method: 'POST', url: `/api/rooms/bookings/${first}/refuse`, payload: { reason } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'refused', refusalReason: reason });
    const mine = (await t.as(resident, { method: 'GET', url: '/api/rooms/bookings/mine' })).json().items;
    expect(mine.find((b: { id: number }) => b.id === first)).toMatchObject({
      status: 'refused',
      refusalReason: reason,
    });
    const n = await notices(resident);
    expect(n.find((x) => x.kind === 'room_refused')?.title).toBe('供电所职工之家 2026-09-14 19:00');
    const audit = await rows<{ action: string }>(
      t.deps.db,
      sql`select action from audit_log where entity_kind = 'booking' and entity_id = ${String(first)}`,
    );
    expect(audit.map((a) => a.action)).toContain('room.booking_refuse');
    // A refused booking can be neither approved, nor refused again, nor moved; its slot can be booked.
    expect((await t.as(staff, { method: 'POST', url: `/api/rooms/bookings/${first}/approve` })).statusCode).toBe(409);
    const move = await t.as(resident, {
      method: 'PATCH',
      url: `/api/rooms/bookings/${first}`,
      payload: times('2026-09-16'),
    });
    expect(move.statusCode).toBe(409);
    expect((await book(staff, approval.id, slot('2026-09-14'))).statusCode).toBe(200);
  });

  it('approved: confirmed, the booker is told, and it leaves the list', async () => {
    const r = await t.as(staff, { method: 'POST', url: `/api/rooms/bookings/${second}/approve` });
    expect(r.json().status).toBe('confirmed');
    expect((await notices(resident)).map((x) => x.kind)).toContain('room_approved');
    const list = (await t.as(staff, { method: 'GET', url: '/api/rooms/approvals' })).json().items;
    expect(list.some((x: { id: number }) => x.id === second || x.id === first)).toBe(false);
  });

  it('a waiting series is approved from one occurrence on, or refused, in one decision', async () => {
    const r = await book(resident, approval.id, {
      ...slot('2026-11-02'),
      title: '合唱排练',
      recurrence: { freq: 'weekly', until: '2026-11-23' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const ids: number[] = r.json().bookings.map((b: { id: number }) => b.id);
    expect(ids).toHaveLength(4);
    const ok = await t.as(staff, { method: 'POST', url: `/api/rooms/bookings/${ids[2]}/approve?scope=following` });
    expect(ok.statusCode, ok.body).toBe(200);
    const no = await t.as(staff, {
      method: 'POST',
      url: `/api/rooms/bookings/${ids[0]}/refuse`,
      payload: { reason: '与社区活动冲突', scope: 'following' },
    });
    expect(no.statusCode, no.body).toBe(200);
    const mine = (await t.as(resident, { method: 'GET', url: '/api/rooms/bookings/mine' })).json().items;
    const status = ids.map((id) => mine.find((b: { id: number }) => b.id === id).status);
    // Refusing 'from the first on' covers only the occurrences still waiting; the approved ones stay.
    expect(status).toEqual(['refused', 'refused', 'confirmed', 'confirmed']);
  });

  it('utilisation counts confirmed bookings only, not refused or waiting ones', async () => {
    await book(resident, approval.id, slot('2026-09-17'));
    const q = `from=${encodeURIComponent(at('2026-09-14 00:00'))}&to=${encodeURIComponent(at('2026-09-18 00:00'))}`;
    const rows_ = (await t.as(staff, { method: 'GET', url: `/api/rooms/utilisation?${q}` })).json().rows;
    const row = rows_.find((x: { partId: number }) => x.partId === whole(approval));
    // 14th staff's own (confirmed), 15th approved; the refused 14th and the waiting 17th do not count.
    expect(row).toMatchObject({ bookings: 2, bookedHours: 2 });
    expect(row.openHours).toBe(12);
    expect(row.utilisation).toBeCloseTo(2 / 12, 3);
  });
});

describe('moving an occurrence', () => {
  it('onto a taken slot is a 409 and nothing changes; onto a free one it moves alone', async () => {
    const [a] = zones(hall);
    const r = await book(resident, hall.id, {
      partId: a!.id,
      title: '书法班',
      attendees: 8,
      startsAt: at('2026-10-13 15:00'),
      endsAt: at('2026-10-13 16:00'),
      recurrence: { freq: 'weekly', until: '2026-10-27' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const ids: number[] = r.json().bookings.map((b: { id: number }) => b.id);
    const taken = await book(staff, hall.id, {
      partId: whole(hall),
      title: '培训',
      attendees: 30,
      startsAt: at('2026-10-21 09:00'),
      endsAt: at('2026-10-21 11:00'),
    });
    expect(taken.statusCode, taken.body).toBe(200);
    const before = (await snapshot('bookings')) + (await snapshot('booking_holds'));
    const bad = await t.as(resident, {
      method: 'PATCH',
      url: `/api/rooms/bookings/${ids[1]}`,
      payload: { scope: 'this', startsAt: at('2026-10-21 10:00'), endsAt: at('2026-10-21 11:00') },
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.details[0].path).toBe('startsAt');
    expect((await snapshot('bookings')) + (await snapshot('booking_holds'))).toBe(before);
    const ok = await t.as(resident, {
      method: 'PATCH',
      url: `/api/rooms/bookings/${ids[1]}`,
      payload: { scope: 'this', startsAt: at('2026-10-21 14:00'), endsAt: at('2026-10-21 15:00') },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const mine = (await t.as(resident, { method: 'GET', url: '/api/rooms/bookings/mine' })).json().items;
    const starts = mine.filter((b: { id: number }) => ids.includes(b.id)).map((b: { startsAt: string }) => b.startsAt);
    expect(starts).toEqual(['2026-10-13T07:00:00.000Z', '2026-10-21T06:00:00.000Z', '2026-10-27T07:00:00.000Z']);
  });

  it('a booker who moves a booking of a space needing approval asks again', async () => {
    const b = await book(resident, approval.id, {
      partId: whole(approval),
      title: '读书会',
      attendees: 10,
      startsAt: at('2026-09-22 19:00'),
      endsAt: at('2026-09-22 20:00'),
    });
    const id = b.json().bookings[0].id;
    await t.as(staff, { method: 'POST', url: `/api/rooms/bookings/${id}/approve` });
    const r = await t.as(resident, {
      method: 'PATCH',
      url: `/api/rooms/bookings/${id}`,
      payload: { startsAt: at('2026-09-23 19:00'), endsAt: at('2026-09-23 20:00') },
    });
    expect(r.json().items[0].status).toBe('pending');
  });
});
