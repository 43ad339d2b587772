// Records of an uploaded CSV (csv-parse), bounded in record length, fields per record and records; UTF-8 (with an
// optional BOM), or GB18030 when in-memory bytes are not valid UTF-8 (Excel's "CSV" on Chinese Windows).
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { tooComplex, unreadable, type SheetLimits } from './limits';

/** One record: its number counting the header as 1 (blank lines count, as a spreadsheet shows them) and its fields. */
export type CsvRecord = { row: number; fields: string[] };

function decode(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** Records of a CSV in memory or arriving as a stream (streams are read as UTF-8). Throws a 400 for broken CSV or a broken bound. */
export async function* csvRecords(source: Buffer | Readable, limits: SheetLimits): AsyncGenerator<CsvRecord> {
  // Decoded before parsing: csv-parse would cut a character split across two chunks into replacement characters.
  const text = Buffer.isBuffer(source) ? Readable.from([decode(source)]) : source.setEncoding('utf8');
  const parser = text.pipe(parse({ bom: true, relax_column_count: true, max_record_size: limits.maxRunChars }));
  // A read error of the upload (a limit, a reset) must reach the parser's consumer, not go unhandled.
  text.once('error', (e) => parser.destroy(e));
  let n = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      if (++n > limits.maxRows) throw tooComplex('rows', limits.maxRows);
      if (fields.length > limits.maxCellsPerRow) throw tooComplex('cellsPerRow', limits.maxCellsPerRow);
      yield { row: n, fields };
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw tooComplex('runChars', limits.maxRunChars);
    throw unreadable('csv', err);
  } finally {
    parser.destroy();
  }
}
