// The resident workbook: column headers, the import template, and reading uploaded rows (exceljs's streaming reader, or CSV).
import { PassThrough, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_HEADERS = ['姓名', '身份证号', '联系电话', '居住类型', '户', '迁入日期', '标签', '证件类型', '无证件原因', '性别', '出生日期'] as const;
/** Columns a workbook must have; the others may be left out (older rosters have no document-type columns). */
const REQUIRED_HEADERS: readonly ImportField[] = ['姓名', '身份证号', '居住类型', '户'];
export type ImportField = (typeof IMPORT_HEADERS)[number];

/** One data row as text per column; `formula` names the columns whose cell held a formula (refused). */
export type RawRow = { row: number; cells: Partial<Record<ImportField, string>>; formula: ImportField[]; date: Partial<Record<ImportField, string>> };

/** A Content-Disposition header that keeps a Chinese file name with an ASCII fallback. */
export const attachment = (filename: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

const ymd = (d: Date) => d.toISOString().slice(0, 10);

function textOf(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return ymd(v);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v).trim();
}

const isFormula = (v: ExcelJS.CellValue) => v != null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v);

/** Text of a zip entry, decoded across chunk boundaries (a character may be split between two chunks). */
async function* utf8(chunks: AsyncIterable<Buffer | string>) {
  const d = new TextDecoder('utf-8');
  for await (const c of chunks) yield typeof c === 'string' ? c : d.decode(c, { stream: true });
  yield d.decode();
}
type ReaderInternals = { _parseWorksheet(it: AsyncIterable<Buffer | string>, n: number): unknown; _parseSharedStrings(entry: NodeJS.ReadableStream): unknown };
/**
 * exceljs 4 decodes each chunk of a streamed worksheet on its own, so a Chinese character that straddles two chunks
 * becomes replacement characters (seen with 5,000-row rosters). Its two readers of XML text get decoded input instead.
 */
function decodeWhole(reader: unknown) {
  const r = reader as ReaderInternals;
  const sheet = r._parseWorksheet.bind(r), strings = r._parseSharedStrings.bind(r);
  r._parseWorksheet = (it, n) => sheet(utf8(it), n);
  r._parseSharedStrings = (entry) => strings(entry.setEncoding('utf8'));
}

/** Maps header texts (by column position) to import fields; refuses a header row without the required columns. */
export function headerColumns(texts: readonly (string | undefined)[]): { columns: Map<number, ImportField> } | { headerProblem: string } {
  const found = new Map<number, ImportField>();
  texts.forEach((t, col) => {
    const h = (t ?? '').trim() as ImportField;
    if ((IMPORT_HEADERS as readonly string[]).includes(h)) found.set(col, h);
  });
  const missing = REQUIRED_HEADERS.filter((h) => ![...found.values()].includes(h));
  return missing.length ? { headerProblem: `第1行缺少表头：${missing.join('、')}` } : { columns: found };
}

/** Reads the first worksheet (a buffer, or a stream read as it arrives); row 1 must carry the headers (in any order). Yields rows that have any content. */
export async function* readImportRows(file: Buffer | Readable): AsyncGenerator<RawRow | { headerProblem: string }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Buffer.isBuffer(file) ? Readable.from(file) : file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  decodeWhole(reader);
  let columns: Map<number, ImportField> | null = null;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (!columns) {
        const texts: string[] = [];
        row.eachCell((cell, col) => void (texts[col] = textOf(cell.value)));
        const h = headerColumns(texts);
        if ('headerProblem' in h) return yield h;
        columns = h.columns;
        continue;
      }
      const out: RawRow = { row: row.number, cells: {}, formula: [], date: {} };
      row.eachCell((cell, col) => {
        const f = columns!.get(col);
        if (!f) return;
        if (isFormula(cell.value)) out.formula.push(f);
        else if (cell.value instanceof Date) out.date[f] = ymd(cell.value);
        else out.cells[f] = textOf(cell.value);
      });
      if (out.formula.length || Object.values(out.cells).some((v) => v) || Object.keys(out.date).length) yield out;
    }
    break; // only the first worksheet
  }
  if (!columns) yield { headerProblem: '工作簿是空的' };
}

/**
 * Reads a CSV roster (UTF-8, optional BOM) as it arrives, with the workbook's headers; the row number is the record's
 * number counting the header as 1, as a spreadsheet shows it. A cell starting with "=" is a formula, refused like one.
 */
export async function* readCsvRows(file: Readable): AsyncGenerator<RawRow | { headerProblem: string }> {
  // Decoded before parsing: csv-parse cuts a character split across two upload chunks into replacement characters.
  file.setEncoding('utf8');
  const parser = file.pipe(parse({ bom: true, relax_column_count: true, max_record_size: 64 * 1024 }));
  // A read error of the upload (a limit, a reset) must reach the parser's consumer, not go unhandled.
  file.once('error', (e) => parser.destroy(e));
  let columns: Map<number, ImportField> | null = null;
  let n = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    n++;
    if (!columns) {
      const h = headerColumns(record);
      if ('headerProblem' in h) return yield h;
      columns = h.columns;
      continue;
    }
    const out: RawRow = { row: n, cells: {}, formula: [], date: {} };
    for (const [col, f] of columns) {
      const v = record[col];
      if (v == null || v === '') continue;
      if (v.startsWith('=')) out.formula.push(f);
      else out.cells[f] = v;
    }
    if (out.formula.length || Object.values(out.cells).some((v) => v.trim())) yield out;
  }
  if (!columns) yield { headerProblem: '文件是空的' };
}

/** Writes rows (header first) into a streamed workbook; `rows` is pulled lazily, so large exports stay small in memory. */
export async function writeWorkbook(out: PassThrough, sheetName: string, headers: readonly string[], rows: AsyncIterable<(string | number | null)[]>) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  book.creator = '家园';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: h, width: h === '身份证号' ? 22 : 14 }));
  for await (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await book.commit();
}

/** The import template: headers, one fictional example row, and a notes sheet. */
export async function importTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('居民');
  sheet.columns = IMPORT_HEADERS.map((h) => ({ header: h, width: h === '身份证号' ? 22 : 14, style: { numFmt: '@' } }));
  sheet.addRow(['张三', '990101198001010014', '13800000000', '户籍', '9901010010010010010010001', '2020-01-01', '独居老人', '居民身份证', '', '', '']);
  sheet.addRow(['张小宝', '', '', '户籍', '9901010010010010010010001', '', '', '暂无证件', '新生儿尚未办理', '男', '2025-06-01']);
  const notes = book.addWorksheet('说明');
  for (const line of [
    '身份证号、联系电话请以文本格式填写（单元格格式设为"文本"），不要使用公式。',
    '证件类型：居民身份证（默认）、护照、港澳台居民证件、外国人永久居留身份证、其他证件、暂无证件。',
    '没有身份证号时：身份证号一栏填其他证件号码（暂无证件则留空并填写无证件原因），并填写性别和出生日期。',
    '居住类型：户籍、常住、流动、寄住。',
    '户：户的编码（可在网格管理中查看）。',
    '迁入日期：YYYY-MM-DD，不能晚于今天。',
    '标签：多个标签用顿号或逗号分隔，须为系统已有标签。',
    '示例行为虚构数据，导入前请删除。',
  ])
    notes.addRow([line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
