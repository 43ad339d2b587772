// My household over HTTP: a confirmed resident sees their own household only (members masked) and its grid workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const s = {} as Record<string, Session>;
let mine = 0;
let other = 0;

beforeAll(async () => {
  t = await createTestApp({
    extraRoutes: (app) => {
      app.portalOtp.sender = { send: async () => {}, notify: async () => {} };
    },
  });
  for (const u of ['admin', 'resident1', 'grid1']) s[u] = await t.login(u);
  const me = (await t.as(s.resident1!, { method: 'GET', url: '/api/auth/me' })).json();
  mine = me.bindings.find((b: { role: string }) => b.role === 'resident').nodeId;
  other = (
    await rows<{ id: number }>(
      t.deps.db,
      sql`select id from territory_nodes where kind = 'household' and id <> ${mine} order by id limit 1`,
    )
  )[0]!.id;
  const register = async (name: string, householdNodeId: number, phone: string) => {
    const r = await t.as(s.admin!, {
      method: 'POST',
      url: '/api/people/residents',
      payload: {
        name,
        idKind: 'none',
        noIdReason: '测试',
        sex: 'female',
        birthDate: '1980-01-01',
        phone,
        residenceType: 'registered',
        householdNodeId,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
  };
  await register('欧阳小芳', mine, '13711112222');
  await register('李邻居', other, '13733334444');
});
afterAll(() => t?.close());

const household = (who: Session) => t.as(who, { method: 'GET', url: '/api/portal/household/mine' });

describe('my household', () => {
  it('shows a bound resident their own household, members masked, and the grid worker of its grid', async () => {
    const r = await household(s.resident1!);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.household).toMatchObject({ id: mine });
    expect(body.household.address).not.toBe('');
    expect(body.members).toEqual([{ nameMasked: '欧***', sex: 'female', isMe: false }]);
    // Nothing of the neighbouring household, and no phone or ID of a member.
    expect(r.body).not.toContain('李');
    expect(r.body).not.toContain('小芳');
    expect(r.body).not.toContain('13711112222');
    expect(body.gridWorkers).toEqual([{ name: '网格员 赵强', phoneMasked: '139****0004' }]);
  });

  it('gives a resident whose household is not confirmed an empty answer, and staff too', async () => {
    // The new account is bound to no node until a community confirms a link request.
    const fresh = await freshResident();
    for (const who of [fresh, s.grid1!]) {
      const r = await household(who);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ household: null, members: [], gridWorkers: [] });
    }
  });

  it('asks for a session', async () => {
    expect((await household(null as unknown as Session)).statusCode).toBe(401);
  });
});

/** A signed-up resident bound to no node, made directly: the sign-up flow has its own tests in portal.test.ts. */
async function freshResident(): Promise<Session> {
  const codes: string[] = [];
  t.app.portalOtp.sender = { send: async (_p, c) => void codes.push(c), notify: async () => {} };
  const phone = '17700008888';
  const ip = '10.9.9.8';
  await t.as(null, {
    method: 'POST',
    url: '/api/portal/signup/code',
    payload: { phone },
    headers: { 'x-forwarded-for': ip },
  });
  const r = await t.as(null, {
    method: 'POST',
    url: '/api/portal/signup',
    payload: { phone, code: codes[0], password: 'resident-pass-1', displayName: '新居民' },
    headers: { 'x-forwarded-for': ip },
  });
  expect(r.statusCode, r.body).toBe(200);
  return { cookie: `jy_session=${r.cookies.find((c) => c.name === 'jy_session')!.value}`, csrf: r.json().csrfToken };
}
