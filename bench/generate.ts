// Synthetic city generator: `npx tsx bench/generate.ts --size|--scale small|city [--database-url URL] [--cases N] [--seed N]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { hashPassword } from '../server/platform/auth/password';
import { createCalendar } from '../server/platform/calendar/calendar';
import { seedCalendar } from '../server/platform/calendar/seed';
import { openEmbedded, openServer, rows, type Database } from '../server/platform/db';
import { seedCategories } from '../server/modules/cases/categories';
import type { StageLimit } from '../server/modules/cases/tables';
import { detach, ensureDatabase, fixSequences, reattach } from './gen/bulk';
import { generateCases, type CaseCounts } from './gen/cases';
import { generatePeople } from './gen/people';
import { recomputeStageTimes } from '../server/modules/cases/stage-time';
import { workClock } from './gen/clock';
import type { Category } from './gen/lifecycle';
import { createRng } from '../server/seed/rng';
import { copySink, insertSink } from './gen/sink';
import { buildCity, type Size } from './gen/territory';

/** Every generated account logs in with this password (hashed once with argon2, the hash reused). */
export const BENCH_PASSWORD = 'jiayuan-bench';
/** The generated year: reported from 2025-12-01 to 2026-11-30 (China time); "now" for the case lifecycles is its end. */
export const YEAR = { from: '2025-12-01', to: '2026-12-01' };

export const SIZES: Record<'small' | 'city', Size & { cases: number }> = {
  small: { streets: 2, communities: [2, 2], grids: [3, 3], households: [300, 500], cases: 4_000 },
  city: { streets: 12, communities: [8, 8], grids: [8, 10], households: [300, 500], cases: 2_000_000 },
};

export type GenerateOptions = {
  size: 'small' | 'city';
  databaseUrl?: string;
  dataDir?: string;
  cases?: number;
  seed?: number;
  recreate?: boolean;
  log?: (m: string) => void;
};
export type GenerateResult = CaseCounts & {
  households: number;
  nodes: number;
  users: number;
  grids: number;
  seconds: number;
  casesPerSecond: number;
};

const china = (date: string) => new Date(`${date}T00:00:00+08:00`).getTime();

/** Fills an empty, migrated database with the synthetic city; the server path loads with COPY, the embedded one with INSERTs. */
export async function generate(o: GenerateOptions): Promise<GenerateResult> {
  const log = o.log ?? ((m: string) => console.log(m));
  const t0 = Date.now();
  const size = SIZES[o.size];
  if (o.databaseUrl) await ensureDatabase(o.databaseUrl, o.recreate ?? false);
  const database: Database = o.databaseUrl ? await openServer(o.databaseUrl, 2) : await openEmbedded(o.dataDir ?? null);
  try {
    const db = database.db;
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from territory_nodes`);
    if (n > 0)
      throw new Error('the database already holds a territory: generate into an empty database (or pass --recreate)');
    await seedCalendar(db);
    await seedCategories(db);
    const calendar = createCalendar(db);
    await calendar.load();
    const cats = await rows<{ code: string; triage_default: string; limits: Record<string, StageLimit> }>(
      db,
      sql`select code, triage_default, limits from case_categories where parent_code is not null`,
    );
    const categories = new Map<string, Category>(
      cats.map((c) => [c.code, { code: c.code, triage: c.triage_default, limits: c.limits }]),
    );
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const rng = createRng(o.seed ?? 1);

    const client = o.databaseUrl ? new pg.Client({ connectionString: o.databaseUrl }) : null;
    await client?.connect();
    const saved = client ? await detach(client) : null;
    const sink = o.databaseUrl ? copySink(o.databaseUrl) : insertSink((db as unknown as { $client: PGlite }).$client);
    const city = await buildCity(sink, rng, size, passwordHash);
    log(
      `territory: ${city.nodes.toLocaleString('en')} nodes, ${city.grids.length} grids, ${city.households.toLocaleString('en')} households, ${city.users} accounts (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const total = o.cases ?? size.cases;
    const counts = await generateCases(sink, rng, city, categories, workClock(calendar), {
      total,
      from: china(YEAR.from),
      to: china(YEAR.to),
      asOf: china(YEAR.to),
      log,
    });
    await sink.close();
    // The loader writes cases and their timelines directly: derive the stage times the app keeps at each transition.
    await recomputeStageTimes(db);
    const loadedAt = Date.now();
    log(`rows written (${((loadedAt - t0) / 1000).toFixed(1)} s); finishing`);
    const query = (q: string) => db.execute(sql.raw(q));
    if (client && saved && o.databaseUrl) {
      await reattach(o.databaseUrl, saved, log);
      await fixSequences((q) => client.query(q));
      await client.query('vacuum analyze');
      await client.end();
    } else await fixSequences(query);
    const [check] = await rows<{ cases: number; events: number; households: number }>(
      db,
      sql`select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events,
                 (select count(*)::int from territory_nodes where kind = 'household') as households`,
    );
    if (check?.cases !== counts.cases || check.events !== counts.events || check.households !== city.households) {
      throw new Error(
        `check failed: wrote ${counts.cases} cases, ${counts.events} events, ${city.households} households; found ${JSON.stringify(check)}`,
      );
    }
    // The dataset names itself, so a benchmark run on a reused database can say what it measured.
    await query(
      `comment on table cases is 'jiayuan bench dataset: size=${o.size}, seed=${o.seed ?? 1}, cases=${counts.cases}'`,
    );
    await generatePeople(database, o.databaseUrl, { seed: o.seed, log });
    const seconds = (Date.now() - t0) / 1000;
    return {
      ...counts,
      households: city.households,
      nodes: city.nodes,
      users: city.users,
      grids: city.grids.length,
      seconds,
      casesPerSecond: counts.cases / seconds,
    };
  } finally {
    await database.close();
  }
}

async function main() {
  const { values: a } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      // The issue names the flag --scale; both spellings work.
      scale: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      cases: { type: 'string' },
      seed: { type: 'string', default: '1' },
      recreate: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  if (a.scale) a.size = a.scale;
  if (a.size !== 'small' && a.size !== 'city') throw new Error('--size (or --scale) is small or city');
  const dir = a['database-url'] ? undefined : (a['data-dir'] ?? mkdtempSync(path.join(tmpdir(), 'jy-bench-')));
  const r = await generate({
    size: a.size,
    databaseUrl: a['database-url'],
    dataDir: dir,
    cases: a.cases ? Number(a.cases) : undefined,
    seed: Number(a.seed),
    recreate: a.recreate,
  });
  console.log(
    `done in ${r.seconds.toFixed(1)} s: ${r.cases.toLocaleString('en')} cases (${r.open.toLocaleString('en')} open, ${r.overdue.toLocaleString('en')} overdue), ` +
      `${r.events.toLocaleString('en')} events, ${r.participants.toLocaleString('en')} participants, ${Math.round(r.casesPerSecond).toLocaleString('en')} cases/s`,
  );
  if (dir && !a['data-dir'] && !a.keep) rmSync(dir, { recursive: true, force: true });
  else if (dir) console.log(`embedded database: ${dir} (start the app on it with DATA_DIR=${dir} SEED_DEMO=0)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
