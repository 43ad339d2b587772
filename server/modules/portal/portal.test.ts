// The resident portal over HTTP: sign-up with a one-time code and its limits, household links, reports, public list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import type { NodeRow } from '../territory';

let t: TestApp;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const sent: { phone: string; code: string }[] = [];
const notices: { phone: string; notice: string }[] = [];
const s = {} as Record<string, Session>;
let ipSeq = 0;
/** Each test speaks from its own address (the app trusts X-Forwarded-For), so the per-IP limits of one do not leak into another. */
const freshIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

beforeAll(async () => {
  t = await createTestApp({
    clock,
    // The requests play clients at many addresses behind a proxy on this host (TRUST_PROXY=127.0.0.1).
    config: { trustProxy: ['127.0.0.1'] },
    extraRoutes: (app) => {
      app.portalOtp.sender = {
        send: async (phone, code) => void sent.push({ phone, code }),
        notify: async (phone, notice) => void notices.push({ phone, notice }),
      };
    },
  });
  for (const u of ['admin', 'community1', 'grid1', 'dept1']) s[u] = await t.login(u);
});
afterAll(() => t?.close());

const centre = (g: NodeRow) => ({ lat: (g.minLat! + g.maxLat!) / 2, lng: (g.minLng! + g.maxLng!) / 2 });
const askCode = (phone: string, ip: string) =>
  t.as(null, {
    method: 'POST',
    url: '/api/portal/signup/code',
    payload: { phone },
    headers: { 'x-forwarded-for': ip },
  });
const lastCode = (phone: string) => [...sent].reverse().find((x) => x.phone === phone)!.code;
const signupWith = (payload: object, ip: string) =>
  t.as(null, { method: 'POST', url: '/api/portal/signup', payload, headers: { 'x-forwarded-for': ip } });

