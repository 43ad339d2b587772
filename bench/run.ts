// Benchmarks (`npm run bench -- --size small|city [--database-url URL]`): suite per database, written to docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openEmbedded, openServer, type Database } from '../server/platform/db';
import { BENCH_PASSWORD } from './generate';
import { openRaw } from './measure/raw';
import { databaseLine, dataset, section, upsert } from './measure/report';
import { runSuite } from './measure/suite';
import { peopleSection } from './measure/people';

const log = (m: string) => console.log(m);

/** Runs bench/generate.ts in a child process, so the benchmarked process does not carry the generator's memory. */
function generateInChild(args: string[]): Promise<void> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'generate.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generate.ts exited with ${code}`)))),
  );
}

/** Cases already in the server database, or null when the database does not exist or has no schema yet. */
async function casesIn(url: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
  } catch {
    return null;
  }
  try {
    const r = await c.query<{ n: string | null }>(
      `select case when to_regclass('cases') is null then null else (select count(*) from cases) end as n`,
    );
    return r.rows[0]?.n == null ? null : Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

async function main() {
  const { values: a } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      'database-url': { type: 'string' },
      'no-embedded': { type: 'boolean', default: false },
      cases: { type: 'string' },
      seed: { type: 'string', default: '1' },
      seconds: { type: 'string', default: '10' },
      'page-seconds': { type: 'string', default: '5' },
      connections: { type: 'string', default: '1,10,50' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      recreate: { type: 'boolean', default: false },
      /** Names a variant (e.g. after applying a proposed index by hand), so its section sits beside the plain one. */
      label: { type: 'string' },
      /** Runs only some parts: a comma list of inbox, metrics, intake. */
      only: { type: 'string', default: '' },
    },
  });
  const size = a.size === 'city' ? 'city' : 'small';
  const quote = (x: string) => (/^[\w./:=@,-]+$/.test(x) ? x : `'${x.replace(/'/g, `'\\''`)}'`);
  const command = `npm run bench -- ${process.argv.slice(2).map(quote).join(' ')}`.trim();
  const gen = ['--size', size, '--seed', a.seed, ...(a.cases ? ['--cases', a.cases] : [])];
  const plansFile = path.join(tmpdir(), `jiayuan-bench-plans-${Date.now()}.txt`);
  const suite = {
    password: BENCH_PASSWORD,
    loadSeconds: Number(a.seconds),
    inboxSeconds: Number(a['page-seconds']),
    connections: a.connections.split(',').map(Number),
    plansFile,
    only: a.only.split(',').filter(Boolean),
    log,
  };
  const load =
    `autocannon in a child process: intake ${suite.loadSeconds} s per connection count, inbox pages ${suite.inboxSeconds} s on 1 connection; ` +
    `metrics: a sequential fetch loop (street: 1 warm-up, then up to 50 runs in ${2 * suite.inboxSeconds} s; district: up to 3 runs, no warm-up); baselines with the same bounds and concurrency`;

  const bench = async (database: Database, url: string | undefined) => {
    const started = new Date();
    const before = os.loadavg()[0]!;
    const raw = openRaw(database, url);
    try {
      const data = await dataset(raw);
      const db = await databaseLine(raw, database.kind);
      const named = /size=(\w+)/.exec(data.label)?.[1] ?? size;
      const variant = a.label ? `-${a.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : '';
      const key = `${named}-${database.kind}${variant}`;
      const title = `${named} dataset, ${database.kind === 'server' ? 'PostgreSQL server' : 'embedded PGlite'}${a.label ? ` — ${a.label}` : ''}`;
      log(`== ${title}: ${data.cases.toLocaleString('en')} cases`);
      const result = await runSuite(database, {
        ...suite,
        url,
        targets: database.kind === 'server' && data.cases >= 1_000_000,
      });
      upsert(
        a.out,
        key,
        section(key, title, { db, data, command, load, started, loadavg: [before, os.loadavg()[0]!], result }),
      );
      if (!suite.only.length || suite.only.includes('people'))
        upsert(
          a.out,
          `${key}-people`,
          await peopleSection(database, { ...suite, url, seconds: suite.inboxSeconds, key, title, command }),
        );
      log(`wrote ${a.out} (${key})`);
    } finally {
      await raw.close();
    }
  };

  const url = a['database-url'];
  if (url) {
    const have = await casesIn(url);
    if (a.recreate || !have)
      await generateInChild([...gen, '--database-url', url, ...(a.recreate ? ['--recreate'] : [])]);
    else log(`reusing the ${have.toLocaleString('en')} cases already in ${new URL(url).pathname.slice(1)}`);
    const database = await openServer(url, 10);
    try {
      await bench(database, url);
    } finally {
      await database.close();
    }
  }
  // Embedded last: its PGlite database lives in this process and would inflate the server run's RSS figures.
  if (!a['no-embedded'] && size === 'small') {
    const dir = mkdtempSync(path.join(tmpdir(), 'jy-bench-embedded-'));
    try {
      await generateInChild([...gen, '--data-dir', dir]);
      const database = await openEmbedded(dir);
      try {
        await bench(database, undefined);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  log(`query plans of figures that missed a target (if any): ${plansFile}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
