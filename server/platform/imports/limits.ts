// The bounds an uploaded spreadsheet must stay within, and the 400 that names the bound it broke.
import { AppError } from '../errors';

/**
 * What reading one upload may unpack and hold. Sizes are of uncompressed bytes; `maxRatio` compares an entry's
 * unpacked to its packed size and applies only past `ratioFloorBytes` (small parts may compress very well harmlessly).
 * Every bound is checked on what a file declares (the zip's central directory) and again on what it actually yields.
 */
export type SheetLimits = {
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Uncompressed bytes of any one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of the parts read, together. */
  maxTotalBytes: number;
  maxRatio: number;
  ratioFloorBytes: number;
  /** Entries of the shared-string table and their characters together (the only part held whole in memory). */
  maxSharedStrings: number;
  maxSharedChars: number;
  /** Cell formats (styles.xml cellXfs), also held whole. */
  maxStyles: number;
  /** Rows of the sheet (empty ones included) and cells of one row; for CSV, records and fields of one record. */
  maxRows: number;
  maxCellsPerRow: number;
  /** Characters of one text run or tag in the XML, and of one CSV record: a single huge line or value is refused. */
  maxRunChars: number;
  /** Element nesting of the XML parts (SpreadsheetML needs about eight). */
  maxDepth: number;
};

const MiB = 1_048_576;

/** For an interactive import of an ordinary upload (10 MiB, previewed whole): a large roster fits, bombs do not. */
export const INTERACTIVE_LIMITS: SheetLimits = {
  maxEntries: 500,
  maxEntryBytes: 200 * MiB,
  maxTotalBytes: 300 * MiB,
  maxRatio: 200,
  ratioFloorBytes: MiB,
  maxSharedStrings: 1_000_000,
  maxSharedChars: 20_000_000,
  maxStyles: 65_536,
  maxRows: 200_000,
  maxCellsPerRow: 2_000,
  maxRunChars: MiB,
  maxDepth: 64,
};

/** For the bulk import (millions of rows, streamed): more rows and bytes, the same bounds on what is held in memory per row. */
export const BULK_LIMITS: SheetLimits = {
  ...INTERACTIVE_LIMITS,
  maxEntryBytes: 8192 * MiB,
  maxTotalBytes: 8192 * MiB,
  maxSharedStrings: 5_000_000,
  maxSharedChars: 50_000_000,
  maxRows: 10_000_000,
};

/** The rules a file can break; each has a message naming it (English here, Chinese in detail-messages.ts). */
const RULES = {
  entries: 'the workbook has more than {limit} parts',
  entryBytes: 'a part of the workbook unpacks to more than {limit} MB',
  totalBytes: 'the workbook unpacks to more than {limit} MB',
  ratio: 'a part of the workbook unpacks to more than {limit} times its packed size',
  sharedStrings: 'the workbook has more than {limit} shared strings',
  sharedChars: 'the shared strings of the workbook hold more than {limit} characters',
  styles: 'the workbook has more than {limit} cell formats',
  rows: 'the sheet has more than {limit} rows',
  cellsPerRow: 'a row has more than {limit} cells',
  runChars: 'a value or line is longer than {limit} characters',
  depth: 'the workbook nests elements more than {limit} levels deep',
  dtd: 'the workbook declares a DTD or entities, which are not accepted',
} as const;
export type SheetRule = keyof typeof RULES;

const MB_RULES: ReadonlySet<SheetRule> = new Set(['entryBytes', 'totalBytes']);

/** The 400 for a file beyond a bound: its detail names the rule and the limit. */
export function tooComplex(rule: SheetRule, limit?: number): AppError {
  const shown = limit === undefined ? '' : MB_RULES.has(rule) ? String(Math.round(limit / MiB)) : String(limit);
  const err = new AppError('bad_request', [{ path: 'file', message: RULES[rule].replace('{limit}', shown) }]);
  (err as AppError & { rule?: SheetRule }).rule = rule;
  return err;
}

/** The 400 for a file that is not what it claims (not a zip, cut off, broken XML or CSV), with the reader's reason. */
export function unreadable(format: 'xlsx' | 'csv', reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  const why = (reason instanceof Error ? reason.message : String(reason)).replace(/\s+/g, ' ').slice(0, 200);
  return new AppError('bad_request', [
    { path: 'file', message: `cannot read the ${format.toUpperCase()} file: ${why}` },
  ]);
}

/** The rule an error from the reader names, if it is a bound (for tests and logs). */
export const ruleOf = (err: unknown): SheetRule | undefined => (err as { rule?: SheetRule } | null)?.rule;
