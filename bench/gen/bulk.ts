// Bulk-load housekeeping on a server: drop and rebuild secondary indexes and foreign keys, fix sequences, create the database.
import pg from 'pg';
import { BULK_TABLES, SERIAL_TABLES, T } from './tables';

type Saved = { indexes: { name: string; def: string }[]; fks: { table: string; name: string; def: string }[] };

const loaded = Object.values(T).map((t) => t.name);

/** Drops what slows COPY down and returns the definitions to put back. */
export async function detach(client: pg.Client): Promise<Saved> {
  const ix = await client.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  const fk = await client.query<{ table: string; name: string; def: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def
     from pg_constraint c where c.contype = 'f' and c.conrelid::regclass::text = any($1)`,
    [loaded],
  );
  for (const f of fk.rows) await client.query(`alter table ${f.table} drop constraint ${f.name}`);
  for (const i of ix.rows) await client.query(`drop index ${i.name}`);
  return { indexes: ix.rows, fks: fk.rows };
}

/** Rebuilds the indexes and re-adds the foreign keys (which checks every loaded row against its parent). */
export async function reattach(url: string, saved: Saved, log: (m: string) => void): Promise<void> {
  const queue = [
    ...saved.indexes.map((i) => i.def),
    ...saved.fks.map((f) => `alter table ${f.table} add constraint ${f.name} ${f.def}`),
  ];
  const t0 = Date.now();
  const workers = Array.from({ length: 2 }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`set maintenance_work_mem = '1GB'`);
    try {
      for (let q = queue.shift(); q; q = queue.shift()) {
        const t = Date.now();
        await c.query(q);
        if (Date.now() - t >= 1000)
          log(`  ${q.replace(/\s+/g, ' ').slice(0, 110)} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      }
    } finally {
      await c.end();
    }
  });
  await Promise.all(workers);
  log(
    `rebuilt ${saved.indexes.length} indexes and ${saved.fks.length} foreign keys in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

/** Moves each serial sequence past the highest id the generator wrote. */
export async function fixSequences(query: (sql: string) => Promise<unknown>): Promise<void> {
  for (const t of SERIAL_TABLES)
    await query(
      `select setval(pg_get_serial_sequence('${t}', 'id'), greatest(1, (select coalesce(max(id), 0) from ${t})))`,
    );
}

/** Creates the database named in `url` when it is missing; with `recreate`, drops it first. */
export async function ensureDatabase(url: string, recreate: boolean): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`database name '${name}' must be lower-case letters, digits and _`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    if (recreate) await admin.query(`drop database if exists ${name} with (force)`);
    const r = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}
