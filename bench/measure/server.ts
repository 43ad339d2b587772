// The real server started in this process on 127.0.0.1, logins through its API, and the forked load generator.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { createPlatform } from '../../server/platform';
import { loadConfig } from '../../server/platform/config';
import type { Database } from '../../server/platform/db';
import type { PlatformDeps } from '../../server/platform/deps';
import type { LoadJob, LoadResult } from './load';

export type Running = { url: string; app: FastifyInstance; deps: PlatformDeps; close(): Promise<void> };
export type Session = { headers: Record<string, string>; userId: number };

/** Builds the app as server/main.ts does (calendar loaded, statistics refreshed, job poller on), without the web bundle, and listens. */
export async function startServer(database: Database): Promise<Running> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jy-bench-files-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', FILES_DIR: dir, DATA_DIR: dir });
  const deps = createPlatform(config, database, { info() {}, error() {} });
  await deps.calendar.load();
  // As server/main.ts does: fresh planner statistics (PGlite has no autovacuum; a no-op on a server).
  await database.maintain();
  const app = await buildApp(deps, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  deps.jobs.start();
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    deps,
    async close() {
      await app.close();
      await deps.jobs.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through POST /api/auth/login; returns the cookie and CSRF header every later request carries. */
export async function login(url: string, username: string, password: string): Promise<Session> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('jy_session='));
  const me = (await r.json()) as { id: number; csrfToken: string };
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return { headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': me.csrfToken }, userId: me.id };
}

/** GETs a path as a session; throws unless 200. */
export async function getJson<T>(url: string, s: Session, p: string): Promise<{ status: number; body: T }> {
  const r = await fetch(url + p, { headers: s.headers });
  return { status: r.status, body: (await r.json()) as T };
}

/** Runs one autocannon job in a child process, killed if it overruns its time by a minute. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./load.ts', import.meta.url));
  const child = fork(script, [JSON.stringify(job)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), (job.seconds + 60) * 1000);
    child.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => {
      clearTimeout(timer);
      if (m.ok && m.result) resolve(m.result);
      else reject(new Error(m.error ?? 'load failed'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`load generator exited with ${code}`));
    });
  });
}
