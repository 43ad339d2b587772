// The raw side of every comparison: a plain driver on the same database, and the app's exact SQL captured through Drizzle's logger.
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from '../../server/schema';
import { loadBindings } from '../../server/platform/auth/sessions';
import { rows, type Database, type Db } from '../../server/platform/db';
import type { Actor } from '../../server/platform/policy';

/** `name` makes it a named statement on a server (parsed and planned once per connection), as the app's hot statements are. */
export type Query = (text: string, params?: unknown[], name?: string) => Promise<{ rows: Record<string, unknown>[] }>;
export type Raw = {
  query: Query;
  /** Runs `fn` in one transaction on one connection. */
  tx<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
export type Captured = { text: string; params: unknown[] };

const pgliteOf = (database: Database) => (database.db as unknown as { $client: PGlite }).$client;

/** A raw driver on the same database: a pg pool as large as the app's (10) on the server, the app's PGlite client embedded. */
export function openRaw(database: Database, url: string | undefined): Raw {
  if (database.kind === 'server') {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return {
      query: (text, params, name) => pool.query({ text, values: params, ...(name ? { name } : {}) }),
      async tx(fn) {
        const c = await pool.connect();
        try {
          await c.query('begin');
          const r = await fn((text, params) => c.query(text, params));
          await c.query('commit');
          return r;
        } catch (err) {
          await c.query('rollback').catch(() => {});
          throw err;
        } finally {
          c.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const client = pgliteOf(database);
  const query: Query = async (text, params) => ({
    rows: (await client.query<Record<string, unknown>>(text, params)).rows,
  });
  return {
    query,
    tx: (fn) =>
      client.transaction((t) =>
        fn(async (text, params) => ({ rows: (await t.query<Record<string, unknown>>(text, params)).rows })),
      ),
    close: async () => {},
  };
}

/** Runs `work` against a Drizzle instance that records every statement, and returns the statements in order. */
export async function captureSql(
  database: Database,
  url: string | undefined,
  work: (db: Db) => Promise<unknown>,
): Promise<Captured[]> {
  const captured: Captured[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => void captured.push({ text, params }) };
  if (database.kind === 'server') {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await work(drizzlePg(pool, { schema, logger }) as unknown as Db);
    } finally {
      await pool.end();
    }
  } else {
    await work(drizzlePglite(pgliteOf(database), { schema, logger }) as unknown as Db);
  }
  return captured;
}

/** The actor the app would build from a session of this user. */
export async function actorOf(db: Db, username: string): Promise<Actor> {
  const [u] = await rows<{ id: number; display_name: string }>(
    db,
    sql`select id, display_name from users where username = ${username}`,
  );
  if (!u) throw new Error(`no user ${username}`);
  return {
    userId: u.id,
    username,
    displayName: u.display_name,
    bindings: await loadBindings(db, u.id),
    sessionId: 'bench',
    csrfToken: 'bench',
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement, as text lines. */
export async function explain(raw: Raw, q: Captured): Promise<string> {
  const r = await raw.query(`explain (analyze, buffers) ${q.text}`, q.params);
  return r.rows.map((x) => String(Object.values(x)[0])).join('\n');
}
