// Login, lock-out, CSRF, sessions and password change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type TestApp } from '../../testing';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginMaxFailures: 3, loginRatePerMinute: 1000 } });
});
afterAll(() => t?.close());

const login = (login: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });

describe('accounts', () => {
  it('logs in by username or by phone, with an httpOnly cookie', async () => {
    const r = await login('grid1', 'jiayuan-demo');
    expect(r.statusCode).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'jy_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(r.json().permissions).toContain('territory.read');
    const byPhone = await login('13900000004', 'jiayuan-demo');
    expect(byPhone.json().username).toBe('grid1');
  });

  it('refuses a wrong password and an unknown user with the same message, in the request’s language', async () => {
    const wrong = await login('grid2', 'nope');
    const unknown = await login('nobody', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'nobody', password: 'x' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('locks an account after repeated failures, even for the right password, and audits the lock', async () => {
    for (let i = 0; i < 2; i++) expect((await login('volunteer1', 'bad')).statusCode).toBe(401);
    const third = await login('volunteer1', 'bad');
    expect(third.statusCode).toBe(423);
    expect((await login('volunteer1', 'jiayuan-demo')).json().error.code).toBe('account_locked');
    const admin = await t.login('admin');
    const audit = await t.as(admin, { method: 'GET', url: '/api/audit?action=auth.locked' });
    expect(audit.json().items).toHaveLength(1);
  });

  it('counts concurrent wrong guesses atomically: at most the allowed number are tried, then the account is locked', async () => {
    // 20 guesses at once: each must reserve its attempt in the database before the password is checked.
    const codes = (await Promise.all(Array.from({ length: 20 }, () => login('property1', 'bad-guess')))).map(
      (r) => r.statusCode,
    );
    const tried = codes.filter((c) => c === 401).length;
    expect(tried).toBeLessThanOrEqual(2);
    expect(codes.filter((c) => c === 423).length).toBe(20 - tried);
    expect((await login('property1', 'jiayuan-demo')).statusCode).toBe(423);
  });

  it('counts afresh once a lock has run out', async () => {
    const clock = new FakeClock();
    const timed = await createTestApp({
      clock,
      config: { loginMaxFailures: 2, loginRatePerMinute: 1000, loginLockMs: 60_000 },
    });
    try {
      const go = (password: string) =>
        timed.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'grid1', password } });
      expect([(await go('bad')).statusCode, (await go('bad')).statusCode]).toEqual([401, 423]);
      expect((await go('jiayuan-demo')).statusCode).toBe(423);
      clock.advance(61_000);
      // The first guess after the lock is the first of a new count, not the third of the old one.
      expect((await go('bad')).statusCode).toBe(401);
      expect((await go('jiayuan-demo')).statusCode).toBe(200);
      expect([(await go('bad')).statusCode, (await go('bad')).statusCode]).toEqual([401, 423]);
    } finally {
      await timed.close();
    }
  });

  it('requires the CSRF token on state-changing requests and no session on reads gets 401', async () => {
    const s = await t.login('admin');
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: s.cookie },
      payload: { currentPassword: 'x', newPassword: 'y'.repeat(12) },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const anon = await t.app.inject({ method: 'GET', url: '/api/territory/nodes' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('unauthenticated');
  });

  it('refuses every other action until a must-change password is changed, then allows it', async () => {
    const admin = await t.login('admin');
    const made = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'fresh1',
        displayName: '新网格员',
        password: 'first-password',
        bindings: [{ role: 'grid_worker', nodeId: t.demo.grids[0]!.id }],
      },
    });
    expect(made.statusCode).toBe(200);
    const s = await t.login('fresh1', 'first-password');
    const cases = await t.as(s, { method: 'GET', url: '/api/cases' });
    expect(cases.statusCode).toBe(403);
    expect(cases.json().error.code).toBe('password_change_required');
    expect(cases.json().error.message).toBe('请先修改初始密码');
    const write = await t.as(s, {
      method: 'POST',
      url: '/api/territory/nodes',
      payload: { parentId: t.demo.grids[0]!.id, kind: 'building', name: '9号楼' },
    });
    expect(write.json().error.code).toBe('password_change_required');
    // What the change form needs still answers.
    expect((await t.as(s, { method: 'GET', url: '/api/auth/me' })).json().mustChangePassword).toBe(true);
    expect((await t.as(s, { method: 'GET', url: '/api/auth/sessions' })).statusCode).toBe(200);
    const changed = await t.as(s, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'first-password', newPassword: 'my-own-long-password' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.as(s, { method: 'GET', url: '/api/cases' })).statusCode).toBe(200);
  });

  it('lists my sessions, revokes one, and logs out', async () => {
    const a = await t.login('community1');
    const b = await t.login('community1');
    const list = await t.as(a, { method: 'GET', url: '/api/auth/sessions' });
    const items = list.json().items as { id: string; current: boolean }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    const other = items.find((x) => !x.current)!;
    expect((await t.as(a, { method: 'DELETE', url: `/api/auth/sessions/${other.id}` })).statusCode).toBe(200);
    expect((await t.as(b, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await t.as(a, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await t.as(a, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('changes my password, which ends my other sessions', async () => {
    const a = await t.login('street1');
    const b = await t.login('street1');
    const weak = await t.as(a, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'jiayuan-demo', newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('newPassword');
    const wrong = await t.as(a, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'bad', newPassword: 'a-new-long-password' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await t.as(a, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'jiayuan-demo', newPassword: 'a-new-long-password' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.as(a, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await t.as(b, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await login('street1', 'jiayuan-demo')).statusCode).toBe(401);
    expect((await login('street1', 'a-new-long-password')).statusCode).toBe(200);
  });

  it('rate-limits login attempts per address', async () => {
    const strict = await createTestApp({ config: { loginRatePerMinute: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'x', password: 'y' } }))
            .statusCode,
        );
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3)).toEqual([429, 429]);
    } finally {
      await strict.close();
    }
  });
});