async function signUp(phone: string, displayName = `居民${phone.slice(-4)}`): Promise<Session> {
  const ip = freshIp();
  expect((await askCode(phone, ip)).statusCode).toBe(200);
  const r = await signupWith({ phone, code: lastCode(phone), password: 'resident-pass-1', displayName }, ip);
  expect(r.statusCode, r.body).toBe(200);
  return { cookie: `jy_session=${r.cookies.find((c) => c.name === 'jy_session')!.value}`, csrf: r.json().csrfToken };
}
const portal = (
  who: Session | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => t.as(who, { method, url: `/api/portal${url}`, ...(payload ? { payload } : {}), headers });
const act = (who: string, id: number, body: object) =>
  t.as(s[who]!, { method: 'POST', url: `/api/cases/${id}/actions`, payload: body });
const version = async (id: number) =>
  (await t.as(s.admin!, { method: 'GET', url: `/api/cases/${id}` })).json().version as number;

describe('sign-up', () => {
  it('creates a resident from a captured code, logs them in, and keeps neither the code nor the phone in the code table', async () => {
    const phone = '17700000001';
    const ip = freshIp();
    const r = await askCode(phone, ip);
    expect(r.json()).toMatchObject({ ok: true, expiresInSec: 300, resendAfterSec: 60 });
    const code = lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await rows<{ phone_index: string; code_hash: string }>(
      t.deps.db,
      sql`select phone_index, code_hash from portal_otps order by id desc limit 1`,
    );
    expect(stored[0]!.phone_index).not.toContain(phone);
    expect(stored[0]!.code_hash).not.toContain(code);

    const up = await signupWith({ phone, code, password: 'resident-pass-1', displayName: '李四' }, ip);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ displayName: '李四', phoneMasked: '177****0001' });
    expect(up.json().bindings).toEqual([expect.objectContaining({ role: 'resident', nodeId: null })]);
    expect(up.json().permissions).toContain('cases.report');
    // The same code cannot make a second account, and the phone now logs in with the password.
    expect((await signupWith({ phone, code, password: 'resident-pass-1' }, ip)).statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: phone, password: 'resident-pass-1' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('answers a registered phone exactly as a new one: the owner gets a notice instead of a code, and the same limits apply', async () => {
    const registered = '13900000004'; // grid1's phone
    const fresh = '17700000021';
    const ip = freshIp();
    const a = await askCode(registered, ip);
    const b = await askCode(fresh, ip);
    expect(a.statusCode).toBe(200);
    expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);
    expect(sent.some((x) => x.phone === registered)).toBe(false);
    expect(notices).toContainEqual({ phone: registered, notice: 'signup_attempt' });
    // The resend cooldown holds for both, and the registered number still cannot be signed up.
    const a2 = await askCode(registered, ip);
    const b2 = await askCode(fresh, ip);
    expect(a2.statusCode).toBe(429);
    expect([a2.statusCode, a2.json().error.code, a2.json().error.details]).toEqual([
      b2.statusCode,
      b2.json().error.code,
      b2.json().error.details,
    ]);
    expect(
      (await signupWith({ phone: registered, code: '123456', password: 'resident-pass-1' }, ip)).json().error.details[0]
        .path,
    ).toBe('code');
  });

  it('refuses a wrong code, an expired code, and the right code after too many wrong guesses', async () => {
    const ip = freshIp();
    await askCode('17700000002', ip);
    const wrong = lastCode('17700000002') === '000000' ? '111111' : '000000';
    const bad = await signupWith({ phone: '17700000002', code: wrong, password: 'resident-pass-1' }, ip);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('code');

    await askCode('17700000003', ip);
    clock.advance(5 * 60_000 + 1);
    expect(
      (await signupWith({ phone: '17700000003', code: lastCode('17700000003'), password: 'resident-pass-1' }, ip))
        .statusCode,
    ).toBe(400);

    await askCode('17700000004', ip);
    const right = lastCode('17700000004');
    const other = right === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++)
      await signupWith({ phone: '17700000004', code: other, password: 'resident-pass-1' }, ip);
    expect((await signupWith({ phone: '17700000004', code: right, password: 'resident-pass-1' }, ip)).statusCode).toBe(
      400,
    );
  });

  it('limits codes: a resend cooldown and an hourly cap per phone, and a cap per IP address', async () => {
    const ip = freshIp();
    expect((await askCode('17700000010', ip)).statusCode).toBe(200);
    const again = await askCode('17700000010', ip);
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('rate_limited');
    for (let i = 0; i < 4; i++) {
      clock.advance(61_000);
      expect((await askCode('17700000010', freshIp())).statusCode).toBe(200);
    }
    clock.advance(61_000);
    expect((await askCode('17700000010', freshIp())).statusCode).toBe(429);

    const busy = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await askCode(`177000011${String(i).padStart(2, '0')}`, busy)).statusCode);
    expect(codes).toEqual([...Array(10).fill(200), 429]);
  });

  it('refuses oversized bodies on the anonymous endpoints before reading them', async () => {
    const r = await t.as(null, {
      method: 'POST',
      url: '/api/portal/signup/code',
      payload: { phone: '17700000099', pad: 'x'.repeat(4000) },
      headers: { 'x-forwarded-for': freshIp() },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload_too_large');
  });

  it('makes no second account for a phone that already has one (and does not say so: the owner is told instead)', async () => {
    await signUp('17700000020');
    const codesBefore = sent.length;
    const r = await askCode('17700000020', freshIp());
    expect(r.statusCode).toBe(200);
    expect(sent.length).toBe(codesBefore);
    expect(notices.at(-1)).toEqual({ phone: '17700000020', notice: 'signup_attempt' });
  });
});

