// SQL of the bulk roster import: a session's staging tables, filling them (COPY on a server, multi-row INSERT on PGlite),
// and the per-batch statements that drop repeats and out-of-scope people and upsert the rest into residents.
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { rows, type Db, type Exec } from '../../platform/db';
import type { GoodRow } from './import';
import { residents } from './tables';

/** One staged row: the sealed columns of a resident, its row number in the file and its dedupe key. */
export type StageRow = Omit<GoodRow, 'idKind' | 'noIdReason'> & {
  key: string;
  idKind: string;
  noIdReason: string | null;
};
const COLUMNS = [
  'row_no',
  'key',
  'name',
  'name_pinyin',
  'name_initials',
  'id_kind',
  'id_cipher',
  'id_hash',
  'id_tail',
  'no_id_reason',
  'sex',
  'birth_date',
  'phone_cipher',
  'phone_hash',
  'phone_tail',
  'residence_type',
  'household_node_id',
  'node_path',
  'moved_in_on',
  'tags',
] as const;
const values = (r: StageRow) => [
  r.row,
  r.key,
  r.name,
  r.namePinyin,
  r.nameInitials,
  r.idKind,
  r.idCipher,
  r.idHash,
  r.idTail,
  r.noIdReason,
  r.sex,
  r.birthDate,
  r.phoneCipher,
  r.phoneHash,
  r.phoneTail,
  r.residenceType,
  r.householdNodeId,
  r.nodePath,
  r.movedInOn,
  r.tags && arrayLiteral(r.tags),
];

/** A text[] literal; every element quoted, so a tag code can hold any character. */
const arrayLiteral = (a: string[]) => `{${a.map((t) => `"${t.replace(/[\\"]/g, (c) => '\\' + c)}"`).join(',')}}`;
const copyText = (v: string | number | null) =>
  v === null
    ? '\\N'
    : typeof v === 'number'
      ? String(v)
      : v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** Where one import writes: a dedicated connection (server) or the embedded database, each batch in its own transaction. */
export type BulkSession = {
  /** Runs one batch in a transaction: `fill` loads the staging table, then the statements run on `tx`. */
  batch<T>(fn: (tx: Exec, fill: (rows: StageRow[]) => Promise<void>) => Promise<T>): Promise<T>;
  db: Exec;
  stage: SQL;
  seen: SQL;
  close(): Promise<void>;
};

/** Opens the session and its staging tables (temporary, named per import so concurrent imports on PGlite's one connection never meet). */
export async function openBulkSession(db: Db, kind: 'embedded' | 'server'): Promise<BulkSession> {
  const suffix = randomBytes(6).toString('hex');
  const stageName = `bulk_stage_${suffix}`,
    seenName = `bulk_seen_${suffix}`;
  const stage = sql.raw(stageName),
    seen = sql.raw(seenName);
  let client: pg.PoolClient | null = null;
  let exec: Db = db;
  if (kind === 'server') {
    // One connection for the whole import: the temporary tables live in its session, and COPY needs the raw client.
    client = await (db as unknown as { $client: pg.Pool }).$client.connect();
    exec = drizzle(client) as unknown as Db;
  }
  await exec.execute(sql`create temp table ${stage} (
    row_no int primary key, key text not null, name text not null, name_pinyin text not null, name_initials text not null, id_kind text not null,
    id_cipher text, id_hash text, id_tail text, no_id_reason text, sex text not null, birth_date date not null, phone_cipher text, phone_hash text,
    phone_tail text, residence_type text not null, household_node_id int not null, node_path text not null, moved_in_on date, tags text[], target_id int)`);
  // Every dedupe key written so far by this import, with its first row: repeats across batches are found here, not in memory.
  await exec.execute(sql`create temp table ${seen} (key text primary key, row_no int not null)`);
  const fill = async (tx: Exec, batch: StageRow[]) => {
    if (!batch.length) return;
    if (client) {
      const stream = client.query(copyFrom(`copy ${stageName} (${COLUMNS.join(', ')}) from stdin`));
      let text = '';
      for (const r of batch) text += values(r).map(copyText).join('\t') + '\n';
      stream.end(text);
      await once(stream, 'finish');
    } else {
      // ~21 parameters a row: 1,000 rows stay far below the protocol's 65,535.
      for (let i = 0; i < batch.length; i += 1000) {
        const part = batch.slice(i, i + 1000).map(
          (r) =>
            sql`(${sql.join(
              values(r).map((v) => sql`${v}`),
              sql`, `,
            )})`,
        );
        await tx.execute(sql`insert into ${stage} (${sql.raw(COLUMNS.join(', '))}) values ${sql.join(part, sql`, `)}`);
      }
    }
  };
  return {
    db: exec,
    stage,
    seen,
    batch: (fn) =>
      exec.transaction(async (tx) => {
        await tx.execute(sql`truncate ${stage}`);
        return fn(tx, (r) => fill(tx, r));
      }),
    async close() {
      try {
        await exec.execute(sql`drop table if exists ${stage}, ${seen}`);
      } finally {
        client?.release();
      }
    },
  };
}

