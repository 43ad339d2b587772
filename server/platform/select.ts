// Hot reads compiled once. Building a wide Drizzle select on every request costs more CPU than the database spends
// answering it (docs/benchmarks.md, "Where the CPU goes"): the selection of 60 columns is walked, aliased and
// mapped each time. `compileSelect` renders the selection and its decoders once, at module load; a call renders only
// its tail (where, order, limit), sends the statement by name (parsed and planned once per connection on a server),
// in array mode, and decodes each row with the columns' own driver mappings — the same values Drizzle would give.
import { createHash } from 'node:crypto';
import { Column, is, SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Exec } from './db';

const dialect = new PgDialect();
/** What an SQL expression without `mapWith` decodes with (values as they come). */
const noopDecoder = decoderOf(sql``);

type Decoder = { mapFromDriverValue(v: unknown): unknown };
/** The decoder `mapWith` set on an SQL expression (Drizzle keeps it on a field it does not type as public). */
function decoderOf(q: SQL): Decoder {
  return (q as unknown as { decoder: Decoder }).decoder;
}

type Field = Column | SQL | SQL.Aliased;
type FieldValue<F> = F extends Column
  ? F['_']['data'] | (F['_']['notNull'] extends true ? never : null)
  : F extends SQL<infer T>
    ? T
    : F extends SQL.Aliased<infer T>
      ? T
      : never;
export type Selected<F extends Record<string, Field>> = { [K in keyof F]: FieldValue<F[K]> };

export type CompiledSelect<R> = {
  /** The selection's text, `select … from …` (for tests and EXPLAIN). */
  readonly text: string;
  /** Runs `select <fields> from <from> <tail>`; the tail's values become parameters. */
  run(exec: Exec, tail: SQL): Promise<R[]>;
};

/**
 * Compiles `select <fields> from <from>` once. `fields` maps result keys to table columns or SQL expressions (which
 * must carry no parameters: the selection is rendered once for every call). Results equal Drizzle's own select of
 * the same fields: columns decoded by their `mapFromDriverValue`, SQL expressions by their decoder if they have one
 * (`sql<T>`…`.mapWith(…)`), null kept null.
 */
export function compileSelect<F extends Record<string, Field>>(fields: F, from: SQL): CompiledSelect<Selected<F>> {
  const keys = Object.keys(fields);
  const decoders: (((v: unknown) => unknown) | null)[] = keys.map((k) => {
    const f = fields[k]!;
    if (is(f, Column)) return (v: unknown) => f.mapFromDriverValue(v);
    const decoder = decoderOf(is(f, SQL.Aliased) ? f.sql : (f as SQL));
    // An SQL expression without mapWith has the no-op decoder: skip it.
    return decoder !== noopDecoder ? (v: unknown) => decoder.mapFromDriverValue(v) : null;
  });
  const selection = sql.join(
    keys.map((k) => fields[k]!),
    sql`, `,
  );
  const head = dialect.sqlToQuery(sql`select ${selection} from ${from}`);
  if (head.params.length > 0) throw new Error('compileSelect: the selection must not carry parameters');
  const text = head.sql;
  const n = keys.length;
  const mapRows = (raw: unknown[][]): Selected<F>[] => {
    const out = new Array<Selected<F>>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i]!;
      const o: Record<string, unknown> = {};
      for (let j = 0; j < n; j++) {
        const v = r[j];
        const d = decoders[j];
        o[keys[j]!] = v === null || v === undefined || !d ? (v ?? null) : d(v);
      }
      out[i] = o as Selected<F>;
    }
    return out;
  };
  return {
    text,
    async run(exec, tail) {
      const t = dialect.sqlToQuery(tail);
      const q = { sql: `${text} ${t.sql}`, params: t.params };
      const name = `s_${createHash('sha1').update(q.sql).digest('base64url').slice(0, 20)}`;
      const prepared = exec._.session.prepareQuery(q, undefined, name, true, (rows) => mapRows(rows as unknown[][]));
      return (await prepared.execute()) as Selected<F>[];
    },
  };
}
