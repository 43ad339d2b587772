// One bounded reader of uploaded tables: an .xlsx (its first sheet) or a .csv, with a header row matched against the
// columns an import declares, yielding each data row's text, dates and formula cells by field.
import { randomUUID } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvRecords } from './csv';
import { INTERACTIVE_LIMITS, unreadable, type SheetLimits } from './limits';
import { xlsxRows, type Cell } from './xlsx';
import { openWorkbookZip } from './zip';

export type TableFormat = 'xlsx' | 'csv';

/** What an import declares: the header texts it knows (in any order in the file) and those a file must have. */
export type Columns<F extends string> = { headers: readonly F[]; required: readonly F[] };

/** One data row: `row` as a spreadsheet numbers it (the header is 1); text per field, date cells apart, fields whose cell held a formula. */
export type TableRow<F extends string> = {
  row: number;
  text: Partial<Record<F, string>>;
  dates: Partial<Record<F, Date>>;
  formulas: F[];
};
/** The header row lacks required columns, or the file has no rows: the import stops with this message. */
export type HeaderProblem = { headerProblem: string };

export type ReadTableOptions<F extends string> = {
  columns: Columns<F>;
  /** The file's format; `undefined` tells it from the bytes (a zip is a workbook, anything else is read as CSV; only for bytes in memory). */
  format?: TableFormat;
  limits?: SheetLimits;
  /** In CSV a value starting with "=" counts as a formula (refused by the roster import); default false. */
  csvFormulas?: boolean;
};

const isZip = (b: Buffer) => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** A file name in the temp folder that says whose it is, so a leftover is recognisable (and a test can look for it). */
export const TEMP_PREFIX = 'jiayuan-upload-';

// A reader its consumer dropped without `return()` never reaches its finally: such copies go when the process ends.
const leftovers = new Set<string>();
process.once('exit', () => {
  for (const f of leftovers) rmSync(f, { force: true });
});

/** The header texts by column position → declared fields, or the message naming the missing required ones. */
export function matchHeaders<F extends string>(
  columns: Columns<F>,
  texts: readonly (string | undefined)[],
): Map<number, F> | HeaderProblem {
  const found = new Map<number, F>();
  texts.forEach((t, col) => {
    const h = (t ?? '').replace(/^\uFEFF/, '').trim() as F;
    if (columns.headers.includes(h)) found.set(col, h);
  });
  const have = new Set(found.values());
  const missing = columns.required.filter((h) => !have.has(h));
  return missing.length ? { headerProblem: `row 1 lacks the headers: ${missing.join('、')}` } : found;
}

const cellText = (c: Cell | undefined) => (c?.kind === 'text' ? c.text : '');
const hasContent = <F extends string>(r: TableRow<F>) =>
  r.formulas.length > 0 ||
  Object.keys(r.dates).length > 0 ||
  Object.values<string | undefined>(r.text).some((v) => v?.trim());

/** Rows of the file as cells by column; a streamed workbook's temp copy is removed however the reading ends. */
async function* cellRows(
  source: Buffer | Readable,
  format: TableFormat,
  limits: SheetLimits,
  csvFormulas: boolean,
): AsyncGenerator<{ row: number; cells: (Cell | undefined)[] }> {
  if (format === 'csv') {
    for await (const r of csvRecords(source, limits)) {
      yield {
        row: r.row,
        cells: r.fields.map((f): Cell =>
          csvFormulas && f.startsWith('=') ? { kind: 'formula' } : { kind: 'text', text: f },
        ),
      };
    }
    return;
  }
  // A zip is read from its end (the central directory): a streamed upload is first copied to a private temp file.
  let temp: string | null = null;
  try {
    if (!Buffer.isBuffer(source)) {
      temp = path.join(os.tmpdir(), `${TEMP_PREFIX}${randomUUID()}.xlsx`);
      leftovers.add(temp);
      await pipeline(source, createWriteStream(temp, { mode: 0o600 }));
    }
    const zip = await openWorkbookZip(temp ?? (source as Buffer), limits);
    try {
      yield* xlsxRows(zip, limits);
    } finally {
      zip.close();
    }
  } finally {
    if (temp) {
      await rm(temp, { force: true });
      leftovers.delete(temp);
    }
  }
}

/**
 * Reads an uploaded table within `limits` (default INTERACTIVE_LIMITS) and yields its data rows that have any content,
 * or one HeaderProblem (then stops). A file beyond a bound or unreadable throws a 400 AppError whose detail (path
 * "file") names the rule and the limit. Nothing stays behind on disk, however the reading ends (stop iterating early
 * with `return()`, as `for await … break` does, and the temp copy is removed too).
 */
export async function* readTable<F extends string>(
  source: Buffer | Readable,
  opts: ReadTableOptions<F>,
): AsyncGenerator<TableRow<F> | HeaderProblem> {
  const limits = opts.limits ?? INTERACTIVE_LIMITS;
  if (!opts.format && !Buffer.isBuffer(source)) throw unreadable('csv', 'the format of a streamed file must be given');
  const format = opts.format ?? (isZip(source as Buffer) ? 'xlsx' : 'csv');
  let columns: Map<number, F> | null = null;
  for await (const r of cellRows(source, format, limits, opts.csvFormulas ?? false)) {
    if (!columns) {
      // Blank lines before the header row are skipped.
      if (!r.cells.some((c) => c && (c.kind !== 'text' || c.text.trim()))) continue;
      const h = matchHeaders(opts.columns, Array.from(r.cells, cellText));
      if ('headerProblem' in h) {
        yield h;
        return;
      }
      columns = h;
      continue;
    }
    const out: TableRow<F> = { row: r.row, text: {}, dates: {}, formulas: [] };
    for (const [col, field] of columns) {
      const c = r.cells[col];
      if (!c) continue;
      if (c.kind === 'formula') out.formulas.push(field);
      else if (c.kind === 'date') out.dates[field] = c.date;
      else out.text[field] = c.text;
    }
    if (hasContent(out)) yield out;
  }
  if (!columns) yield { headerProblem: format === 'xlsx' ? 'the workbook is empty' : 'the file is empty' };
}
