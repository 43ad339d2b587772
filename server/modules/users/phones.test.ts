// Issue 11 items 4 and 18: staff, reporter and caller phones are sealed like residents' (ciphertext, blind index, last
// four), shown masked, and found only whole or by the last four digits; older databases' clear phones are sealed at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { auditLog } from '../../platform/audit/tables';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { sealPlaintextPhones } from '../../seed/seal-phones';
import { DEMO_PASSWORD } from '../../seed/demo';

let t: TestApp;
let admin: Session;
const STAFF_PHONE = '13512345678';
const REPORTER_PHONE = '13787654321';
const inGrid0 = { lat: 39.92, lng: 116.305 };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const u = await t.as(admin, {
    method: 'POST',
    url: '/api/users',
    payload: {
      username: 'phoneguy',
      displayName: '电话测试员',
      phone: STAFF_PHONE,
      password: 'first-password',
      bindings: [{ role: 'community_worker', nodeId: t.demo.communities[0]!.id }],
    },
  });
  expect(u.statusCode, u.body).toBe(200);
});
afterAll(() => t?.close());

const dumpOf = async (table: string) =>
  JSON.stringify(await rows(t.deps.db, sql`select * from ${sql.identifier(table)}`));
const searchUsers = async (q: string) => {
  const r = await t.as(admin, { method: 'GET', url: `/api/users?q=${encodeURIComponent(q)}&limit=100` });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { username: string }[]).map((x) => x.username);
};

describe('staff phones', () => {
  it('are stored sealed: no clear phone in the users table; lists show it masked', async () => {
    const dump = await dumpOf('users');
    expect(dump).not.toContain(STAFF_PHONE);
    expect(dump).not.toContain('13900000001');
    const [row] = await rows<Record<string, string | null>>(
      t.deps.db,
      sql`select * from users where username = 'phoneguy'`,
    );
    expect(row!.phone).toBeNull();
    expect(row!.phone_cipher).toMatch(/^v1\./);
    expect(row!.phone_tail).toBe('5678');
    const listed = (await t.as(admin, { method: 'GET', url: '/api/users?q=phoneguy' })).json().items[0];
    expect(listed.phoneMasked).toBe('135****5678');
  });

  it('a search by partial digits finds nobody; the whole number or the last four finds them, and the whole number is audited', async () => {
    for (const partial of ['35123', '1234567', '3512345678', '512345678'])
      expect(await searchUsers(partial), partial).not.toContain('phoneguy');
    expect(await searchUsers('5678')).toContain('phoneguy');
    const audits = () =>
      t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'user.search_by_phone')))
        .orderBy(asc(auditLog.id));
    const before = (await audits()).length;
    expect(await searchUsers(STAFF_PHONE)).toEqual(['phoneguy']);
    const entries = await audits();
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)!.after).toMatchObject({ matched: 1 });
    expect(JSON.stringify(entries)).not.toContain(STAFF_PHONE);
  });

  it('one account per phone, and logging in by phone still works', async () => {
    const dup = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'phoneguy2',
        displayName: 'x',
        phone: STAFF_PHONE,
        password: 'first-password',
        bindings: [{ role: 'community_worker', nodeId: t.demo.communities[0]!.id }],
      },
    });
    expect(dup.statusCode).toBe(400);
    const r = await t.as(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: '13900000004', password: DEMO_PASSWORD },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().username).toBe('grid1');
    expect(r.json().phoneMasked).toBe('139****0004');
  });
});

describe('reporter phones', () => {
  it('a case keeps the reporter phone sealed and shows it masked', async () => {
    const grid1 = await t.login('grid1');
    const r = await t.as(grid1, {
      method: 'POST',
      url: '/api/cases',
      payload: { categoryCode: 'E0101', description: '门口堆物', location: inGrid0, reporterPhone: REPORTER_PHONE },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().reporterPhoneMasked).toBe('137****4321');
    expect(await dumpOf('cases')).not.toContain(REPORTER_PHONE);
  });
});

describe('a database from before sealing', () => {
  it('has its clear phones sealed at start, and they work as before', async () => {
    const OLD_STAFF = '13611112222';
    const OLD_REPORTER = '13633334444';
    await t.deps.db.execute(
      sql`update users set phone = ${OLD_STAFF}, phone_cipher = null, phone_hash = null, phone_tail = null where username = 'grid2'`,
    );
    const [c] = await rows<{ id: number }>(t.deps.db, sql`select id from cases order by id limit 1`);
    await t.deps.db.execute(
      sql`update cases set reporter_phone = ${OLD_REPORTER}, reporter_phone_cipher = null, reporter_phone_hash = null, reporter_phone_tail = null where id = ${c!.id}`,
    );
    const done = await sealPlaintextPhones(t.deps.db, t.deps.crypto, 1);
    expect(done).toMatchObject({ users: 1, cases: 1 });
    expect(await dumpOf('users')).not.toContain(OLD_STAFF);
    expect(await dumpOf('cases')).not.toContain(OLD_REPORTER);
    const login = await t.as(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: OLD_STAFF, password: DEMO_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().username).toBe('grid2');
    const detail = (await t.as(admin, { method: 'GET', url: `/api/cases/${c!.id}` })).json();
    expect(detail.reporterPhoneMasked).toBe('136****4444');
    expect(await sealPlaintextPhones(t.deps.db, t.deps.crypto)).toEqual({ users: 0, cases: 0, hotline_orders: 0 });
  });
});
