// Volunteers against the real database: never over capacity under concurrency, waitlist promotion with a
// notification, certificate required (and expired), only the organiser confirms, confirmation idempotent with the
// points award enqueued once in the same transaction, corrections appended (the record refuses updates), the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';

const clock = new FakeClock(new Date('2026-09-01T09:00:00+08:00'));
const HOUR = 3_600_000;
const MINUTE = 60_000;

let t: TestApp;
let staff: Session;
let vol: Session[] = [];
let volIds: number[] = [];
let resident: Session;
let communityId: number;

const post = (s: Session, url: string, payload?: object) => t.as(s, { method: 'POST', url, payload: payload ?? {} });
const get = (s: Session, url: string) => t.as(s, { method: 'GET', url });

async function createActivity(body: Record<string, unknown> = {}, as: Session = staff, capacity = 1) {
  const now = clock.now().getTime();
  const r = await post(as, '/api/volunteers/activities', {
    nodeId: communityId,
    title: '助老送餐',
    activityType: 'elderly_care',
    shifts: [
      {
        startsAt: new Date(now + 10 * MINUTE).toISOString(),
        endsAt: new Date(now + 3 * HOUR).toISOString(),
        capacity,
      },
    ],
    ...body,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { id: number; shifts: { id: number }[] };
}

const awards = async (shiftId: number) =>
  rows<{ payload: Record<string, unknown> }>(
    t.deps.db,
    sql`select payload from jobs where name = 'points.award' and payload->'sourceRef'->>'id' = ${String(shiftId)}`,
  );

beforeAll(async () => {
  t = await createTestApp({ clock });
  communityId = t.demo.communities[0]!.id;
  staff = await t.login('community1');
  resident = await t.login('resident1');
  vol = [await t.login('volunteer1'), await t.login('volunteer2'), await t.login('volunteer3')];
  volIds = [];
  for (const s of vol) volIds.push((await get(s, '/api/auth/me')).json().id);
}, 120_000);
afterAll(() => t?.close());

describe('sign-up and waitlist', () => {
  it('20 concurrent sign-ups for a shift of capacity 3: 3 places, the rest waitlisted, never over', async () => {
    const a = await createActivity({}, staff, 3);
    const shift = a.shifts[0]!.id;
    // The same three volunteers, each sending several requests at once: idempotent and never over capacity.
    const rs = await Promise.all(
      Array.from({ length: 21 }, (_, i) => post(vol[i % 3]!, `/api/volunteers/shifts/${shift}/signup`)),
    );
    expect(rs.every((r) => r.statusCode === 200)).toBe(true);
    const [n] = await rows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from volunteer_signups where shift_id = ${shift} and status <> 'cancelled'`,
    );
    expect(n!.n).toBe(3);
    expect(rs.every((r) => r.json().status === 'confirmed')).toBe(true);
  });

  it('capacity 1 under 3 concurrent volunteers: exactly one place, two on the waitlist in order', async () => {
    const a = await createActivity();
    const shift = a.shifts[0]!.id;
    const rs = await Promise.all(vol.map((s) => post(s, `/api/volunteers/shifts/${shift}/signup`)));
    const statuses = rs.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(2);
    expect(
      rs
        .map((r) => r.json().waitlistPosition)
        .filter(Boolean)
        .sort(),
    ).toEqual([1, 2]);
    const view = (await get(vol[0]!, `/api/volunteers/activities/${a.id}`)).json();
    expect(view.shifts[0]).toMatchObject({ capacity: 1, taken: 1, waitlisted: 2 });
  });

  it('a cancelled place goes to the first on the waitlist, who is notified; cancelling again changes nothing', async () => {
    const a = await createActivity({ title: '社区清扫' });
    const shift = a.shifts[0]!.id;
    expect((await post(vol[0]!, `/api/volunteers/shifts/${shift}/signup`)).json().status).toBe('confirmed');
    expect((await post(vol[1]!, `/api/volunteers/shifts/${shift}/signup`)).json()).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect((await post(vol[2]!, `/api/volunteers/shifts/${shift}/signup`)).json().waitlistPosition).toBe(2);
    const c = await post(vol[0]!, `/api/volunteers/shifts/${shift}/cancel`);
    expect(c.json()).toEqual({ cancelled: true, promotedUserId: volIds[1] });
    expect((await post(vol[0]!, `/api/volunteers/shifts/${shift}/cancel`)).json()).toEqual({
      cancelled: false,
      promotedUserId: null,
    });
    const view = (await get(vol[1]!, `/api/volunteers/activities/${a.id}`)).json();
    expect(view.shifts[0]).toMatchObject({ mine: 'confirmed', taken: 1, waitlisted: 1 });
    const third = (await get(vol[2]!, `/api/volunteers/activities/${a.id}`)).json();
    expect(third.shifts[0]).toMatchObject({ mine: 'waitlisted', myWaitlistPosition: 1 });
    const notes = (await get(vol[1]!, '/api/notifications?limit=50')).json().items;
    expect(
      notes.some((n: { kind: string; title: string }) => n.kind === 'volunteer_promoted' && n.title === '社区清扫'),
    ).toBe(true);
    // A waitlisted person cancelling frees no place and promotes nobody.
    expect((await post(vol[2]!, `/api/volunteers/shifts/${shift}/cancel`)).json()).toEqual({
      cancelled: true,
      promotedUserId: null,
    });
  });

  it('sign-up closes when the shift begins', async () => {
    const a = await createActivity();
    clock.advance(20 * MINUTE);
    try {
      const r = await post(vol[0]!, `/api/volunteers/shifts/${a.shifts[0]!.id}/signup`);
      expect(r.statusCode).toBe(409);
      expect(r.json().error.details[0]).toMatchObject({ path: 'shiftId', message: '班次已开始，报名已截止' });
    } finally {
      clock.advance(-20 * MINUTE);
    }
  });

  it('a resident cannot sign up; a shift of an unseen activity is not found', async () => {
    const a = await createActivity();
    expect((await post(resident, `/api/volunteers/shifts/${a.shifts[0]!.id}/signup`)).statusCode).toBe(404);
    expect((await post(vol[0]!, `/api/volunteers/shifts/999999/signup`)).statusCode).toBe(404);
  });
});

describe('certificates', () => {
  it('an activity needing a certificate refuses sign-up without a valid one, naming the rule, and accepts it once recorded', async () => {
    const a = await createActivity({ title: '急救培训志愿服务', requiredCertificate: 'first_aid' }, staff, 5);
    const shift = a.shifts[0]!.id;
    const before = await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from volunteer_signups`);
    const r = await post(vol[0]!, `/api/volunteers/shifts/${shift}/signup`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details[0]).toMatchObject({ path: 'requiredCertificate' });
    expect(r.json().error.details[0].message).toContain('证书');
    // An expired certificate does not count.
    const expired = await post(staff, `/api/volunteers/people/${volIds[0]}/certificates`, {
      kind: 'first_aid',
      expiresOn: '2026-08-31',
    });
    expect(expired.statusCode, expired.body).toBe(200);
    expect(expired.json().items[0].valid).toBe(false);
    expect((await post(vol[0]!, `/api/volunteers/shifts/${shift}/signup`)).statusCode).toBe(409);
    const after = await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from volunteer_signups`);
    expect(after[0]!.n).toBe(before[0]!.n);
    // A volunteer cannot record their own certificate.
    expect(
      (
        await post(vol[0]!, `/api/volunteers/people/${volIds[0]}/certificates`, {
          kind: 'first_aid',
          expiresOn: '2030-01-01',
        })
      ).statusCode,
    ).toBe(404);
    await post(staff, `/api/volunteers/people/${volIds[0]}/certificates`, {
      kind: 'first_aid',
      expiresOn: '2028-12-31',
    });
    expect((await post(vol[0]!, `/api/volunteers/shifts/${shift}/signup`)).json().status).toBe('confirmed');
    const me = (await get(vol[0]!, '/api/volunteers/me')).json();
    expect(me.certificates.map((c: { valid: boolean }) => c.valid).sort()).toEqual([false, true]);
  });
});

describe('attendance and hours', () => {
  async function pastShift() {
    const a = await createActivity({ title: '敬老院陪伴' }, staff, 2);
    const shift = a.shifts[0]!.id;
    await post(vol[0]!, `/api/volunteers/shifts/${shift}/signup`);
    await post(vol[1]!, `/api/volunteers/shifts/${shift}/signup`);
    await post(vol[2]!, `/api/volunteers/shifts/${shift}/signup`); // waitlisted
    clock.advance(20 * MINUTE);
    return { a, shift };
  }

  it('only the organiser confirms; not before the shift; not for someone without a place', async () => {
    const a = await createActivity({}, staff, 2);
    const shift = a.shifts[0]!.id;
    await post(vol[0]!, `/api/volunteers/shifts/${shift}/signup`);
    const early = await post(staff, `/api/volunteers/shifts/${shift}/attendance`, {
      entries: [{ userId: volIds[0], attended: true, hours: 2 }],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0]).toMatchObject({ path: 'shiftId', message: '班次开始后才能确认出勤' });
    clock.advance(20 * MINUTE);
    try {
      const street = await t.login('street1');
      for (const s of [vol[0]!, street]) {
        const r = await post(s, `/api/volunteers/shifts/${shift}/attendance`, {
          entries: [{ userId: volIds[0], attended: true, hours: 2 }],
        });
        expect(r.statusCode).toBe(409);
        expect(r.json().error.details[0]).toMatchObject({ path: 'organiser' });
      }
      const stranger = await post(staff, `/api/volunteers/shifts/${shift}/attendance`, {
        entries: [{ userId: volIds[1], attended: true, hours: 2 }],
      });
      expect(stranger.statusCode).toBe(400);
      expect(stranger.json().error.details[0]).toMatchObject({ path: 'entries.0.userId' });
      const [n] = await rows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int as n from volunteer_attendance where shift_id = ${shift}`,
      );
      expect(n!.n).toBe(0);
      expect(await awards(shift)).toHaveLength(0);
    } finally {
      clock.advance(-20 * MINUTE);
    }
  });

  it('confirming hours enqueues the points award once with the contract payload; confirming twice enqueues nothing more', async () => {
    const { a, shift } = await pastShift();
    try {
      const body = {
        entries: [
          { userId: volIds[0], attended: true, hours: 2.5 },
          { userId: volIds[1], attended: false, hours: 0 },
        ],
      };
      const r1 = await post(staff, `/api/volunteers/shifts/${shift}/attendance`, body);
      expect(r1.json()).toEqual({ recorded: 2, corrected: 0, unchanged: 0 });
      const [r2, r3] = await Promise.all([
        post(staff, `/api/volunteers/shifts/${shift}/attendance`, body),
        post(staff, `/api/volunteers/shifts/${shift}/attendance`, body),
      ]);
      expect(r2.json()).toEqual({ recorded: 0, corrected: 0, unchanged: 2 });
      expect(r3.json()).toEqual({ recorded: 0, corrected: 0, unchanged: 2 });
      const jobs = await awards(shift);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.payload).toEqual({
        key: `activity:${a.id}:shift:${shift}:user:${volIds[0]}`,
        communityId,
        userId: volIds[0],
        source: 'volunteer_hours',
        quantity: 2.5,
        activityType: 'elderly_care',
        memo: '志愿服务：敬老院陪伴',
        sourceRef: { kind: 'volunteer_shift', id: shift },
      });
      const hours = (await get(vol[0]!, '/api/volunteers/me/hours')).json();
      expect(hours.items.find((h: { shiftId: number }) => h.shiftId === shift).hours).toBe(2.5);
      // The waitlisted volunteer had no place: not recordable.
      const w = await post(staff, `/api/volunteers/shifts/${shift}/attendance`, {
        entries: [{ userId: volIds[2], attended: true, hours: 1 }],
      });
      expect(w.statusCode).toBe(400);
    } finally {
      clock.advance(-20 * MINUTE);
    }
  });

  it('a correction needs a reason, is appended and audited, and credits hours once; the record refuses updates', async () => {
    const { shift } = await pastShift();
    try {
      const url = `/api/volunteers/shifts/${shift}/attendance`;
      await post(staff, url, { entries: [{ userId: volIds[0], attended: true, hours: 2 }] });
      const noReason = await post(staff, url, { entries: [{ userId: volIds[0], attended: true, hours: 3 }] });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.details[0].path).toBe('reason');
      const fixed = await post(staff, url, {
        entries: [
          { userId: volIds[0], attended: true, hours: 3 },
          { userId: volIds[1], attended: true, hours: 1.5 },
        ],
        reason: '签到表漏记一小时',
      });
      expect(fixed.json()).toEqual({ recorded: 1, corrected: 1, unchanged: 0 });
      const record = await rows<{ hours: string; corrects_id: number | null; reason: string | null }>(
        t.deps.db,
        sql`select hours, corrects_id, reason from volunteer_attendance where shift_id = ${shift} and user_id = ${volIds[0]} order by id`,
      );
      expect(record.map((r) => Number(r.hours))).toEqual([2, 3]);
      expect(record[1]!.corrects_id).not.toBeNull();
      expect(record[1]!.reason).toBe('签到表漏记一小时');
      const audit = await rows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int as n from audit_log where action = 'volunteer.attendance_correct' and entity_id = ${String(shift)}`,
      );
      expect(audit[0]!.n).toBe(1);
      const view = (await get(staff, url)).json();
      expect(view.items.find((i: { userId: number }) => i.userId === volIds[0])).toMatchObject({
        hours: 3,
        corrections: 1,
      });
      // One award per person: the first confirmation of volunteer1, and volunteer2's now.
      expect((await awards(shift)).map((j) => j.payload.userId).sort()).toEqual([volIds[0], volIds[1]].sort());
      await expect(
        t.deps.db.execute(sql`update volunteer_attendance set hours = 9 where shift_id = ${shift}`),
      ).rejects.toThrow();
      await expect(
        t.deps.db.execute(sql`delete from volunteer_attendance where shift_id = ${shift}`),
      ).rejects.toThrow();
    } finally {
      clock.advance(-20 * MINUTE);
    }
  });

  it('hours for someone who did not come are refused', async () => {
    const { shift } = await pastShift();
    try {
      const r = await post(staff, `/api/volunteers/shifts/${shift}/attendance`, {
        entries: [{ userId: volIds[0], attended: false, hours: 2 }],
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details[0].path).toBe('entries.0.hours');
    } finally {
      clock.advance(-20 * MINUTE);
    }
  });
});

describe('teams, organisers and scope', () => {
  it('staff create a team with a leader; the leader organises for the team and confirms, another volunteer cannot', async () => {
    const team = await post(staff, '/api/volunteers/teams', {
      nodeId: communityId,
      name: '银龄互助队',
      leaderUserId: volIds[1],
      memberUserIds: [volIds[0]],
    });
    expect(team.statusCode, team.body).toBe(200);
    expect(team.json().members).toHaveLength(2);
    expect((await post(staff, '/api/volunteers/teams', { nodeId: communityId, name: '银龄互助队' })).statusCode).toBe(
      400,
    );
    // A volunteer who leads no team cannot organise.
    const refused = await post(vol[0]!, '/api/volunteers/activities', {
      nodeId: communityId,
      teamId: team.json().id,
      title: 'x',
      activityType: 'other',
      shifts: [{ startsAt: '2026-09-10T09:00:00+08:00', endsAt: '2026-09-10T11:00:00+08:00', capacity: 2 }],
    });
    expect(refused.statusCode).toBe(403);
    const a = await createActivity({ teamId: team.json().id, title: '银龄陪诊' }, vol[1]!, 2);
    expect((await get(vol[1]!, `/api/volunteers/activities/${a.id}`)).json()).toMatchObject({
      canConfirm: true,
      teamName: '银龄互助队',
    });
    await post(vol[0]!, `/api/volunteers/shifts/${a.shifts[0]!.id}/signup`);
    clock.advance(20 * MINUTE);
    try {
      const body = { entries: [{ userId: volIds[0], attended: true, hours: 2 }] };
      expect((await post(staff, `/api/volunteers/shifts/${a.shifts[0]!.id}/attendance`, body)).statusCode).toBe(409);
      expect((await post(vol[1]!, `/api/volunteers/shifts/${a.shifts[0]!.id}/attendance`, body)).json().recorded).toBe(
        1,
      );
    } finally {
      clock.advance(-20 * MINUTE);
    }
  });

  it('the volunteer list and the ledger are for staff; the ledger masks names', async () => {
    const list = await get(staff, '/api/volunteers/people');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((v: { userId: number }) => v.userId)).toEqual(expect.arrayContaining(volIds));
    expect((await get(vol[0]!, '/api/volunteers/people')).statusCode).toBe(403);
    expect((await get(resident, '/api/volunteers/people')).statusCode).toBe(403);
    const url = `/api/volunteers/ledger.xlsx?nodeId=${communityId}&from=2026-09-01&to=2026-10-01`;
    const x = await get(staff, url);
    expect(x.statusCode, x.body.slice(0, 200)).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect((await get(vol[0]!, url)).statusCode).toBe(404);
    const ledgers = (await get(staff, '/api/ledgers')).json();
    expect(JSON.stringify(ledgers)).toContain('志愿服务台账');
  });

  it('bad input: an activity on a non-community node, an end before its start', async () => {
    const grid = t.demo.grids[0]!.id;
    const r = await post(staff, '/api/volunteers/activities', {
      nodeId: grid,
      title: 'x',
      activityType: 'other',
      shifts: [{ startsAt: '2026-09-10T09:00:00+08:00', endsAt: '2026-09-10T11:00:00+08:00', capacity: 2 }],
    });
    expect(r.statusCode).toBe(400);
    const e = await post(staff, '/api/volunteers/activities', {
      nodeId: communityId,
      title: 'x',
      activityType: 'other',
      shifts: [{ startsAt: '2026-09-10T09:00:00+08:00', endsAt: '2026-09-10T08:00:00+08:00', capacity: 2 }],
    });
    expect(e.statusCode).toBe(400);
    expect(e.json().error.details[0].path).toBe('shifts.0.endsAt');
  });
});
