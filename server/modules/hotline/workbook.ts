// The hotline export as uploaded: rows of an .xlsx (exceljs streaming reader) or a .csv (csv-parse, UTF-8 or GB18030),
// as text per column with spreadsheet dates kept apart; and the import template.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { HOTLINE_HEADERS, type HotlineField } from '../../../contracts/hotline';

export type SheetRow = { row: number; text: Partial<Record<HotlineField, string>>; when: Partial<Record<HotlineField, Date>>; formulas: HotlineField[] };
export type SheetItem = SheetRow | { headerProblem: string };

const REQUIRED: readonly HotlineField[] = ['工单编号', '来电时间', '诉求内容', '地址', '诉求类型'];
const isZip = (b: Buffer) => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function headerMap(names: string[]): { columns: Map<number, HotlineField>; problem: string | null } {
  const columns = new Map<number, HotlineField>();
  names.forEach((n, i) => {
    const h = n.replace(/^\uFEFF/, '').trim() as HotlineField;
    if (HOTLINE_HEADERS.includes(h)) columns.set(i, h);
  });
  const have = new Set(columns.values());
  const missing = REQUIRED.filter((h) => !have.has(h));
  return { columns, problem: missing.length ? `第1行缺少表头：${missing.join('、')}` : null };
}

/** One cell as plain text; rich text and hyperlinks flattened. */
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v !== 'object') return String(v).trim();
  if ('richText' in v) return v.richText.map((p) => p.text).join('').trim();
  if ('text' in v) return String(v.text).trim();
  return '';
}

async function* xlsxRows(file: Buffer): AsyncGenerator<SheetItem> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  let columns: Map<number, HotlineField> | null = null;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (!columns) {
        const h = headerMap(values.map(cellText));
        if (h.problem) return yield { headerProblem: h.problem };
        columns = h.columns;
        continue;
      }
      const out: SheetRow = { row: row.number, text: {}, when: {}, formulas: [] };
      for (const [i, field] of columns) {
        const v = values[i];
        if (v instanceof Date) out.when[field] = v;
        else if (v != null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) out.formulas.push(field);
        else out.text[field] = cellText(v);
      }
      if (out.formulas.length || Object.keys(out.when).length || Object.values(out.text).some(Boolean)) yield out;
    }
    break; // the first worksheet only
  }
  if (!columns) yield { headerProblem: '文件是空的' };
}

/** CSV from hotline systems is often GB18030 (Excel's "CSV" in Chinese Windows); UTF-8 is tried first. */
function decodeCsv(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

async function* csvRows(file: Buffer): AsyncGenerator<SheetItem> {
  const parser = Readable.from([decodeCsv(file)]).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  let columns: Map<number, HotlineField> | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!columns) {
      const h = headerMap(record);
      if (h.problem) return yield { headerProblem: h.problem };
      columns = h.columns;
      continue;
    }
    const out: SheetRow = { row: info.lines, text: {}, when: {}, formulas: [] };
    for (const [i, field] of columns) out.text[field] = (record[i] ?? '').trim();
    if (Object.values(out.text).some(Boolean)) yield out;
  }
  if (!columns) yield { headerProblem: '文件是空的' };
}

/** Rows of an uploaded export, whichever format it is (told by its bytes, not its name). Row 1 holds the headers. */
export function readHotlineRows(file: Buffer): AsyncGenerator<SheetItem> {
  return isZip(file) ? xlsxRows(file) : csvRows(file);
}

/** The import template: the header row, one fictional example, and notes with the known request types. */
export async function hotlineTemplate(knownTypes: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('工单');
  sheet.columns = HOTLINE_HEADERS.map((h) => ({ header: h, width: h === '诉求内容' || h === '地址' ? 36 : 18, style: { numFmt: '@' } }));
  sheet.addRow(['20261120000001', '2026-11-20 09:30', '张三', '13800000000', '小区门口垃圾多日无人清运', '家园示范区清河街道锦绣小区1期1号楼', knownTypes[0] ?? '环境卫生', '2026-11-23 18:00', '清河街道']);
  const notes = book.addWorksheet('说明');
  for (const line of [
    '来电时间、办理时限：YYYY-MM-DD HH:mm（北京时间），也可使用日期格式的单元格。',
    '地址中须包含小区或楼栋名称，系统据此确定网格；找不到的工单进入"待定位"队列，由人工指定网格。',
    `诉求类型须为以下之一（可由管理员维护对照表）：${knownTypes.join('、')}`,
    '同一工单编号重复导入不会重复建案。示例行为虚构数据，导入前请删除。',
  ])
    notes.addRow([line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