describe('household link', () => {
  it('a fresh resident is bound to no node and reads no territory; once confirmed, only their household', async () => {
    const me = await signUp('17700000031');
    const territory = (url: string) => t.as(me, { method: 'GET', url: `/api/territory${url}` });
    const roots = await territory('/nodes');
    expect([403, 200]).toContain(roots.statusCode);
    if (roots.statusCode === 200) expect(roots.json().items).toEqual([]);
    expect((await territory('/nodes?kind=grid')).json().items ?? []).toEqual([]);
    expect((await territory(`/nodes/${t.demo.district.id}`)).statusCode).toBe(404);
    expect((await territory(`/nodes/${t.demo.grids[0]!.id}`)).statusCode).toBe(404);
    const perms = (await t.as(me, { method: 'GET', url: '/api/auth/me' })).json().permissions;
    // What is theirs only ('self' grants: their own reports), nothing of the territory.
    expect(perms).toEqual(['cases.read', 'cases.report']);
    const importing = await t.as(me, {
      method: 'POST',
      url: '/api/territory/grids/import',
      payload: {
        communityId: t.demo.communities[0]!.id,
        dryRun: true,
        featureCollection: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: 'x' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [116.3, 39.9],
                    [116.31, 39.9],
                    [116.31, 39.91],
                    [116.3, 39.9],
                  ],
                ],
              },
            },
          ],
        },
      },
    });
    expect([403, 404]).toContain(importing.statusCode);

    const household = t.demo.households[0]!;
    const req = await portal(me, 'POST', '/link-requests', { householdId: household.id });
    expect(req.statusCode, req.body).toBe(200);
    expect(
      (await portal(s.community1!, 'POST', `/link-requests/${req.json().id}/decision`, { confirm: true })).json()
        .status,
    ).toBe('confirmed');
    const after = await t.as(me, { method: 'GET', url: '/api/auth/me' });
    expect(after.json().bindings).toEqual([expect.objectContaining({ role: 'resident', nodeId: household.id })]);
    expect((await territory('/nodes')).json().items.map((n: { id: number }) => n.id)).toEqual([household.id]);
    expect((await territory('/nodes?kind=grid')).json().items).toEqual([]);
    expect((await territory(`/nodes/${t.demo.grids[0]!.id}`)).statusCode).toBe(404);
  });

  it('is decided by a worker of the household’s community only; confirming binds the resident to the household', async () => {
    const me = await signUp('17700000030');
    const community = t.demo.communities[0]!;
    const found = await portal(me, 'GET', `/addresses?communityId=${community.id}&q=${encodeURIComponent('101')}`);
    expect(found.statusCode).toBe(200);
    const hit = found.json().items[0];
    expect(Object.keys(hit).sort()).toEqual(['address', 'householdId']);
    const req = await portal(me, 'POST', '/link-requests', { householdId: hit.householdId });
    expect(req.statusCode, req.body).toBe(200);
    expect(req.json()).toMatchObject({ status: 'pending', communityName: community.name });

    const other = await t.as(s.admin!, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'cw2',
        displayName: '另一社区工作者',
        password: 'first-password',
        bindings: [{ role: 'community_worker', nodeId: t.demo.communities[1]!.id }],
      },
    });
    expect(other.statusCode, other.body).toBe(200);
    const cw2 = await t.login('cw2', 'first-password');
    // A new account replaces its initial password before anything else answers.
    expect(
      (
        await t.as(cw2, {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: 'first-password', newPassword: 'cw2-own-password' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await portal(cw2, 'GET', '/link-requests')).json().items).toEqual([]);
    expect((await portal(cw2, 'POST', `/link-requests/${req.json().id}/decision`, { confirm: true })).statusCode).toBe(
      404,
    );
    expect((await portal(me, 'POST', `/link-requests/${req.json().id}/decision`, { confirm: true })).statusCode).toBe(
      404,
    );

    const inbox = (await portal(s.community1!, 'GET', '/link-requests')).json().items;
    expect(inbox.map((x: { id: number }) => x.id)).toContain(req.json().id);
    expect(inbox[0].phoneMasked).toBe('177****0030');
    const ok = await portal(s.community1!, 'POST', `/link-requests/${req.json().id}/decision`, { confirm: true });
    expect(ok.json().status).toBe('confirmed');
    const after = (await t.as(me, { method: 'GET', url: '/api/auth/me' })).json();
    expect(after.bindings).toEqual([expect.objectContaining({ role: 'resident', nodeId: hit.householdId })]);
  });
});

