// The bulk roster import benchmark: writes a CSV and an XLSX roster of N fictional residents (streaming writers, temp
// dir) for the households of a bench database, POSTs each to the running app's bulk endpoint, and records the rate,
// the time and the process's peak RSS (sampled), with the server's own progress polled along the way.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../server/platform/db';
import { IMPORT_HEADERS } from '../../server/modules/people/workbook';
import { benchId, benchPhone } from '../gen/people';
import { SURNAMES } from '../../server/seed/fictional';
import { GIVEN } from '../gen/words';
import type { Row } from './common';
import type { Session } from './server';
import { sampleRss } from './stats';

const HEAD = IMPORT_HEADERS.slice(0, 7);
const TYPES = ['户籍', '常住', '流动', '寄住'];

/** The i-th roster row: a generated name, a fictional ID of region 990101 (valid GB 11643 check character), a 100-range phone. */
function rosterRow(i: number, offset: number, codes: string[]): string[] {
  const name =
    SURNAMES[i % SURNAMES.length]! +
    GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]! +
    GIVEN[Math.floor(i / 480) % GIVEN.length]!;
  return [
    name,
    benchId(offset + i).id,
    benchPhone(offset + i),
    TYPES[i % 4]!,
    codes[i % codes.length]!,
    '2020-05-01',
    i % 10 === 0 ? '独居老人' : '',
  ];
}

async function writeCsv(file: string, n: number, offset: number, codes: string[]) {
  const out = createWriteStream(file);
  out.write('\ufeff' + HEAD.join(',') + '\n');
  for (let i = 0; i < n; i++) if (!out.write(rosterRow(i, offset, codes).join(',') + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(file: string, n: number, offset: number, codes: string[]) {
  // Inline strings: a shared-strings table would have to be read before the sheet, and grows with the file.
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = book.addWorksheet('居民');
  sheet.addRow([...HEAD]).commit();
  for (let i = 0; i < n; i++) sheet.addRow(rosterRow(i, offset, codes)).commit();
  sheet.commit();
  await book.commit();
}

type BulkResult = {
  rowsRead: number;
  rowsWritten: number;
  inserted: number;
  updated: number;
  unchanged: number;
  badRows: number;
  issues: { row: number; reason: string }[];
  seconds: number;
  stages: { read: number; check: number; write: number; waitWrite: number };
};
/** The 1-minute load average: figures on this shared machine move with it. */
const load = () => loadavg()[0]!.toFixed(1);

/** Runs the CSV and XLSX bulk imports of `n` rows against the running app; the k-th format's IDs start at `offset + k × n` (new people unless imported before). */
export async function bulkImportBench(
  database: Database,
  url: string,
  session: Session,
  o: { rows: number; offset: number; formats: ('csv' | 'xlsx')[]; log: (m: string) => void },
): Promise<Row[]> {
  const codes = (
    await rows<{ code: string }>(
      database.db,
      sql`select code from territory_nodes where kind = 'household' order by id`,
    )
  ).map((r) => r.code);
  if (!codes.length) throw new Error('no households: run bench/generate.ts first');
  await database.db.execute(
    sql`insert into person_tags (code, name) values ('elderly_alone', '独居老人') on conflict do nothing`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'jy-bench-bulk-'));
  const out: Row[] = [];
  try {
    for (const [k, format] of o.formats.entries()) {
      const file = path.join(dir, `roster.${format}`);
      const g0 = performance.now();
      await (format === 'csv' ? writeCsv : writeXlsx)(file, o.rows, o.offset + k * o.rows, codes);
      const size = statSync(file).size;
      o.log(
        `bulk ${format}: ${o.rows.toLocaleString('en')} rows, ${(size / 1_048_576).toFixed(0)} MiB written in ${((performance.now() - g0) / 1000).toFixed(0)} s`,
      );
      const [{ n: before } = { n: 0 }] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from residents`,
      );
      global.gc?.();
      const base = process.memoryUsage().rss / 1_048_576;
      const rss = sampleRss(100);
      const job = randomUUID();
      const form = new FormData();
      form.append('file', await openAsBlob(file), `roster.${format}`);
      const t0 = performance.now();
      const loadBefore = load();
      const poll = setInterval(() => {
        void fetch(`${url}/api/people/imports/bulk/${job}`, { headers: session.headers })
          .then((r) => r.json() as Promise<{ rowsRead: number; rowsWritten: number }>)
          .then(
            (p) =>
              o.log(
                `  ${((performance.now() - t0) / 1000).toFixed(0)} s: read ${p.rowsRead?.toLocaleString('en')}, written ${p.rowsWritten?.toLocaleString('en')}, RSS ${Math.round(process.memoryUsage().rss / 1_048_576)} MiB`,
              ),
            () => {},
          );
      }, 15_000);
      const r = await fetch(`${url}/api/people/imports/bulk?format=${format}&job=${job}`, {
        method: 'POST',
        headers: session.headers,
        body: form,
      });
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(poll);
      const peak = rss.stop();
      const body = (await r.json()) as BulkResult;
      if (r.status !== 200) throw new Error(`bulk ${format}: ${r.status} ${JSON.stringify(body).slice(0, 500)}`);
      const [{ n: after } = { n: 0 }] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from residents`,
      );
      const perSecond = o.rows / seconds;
      const limit = format === 'csv' ? 120 : 300;
      const loads = `load average ${loadBefore} → ${load()}`;
      o.log(
        `bulk ${format}: ${seconds.toFixed(1)} s, ${Math.round(perSecond)} rows/s, peak RSS ${Math.round(peak)} MiB (before ${Math.round(base)}), ${loads}, ${JSON.stringify({ ...body, issues: body.issues.slice(0, 3) })}`,
      );
      out.push({
        what: `Bulk import ${format.toUpperCase()} ${o.rows.toLocaleString('en')} rows (${(size / 1_048_576).toFixed(0)} MiB): ${body.inserted.toLocaleString('en')} inserted, ${body.updated.toLocaleString('en')} updated, ${body.unchanged.toLocaleString('en')} unchanged, ${body.badRows} bad; residents ${before.toLocaleString('en')} → ${after.toLocaleString('en')}`,
        http: `${seconds.toFixed(1)} s · ${Math.round(perSecond).toLocaleString('en')} rows/s · peak RSS ${Math.round(peak)} MiB (${Math.round(base)} before) · stages read ${body.stages.read} / check ${body.stages.check} / write ${body.stages.write} / wait ${body.stages.waitWrite} s · ${loads}`,
        raw: '–',
        ratio: '–',
        target: `1,000,000 rows < ${limit / 60} min: ${1_000_000 / perSecond < limit ? '**met**' : '**not met**'} (${(1_000_000 / perSecond).toFixed(0)} s per million)`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