// Every statement below that looks residents up does so row by row through an index (a correlated subquery), never by
// a join the planner may turn into a scan of the whole table: at a million residents a scan per batch cost more than
// the inserts themselves.
export const bulkRepo = {
  /**
   * Removes the staged rows whose key an earlier batch of this import already wrote, returned with that first row, and
   * remembers the keys of the others (in the database, not in memory). The subquery in RETURNING sees the keys as they
   * were before this statement, so it finds the earlier row.
   */
  async claimKeys(tx: Exec, s: BulkSession) {
    return rows<{ row_no: number; first: number; id_hash: string | null; id_kind: string }>(
      tx,
      sql`with fresh as (
        insert into ${s.seen} (key, row_no) select key, row_no from ${s.stage} on conflict (key) do nothing returning key)
      delete from ${s.stage} st where not exists (select 1 from fresh where fresh.key = st.key)
      returning st.row_no, (select sn.row_no from ${s.seen} sn where sn.key = st.key) as first, st.id_hash, st.id_kind`,
    );
  },

  /**
   * Finds each staged person's existing record: by document blind index, else (no document on file) by household, name
   * and birth date. Returns how many were found.
   */
  async resolve(tx: Exec, s: BulkSession) {
    const r = await rows<{ n: number }>(
      tx,
      sql`with u as (update ${s.stage} st set target_id = coalesce(
        (select r.id from residents r where st.id_hash is not null and r.id_hash = st.id_hash),
        (select r.id from residents r where r.id_hash is null and r.duplicate_of is null and r.household_node_id = st.household_node_id and r.name = st.name and r.birth_date = st.birth_date order by r.id limit 1))
      returning st.target_id) select count(target_id)::int as n from u`,
    );
    return r[0]?.n ?? 0;
  },

  /** Statistics of the staging table, for the statements that join it to residents (only when it holds existing people). */
  analyze: (tx: Exec, s: BulkSession) => tx.execute(sql`analyze ${s.stage}`),

  /**
   * Takes out the staged rows whose existing record lies outside `inScope` (the actor's write scope over residents) and
   * keeps each as a record of its own without the blind index, pointing at the existing one (`duplicate_of`), as the
   * single registration does: the importer is told nothing about records they may not see. A row already kept so (same
   * household, same record repeated) is not kept twice. Returns each such row, and the new record when one was made.
   */
  async holdOutside(tx: Exec, s: BulkSession, inScope: SQL, now: Date) {
    const cols = COLUMNS.filter((c) => c !== 'row_no' && c !== 'key' && c !== 'tags');
    const at = sql`${now.toISOString()}::timestamptz`;
    return rows<{ row_no: number; id: number | null; node_path: string; target_id: number; target_path: string }>(
      tx,
      sql`with o as (
        delete from ${s.stage} st where st.target_id is not null and (select not (${inScope}) from ${residents} where ${residents.id} = st.target_id) returning st.*),
      i as (insert into residents (${sql.raw(cols.join(', '))}, duplicate_of, tags, created_at, updated_at)
        select ${sql.raw(cols.map((c) => (c === 'id_hash' ? 'null' : `o.${c}`)).join(', '))}, o.target_id, coalesce(o.tags, '{}'), ${at}, ${at} from o
        where not exists (select 1 from residents p where p.duplicate_of = o.target_id and p.household_node_id = o.household_node_id)
        order by o.row_no returning id, household_node_id, duplicate_of)
      select o.row_no, i.id, o.node_path, o.target_id, (select e.node_path from residents e where e.id = o.target_id) as target_path
      from o left join i on i.duplicate_of = o.target_id and i.household_node_id = o.household_node_id order by o.row_no`,
    );
  },

  /**
   * Updates the existing records that differ, as the interactive commit does: the document only when one is given and
   * new, the phone only when given, moved-in date and tags only when given; returns how many changed.
   */
  async updateExisting(tx: Exec, s: BulkSession, now: Date) {
    const newId = sql`(st.id_hash is not null and r.id_hash is distinct from st.id_hash)`;
    const newPhone = sql`(st.phone_hash is not null and st.phone_hash is distinct from r.phone_hash)`;
    const idCol = (c: string) => sql`${sql.raw(c)} = case when ${newId} then st.${sql.raw(c)} else r.${sql.raw(c)} end`;
    const phoneCol = (c: string) =>
      sql`${sql.raw(c)} = case when ${newPhone} then st.${sql.raw(c)} else r.${sql.raw(c)} end`;
    const r = await rows<{ n: number }>(
      tx,
      sql`with u as (update residents r set
        ${sql.join(['id_kind', 'id_cipher', 'id_hash', 'id_tail', 'no_id_reason', 'sex', 'birth_date'].map(idCol), sql`, `)},
        ${sql.join(['phone_cipher', 'phone_hash', 'phone_tail'].map(phoneCol), sql`, `)},
        name = st.name, name_pinyin = st.name_pinyin, name_initials = st.name_initials, residence_type = st.residence_type,
        household_node_id = st.household_node_id, node_path = st.node_path, moved_in_on = coalesce(st.moved_in_on, r.moved_in_on),
        tags = coalesce(st.tags, r.tags), updated_at = ${now.toISOString()}::timestamptz
      from ${s.stage} st
      where r.id = st.target_id and (${newId} or ${newPhone} or r.name <> st.name or r.residence_type <> st.residence_type or r.household_node_id <> st.household_node_id
        or (st.moved_in_on is not null and r.moved_in_on is distinct from st.moved_in_on) or (st.tags is not null and not (st.tags @> r.tags and r.tags @> st.tags)))
      returning 1) select count(*)::int as n from u`,
    );
    return r[0]?.n ?? 0;
  },

  /** Inserts the staged people with no record yet; a document another import inserted meanwhile is left to it. Returns how many. */
  async insertNew(tx: Exec, s: BulkSession, now: Date) {
    const cols = COLUMNS.filter((c) => c !== 'row_no' && c !== 'key' && c !== 'tags');
    const r = await rows<{ n: number }>(
      tx,
      sql`with i as (insert into residents (${sql.raw(cols.join(', '))}, tags, created_at, updated_at)
      select ${sql.raw(cols.map((c) => `st.${c}`).join(', '))}, coalesce(st.tags, '{}'), ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz from ${s.stage} st where st.target_id is null order by st.row_no
      on conflict (id_hash) do nothing returning 1) select count(*)::int as n from i`,
    );
    return r[0]?.n ?? 0;
  },
  count: async (tx: Exec, s: BulkSession) =>
    (await rows<{ n: number }>(tx, sql`select count(*)::int as n from ${s.stage}`))[0]?.n ?? 0,
};
