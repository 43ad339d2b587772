// Rooms benchmark: a community with N bookings (default 10,000) over ten spaces, then (1) a space's month of
// availability, through the app and as raw SQL, and (2) booking from 50 concurrent clients through the app, distinct
// slots and contended ones, with a check that no two holds on one part overlap. Run: npx tsx bench/rooms.ts [N]
// (TEST_DATABASE_URL=… for the server database). Requests go through app.inject (no sockets), so figures are the app's.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { FakeClock } from '../server/platform/clock';
import { rows } from '../server/platform/db';
import { createTestApp } from '../server/testing';
import { summarise, timeLoop } from './measure/stats';

const N = Number(process.argv[2] ?? 10_000);
const SPACES = 10;
const clock = new FakeClock(new Date('2026-01-01T08:00:00+08:00'));

async function main() {
  const t = await createTestApp({ clock });
  const staff = await t.login('community1');
  const ids: number[] = [];
  for (let i = 0; i < SPACES; i++) {
    const r = await t.as(staff, {
      method: 'POST',
      url: '/api/rooms/spaces',
      payload: {
        nodeId: t.demo.communities[0]!.id,
        name: `活动室${i + 1}`,
        kind: 'activity_room',
        capacity: 50,
        opens: '07:00',
        closes: '22:00',
        openOnHolidays: true,
        bookers: ['staff', 'resident'],
        zones:
          i % 2
            ? []
            : [
                { name: 'A区', capacity: 25 },
                { name: 'B区', capacity: 25 },
              ],
      },
    });
    ids.push(r.json().id);
  }
  const userId = (await rows<{ id: number }>(t.deps.db, sql`select id from users where username = 'community1'`))[0]!
    .id;
  // N bookings on the whole parts, one hour each at 07:00 + k, spread over 2026 (no overlaps by construction).
  const t0 = performance.now();
  await t.deps.db.execute(sql`
    with g as (
      select i, (${sql.raw(`array[${ids.join(',')}]`)})[1 + i % ${SPACES}] as space_id, i / ${SPACES} as k from generate_series(0, ${N - 1}) i
    ), b as (
      insert into bookings (space_id, part_id, user_id, title, attendees, starts_at, ends_at, status)
      select g.space_id, p.id, ${userId}, '基准预约', 10,
             timestamptz '2026-01-02 07:00+08' + (g.k / 14) * interval '1 day' + (g.k % 14) * interval '1 hour',
             timestamptz '2026-01-02 07:45+08' + (g.k / 14) * interval '1 day' + (g.k % 14) * interval '1 hour', 'confirmed'
      from g join space_parts p on p.space_id = g.space_id and p.whole
      returning id, space_id, part_id, starts_at, ends_at
    )
    insert into booking_holds (booking_id, part_id, during)
    select b.id, coalesce(z.id, b.part_id), tstzrange(b.starts_at, b.ends_at, '[)')
    from b left join space_parts z on z.space_id = b.space_id and not z.whole`);
  await t.deps.database.maintain();
  const seeded = performance.now() - t0;
  const space = ids[0]!;
  const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
  const monthApp = await timeLoop(
    async (i) => {
      const r = await t.as(staff, {
        method: 'GET',
        url: `/api/rooms/spaces/${ids[Math.abs(i) % SPACES]}/availability?month=${months[Math.abs(i) % months.length]}`,
      });
      if (r.statusCode !== 200) throw new Error(String(r.statusCode));
    },
    { concurrency: 1, seconds: 10, maxOps: 300, warmup: 10 },
  );
  const parts = (
    await rows<{ id: number }>(t.deps.db, sql`select id from space_parts where space_id = ${space} and not whole`)
  ).map((p) => p.id);
  const rawMs: number[] = [];
  for (let i = 0; i < 300; i++) {
    const a = performance.now();
    await rows(
      t.deps.db,
      sql`select part_id, lower(during), upper(during) from booking_holds
          where part_id = any(${sql.raw(`array[${parts.join(',')}]::int[]`)})
            and during && tstzrange('2026-03-01 00:00+08', '2026-04-01 00:00+08', '[)')`,
    );
    rawMs.push(performance.now() - a);
  }
  const monthRaw = summarise(rawMs);

  // Booking at 50 concurrent clients: distinct slots in December on every space.
  let n = 0;
  const bookDistinct = await timeLoop(
    async () => {
      const k = n++;
      const day = 1 + Math.floor(k / (14 * SPACES));
      if (day > 31) throw new Error('out of slots');
      const hour = 7 + (Math.floor(k / SPACES) % 14);
      const s = `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
      const e = `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:45:00+08:00`;
      const sp = ids[k % SPACES]!;
      const whole = (await partsOf(sp)).whole;
      const r = await t.as(staff, {
        method: 'POST',
        url: `/api/rooms/spaces/${sp}/bookings`,
        headers: { 'idempotency-key': randomUUID() },
        payload: { partId: whole, title: '并发', attendees: 5, startsAt: s, endsAt: e },
      });
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
    },
    { concurrency: 50, seconds: 15, maxOps: 4000 },
  );
  // Contended: 50 clients aim at 20 slots (whole and zone A alternately) of one space; exactly 20... or fewer win.
  let m = 0;
  let won = 0;
  let refused = 0;
  const contended = await timeLoop(
    async () => {
      const k = m++;
      const hour = 7 + (k % 10);
      const day = 20 + Math.floor((k % 20) / 10);
      const p = await partsOf(ids[0]!);
      const r = await t.as(staff, {
        method: 'POST',
        url: `/api/rooms/spaces/${ids[0]}/bookings`,
        payload: {
          partId: k % 2 ? p.whole : p.zoneA,
          title: '争抢',
          attendees: 5,
          startsAt: `2026-11-${day}T${String(hour).padStart(2, '0')}:00:00+08:00`,
          endsAt: `2026-11-${day}T${String(hour).padStart(2, '0')}:30:00+08:00`,
        },
      });
      if (r.statusCode === 200) won++;
      else if (r.statusCode === 409) refused++;
      else throw new Error(String(r.statusCode));
    },
    { concurrency: 50, seconds: 5, maxOps: 1000 },
  );
  const overlaps = await rows<{ n: number }>(
    t.deps.db,
    sql`select count(*)::int as n from booking_holds a join booking_holds b
        on a.part_id = b.part_id and a.booking_id < b.booking_id and a.during && b.during`,
  );
  const total = await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from bookings`);
  const out = {
    db: t.deps.database.kind,
    bookingsSeeded: N,
    seedSeconds: Math.round(seeded) / 1000,
    totalBookings: total[0]!.n,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    monthAvailabilityApp: round(monthApp),
    monthAvailabilityRawSql: round(monthRaw),
    bookingDistinct50: round(bookDistinct),
    contended50: { ...round(contended), won, refused },
    overlappingHolds: overlaps[0]!.n,
  };
  console.log(JSON.stringify(out, null, 2));
  await t.close();

  async function partsOf(spaceId: number) {
    const cached = partCache.get(spaceId);
    if (cached) return cached;
    const ps = await rows<{ id: number; whole: boolean }>(
      t.deps.db,
      sql`select id, whole from space_parts where space_id = ${spaceId} order by id`,
    );
    const v = { whole: ps.find((p) => p.whole)!.id, zoneA: (ps.find((p) => !p.whole) ?? ps[0]!).id };
    partCache.set(spaceId, v);
    return v;
  }
}
const partCache = new Map<number, { whole: number; zoneA: number }>();
const round = (o: object) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]));

void main();