describe('residents signed up before they were bound to no node', () => {
  it('the migration moves their district binding to no node, and one beside a household away', async () => {
    const legacy = await signUp('17700000050');
    const both = await signUp('17700000051');
    const district = t.demo.district.id;
    const idOf = async (phone: string) =>
      (
        await rows<{ id: number }>(
          t.deps.db,
          sql`select id from users where phone_hash = ${t.deps.crypto.blindIndex('phone', phone)}`,
        )
      )[0]!.id;
    const [u1, u2] = [await idOf('17700000050'), await idOf('17700000051')];
    // As sign-up used to leave them: bound to the district (the second also to a confirmed household).
    await t.deps.db.execute(
      sql`update role_bindings set node_id = ${district} where user_id in (${u1}, ${u2}) and role = 'resident'`,
    );
    await t.deps.db.execute(
      sql`insert into role_bindings (user_id, role, node_id) values (${u2}, 'resident', ${t.demo.households[1]!.id})`,
    );
    expect((await t.as(legacy, { method: 'GET', url: '/api/territory/nodes' })).json().items).not.toEqual([]);
    const file = readFileSync(new URL('../../migrations/0020_residents_bound_to_no_node.sql', import.meta.url), 'utf8');
    for (const statement of file.split('--> statement-breakpoint')) await t.deps.db.execute(sql.raw(statement));
    const left = await rows<{ user_id: number; node_id: number | null }>(
      t.deps.db,
      sql`select user_id, node_id from role_bindings where user_id in (${u1}, ${u2}) order by user_id`,
    );
    expect(left).toEqual([
      { user_id: u1, node_id: null },
      { user_id: u2, node_id: t.demo.households[1]!.id },
    ]);
    expect((await t.as(legacy, { method: 'GET', url: '/api/territory/nodes' })).json().items).toEqual([]);
    expect(
      (await t.as(both, { method: 'GET', url: '/api/territory/nodes' })).json().items.map((n: { id: number }) => n.id),
    ).toEqual([t.demo.households[1]!.id]);
  });
});

