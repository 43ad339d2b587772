// Test helpers for people: fictional ID numbers with a computed check character, and the app with this module mounted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../app';
import { seedCalendar } from '../../platform/calendar/seed';
import { systemClock, type Clock } from '../../platform/clock';
import { loadConfig } from '../../platform/config';
import { createPlatform } from '../../platform/index';
import { openTestDatabase } from '../../platform/test-db';
import type { Session, TestApp } from '../../platform/testing';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { idCheckChar } from './idcard';
import { peopleModule } from './index';

/** A valid-format ID number in the fictional region 990101 (no real person): birth date and sequence vary with `n`. */
export function fakeId(n: number, opts: { sex?: 'male' | 'female'; birth?: string } = {}): string {
  const birth = (opts.birth ?? `19${50 + (n % 50)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`).replace(/-/g, '');
  const seq = String(Math.floor(n / 10) % 100).padStart(2, '0');
  const sexDigit = opts.sex === 'female' ? (n % 5) * 2 : ((n % 5) * 2 + 1) % 10;
  const first17 = `990101${birth}${seq}${opts.sex ? sexDigit : n % 10}`;
  return first17 + idCheckChar(first17);
}

/** A fictional mobile number in the 199 range, distinct for each `n`. */
export const fakePhone = (n: number) => `199${String(n).padStart(8, '0')}`;

/**
 * The test app with the people module mounted. Until server/app.ts registers the module this adds it itself; afterwards
 * it is the plain createTestApp.
 */
export async function createPeopleTestApp(opts: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const filesDir = mkdtempSync(path.join(tmpdir(), 'jy-files-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', FILES_DIR: filesDir });
  const deps = createPlatform(config, database, { info() {}, error() {} }, opts.clock ?? systemClock);
  const demo = await seedDemo(deps.db);
  await seedCalendar(deps.db);
  await deps.calendar.load();
  const app = await buildApp(deps, { logger: false });
  if (!app.hasRoute({ method: 'GET', url: '/api/people/residents' })) await peopleModule(app, deps);
  await app.ready();
  const as: TestApp['as'] = (s, o) => app.inject({ ...o, headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...(o.headers ?? {}) } });
  return {
    app,
    deps,
    demo,
    as,
    async login(username, password = DEMO_PASSWORD): Promise<Session> {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password } });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      const cookie = r.cookies.find((c) => c.name === 'jy_session');
      return { cookie: `jy_session=${cookie!.value}`, csrf: r.json().csrfToken };
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
