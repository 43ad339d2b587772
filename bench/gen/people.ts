// Synthetic residents for the bench city: deterministic names, fictional ID numbers (region 990101, no real place), phones
// in the unassigned 100 range, tags and care levels, sealed exactly as the app seals them, loaded by COPY on a server.
// CLI: npx tsx bench/gen/people.ts --database-url URL [--count N] [--seed N]   (into a database bench/generate.ts filled)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createPersonalCrypto, tailOf } from '../../server/platform/crypto';
import { openServer, rows, type Database } from '../../server/platform/db';
import { nameKeys } from '../../server/modules/people/names';
import { createRng } from '../../server/seed/rng';
import { copySink, insertSink, type Cell, type Table } from './sink';
import { fictionalIdNumber, fictionalName, fictionalPhone } from '../../server/seed/fictional';

const TAGS: [code: string, name: string, share: number][] = [
  ['elderly_alone', '独居老人', 0.04],
  ['over_80', '80岁以上', 0.05],
  ['disabled', '残疾人', 0.02],
  ['low_income', '低保户', 0.02],
  ['veteran', '退役军人', 0.015],
  ['party_member', '党员', 0.06],
];
const RESIDENTS: Table = {
  name: 'residents',
  columns: [
    'id',
    'name',
    'name_pinyin',
    'name_initials',
    'id_kind',
    'id_cipher',
    'id_hash',
    'id_tail',
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
    'created_at',
    'updated_at',
  ],
};
const CARE: Table = { name: 'care_levels', columns: ['resident_id', 'level', 'reason', 'node_path', 'set_on'] };
/** Days from 1930-01-01 that birth dates span (to 2024), times 1,000 sequence numbers: up to 34 million distinct IDs. */
const DAYS = 34_000;
const EPOCH = Date.UTC(1930, 0, 1);

/** The i-th fictional ID number: a distinct valid-format number for every i below 34 million. */
export function benchId(i: number): { id: string; birth: string; sex: 'male' | 'female' } {
  // The sequence varies fastest (a bijection of i mod 1000), so tails spread like real ones; the day is shifted per
  // sequence, which keeps (day, sequence) distinct for every i below DAYS × 1000.
  const s = i % 1000;
  const birth = new Date(EPOCH + ((Math.floor(i / 1000) + s * 37) % DAYS) * 86_400_000).toISOString().slice(0, 10);
  const { id, sex } = fictionalIdNumber(birth, (s * 7) % 1000);
  return { id, birth, sex };
}
/** The i-th phone in the 100 range, which no carrier assigns. */
export const benchPhone = fictionalPhone;

export type PeopleCounts = { residents: number; withCare: number; households: number; seconds: number };

