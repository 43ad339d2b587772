// Units' records over HTTP against the real database: each partner unit a reader sees with what it did (projects done,
// wishes its people claimed, their volunteer hours) and its members reported in; a unit that never showed up is marked;
// a unit's own staff read their record and no other; residents and other areas read none.
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { seedDemoCobuild } from '../../seed/demo-cobuild';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const clock = new FakeClock(new Date());
const s: Record<string, Session> = {};
const call = async (who: string, method: InjectOptions['method'], url: string, payload?: object) => {
  const r = await t.as(s[who]!, { method, url, payload: payload ?? (method === 'POST' ? {} : undefined) });
  return { status: r.statusCode, body: r.json() };
};
type Unit = { organisationId: number; name: string; noActivity: boolean; projectsDone: number; claims: number };
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedDemoCobuild(t.app);
  for (const u of ['admin', 'community1', 'resident1', 'member1', 'power1', 'dept1']) s[u] = await t.login(u);
  const orgs = await rows<{ id: number; name: string }>(t.deps.db, sql`select id, name from organisations`);
  for (const o of orgs) ids[o.name] = o.id;
  const us = await rows<{ id: number; username: string }>(t.deps.db, sql`select id, username from users`);
  for (const u of us) ids[u.username] = u.id;
}, 60_000);
afterAll(async () => t?.close());

const unitsOf = async (who: string) => (await call(who, 'GET', '/api/cobuild/units')).body.items as Unit[];

describe("units' records", () => {
  it('lists the units with agreements in the community; both still show no activity, unshown units first', async () => {
    const list = await unitsOf('community1');
    const power = list.find((u) => u.name === '清河供电所')!;
    const school = list.find((u) => u.name === '清河第1中学')!;
    expect(power).toMatchObject({ noActivity: true, projectsDone: 0, claims: 0 });
    expect(school).toMatchObject({ noActivity: true, projectsDone: 0 });
    const r = await call('community1', 'GET', `/api/cobuild/units/${power.organisationId}`);
    expect(r.status).toBe(200);
    expect(r.body.unit).toMatchObject({ agreements: 1, communities: ['清河苑社区'], projectsOpen: 2 });
    expect(r.body.agreements[0].commitments).toHaveLength(2);
    expect(r.body.projects.map((p: { status: string }) => p.status).sort()).toEqual(['dispatched', 'taken']);
  });

  it('a project done, a wish claimed and hours served show in the record; the school stays 未开展服务', async () => {
    const power = ids['清河供电所']!;
    const taken = (await call('power1', 'GET', '/api/cobuild/projects?mine=true')).body.items.find(
      (p: { status: string }) => p.status === 'taken',
    );
    expect((await call('power1', 'POST', `/api/cobuild/projects/${taken.id}/done`)).status).toBe(200);
    // A wish claimed and fulfilled by the unit's duty officer, and two hours he served (written as their modules would).
    const community = t.demo.communities[0]!;
    const now = clock.now();
    const [w] = await rows<{ id: number }>(
      t.deps.db,
      sql`insert into wishes (node_id, node_path, resident_name, posted_by_user_id, category, text, value, status,
            claimer_user_id, claimer_name, created_at, updated_at, fulfilled_at)
          values (${community.id}, ${community.path}, '陈晨', ${ids.resident1!}, 'daily', '想要一盏台灯', 50, 'fulfilled',
            ${ids.power1!}, '供电所 何伟', ${now}, ${now}, ${now}) returning id`,
    );
    await t.deps.db.execute(
      sql`insert into wish_events (wish_id, at, actor_id, action, from_status, to_status)
          values (${w!.id}, ${now}, ${ids.power1!}, 'claim', 'open', 'claimed')`,
    );
    const [a] = await rows<{ id: number }>(
      t.deps.db,
      sql`insert into volunteer_activities (node_id, title, activity_type, organiser_user_id)
          values (${community.id}, '清洁家园', 'environment', ${ids.community1!}) returning id`,
    );
    const [sh] = await rows<{ id: number }>(
      t.deps.db,
      sql`insert into volunteer_shifts (activity_id, starts_at, ends_at, capacity)
          values (${a!.id}, ${now}, ${new Date(now.getTime() + 7_200_000)}, 10) returning id`,
    );
    await t.deps.db.execute(
      sql`insert into volunteer_attendance (shift_id, user_id, attended, hours, recorded_by, recorded_at)
          values (${sh!.id}, ${ids.power1!}, true, 2, ${ids.community1!}, ${now})`,
    );
    const r = await call('community1', 'GET', `/api/cobuild/units/${power}`);
    expect(r.body.unit).toMatchObject({
      noActivity: false,
      projectsDone: 1,
      projectsOpen: 1,
      claims: 1,
      wishesFulfilled: 1,
      hours: 2,
    });
    expect(r.body.unit.lastActiveAt).not.toBeNull();
    const list = await unitsOf('community1');
    expect(list[0]!.name).toBe('清河第1中学');
    expect(list.find((u) => u.organisationId === power)!.noActivity).toBe(false);
  });

  it("a unit's members who reported in are on its record", async () => {
    // member1 reported in with a unit by name only; a member who names the unit's organisation is listed under it.
    await t.deps.db.execute(
      sql`update cobuild_members set unit_organisation_id = ${ids['清河第1中学']!} where user_id = ${ids.member1!}`,
    );
    const r = await call('community1', 'GET', `/api/cobuild/units/${ids['清河第1中学']!}`);
    expect(r.body.members.map((m: { userId: number }) => m.userId)).toEqual([ids.member1]);
    expect(r.body.unit.members).toBe(1);
  });

  it("a unit's staff read their own record only; residents and other departments read none", async () => {
    expect((await unitsOf('power1')).map((u) => u.name)).toEqual(['清河供电所']);
    expect((await call('power1', 'GET', `/api/cobuild/units/${ids['清河供电所']!}`)).status).toBe(200);
    expect((await call('power1', 'GET', `/api/cobuild/units/${ids['清河第1中学']!}`)).status).toBe(404);
    expect(await unitsOf('resident1')).toEqual([]);
    expect(await unitsOf('member1')).toEqual([]);
    expect((await call('member1', 'GET', `/api/cobuild/units/${ids['清河第1中学']!}`)).status).toBe(404);
    expect((await call('dept1', 'GET', `/api/cobuild/units/${ids['清河供电所']!}`)).status).toBe(404);
    expect((await call('admin', 'GET', '/api/cobuild/units/999999')).status).toBe(404);
  });
});
