// Expensive reads: one account's flood waits behind itself and is refused beyond its queue; others and health go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing';
import { loadConfig } from './config';

let t: TestApp;
let admin: Session;
let street: Session;
/** Requests to the held route wait here until the test lets them go. */
let letGo: () => void = () => {};
let held = new Promise<void>((r) => (letGo = r));
let entered = 0;
/** Requests to the held route past authentication, about to ask the gate for a turn. */
let arrived = 0;

beforeAll(async () => {
  // waitMs long: on a loaded machine the steps between the flood and letGo (a login's argon2 among them) have taken
  // 20 s, and the queued flood must still be waiting, not refused for waiting too long, when it is let go.
  const expensive = {
    ...loadConfig({}).expensive,
    perAccountRunning: 2,
    perAccountWaiting: 8,
    perAccountPerMinute: 1000,
    globalRunning: 3,
    waitMs: 120_000,
  };
  t = await createTestApp({
    config: { expensive },
    extraRoutes: (app) =>
      app.get(
        '/api/test/held',
        { config: { expensive: true }, preValidation: async () => void arrived++ },
        async () => {
          entered++;
          await held;
          return { ok: true };
        },
      ),
  });
  admin = await t.login('admin');
  street = await t.login('street1');
});
afterAll(() => t?.close());

const get = (s: Session, url: string) => t.as(s, { method: 'GET', url, headers: { 'accept-language': 'en' } });
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 3000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('expensive reads', () => {
  it('refuses the 11th concurrent heavy request of one account with 429 and Retry-After, while another account, health and login go on', async () => {
    const flood = Array.from({ length: 10 }, () => get(admin, '/api/test/held'));
    // All ten must be at the gate (2 running, 8 waiting) before the eleventh: on a loaded server database their
    // session lookups can take longer than a fixed wait, and an eleventh sent early would queue instead.
    await until(() => arrived === 10 && entered === 2);
    await new Promise((r) => setTimeout(r, 50));
    const eleventh = await get(admin, '/api/test/held');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.headers['retry-after']).toBe('5');
    expect(eleventh.json().error.details).toEqual([
      { path: 'request', message: 'at most 2 heavy requests of one account run at a time and 8 wait' },
    ]);
    // Only two of the ten run; the rest wait behind them.
    expect(entered).toBe(2);

    const other = get(street, '/api/test/held');
    await until(() => entered === 3);
    expect(entered).toBe(3);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'grid1', password: 'jiayuan-demo' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await get(admin, '/api/territory/nodes')).statusCode).toBe(200);

    letGo();
    expect((await other).statusCode).toBe(200);
    for (const r of await Promise.all(flood)) expect(r.statusCode).toBe(200);
    expect(entered).toBe(11);
    // Every turn was given back: a new request runs at once.
    held = Promise.resolve();
    expect((await get(admin, '/api/test/held')).statusCode).toBe(200);
  }, 90_000);

  it('refuses a breakdown or any figure period beyond 36 months with a 400 naming the rule', async () => {
    for (const url of [
      '/api/metrics/breakdown?by=month&from=2021-01-01&to=2026-01-01',
      '/api/metrics/summary?from=2021-01-01&to=2026-01-01',
      '/api/metrics/ledger.xlsx?from=2022-01-01&to=2025-01-02',
      '/api/hotline/rates?from=2021-01-01&to=2026-01-01',
    ]) {
      const r = await get(admin, url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.details, url).toEqual([
        { path: 'querystring.to', message: 'at most 36 months from from to to' },
      ]);
    }
    const zh = await t.as(admin, {
      method: 'GET',
      url: '/api/metrics/breakdown?by=month&from=2021-01-01&to=2026-01-01',
    });
    expect(zh.json().error.details[0].message).toBe('统计期间最长 36 个月');
    const longest = await get(admin, '/api/metrics/breakdown?by=month&from=2023-01-01&to=2026-01-01');
    expect(longest.statusCode).toBe(200);
    expect(longest.json().rows).toHaveLength(36);
  });
});

describe('expensive reads per minute', () => {
  let u: TestApp;
  afterAll(() => u?.close());

  it('marks the heavy reads, and limits them per account per minute', async () => {
    const expensive = { ...loadConfig({}).expensive, perAccountPerMinute: 3 };
    u = await createTestApp({ config: { expensive } });
    expect([...u.app.expensiveRoutes].sort()).toEqual(
      [
        'GET /api/cobuild/ledger.xlsx',
        'GET /api/hotline/rates',
        'GET /api/hotline/replies.xlsx',
        'GET /api/metrics/breakdown',
        'GET /api/metrics/ledger.xlsx',
        'GET /api/metrics/scores',
        'GET /api/metrics/summary',
        'GET /api/people/diary/ledger.xlsx',
        'GET /api/people/export.xlsx',
        'GET /api/points/ledger.xlsx',
        'GET /api/services/ledger/proxy.xlsx',
        'GET /api/services/ledger/service.xlsx',
        'GET /api/volunteers/ledger.xlsx',
        'GET /api/wishes/ledger.xlsx',
      ]
        .flatMap((r) => [r.replace('GET', 'HEAD'), r])
        .sort(),
    );
    const s = await u.login('admin');
    const other = await u.login('street1');
    const breakdown = (x: Session, lang = 'zh-CN') =>
      u.as(x, { method: 'GET', url: '/api/metrics/breakdown?by=month', headers: { 'accept-language': lang } });
    for (let i = 0; i < 3; i++) expect((await breakdown(s)).statusCode).toBe(200);
    const fourth = await breakdown(s, 'en');
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect(fourth.json().error.details[0].message).toBe('at most 3 heavy requests of one account per minute');
    expect((await breakdown(s)).json().error.details[0].message).toBe('每个账号每分钟最多 3 个耗时请求，请稍后再试');
    // The limit is the account's: another account and light reads go on.
    expect((await breakdown(other)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await u.as(s, { method: 'GET', url: '/api/territory/nodes' })).statusCode).toBe(200);
  });
});