/** Residents for every household of a generated city (`count` spread evenly), with tags and care levels; server loads drop and rebuild the residents indexes. */
export async function generatePeople(
  database: Database,
  url: string | undefined,
  o: { count?: number; seed?: number; log?: (m: string) => void } = {},
): Promise<PeopleCounts> {
  const log = o.log ?? ((m: string) => console.log(m));
  const t0 = Date.now();
  const db = database.db;
  const households = await rows<{ id: number; path: string }>(
    db,
    sql`select id, path from territory_nodes where kind = 'household' order by id`,
  );
  if (!households.length) throw new Error('no households: run bench/generate.ts first');
  // About 2.9 people per household, the national average, unless a count is given.
  const count = o.count ?? Math.round(households.length * 2.9);
  const rng = createRng((o.seed ?? 1) * 7919);
  const crypto = createPersonalCrypto(undefined);
  for (const [code, name] of TAGS)
    await db.execute(sql`insert into person_tags (code, name) values (${code}, ${name}) on conflict do nothing`);
  const [{ max } = { max: 0 }] = await rows<{ max: number }>(
    db,
    sql`select coalesce(max(id), 0)::int as max from residents`,
  );

  const client = url ? new pg.Client({ connectionString: url }) : null;
  await client?.connect();
  // Secondary indexes make COPY several times slower; they are rebuilt once at the end.
  const indexes = client
    ? (
        await client.query<{ name: string; def: string }>(
          `select indexname as name, indexdef as def from pg_indexes where tablename = 'residents' and indexname <> 'residents_pkey'`,
        )
      ).rows
    : [];
  for (const i of indexes) await client!.query(`drop index ${i.name}`);
  const sink = url ? copySink(url) : insertSink((db as unknown as { $client: PGlite }).$client);
  const keys = new Map<string, { pinyin: string; initials: string }>();
  const now = new Date().toISOString();
  let batch: Cell[][] = [];
  let care: Cell[][] = [];
  let withCare = 0;
  for (let i = 0; i < count; i++) {
    const id = max + i + 1;
    const h = households[Math.floor((i * households.length) / count)]!;
    const name = fictionalName(rng);
    let k = keys.get(name);
    if (!k) keys.set(name, (k = nameKeys(name)));
    const p = benchId(max + i);
    const phone = rng.chance(0.8) ? benchPhone(max + i) : null;
    const tags = TAGS.filter(([, , share]) => rng.chance(share)).map(([code]) => code);
    batch.push([
      id,
      name,
      k.pinyin,
      k.initials,
      'resident_id',
      crypto.encrypt('id_number', p.id),
      crypto.blindIndex('id_number', p.id),
      tailOf(p.id),
      p.sex,
      p.birth,
      phone && crypto.encrypt('phone', phone),
      phone && crypto.blindIndex('phone', phone),
      phone && tailOf(phone),
      rng.pick(['registered', 'registered', 'permanent', 'floating', 'lodging'] as const),
      h.id,
      h.path,
      null,
      `{${tags.join(',')}}`,
      now,
      now,
    ]);
    if (tags.includes('elderly_alone') || rng.chance(0.02)) {
      withCare++;
      care.push([
        id,
        rng.pick(['red', 'yellow', 'yellow', 'blue', 'blue', 'blue']),
        tags.includes('elderly_alone') ? '独居老人' : '行动不便',
        h.path,
        '2026-11-01',
      ]);
    }
    if (batch.length === 5000) {
      await sink.write(RESIDENTS, batch);
      batch = [];
      if (i % 100_000 < 5000)
        log(`  residents: ${(i + 1).toLocaleString('en')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  await sink.write(RESIDENTS, batch);
  await sink.close();
  // Care rows reference residents, so they go in a second pass once every resident is in.
  const careSink = url ? copySink(url) : insertSink((db as unknown as { $client: PGlite }).$client);
  for (let i = 0; i < care.length; i += 5000) await careSink.write(CARE, care.slice(i, i + 5000));
  await careSink.close();
  care = [];
  const loaded = Date.now();
  for (const i of indexes) await client!.query(i.def);
  await db.execute(
    sql`select setval(pg_get_serial_sequence('residents', 'id'), greatest(1, (select coalesce(max(id), 0) from residents)))`,
  );
  await client?.query('analyze residents');
  await client?.query('analyze care_levels');
  await client?.end();
  log(
    `people: ${count.toLocaleString('en')} residents in ${households.length.toLocaleString('en')} households, ${withCare.toLocaleString('en')} with a care level; rows ${((loaded - t0) / 1000).toFixed(1)} s, indexes ${((Date.now() - loaded) / 1000).toFixed(1)} s`,
  );
  return { residents: count, withCare, households: households.length, seconds: (Date.now() - t0) / 1000 };
}

async function main() {
  const { values: a } = parseArgs({
    options: { 'database-url': { type: 'string' }, count: { type: 'string' }, seed: { type: 'string', default: '1' } },
  });
  if (!a['database-url']) throw new Error('--database-url is required (a database filled by bench/generate.ts)');
  const database = await openServer(a['database-url'], 2);
  try {
    await generatePeople(database, a['database-url'], {
      count: a.count ? Number(a.count) : undefined,
      seed: Number(a.seed),
    });
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
