// Fault-test harness: real server processes on a fresh PostgreSQL database each, HTTP clients holding a demo
// session, a TCP proxy that can cut the database away, and the small/full setting of every scenario.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const DEMO_PASSWORD = 'jiayuan-demo';
/** FAULTS_SCALE=small is the CI setting; anything else runs the full one. */
export const SMALL = process.env.FAULTS_SCALE === 'small';
export const pick = <T>(small: T, full: T): T => (SMALL ? small : full);

/** The PostgreSQL server the scenarios create their databases on (never stopped by the harness). */
export const ADMIN_URL =
  process.env.FAULTS_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prints one figure line; docs/reliability.md quotes them. */
export function figure(scenario: string, figures: Record<string, unknown>) {
  console.log(`# [${scenario}] ${SMALL ? 'small' : 'full'} ${JSON.stringify(figures)}`);
}

/** A fresh, empty database on the server; `drop` removes it (forcing out leftover connections). */
export async function freshDatabase(): Promise<{ url: string; name: string; sql: pg.Pool; drop(): Promise<void> }> {
  const name = `jy_fault_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const sql = new pg.Pool({ connectionString: u.toString(), max: 2 });
  sql.on('error', () => {});
  return {
    url: u.toString(),
    name,
    sql,
    async drop() {
      await sql.end().catch(() => {});
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type ServerProcess = {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** The last lines the process wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, open transactions are cut off. */
  kill9(): Promise<void>;
  /** SIGTERM: the clean shutdown path of server/main.ts. */
  stop(): Promise<void>;
};

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Starts `node --import tsx server/main.ts` on the database and waits until /api/health answers 200. */
export async function startServer(
  databaseUrl: string,
  opts: { port?: number; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jy-fault-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: '1',
      SEED_DEMO_CASES: '0',
      DATA_DIR: dataDir,
      FILES_DIR: path.join(dataDir, 'files'),
      WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
      // Many clients log in from one address within a minute; the login limiter is not under test here.
      LOGIN_RATE_PER_MINUTE: '10000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode != null) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server exited with ${child.exitCode} while starting:\n${out}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server did not become healthy within 90 s:\n${out}`);
    }
    await sleep(200);
  }
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  return {
    port,
    baseUrl,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
      cleanup();
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      cleanup();
    },
  };
}

export type Reply = { status: number; body: unknown; ms: number };

/** One logged-in user over real HTTP: the session cookie and the CSRF header, as a browser sends them. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(
    public baseUrl: string,
    public username: string,
  ) {}

  async login(password = DEMO_PASSWORD): Promise<this> {
    const r = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: this.username, password }),
      signal: AbortSignal.timeout(15_000),
    });
    if (r.status !== 200) throw new Error(`login ${this.username}: ${r.status} ${await r.text()}`);
    const token = r.headers.getSetCookie().find((c) => c.startsWith('jy_session='));
    this.cookie = token!.split(';')[0]!;
    this.csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  /** Sends a request; a network failure or timeout comes back as status 0 instead of throwing. */
  async request(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 15_000,
  ): Promise<Reply> {
    const t0 = performance.now();
    try {
      const r = await fetch(`${this.baseUrl}${url}`, {
        method,
        headers: {
          cookie: this.cookie,
          'x-csrf-token': this.csrf,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: keep the text */
      }
      return { status: r.status, body: parsed, ms: performance.now() - t0 };
    } catch (err) {
      return { status: 0, body: String((err as Error).cause ?? err), ms: performance.now() - t0 };
    }
  }
}

/**
 * A TCP proxy between a server process and PostgreSQL. `cut()` drops every open connection and refuses new ones
 * (the database host went away); `restore()` lets connections through again. The shared PostgreSQL is never touched.
 */
export async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let down = false;
  /** Connections held open but answered by nothing, as behind a dead switch. */
  const held = new Set<net.Socket>();
  let partitioned = false;
  const hold = (s: net.Socket) => {
    held.add(s);
    s.unpipe();
    s.removeAllListeners('data');
    s.on('data', () => {});
    s.on('error', () => {});
    s.resume();
  };
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    if (partitioned) return hold(client);
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    /** The same database URL, through the proxy. */
    via(url: string) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    /** The database host is gone: open connections are reset, new ones refused. */
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    /** The network is partitioned: nothing is reset, nothing answers; bytes sent either way are dropped. */
    partition() {
      partitioned = true;
      for (const s of sockets) hold(s);
    },
    /** The database is reachable again; connections held through a partition are reset (their TCP state is lost). */
    restore() {
      down = false;
      partitioned = false;
      for (const s of held) s.destroy();
      held.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Waits until `check` returns true, polling; throws with `what` after `ms`. */
export async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(250);
  }
  return Date.now() - t0;
}
