// Test harness (a composition root, like app.ts: tests anywhere may import it): a fresh migrated database with the demo district, the app built on it, and logins by demo username.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from './platform/config';
import { openTestDatabase } from './platform/test-db';
import { createPlatform } from './platform/index';
import { FakeClock, systemClock, type Clock } from './platform/clock';
import type { PlatformDeps } from './platform/deps';
import { buildApp } from './app';
import { DEMO_PASSWORD, seedDemo, type DemoIds } from './seed/demo';

export { DEMO_PASSWORD };
import { seedCalendar } from './platform/calendar/seed';

export type Session = { cookie: string; csrf: string };
export type TestApp = {
  app: FastifyInstance;
  deps: PlatformDeps;
  demo: DemoIds;
  /** Logs a demo user in and returns what a browser would hold. */
  login(username: string, password?: string): Promise<Session>;
  /** Sends a request as a session (cookie and CSRF header added). */
  as(s: Session | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

const silent = { info() {}, error() {} };

export async function createTestApp(
  opts: {
    clock?: Clock | FakeClock;
    config?: Partial<Config>;
    extraRoutes?: (app: FastifyInstance) => void;
    /** Where the app's log goes (at info); without it the app logs nothing. */
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const filesDir = mkdtempSync(path.join(tmpdir(), 'jy-files-'));
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', FILES_DIR: filesDir }),
    ...opts.config,
  };
  const deps = createPlatform(config, database, silent, opts.clock ?? systemClock);
  const demo = await seedDemo(deps.db, deps.crypto);
  await seedCalendar(deps.db);
  await deps.calendar.load();
  const app = await buildApp(deps, opts.logStream ? { logStream: opts.logStream } : { logger: false });
  opts.extraRoutes?.(app);
  await app.ready();
  const as: TestApp['as'] = (s, o) =>
    app.inject({ ...o, headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...(o.headers ?? {}) } });
  return {
    app,
    deps,
    demo,
    as,
    async login(username, password = DEMO_PASSWORD) {
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
