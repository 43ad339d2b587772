// People registry benchmarks: resident search (name, pinyin, initials, ID tail) over HTTP with autocannon against the
// raw-SQL baseline, and the roster import rate (workbook preview + commit through the app's importer) with peak memory.
// CLI: npx tsx bench/measure/people.ts --database-url URL [--seconds 10] [--concurrency 10] [--import-rows 20000]
//      [--bulk-rows 1000000 [--bulk-formats csv,xlsx] [--bulk-offset 5000000] [--bulk-only]]   (bulk import, people-bulk.ts)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createAudit } from '../../server/platform/audit/service';
import { systemClock } from '../../server/platform/clock';
import { createPersonalCrypto } from '../../server/platform/crypto';
import { openServer, rows, type Database } from '../../server/platform/db';
import { createImporter, MAX_IMPORT_ROWS } from '../../server/modules/people/import';
import { createResidentService } from '../../server/modules/people/service';
import { IMPORT_HEADERS } from '../../server/modules/people/workbook';
import { benchId, benchPhone } from '../gen/people';
import { bulkImportBench } from './people-bulk';
import { lat, rate, type Row } from './common';
import { actorOf, captureSql, openRaw } from './raw';
import { login, runLoad, startServer } from './server';
import { sampleRss, timeLoop } from './stats';

export type PeopleBenchOptions = {
  url?: string;
  password: string;
  seconds: number;
  concurrency?: number;
  importRows?: number;
  log: (m: string) => void;
};
const ADMIN = 'admin';

/** Runs the people suite on a database the generators filled; returns the result rows and notes for docs/benchmarks.md. */
export async function peopleBench(
  database: Database,
  o: PeopleBenchOptions,
): Promise<{ rows: Row[]; notes: string[]; residents: number }> {
  const db = database.db;
  const [{ n: residents } = { n: 0 }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from residents`);
  if (residents === 0)
    return { rows: [], notes: ['no residents in the database: run bench/gen/people.ts first'], residents };
  // Search terms taken from the data: a name in the middle of the table, its pinyin and initials, and an ID tail.
  const [probe] = await rows<{ name: string; name_pinyin: string; name_initials: string; id_tail: string }>(
    db,
    sql`select name, name_pinyin, name_initials, id_tail from residents order by id offset ${Math.floor(residents / 2)} limit 1`,
  );
  const crypto = createPersonalCrypto(undefined);
  const actor = await actorOf(db, ADMIN);
  const server = await startServer(database);
  const raw = openRaw(database, o.url);
  const out: Row[] = [];
  const notes: string[] = [];
  const connections = o.concurrency ?? 10;
  try {
    const session = await login(server.url, ADMIN, o.password);
    const queries: [string, string][] = [
      ['name', probe!.name],
      ['pinyin', probe!.name_pinyin],
      ['initials', probe!.name_initials],
      ['ID tail', probe!.id_tail],
    ];
    for (const [what, q] of queries) {
      o.log(`people search by ${what} (${q})`);
      const p = `/api/people/residents?q=${encodeURIComponent(q)}&limit=30`;
      // Warm-up outside the measurement: the first requests load the pinyin dictionary and warm the JIT and caches.
      for (let i = 0; i < 20; i++)
        await fetch(server.url + p, { headers: session.headers }).then((r) => r.arrayBuffer());
      const http = await runLoad({
        url: server.url,
        connections,
        seconds: o.seconds,
        maxRequests: 200_000,
        method: 'GET',
        path: p,
        headers: session.headers,
      });
      const captured = await captureSql(database, o.url, (cdb) =>
        createResidentService({ db: cdb, clock: systemClock, audit: createAudit(systemClock), crypto }).list(
          actor,
          { actorId: null, actorName: 'bench', requestId: null },
          { q, limit: 30, includeMovedOut: false },
        ),
      );
      const list = captured.filter((c) => /from "residents"/.test(c.text)).at(-1)!;
      const base = await timeLoop(() => raw.query(list.text, list.params), {
        concurrency: connections,
        seconds: o.seconds,
        maxOps: 200_000,
        warmup: 3,
      });
      const codes = Object.entries(http.statuses)
        .map(([k, v]) => `${k}×${v}`)
        .join(', ');
      out.push({
        what: `Search \`q=${q}\` (${what}), ${connections} connections, district admin (HTTP ${codes})`,
        http: `${lat(http)} · ${rate(http)}`,
        raw: `${lat(base)} · ${rate(base)}`,
        ratio: (http.p95 / base.p95).toFixed(1),
        target:
          residents >= 1_000_000
            ? `p95 < 50 ms: ${http.p95 < 50 ? '**met**' : '**not met**'}`
            : 'p95 < 50 ms at 1,000,000: n/a here',
      });
    }

    // The roster import through the app's own importer (preview, then commit), at most one workbook's worth of rows.
    const n = Math.min(o.importRows ?? MAX_IMPORT_ROWS, MAX_IMPORT_ROWS);
    const codes = (
      await rows<{ code: string }>(
        db,
        sql`select code from territory_nodes where kind = 'household' order by id limit 500`,
      )
    ).map((r) => r.code);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('居民');
    sheet.addRow([...IMPORT_HEADERS]);
    const offset = 30_000_000 + (Date.now() % 1_000_000);
    for (let i = 0; i < n; i++)
      sheet.addRow([
        `导入${i}`,
        benchId(offset + i).id,
        benchPhone(offset + i),
        '户籍',
        codes[i % codes.length]!,
        '2020-05-01',
        i % 10 === 0 ? '独居老人' : '',
      ]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const importer = createImporter({ db: server.deps.db, clock: systemClock, audit: server.deps.audit, crypto });
    global.gc?.();
    const rss = sampleRss(50);
    const t0 = performance.now();
    const preview = await importer.preview(actor, file, 'bench.xlsx');
    const t1 = performance.now();
    const done = await importer.commit(
      actor,
      { actorId: actor.userId, actorName: actor.displayName, requestId: 'bench' },
      preview.id,
    );
    const t2 = performance.now();
    const peak = rss.stop();
    const perSecond = n / ((t2 - t0) / 1000);
    out.push({
      what: `Roster import, XLSX ${n.toLocaleString('en')} rows (${(file.length / 1_048_576).toFixed(1)} MiB): preview ${((t1 - t0) / 1000).toFixed(1)} s + commit ${((t2 - t1) / 1000).toFixed(1)} s, ${done.inserted.toLocaleString('en')} inserted`,
      http: `${Math.round(perSecond).toLocaleString('en')} rows/s · peak RSS ${Math.round(peak)} MiB`,
      raw: '–',
      ratio: '–',
      target: `1,000,000 rows < 5 min needs ${Math.round(1_000_000 / 300).toLocaleString('en')} rows/s: ${perSecond >= 1_000_000 / 300 ? 'rate met' : 'rate **not met**'} (one workbook holds at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows)`,
    });
    notes.push(
      `Search terms come from the resident in the middle of the table (${residents.toLocaleString('en')} residents); every search returns the first page of 30.`,
    );
  } finally {
    await raw.close();
    await server.close();
  }
  return { rows: out, notes, residents };
}

