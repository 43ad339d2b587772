// Booking a slot at the hall over HTTP on the demo district, with the clock on Monday 2026-09-28 before the National
// Day holiday: hours and slots on the business calendar, no over-booking under concurrent requests, bad slots
// answered with a 4xx naming the rule (changing nothing), cancelling and moving, and who sees and keeps what.
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/password';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { seedServiceDemo } from '../../seed/demo-services';
import { createTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../../testing';
import { userRepo } from '../users';

let t: TestApp;
const clock = new FakeClock(new Date('2026-09-28T08:00:00+08:00'));
const s = {} as Record<string, Session>;
let communityId = 0;
let residentId = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedServiceDemo(t.deps.db, t.deps.crypto);
  const [home] = await rows<{ node_id: number }>(
    t.deps.db,
    sql`select b.node_id from users u join role_bindings b on b.user_id = u.id where u.username = 'resident1'`,
  );
  const [c] = await rows<{ id: number; path: string }>(
    t.deps.db,
    sql`select c.id, c.path from territory_nodes c, territory_nodes h
        where h.id = ${home!.node_id} and c.kind = 'community' and h.path like c.path || '%'`,
  );
  communityId = c!.id;
  // A neighbour in the same community, with an account of their own.
  const [other] = await rows<{ id: number }>(
    t.deps.db,
    sql`select id from territory_nodes where kind = 'household' and path like ${c!.path + '%'} and id <> ${home!.node_id}
        order by id limit 1`,
  );
  const u = await userRepo.insert(t.deps.db, {
    username: 'hallneighbour',
    displayName: '居民 邻居',
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  await userRepo.replaceBindings(t.deps.db, u.id, [{ role: 'resident', nodeId: other!.id, organisationId: null }]);
  residentId = (await rows<{ id: number }>(t.deps.db, sql`select id from residents where name = '陈晨'`))[0]!.id;
  for (const who of ['resident1', 'hallneighbour', 'community1', 'grid1', 'grid2', 'admin'])
    s[who] = await t.login(who);
});
afterAll(async () => {
  await t?.close();
});

const as = (who: string, o: InjectOptions, lang = 'zh-CN') =>
  t.as(s[who]!, { ...o, headers: { 'accept-language': lang, ...(o.headers ?? {}) } });
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
let keyN = 0;
const apply = (who: string, startsAt: string, extra: object = {}, key = `hall-key-${++keyN}-abcdef`, lang?: string) =>
  as(
    who,
    {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'residence_cert', channel: 'hall', appointment: { startsAt }, ...extra },
      headers: { 'idempotency-key': key },
    },
    lang,
  );
const counts = async () =>
  (
    await rows<{ apps: number; seats: number }>(
      t.deps.db,
      sql`select (select count(*)::int from service_applications) as apps,
                 (select count(*)::int from service_appointments) as seats`,
    )
  )[0]!;
