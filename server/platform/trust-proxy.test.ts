// Proxy headers are believed only from configured proxies (TRUST_PROXY): by default a client's X-Forwarded-For
// changes neither its rate-limit key nor the address in sessions and the audit log, and a client's X-Request-Id
// is never taken as the request id the log and audit entries carry.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../testing';
import { auditLog } from './audit/tables';
import { loadConfig } from './config';

const login = (t: TestApp, headers: Record<string, string>, password = DEMO_PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'grid1', password }, headers });

async function lastLogin(t: TestApp) {
  const [row] = await t.deps.db
    .select({ after: auditLog.after, requestId: auditLog.requestId })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.login')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row!;
}

async function sessionIps(t: TestApp, cookieHeader: string, csrf: string) {
  const r = await t.as({ cookie: cookieHeader, csrf }, { method: 'GET', url: '/api/auth/sessions' });
  return (r.json().items as { ip: string | null }[]).map((s) => s.ip);
}

describe('with the default configuration (no trusted proxy)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRatePerMinute: 3 } });
  });
  afterAll(() => t?.close());

  it('keeps the per-address login limit when every guess claims another X-Forwarded-For', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await login(t, { 'x-forwarded-for': `198.51.100.${i + 1}` }, 'wrong-password')).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual([429, 429]);
  });

  it('records the socket address and its own request id, not the client-chosen ones', async () => {
    const t2 = await createTestApp();
    try {
      const r = await login(t2, { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'attacker-chosen-id-0001' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['x-request-id']).not.toBe('attacker-chosen-id-0001');
      const entry = await lastLogin(t2);
      expect(entry.requestId).toBe(r.headers['x-request-id']);
      expect(entry.after).toMatchObject({ ip: '127.0.0.1' });
      const cookie = r.cookies.find((c) => c.name === 'jy_session')!;
      expect(await sessionIps(t2, `jy_session=${cookie.value}`, r.json().csrfToken)).toEqual(['127.0.0.1']);
    } finally {
      await t2.close();
    }
  });
});

describe('with TRUST_PROXY=127.0.0.1 (the app behind a proxy on the same host)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { trustProxy: loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy } });
  });
  afterAll(() => t?.close());

  it('takes the client address and a well-formed request id from the proxy', async () => {
    const r = await login(t, { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'proxy-made-id-0001' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-request-id']).toBe('proxy-made-id-0001');
    const entry = await lastLogin(t);
    expect(entry).toMatchObject({ requestId: 'proxy-made-id-0001', after: { ip: '203.0.113.9' } });
    const cookie = r.cookies.find((c) => c.name === 'jy_session')!;
    expect(await sessionIps(t, `jy_session=${cookie.value}`, r.json().csrfToken)).toEqual(['203.0.113.9']);
  });

  it('still refuses a malformed request id, even from the proxy', async () => {
    const r = await login(t, { 'x-request-id': '<script>alert(1)</script>' });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('TRUST_PROXY', () => {
  it('is addresses, CIDRs or proxy-addr names; empty means none; a hop count or a bad address is refused', () => {
    expect(loadConfig({}).trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.org' })).toThrow(/TRUST_PROXY/);
  });
});