/** A markdown table of the people rows, for docs/benchmarks.md. */
export function peopleTable(r: { rows: Row[]; notes: string[] }): string {
  const lines = [
    '| What | Jiayuan | Raw SQL baseline | Ratio (p95) | Target |',
    '|---|---|---|---|---|',
    ...r.rows.map((x) => `| ${x.what} | ${x.http} | ${x.raw} | ${x.ratio} | ${x.target} |`),
  ];
  return [...lines, '', ...r.notes].join('\n');
}

/** The people rows as their own docs/benchmarks.md section (`<key>-people`), for bench/run.ts. */
export async function peopleSection(
  database: Database,
  o: PeopleBenchOptions & { key: string; title: string; command: string },
): Promise<string> {
  const started = new Date();
  const r = await peopleBench(database, o);
  return [
    `<!-- bench:${o.key}-people -->`,
    `### ${o.title} — people registry (${r.residents.toLocaleString('en')} residents)`,
    '',
    `- **When:** ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- **Command:** \`${o.command}\` (residents from bench/gen/people.ts)`,
    '',
    peopleTable(r),
    `<!-- /bench:${o.key}-people -->`,
  ].join('\n');
}

async function main() {
  const { values: a } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '10' },
      'import-rows': { type: 'string' },
      password: { type: 'string', default: 'jiayuan-bench' },
      'bulk-rows': { type: 'string' },
      'bulk-formats': { type: 'string', default: 'csv,xlsx' },
      'bulk-offset': { type: 'string', default: '5000000' },
      'bulk-only': { type: 'boolean', default: false },
    },
  });
  if (!a['database-url']) throw new Error('--database-url is required');
  const database = await openServer(a['database-url'], 10);
  try {
    if (a['bulk-rows']) {
      const server = await startServer(database);
      try {
        const session = await login(server.url, ADMIN, a.password);
        const formats = a['bulk-formats'].split(',') as ('csv' | 'xlsx')[];
        const bulk = await bulkImportBench(database, server.url, session, {
          rows: Number(a['bulk-rows']),
          offset: Number(a['bulk-offset']),
          formats,
          log: console.log,
        });
        console.log(peopleTable({ rows: bulk, notes: [] }));
      } finally {
        await server.close();
      }
      if (a['bulk-only']) return;
    }
    const r = await peopleBench(database, {
      url: a['database-url'],
      password: a.password,
      seconds: Number(a.seconds),
      concurrency: Number(a.concurrency),
      importRows: a['import-rows'] ? Number(a['import-rows']) : undefined,
      log: console.log,
    });
    console.log(peopleTable(r));
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
