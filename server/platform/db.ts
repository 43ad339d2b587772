// The database: embedded PGlite (default, data in DATA_DIR) or a PostgreSQL server (DATABASE_URL), both through Drizzle.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import pg from 'pg';
import { lowPriority, normalIdle } from './priority';

// No relational schema is attached (nothing uses db.query): the platform knows no module's tables.
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: repos accept both. */
export type Exec = Db | Tx;

export type Database = {
  db: Db;
  kind: 'embedded' | 'server';
  close(): Promise<void>;
  /** true when a trivial query answers. */
  ping(): Promise<boolean>;
  /** Keeps planner statistics fresh where nothing else does (PGlite has no autovacuum); a no-op on a server. */
  maintain(): Promise<void>;
};

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/** Runs raw SQL and returns its rows, hiding the drivers' different result shapes. */
export async function rows<T>(exec: Exec, query: SQL): Promise<T[]> {
  const r = (await exec.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}

/**
 * One write of a batch: an INSERT/UPDATE/DELETE (a Drizzle builder or SQL). `as` names it so that a later write of
 * the same batch can read its RETURNING rows (`insert … select … from <as>`).
 */
export type Write = { sql: SQLWrapper; as?: string };

/**
 * Runs several writes as one statement (a WITH chain ending in `final`, or `select 1`): one round trip, and all or
 * nothing even outside a transaction. Names (`as`) must differ within a batch. The writes share one snapshot: none sees another's rows except through `as`
 * (foreign keys between them are checked at the end of the statement, so a parent and its children may go together).
 */
export async function writeAll<T = unknown>(exec: Exec, writes: Write[], final?: SQL): Promise<T[]> {
  if (writes.length === 0) return final ? rows<T>(exec, final) : [];
  // One write alone is sent as it is; its RETURNING rows (if any) are the answer.
  if (writes.length === 1 && !final) return rows<T>(exec, writes[0]!.sql.getSQL());
  const names = writes.map((w, i) => w.as ?? `w${i}`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`writeAll: two writes of one batch are both named "${twice}"`);
  const parts = writes.map((w, i) => sql`${sql.identifier(names[i]!)} as (${w.sql.getSQL()})`);
  return rowsNamed<T>(exec, sql`with ${sql.join(parts, sql`, `)} ${final ?? sql`select 1`}`);
}

const dialect = new PgDialect();

/**
 * `rows`, as a named statement called after its text: on a server each connection parses and plans it once and then
 * reuses the plan (PGlite ignores the name). For hot statements whose text repeats: the values must be parameters,
 * never spliced into the text, or every call would leave another statement behind on the connection.
 */
export async function rowsNamed<T>(exec: Exec, query: SQL): Promise<T[]> {
  const q = dialect.sqlToQuery(query);
  const name = `n_${createHash('sha1').update(q.sql).digest('base64url').slice(0, 20)}`;
  const r = (await exec._.session.prepareQuery(q, undefined, name, false).execute()) as { rows: T[] };
  return r.rows;
}

/** How long a low-priority query gives way to others before it runs anyway (so heavy reads are never starved). */
const GIVE_WAY_MS = 500;

/**
 * PGlite runs every query on this thread, one at a time, and a query cannot be interrupted. A request issuing a chain
 * of queries (a 36-month breakdown is 36) would take each next turn in a microtask, before the event loop even read
 * the requests that arrived meanwhile; so each query of a heavy read (inside `lowPriority`) first yields to the event
 * loop and then waits, up to GIVE_WAY_MS, while any other request is in flight. A health check or a
 * login then waits for at most the one heavy query already running, not for one per query of its own.
 */
function yieldBeforeEachQuery(client: PGlite) {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  async function scheduled<T>(run: () => Promise<T>): Promise<T> {
    // Everyone else's queries run as before; only a heavy read's queries step aside.
    if (!lowPriority.getStore()) return run();
    await turn();
    await normalIdle(GIVE_WAY_MS);
    return run();
  }
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  client.query = ((...args: Parameters<typeof query>) => scheduled(() => query(...args))) as typeof client.query;
  client.exec = (...args: Parameters<typeof exec>) => scheduled(() => exec(...args));
}

/** Opens the embedded database in `dataDir` (or in memory when dataDir is null) and applies migrations. */
export async function openEmbedded(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Extensions must be named at open; btree_gist lets an exclusion constraint mix `=` on ids with `&&` on ranges (rooms).
  const extensions = { btree_gist };
  const client = dataDir ? new PGlite(path.resolve(dataDir), { extensions }) : new PGlite({ extensions });
  await client.waitReady;
  yieldBeforeEachQuery(client);
  const db = drizzlePglite(client) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: 'embedded',
    close: () => client.close(),
    ping: async () => {
      await client.query('select 1');
      return true;
    },
    maintain: async () => {
      await client.exec('analyze');
    },
  };
}