const seatsAt = async (startsAt: string) =>
  (
    await rows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from service_appointments where node_id = ${communityId} and starts_at = ${startsAt}`,
    )
  )[0]!.n;
const setCapacity = (capacity: number) =>
  as('community1', {
    method: 'PUT',
    url: '/api/services/hall/hours',
    payload: {
      nodeId: communityId,
      periods: [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '17:30' },
      ],
      slotMinutes: 30,
      capacity,
    },
  });

describe('hours and slots on the business calendar', () => {
  it('a community without its own hours has the defaults; a resident cannot change them, staff can', async () => {
    const r = await as('resident1', { method: 'GET', url: '/api/services/hall/hours' });
    expect(r.json()).toMatchObject({ nodeId: communityId, slotMinutes: 30, capacity: 2, custom: false });
    expect(r.json().periods).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ]);
    const denied = await as('resident1', {
      method: 'PUT',
      url: '/api/services/hall/hours',
      payload: { nodeId: communityId, periods: [{ start: '09:00', end: '12:00' }], slotMinutes: 30, capacity: 3 },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await as('community1', {
      method: 'PUT',
      url: '/api/services/hall/hours',
      payload: {
        nodeId: communityId,
        periods: [
          { start: '14:00', end: '17:30' },
          { start: '09:00', end: '12:00' },
        ],
        slotMinutes: 30,
        capacity: 1,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'periods.1', message: expect.stringMatching(/先后/) });
    const ok = await setCapacity(1);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ capacity: 1, custom: true });
  });

  it('National Day (10-01..07) is closed, the make-up Saturday 10-10 open, up to ten open days ahead', async () => {
    const r = await as('resident1', { method: 'GET', url: '/api/services/hall/slots' });
    expect(r.statusCode).toBe(200);
    const days = r.json().days as { date: string; status: string; slots: { startsAt: string; free: number }[] }[];
    const by = new Map(days.map((d) => [d.date, d]));
    // The calendar stores holidays that fall on weekdays; the weekend inside the holiday is an ordinary rest day.
    for (const d of [1, 2, 5, 6, 7]) expect(by.get(`2026-10-0${d}`)).toMatchObject({ status: 'holiday', slots: [] });
    for (const d of [3, 4]) expect(by.get(`2026-10-0${d}`)).toMatchObject({ status: 'rest', slots: [] });
    expect(by.get('2026-10-08')!.status).toBe('open');
    expect(by.get('2026-10-10')!.status).toBe('open');
    expect(by.get('2026-10-11')).toMatchObject({ status: 'rest', slots: [] });
    expect(days.filter((d) => d.status === 'open')).toHaveLength(10);
    expect(days[0]!.date).toBe('2026-09-28');
    expect(days.at(-1)!.date).toBe('2026-10-15');
    // 09:00–12:00 and 14:00–17:30 in 30 minutes: 6 + 7 slots, one seat each now.
    expect(by.get('2026-09-28')!.slots).toHaveLength(13);
    expect(by.get('2026-09-28')!.slots[0]).toMatchObject({ startsAt: at('2026-09-28T09:00:00'), free: 1 });
    expect(by.get('2026-09-28')!.slots[6]!.startsAt).toBe(at('2026-09-28T14:00:00'));
  });
});

describe('booking while applying', () => {
  it('20 concurrent bookings of a one-window slot: exactly one wins, the others are told the slot is full', async () => {
    const before = await counts();
    const slot = at('2026-09-29T09:00:00');
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => apply(i % 2 ? 'hallneighbour' : 'resident1', slot)),
    );
    const won = rs.filter((r) => r.statusCode === 201);
    expect(won).toHaveLength(1);
    expect(won[0]!.json()).toMatchObject({ channel: 'hall', appointment: { startsAt: slot, seat: 1 } });
    const lost = rs.filter((r) => r.statusCode !== 201);
    expect(lost.every((r) => r.statusCode === 409)).toBe(true);
    expect(lost[0]!.json().error.details[0]).toEqual({
      path: 'appointment.startsAt',
      message: '该时段已约满，请选择其他时段',
    });
    expect(await seatsAt(slot)).toBe(1);
    expect(await counts()).toEqual({ apps: before.apps + 1, seats: before.seats + 1 });
  });

  it('a retry with the same Idempotency-Key answers the first application and takes no second seat', async () => {
    const before = await counts();
    const slot = at('2026-09-29T09:30:00');
    const [a, b] = await Promise.all([
      apply('resident1', slot, {}, 'same-key-hall-0001'),
      apply('resident1', slot, {}, 'same-key-hall-0001'),
    ]);
    expect([a!.statusCode, b!.statusCode]).toEqual([201, 201]);
    expect(a!.json().id).toBe(b!.json().id);
    expect(await counts()).toEqual({ apps: before.apps + 1, seats: before.seats + 1 });
  });

  it('refuses bad slots with a 400 naming the rule, in the asker language, and changes nothing', async () => {
    const before = await counts();
    const cases: [string, RegExp][] = [
      [at('2026-09-24T09:00:00'), /已经过去/],
      [at('2026-09-28T07:30:00'), /不在大厅预约时间内（09:00–12:00、14:00–17:30）/],
      [at('2026-09-29T12:30:00'), /不在大厅预约时间内/],
      [at('2026-09-29T09:10:00'), /30 分钟一档/],
      [at('2026-10-01T09:00:00'), /法定节假日/],
      [at('2026-10-08T17:30:00'), /不在大厅预约时间内/],
      [at('2026-10-11T09:00:00'), /不是工作日/],
      [at('2026-10-16T09:00:00'), /10 个工作日内/],
    ];
    for (const [slot, message] of cases) {
      const r = await apply('resident1', slot);
      expect(r.statusCode, slot).toBe(400);
      expect(r.json().error.details[0]).toMatchObject({ path: 'appointment.startsAt', message });
    }
    const en = await apply('resident1', at('2026-10-05T09:00:00'), {}, undefined, 'en');
    expect(en.json().error.details[0].message).toBe('The hall is closed on this statutory holiday');
    const online = await apply('resident1', at('2026-09-30T09:00:00'), { channel: 'online' });
    expect(online.statusCode).toBe(400);
    expect(online.json().error.details[0]).toMatchObject({ path: 'channel', message: /预约到厅办理/ });
    const schema = await apply('resident1', '2026-09-30 09:00');
    expect(schema.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('an item without the hall channel cannot be booked', async () => {
    const patch = await as('admin', {
      method: 'PATCH',
      url: '/api/services/items/old_estate_reno',
      payload: { channels: ['online'] },
    });
    expect(patch.statusCode).toBe(200);
    const before = await counts();
    const r = await apply('resident1', at('2026-09-30T09:00:00'), { itemCode: 'old_estate_reno' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toEqual({ path: 'appointment', message: '该事项不提供预约到厅办理' });
    expect(await counts()).toEqual(before);
  });

  it('the make-up working Saturday 10-10 can be booked', async () => {
    const r = await apply('resident1', at('2026-10-10T10:00:00'));
    expect(r.statusCode).toBe(201);
    expect(r.json().appointment.startsAt).toBe(at('2026-10-10T10:00:00'));
  });
});

describe('cancelling and moving', () => {
  let mine = 0;
  const slot = at('2026-10-08T09:00:00');
  const later = at('2026-10-13T16:00:00');

  it('cancelling frees the slot for the next resident at once', async () => {
    const r = await apply('resident1', slot);
    expect(r.statusCode).toBe(201);
    mine = r.json().id;
    expect(r.json().appointmentActions).toEqual(['move', 'cancel']);
    expect((await apply('hallneighbour', slot)).statusCode).toBe(409);
    const cancel = await as('resident1', { method: 'DELETE', url: `/api/services/applications/${mine}/appointment` });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ appointment: null, appointmentActions: ['book'] });
    expect(cancel.json().events.at(-1)).toMatchObject({ action: 'appointment_cancel' });
    expect(await seatsAt(slot)).toBe(0);
    const theirs = await apply('hallneighbour', slot);
    expect(theirs.statusCode).toBe(201);
    // Cancelling again: nothing to cancel.
    const again = await as('resident1', { method: 'DELETE', url: `/api/services/applications/${mine}/appointment` });
    expect(again.statusCode).toBe(409);
  });

  it('the application books again, then moves: the old seat is freed, a full target changes nothing', async () => {
    const book = (startsAt: string) =>
      as('resident1', { method: 'PUT', url: `/api/services/applications/${mine}/appointment`, payload: { startsAt } });
    const full = await book(slot);
    expect(full.statusCode).toBe(409);
    const first = await book(at('2026-10-08T09:30:00'));
    expect(first.statusCode).toBe(200);
    expect(first.json().appointment.startsAt).toBe(at('2026-10-08T09:30:00'));
    const moved = await book(later);
    expect(moved.statusCode).toBe(200);
    expect(moved.json().appointment.startsAt).toBe(later);
    expect(moved.json().events.at(-1)).toMatchObject({ action: 'appointment_move' });
    expect(await seatsAt(at('2026-10-08T09:30:00'))).toBe(0);
    // Moving onto a full slot keeps the appointment where it was.
    expect((await book(slot)).statusCode).toBe(409);
    expect(await seatsAt(later)).toBe(1);
    const after = await as('resident1', { method: 'GET', url: `/api/services/applications/${mine}` });
    expect(after.json().appointment.startsAt).toBe(later);
  });
});

describe('who sees and keeps an appointment', () => {
  it('a resident sees only their own; a neighbour can neither read nor cancel it', async () => {
    const mineList = await as('resident1', { method: 'GET', url: '/api/services/applications?mine=true&limit=100' });
    const theirs = await as('hallneighbour', { method: 'GET', url: '/api/services/applications?limit=100' });
    const mineIds = new Set(mineList.json().items.map((a: { id: number }) => a.id));
    expect(theirs.json().items.length).toBeGreaterThan(0);
    expect(theirs.json().items.some((a: { id: number }) => mineIds.has(a.id))).toBe(false);
    const one = mineList.json().items.find((a: { appointmentAt: string | null }) => a.appointmentAt)!;
    const read = await as('hallneighbour', { method: 'GET', url: `/api/services/applications/${one.id}` });
    expect(read.statusCode).toBe(404);
    const del = await as('hallneighbour', {
      method: 'DELETE',
      url: `/api/services/applications/${one.id}/appointment`,
    });
    expect(del.statusCode).toBe(404);
    expect(await seatsAt(one.appointmentAt)).toBe(1);
  });

  it("a grid worker books for a resident on the resident's behalf; the queue filters a day's appointments", async () => {
    const slots = await as('grid1', { method: 'GET', url: `/api/services/hall/slots?residentId=${residentId}` });
    expect(slots.json().nodeId).toBe(communityId);
    const r = await apply('grid1', at('2026-09-30T10:00:00'), { residentId });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ onBehalf: true, appointment: { startsAt: at('2026-09-30T10:00:00') } });
    expect(r.json().appointmentActions).toEqual(['move', 'cancel']);
    // The other grid's worker cannot reach the resident.
    const other = await apply('grid2', at('2026-09-30T10:30:00'), { residentId });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0].path).toBe('residentId');
    const day = await as('community1', { method: 'GET', url: '/api/services/applications?appointmentOn=2026-09-30' });
    expect(day.json().items.map((a: { id: number }) => a.id)).toEqual([r.json().id]);
    expect(day.json().items[0].appointmentAt).toBe(at('2026-09-30T10:00:00'));
    expect(day.json().items[0].applicantName).not.toBe('陈晨');
  });

  it('an appointment that has begun cannot be cancelled, only moved', async () => {
    const r = await apply('resident1', at('2026-09-28T09:00:00'));
    expect(r.statusCode).toBe(201);
    clock.set(new Date('2026-09-28T09:10:00+08:00'));
    try {
      const url = `/api/services/applications/${r.json().id}/appointment`;
      const cancel = await as('resident1', { method: 'DELETE', url });
      expect(cancel.statusCode).toBe(409);
      expect(cancel.json().error.details[0].message).toMatch(/已开始/);
      const got = await as('resident1', { method: 'GET', url: `/api/services/applications/${r.json().id}` });
      expect(got.json().appointmentActions).toEqual(['move']);
    } finally {
      clock.set(new Date('2026-09-28T08:00:00+08:00'));
    }
  });
});

describe('reminders, missed appointments and changed hours', () => {
  const noticesOf = async (username: string, kind: string, title?: string) =>
    (
      await rows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int as n from notifications n join users u on u.id = n.user_id
            where u.username = ${username} and n.kind = ${kind} and (${title ?? null}::text is null or n.title = ${title ?? null})`,
      )
    )[0]!.n;

  it('the day before, the applicant is reminded once; a moved appointment is reminded at its new time only', async () => {
    const r = await apply('resident1', at('2026-09-30T15:00:00'));
    expect(r.statusCode).toBe(201);
    const soon = () => noticesOf('resident1', 'service_appointment_soon', r.json().number);
    // Moved before the first reminder is due: that reminder finds the slot gone and says nothing.
    const url = `/api/services/applications/${r.json().id}/appointment`;
    const days = (await as('resident1', { method: 'GET', url: '/api/services/hall/slots' })).json().days as {
      slots: { startsAt: string; free: number }[];
    }[];
    const target = days.at(-1)!.slots.find((x) => x.free > 0)!.startsAt;
    const moved = await as('resident1', { method: 'PUT', url, payload: { startsAt: target } });
    expect(moved.json()).toMatchObject({ appointment: { startsAt: target } });
    clock.set(new Date('2026-09-29T15:00:00+08:00'));
    try {
      await t.deps.jobs.runDue();
      expect(await soon()).toBe(0);
      clock.set(new Date(new Date(target).getTime() - 23 * 3_600_000));
      await t.deps.jobs.runDue();
      await t.deps.jobs.runDue();
      expect(await soon()).toBe(1);
    } finally {
      clock.set(new Date('2026-09-28T08:00:00+08:00'));
    }
  });

  it('staff mark a begun appointment as missed, once; the resident is told and may book again', async () => {
    const r = await apply('resident1', at('2026-09-28T11:00:00'));
    expect(r.statusCode).toBe(201);
    const id = r.json().id as number;
    const url = `/api/services/applications/${id}/appointment/no-show`;
    const early = await as('community1', { method: 'POST', url });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0]).toMatchObject({
      path: 'appointment',
      message: expect.stringMatching(/还没有开始/),
    });
    clock.set(new Date('2026-09-28T11:40:00+08:00'));
    try {
      const got = await as('community1', { method: 'GET', url: `/api/services/applications/${id}` });
      expect(got.json().appointmentActions).toEqual(['move', 'no_show']);
      const mine = await as('resident1', { method: 'GET', url: `/api/services/applications/${id}` });
      expect(mine.json().appointmentActions).toEqual(['move']);
      expect((await as('resident1', { method: 'POST', url })).statusCode).toBe(403);
      const told = await noticesOf('resident1', 'service_appointment_missed');
      const marked = await as('community1', { method: 'POST', url });
      expect(marked.statusCode).toBe(200);
      expect(marked.json().appointment).toMatchObject({ noShow: true });
      expect(marked.json().appointmentActions).toEqual(['move']);
      expect(marked.json().events.at(-1)).toMatchObject({ action: 'appointment_no_show' });
      const again = await as('community1', { method: 'POST', url });
      expect(again.statusCode).toBe(200);
      expect(again.json().events.filter((e: { action: string }) => e.action === 'appointment_no_show')).toHaveLength(1);
      expect(await noticesOf('resident1', 'service_appointment_missed')).toBe(told + 1);
    } finally {
      clock.set(new Date('2026-09-28T08:00:00+08:00'));
    }
  });

  it('new hours that drop booked slots ask first (409, nothing saved), then tell each applicant to move', async () => {
    const r = await apply('resident1', at('2026-10-09T16:30:00'));
    expect(r.statusCode).toBe(201);
    const id = r.json().id as number;
    const morning = {
      nodeId: communityId,
      periods: [{ start: '09:00', end: '12:00' }],
      slotMinutes: 30,
      capacity: 1,
    };
    const asked = await as('community1', { method: 'PUT', url: '/api/services/hall/hours', payload: morning });
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.details[0]).toMatchObject({
      path: 'periods',
      message: expect.stringMatching(/个已预约/),
    });
    const hours = await as('community1', { method: 'GET', url: `/api/services/hall/hours?nodeId=${communityId}` });
    expect(hours.json().periods).toHaveLength(2);
    const told = await noticesOf('resident1', 'service_appointment_unfit');
    const saved = await as('community1', {
      method: 'PUT',
      url: '/api/services/hall/hours',
      payload: { ...morning, confirmAffected: true },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().notified).toBeGreaterThanOrEqual(1);
    expect(await noticesOf('resident1', 'service_appointment_unfit')).toBeGreaterThan(told);
    const got = await as('resident1', { method: 'GET', url: `/api/services/applications/${id}` });
    expect(got.json().appointment).toMatchObject({ unfit: true, noShow: false });
    expect(got.json().events.at(-1)).toMatchObject({ action: 'appointment_unfit' });
    // Moved into the new hours, the warning is gone.
    const moved = await as('resident1', {
      method: 'PUT',
      url: `/api/services/applications/${id}/appointment`,
      payload: { startsAt: at('2026-10-09T10:30:00') },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().appointment.unfit).toBe(false);
    expect((await setCapacity(1)).statusCode).toBe(200);
  });

  it("another community's hall is not the asker's to read", async () => {
    const [other] = await rows<{ id: number }>(
      t.deps.db,
      sql`select id from territory_nodes where kind = 'community' and id <> ${communityId} order by id limit 1`,
    );
    for (const url of [`/api/services/hall/slots?nodeId=${other!.id}`, `/api/services/hall/hours?nodeId=${other!.id}`])
      expect((await as('resident1', { method: 'GET', url })).statusCode).toBe(404);
    expect((await as('admin', { method: 'GET', url: `/api/services/hall/slots?nodeId=${other!.id}` })).statusCode).toBe(
      200,
    );
  });
});
