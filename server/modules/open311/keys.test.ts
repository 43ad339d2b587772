// Managing Open311 API keys: district administrators only, the plain key shown once, revocation audited and enforced.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/tables';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { open311ApiKeys } from './tables';

let t: TestApp;
const s = {} as Record<string, Session>;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'street1', 'community1']) s[u] = await t.login(u);
});
afterAll(() => t?.close());

const keys = (who: string, method: 'GET' | 'POST' = 'GET', url = '', payload?: object) =>
  t.as(s[who]!, { method, url: `/api/open311/keys${url}`, payload });

describe('Open311 API keys', () => {
  it('is for district administrators only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/open311/keys' })).statusCode).toBe(401);
    for (const who of ['street1', 'community1']) {
      expect((await keys(who)).statusCode).toBe(403);
      expect((await keys(who, 'POST', '', { name: 'x' })).statusCode).toBe(403);
    }
    expect((await keys('admin')).json()).toEqual({ items: [] });
  });

  it('shows the plain key once and keeps only its hash', async () => {
    const r = await keys('admin', 'POST', '', { name: '市民随手拍' });
    expect(r.statusCode, r.body).toBe(201);
    const { key, plainKey } = r.json();
    expect(plainKey).toMatch(/^o311_[\w-]{32}$/);
    expect(plainKey.startsWith(key.prefix)).toBe(true);
    const list = await keys('admin');
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: key.id, name: '市民随手拍', revokedAt: null, createdByName: '区管理员 李明' }),
    ]);
    expect(list.body).not.toContain(plainKey);
    const [row] = await t.deps.db.select().from(open311ApiKeys).where(eq(open311ApiKeys.id, key.id));
    expect(row!.keyHash).not.toContain(plainKey);
    expect(row!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    const audits = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'open311.key.create'));
    expect(JSON.stringify(audits)).not.toContain(plainKey);
    expect(audits).toHaveLength(1);
    // The service account exists for the intake but cannot sign in.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: `open311-x`, password: '!' },
    });
    expect(login.statusCode).toBe(401);
  });

  it('revokes a key: audited, refused by the API, not revocable twice', async () => {
    const { key, plainKey } = (await keys('admin', 'POST', '', { name: '旧系统' })).json();
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `api_key=${plainKey}&service_code=C0101&lat=39.92&long=116.305`,
      });
    expect((await post()).statusCode).toBe(200);
    expect((await keys('community1', 'POST', `/${key.id}/revoke`)).statusCode).toBe(403);
    expect((await keys('admin', 'POST', `/${key.id}/revoke`)).statusCode).toBe(200);
    expect((await keys('admin', 'POST', `/${key.id}/revoke`)).statusCode).toBe(409);
    expect((await keys('admin', 'POST', '/99999/revoke')).statusCode).toBe(404);
    const refused = await post();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual([{ code: 403, description: 'api_key is not valid' }]);
    const listed = (await keys('admin')).json().items.find((k: { id: number }) => k.id === key.id);
    expect(listed.revokedAt).not.toBeNull();
    expect(listed.lastUsedAt).not.toBeNull();
    expect(await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'open311.key.revoke'))).toHaveLength(1);
  });
});