const STUCK_MS = 2_000;
const PROBE_MS = 2_500;

/**
 * A network partition resets nothing: a query on an open connection waits for an answer that never comes, and no
 * driver timeout may cut it short (a year of metrics legitimately runs for a minute). So when a connection has
 * been busy for a while, a fresh connection probes the server; if even `select 1` cannot get through, every pooled
 * connection is destroyed, their queries fail as "Connection terminated" (503), and later requests open new
 * connections, which fail after the connect timeout until the server is back. Returns the stop function.
 */
function watchPartitions(pool: pg.Pool, url: string): () => void {
  const busySince = new Map<pg.PoolClient, number>();
  const all = new Set<pg.PoolClient>();
  pool.on('connect', (c) => all.add(c));
  pool.on('remove', (c) => {
    all.delete(c);
    busySince.delete(c);
  });
  pool.on('acquire', (c) => busySince.set(c, Date.now()));
  pool.on('release', (_err, c) => busySince.delete(c));
  const destroy = (c: pg.Client | pg.PoolClient) =>
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  let probing = false;
  const timer = setInterval(() => {
    const now = Date.now();
    if (probing || ![...busySince.values()].some((t) => now - t > STUCK_MS)) return;
    probing = true;
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_MS });
    probe.on('error', () => {});
    let timeout: NodeJS.Timeout | undefined;
    const answered = Promise.race([
      probe
        .connect()
        .then(() => probe.query('select 1'))
        .then(
          () => true,
          () => false,
        ),
      new Promise<boolean>((r) => (timeout = setTimeout(() => r(false), PROBE_MS))),
    ]);
    void answered.then((ok) => {
      clearTimeout(timeout);
      destroy(probe);
      if (!ok) for (const c of all) destroy(c);
      probing = false;
    });
  }, 1_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Connects to a PostgreSQL server and applies migrations under an advisory lock, so two processes can start at once. */
export async function openServer(url: string, poolSize = 10): Promise<Database> {
  // JIT compilation costs ~0.9 s on a street's year of metrics and never pays back on our short queries.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 3_000,
    keepAlive: true,
    options: '-c jit=off',
  });
  // A dropped server connection must not crash the process; the pool reconnects on the next query.
  pool.on('error', () => {});
  const stopWatchdog = watchPartitions(pool, url);
  const db = drizzlePg(pool) as unknown as Db;
  const lock = await pool.connect();
  try {
    await lock.query('select pg_advisory_lock(774411)');
    await migratePg(db as never, { migrationsFolder });
  } finally {
    await lock.query('select pg_advisory_unlock(774411)').catch(() => {});
    lock.release();
  }
  return {
    db,
    kind: 'server',
    close: () => {
      stopWatchdog();
      return pool.end();
    },
    ping: async () => {
      await db.execute(sql`select 1`);
      return true;
    },
    maintain: async () => {},
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openServer(opts.databaseUrl) : openEmbedded(opts.dataDir);
}