describe('reports', () => {
  let a: Session;
  let b: Session;
  const far = () => t.demo.grids.find((g) => !g.path.startsWith(t.demo.communities[0]!.path))!;
  beforeAll(async () => {
    a = await signUp('17700000040', '居民甲');
    b = await signUp('17700000041', '居民乙');
  });

  it('lets an unlinked resident report anywhere in the district and read only their own reports', async () => {
    const key = 'portal-key-0001';
    const r = await portal(
      a,
      'POST',
      '/reports',
      { categoryCode: 'E0102', description: '路口垃圾堆放', location: centre(far()), anonymous: true },
      { 'idempotency-key': key },
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'reported', gridName: far().name, anonymous: true, canRate: false });
    expect(
      (
        await portal(
          a,
          'POST',
          '/reports',
          { categoryCode: 'E0102', description: '路口垃圾堆放', location: centre(far()) },
          { 'idempotency-key': key },
        )
      ).json().id,
    ).toBe(r.json().id);
    const staffView = (await t.as(s.admin!, { method: 'GET', url: `/api/cases/${r.json().id}` })).json();
    expect(staffView).toMatchObject({ channel: 'resident', reporterName: null, reporterPhoneMasked: null });

    const mine = (await portal(a, 'GET', '/reports/mine')).json().items;
    expect(mine.map((x: { id: number }) => x.id)).toEqual([r.json().id]);
    expect((await portal(b, 'GET', '/reports/mine')).json().items).toEqual([]);
    expect((await portal(b, 'GET', `/reports/mine/${r.json().id}`)).statusCode).toBe(404);
    expect((await t.as(b, { method: 'GET', url: `/api/cases/${r.json().id}` })).statusCode).toBe(404);
    // Residents may not pass the staff fields of the common intake.
    expect(
      (
        await portal(a, 'POST', '/reports', {
          categoryCode: 'E0102',
          description: 'x',
          location: centre(far()),
          solvedOnSpot: true,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('shows a similar open report to another resident, who says "me too" once', async () => {
    const grid = t.demo.grids[0]!;
    const mine = (
      await portal(a, 'POST', '/reports', { categoryCode: 'A0102', description: '路灯不亮', location: centre(grid) })
    ).json();
    // Only a report on the public list (taken up by the community) is offered and may be supported.
    await act('community1', mine.id, { action: 'register', version: mine.version });
    const near = await portal(
      b,
      'GET',
      `/reports/similar?categoryCode=A0102&lat=${centre(grid).lat + 0.0005}&lng=${centre(grid).lng}`,
    );
    const hit = near.json().items.find((x: { id: number }) => x.id === mine.id);
    expect(hit).toMatchObject({ description: '路灯不亮', coarsening: 'rounded' });
    expect(hit).not.toHaveProperty('reporterName');
    expect((await portal(b, 'POST', `/reports/${mine.id}/support`)).json().supportCount).toBe(1);
    expect((await portal(b, 'POST', `/reports/${mine.id}/support`)).json().supportCount).toBe(1);
    const steps = (await portal(a, 'GET', `/reports/mine/${mine.id}`)).json().steps;
    expect(steps.map((x: { kind: string }) => x.kind)).toEqual(['report', 'register', 'support']);
  });

  it('refuses "me too" on a report that is not on the public list, and shows no more than the public list would', async () => {
    const grid = t.demo.grids[0]!;
    const fresh = (
      await portal(a, 'POST', '/reports', {
        categoryCode: 'A0102',
        description: '未核实的私密描述 13812345678',
        location: centre(grid),
      })
    ).json();
    const near = (
      await portal(b, 'GET', `/reports/similar?categoryCode=A0102&lat=${centre(grid).lat}&lng=${centre(grid).lng}`)
    ).json().items as { id: number }[];
    expect(near.map((x) => x.id)).not.toContain(fresh.id);
    const r = await portal(b, 'POST', `/reports/${fresh.id}/support`);
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('未核实');
    expect((await t.as(s.admin!, { method: 'GET', url: `/api/cases/${fresh.id}` })).json().supportCount).toBe(0);

    const voided = (
      await portal(a, 'POST', '/reports', { categoryCode: 'A0102', description: '作废的报告', location: centre(grid) })
    ).json();
    await act('community1', voided.id, { action: 'void', version: voided.version, reason: '重复' });
    expect((await portal(b, 'POST', `/reports/${voided.id}/support`)).statusCode).toBe(404);

    const family = (
      await portal(a, 'POST', '/reports', {
        categoryCode: 'C0102',
        description: '302室夫妻争吵',
        location: centre(grid),
      })
    ).json();
    await act('community1', family.id, { action: 'register', version: family.version });
    const ok = await portal(b, 'POST', `/reports/${family.id}/support`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ supportCount: 1, description: null, coarsening: 'grid_centre' });
    expect(Object.keys(ok.json()).sort()).toEqual([
      'categoryCode',
      'categoryName',
      'closedAt',
      'coarsening',
      'createdAt',
      'description',
      'gridName',
      'id',
      'location',
      'number',
      'status',
      'supportCount',
    ]);
  });

  it('keeps a supporter informed: the supported report is in "my reports", opens with its public fields, and each step notifies', async () => {
    const grid = t.demo.grids[0]!;
    const c = (
      await portal(a, 'POST', '/reports', {
        categoryCode: 'E0103',
        description: '绿化带堆满建筑垃圾',
        location: { lat: centre(grid).lat + 0.00037, lng: centre(grid).lng },
      })
    ).json();
    await act('community1', c.id, { action: 'register', version: c.version });
    expect((await portal(b, 'POST', `/reports/${c.id}/support`)).statusCode).toBe(200);

    const list = (await portal(b, 'GET', '/reports/mine')).json().items as {
      id: number;
      relation: string;
      address: unknown;
    }[];
    expect(list.find((x) => x.id === c.id)).toMatchObject({ relation: 'supporter', address: null, canRate: false });
    expect(
      (await portal(a, 'GET', '/reports/mine')).json().items.find((x: { id: number }) => x.id === c.id),
    ).toMatchObject({ relation: 'reporter' });

    const org = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` })).json()
      .organisation.id;
    await act('community1', c.id, {
      action: 'dispatch',
      version: await version(c.id),
      triage: 'major',
      organisationId: org,
    });
    await act('dept1', c.id, { action: 'accept', version: await version(c.id) });
    await act('dept1', c.id, {
      action: 'reply',
      version: await version(c.id),
      result: '已清运，联系人张三 13900001111',
    });

    const view = await portal(b, 'GET', `/reports/mine/${c.id}`);
    expect(view.statusCode, view.body).toBe(200);
    const v = view.json();
    expect(v).toMatchObject({
      relation: 'supporter',
      description: '绿化带堆满建筑垃圾',
      status: 'replied',
      address: null,
      photos: [],
      anonymous: true,
      canRate: false,
    });
    expect(v.location).toEqual({
      lat: Math.round((centre(grid).lat + 0.00037) * 1000) / 1000,
      lng: Math.round(centre(grid).lng * 1000) / 1000,
    });
    // Worded for someone following another resident's report: "a resident reported it", "you said me too".
    expect(v.steps.map((x: { kind: string }) => x.kind)).toEqual([
      'report_other',
      'register',
      'support_mine',
      'dispatch',
      'accept',
      'reply',
    ]);
    // The handler's reply speaks to the reporter; a supporter sees the step, not its words.
    expect(v.steps.every((x: { text: string | null }) => x.text === null)).toBe(true);
    expect(view.body).not.toContain('居民甲');
    expect(view.body).not.toContain('13900001111');
    // A supporter cannot rate someone else's report.
    expect(
      (await portal(b, 'POST', `/reports/mine/${c.id}/rate`, { version: v.version, rating: 'satisfied' })).statusCode,
    ).toBe(404);

    const kinds = (
      (await t.as(b, { method: 'GET', url: '/api/notifications?limit=50' })).json().items as {
        kind: string;
        caseId: number;
      }[]
    )
      .filter((n) => n.caseId === c.id)
      .map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['in_progress', 'replied']));
  });

  it('names who verified on the spot: the grid worker, or the community worker who did it', async () => {
    const grid = t.demo.grids[0]!;
    const walk = async (verifier: string) => {
      const c = (
        await portal(a, 'POST', '/reports', { categoryCode: 'E0101', description: '楼道堆物', location: centre(grid) })
      ).json();
      await act('community1', c.id, { action: 'register', version: c.version });
      const org = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` })).json()
        .organisation.id;
      await act('community1', c.id, {
        action: 'dispatch',
        version: await version(c.id),
        triage: 'major',
        organisationId: org,
      });
      await act('dept1', c.id, { action: 'accept', version: await version(c.id) });
      await act('dept1', c.id, { action: 'reply', version: await version(c.id), result: '已清理' });
      expect(
        (await act(verifier, c.id, { action: 'verify', version: await version(c.id), pass: true })).json().status,
      ).toBe('closed');
      const steps = (await portal(a, 'GET', `/reports/mine/${c.id}`)).json().steps as {
        kind: string;
        by?: string | null;
      }[];
      return steps.find((x) => x.kind === 'verify_pass')!.by;
    };
    expect(await walk('community1')).toBe('community_worker');
    expect(await walk('grid1')).toBe('grid_worker');
  });

  it('follows the report to closure in plain steps, hides internal notes, and takes the rating; "not fixed" asks for a review', async () => {
    const grid = t.demo.grids[0]!;
    const c = (
      await portal(a, 'POST', '/reports', {
        categoryCode: 'E0101',
        description: '楼下私搭乱建',
        location: centre(grid),
      })
    ).json();
    await act('community1', c.id, { action: 'register', version: c.version, note: '内部：先核实' });
    await act('community1', c.id, { action: 'comment', version: await version(c.id), note: '内部讨论，不给居民看' });
    const org = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` })).json()
      .organisation.id;
    await act('community1', c.id, {
      action: 'dispatch',
      version: await version(c.id),
      triage: 'major',
      organisationId: org,
    });
    await act('dept1', c.id, { action: 'accept', version: await version(c.id) });
    await act('dept1', c.id, { action: 'reply', version: await version(c.id), result: '已拆除' });
    expect(
      (await act('grid1', c.id, { action: 'verify', version: await version(c.id), pass: true })).json().status,
    ).toBe('closed');

    const view = (await portal(a, 'GET', `/reports/mine/${c.id}`)).json();
    expect(view).toMatchObject({ status: 'closed', canRate: true });
    expect(view.steps.map((x: { kind: string }) => x.kind)).toEqual([
      'report',
      'register',
      'dispatch',
      'accept',
      'reply',
      'verify_pass',
    ]);
    expect(JSON.stringify(view.steps)).not.toContain('内部');
    expect(view.steps.find((x: { kind: string }) => x.kind === 'reply').text).toBe('已拆除');

    const rated = await portal(a, 'POST', `/reports/mine/${c.id}/rate`, {
      version: view.version,
      rating: 'unsatisfied',
      comment: '还没拆干净',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 'unsatisfied', reviewPending: true, canRate: false });
    expect((await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}` })).json().actions).toContain(
      'reopen',
    );
    expect(
      (await portal(b, 'POST', `/reports/mine/${c.id}/rate`, { version: view.version + 1, rating: 'satisfied' }))
        .statusCode,
    ).toBe(404);
  });

  it('publishes taken-up reports of a community without personal data, with coarse points and sensitive matters at the grid centre', async () => {
    const grid = t.demo.grids[0]!;
    const point = { lat: centre(grid).lat + 0.00123, lng: centre(grid).lng + 0.00071 };
    const plain = (
      await portal(a, 'POST', '/reports', {
        categoryCode: 'E0104',
        description: '<script>alert(1)</script>',
        location: point,
      })
    ).json();
    const family = (
      await portal(a, 'POST', '/reports', { categoryCode: 'C0102', description: '302室夫妻争吵', location: point })
    ).json();
    const pub = () => portal(null, 'GET', `/public/reports?communityId=${t.demo.communities[0]!.id}`);
    expect((await pub()).json().items.map((x: { id: number }) => x.id)).not.toContain(plain.id);
    for (const c of [plain, family]) await act('community1', c.id, { action: 'register', version: c.version });

    const page = await pub();
    expect(page.statusCode).toBe(200);
    const items = page.json().items as Record<string, unknown>[];
    const p = items.find((x) => x.id === plain.id)!;
    expect(p.description).toBe('<script>alert(1)</script>');
    expect(page.body).toContain('"description":"<script>alert(1)</script>"');
    expect(p.location).toEqual({ lat: Math.round(point.lat * 1000) / 1000, lng: Math.round(point.lng * 1000) / 1000 });
    const f = items.find((x) => x.id === family.id)!;
    expect(f).toMatchObject({ description: null, coarsening: 'grid_centre' });
    expect(f.location).toEqual({
      lat: Math.round(centre(grid).lat * 1000) / 1000,
      lng: Math.round(centre(grid).lng * 1000) / 1000,
    });
    for (const x of items)
      expect(Object.keys(x)).not.toEqual(
        expect.arrayContaining(['reporterName', 'reporterPhoneMasked', 'photos', 'address']),
      );
    expect(page.body).not.toContain('居民甲');
    expect(page.body).not.toContain('17700000040');

    const first = (
      await portal(null, 'GET', `/public/reports?communityId=${t.demo.communities[0]!.id}&limit=1`)
    ).json();
    expect(first.items).toHaveLength(1);
    const second = (
      await portal(
        null,
        'GET',
        `/public/reports?communityId=${t.demo.communities[0]!.id}&limit=1&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second.items[0].id).toBeLessThan(first.items[0].id);
    expect((await portal(null, 'GET', `/public/reports?communityId=${t.demo.communities[8]!.id}`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    // Without a community, the home district's reports: what the public map opens on for a visitor.
    const district = (await portal(null, 'GET', '/public/reports?limit=50')).json();
    expect(district.items.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([plain.id, family.id]));
    expect((await portal(null, 'GET', `/public/reports?communityId=${grid.id}`)).statusCode).toBe(404);
  });

  it('keeps the resident text literal in "my reports" too', async () => {
    const c = (
      await portal(a, 'POST', '/reports', {
        categoryCode: 'E0104',
        description: '<img src=x onerror=alert(1)>',
        location: centre(t.demo.grids[0]!),
      })
    ).json();
    const r = await portal(a, 'GET', `/reports/mine/${c.id}`);
    expect(r.json().description).toBe('<img src=x onerror=alert(1)>');
  });
});
