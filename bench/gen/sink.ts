// Where generated rows go: COPY FROM STDIN streams on a PostgreSQL server, batched multi-row INSERTs on embedded PGlite.
import { once } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value of a row, already in the shape Postgres reads as text: timestamps as ISO strings, jsonb as JSON text. */
export type Cell = string | number | boolean | null;
export type Table = { name: string; columns: readonly string[] };

export type Sink = {
  write(table: Table, rows: Cell[][]): Promise<void>;
  /** Flushes and ends every table; rows are all in the database afterwards. */
  close(): Promise<void>;
};

/** Rows of later tables reference earlier ones, so an embedded batch of a later table waits for the earlier buffers. */
const LOAD_ORDER = [
  'territory_nodes',
  'party_orgs',
  'organisations',
  'users',
  'role_bindings',
  'responsibility_rules',
  'cases',
  'case_events',
  'case_participants',
];

const SPECIAL = /[\\\t\n\r]/;
function copyText(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return SPECIAL.test(v)
    ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : v;
}

/** One COPY stream per table, each on its own connection, so the server parses several tables on several cores. */
export function copySink(url: string): Sink {
  const open = new Map<
    string,
    Promise<{ client: pg.Client; stream: NodeJS.WritableStream & { destroyed?: boolean } }>
  >();
  const start = (t: Table) => {
    let s = open.get(t.name);
    if (!s) {
      s = (async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query('set synchronous_commit = off');
        const stream = client.query(copyFrom(`copy ${t.name} (${t.columns.join(', ')}) from stdin`));
        return { client, stream };
      })();
      open.set(t.name, s);
    }
    return s;
  };
  return {
    async write(t, rows) {
      if (rows.length === 0) return;
      const { stream } = await start(t);
      let text = '';
      for (const r of rows) text += r.map(copyText).join('\t') + '\n';
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      await Promise.all(
        [...open.values()].map(async (p) => {
          const { client, stream } = await p;
          stream.end();
          await once(stream, 'finish');
          await client.end();
        }),
      );
      open.clear();
    },
  };
}

/** Multi-row INSERTs of at most ~30,000 parameters each; buffers flush in foreign-key order. */
export function insertSink(client: PGlite): Sink {
  const buffers = new Map<string, { t: Table; rows: Cell[][] }>();
  const batchOf = (t: Table) => Math.max(1, Math.floor(30_000 / t.columns.length));

  async function flush(name: string) {
    const b = buffers.get(name);
    if (!b || b.rows.length === 0) return;
    const rows = b.rows;
    b.rows = [];
    const per = batchOf(b.t);
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      // PGlite serialises each value by the parameter's inferred type: booleans as booleans, the rest as given.
      const params: Cell[] = [];
      const tuples = chunk.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
      await client.query(`insert into ${b.t.name} (${b.t.columns.join(', ')}) values ${tuples.join(', ')}`, params);
    }
  }

  async function flushUpTo(name: string) {
    for (const n of LOAD_ORDER) {
      await flush(n);
      if (n === name) return;
    }
    await flush(name);
  }

  return {
    async write(t, rows) {
      let b = buffers.get(t.name);
      if (!b) buffers.set(t.name, (b = { t, rows: [] }));
      for (const r of rows) b.rows.push(r);
      if (b.rows.length >= batchOf(t)) await flushUpTo(t.name);
    },
    async close() {
      for (const n of LOAD_ORDER) await flush(n);
      for (const n of buffers.keys()) await flush(n);
    },
  };
}
