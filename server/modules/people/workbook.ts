// The resident workbook: import headers, the import template, and reading uploaded rows (the platform's bounded reader, XLSX or CSV).
import type { Readable } from 'node:stream';
import {
  INTERACTIVE_LIMITS,
  readTable,
  type HeaderProblem,
  type SheetLimits,
  type TableRow,
  importTemplate as sheetTemplate,
} from '../../platform/imports';

export { attachment, XLSX_TYPE } from '../../platform/ledgers';
export const IMPORT_HEADERS = [
  '姓名',
  '身份证号',
  '联系电话',
  '居住类型',
  '户',
  '迁入日期',
  '标签',
  '证件类型',
  '无证件原因',
  '性别',
  '出生日期',
] as const;
/** Columns a workbook must have; the others may be left out (older rosters have no document-type columns). */
const REQUIRED_HEADERS: readonly ImportField[] = ['姓名', '身份证号', '居住类型', '户'];
export type ImportField = (typeof IMPORT_HEADERS)[number];

/** One data row as text per column; `formula` names the columns whose cell held a formula (refused). */
export type RawRow = {
  row: number;
  cells: Partial<Record<ImportField, string>>;
  formula: ImportField[];
  date: Partial<Record<ImportField, string>>;
};

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const COLUMNS = { headers: IMPORT_HEADERS, required: REQUIRED_HEADERS };

function toRaw(r: TableRow<ImportField>, trim: boolean): RawRow {
  const cells: RawRow['cells'] = {};
  for (const [f, v] of Object.entries(r.text) as [ImportField, string][]) cells[f] = trim ? v.trim() : v;
  const date: RawRow['date'] = {};
  for (const [f, d] of Object.entries(r.dates) as [ImportField, Date][]) date[f] = ymd(d);
  return { row: r.row, cells, formula: r.formulas, date };
}

/**
 * Reads the first worksheet (a buffer, or a stream read as it arrives) through the platform's bounded reader; row 1
 * must carry the headers (in any order). Yields rows that have any content. A file beyond `limits` is a 400.
 */
export async function* readImportRows(
  file: Buffer | Readable,
  limits: SheetLimits = INTERACTIVE_LIMITS,
): AsyncGenerator<RawRow | HeaderProblem> {
  for await (const r of readTable(file, { columns: COLUMNS, format: 'xlsx', limits }))
    yield 'headerProblem' in r ? r : toRaw(r, true);
}

/**
 * Reads a CSV roster (UTF-8, optional BOM) as it arrives, with the workbook's headers; the row number is the record's
 * number counting the header as 1, as a spreadsheet shows it. A cell starting with "=" is a formula, refused like one.
 */
export async function* readCsvRows(
  file: Readable,
  limits: SheetLimits = INTERACTIVE_LIMITS,
): AsyncGenerator<RawRow | HeaderProblem> {
  for await (const r of readTable(file, { columns: COLUMNS, format: 'csv', limits, csvFormulas: true }))
    yield 'headerProblem' in r ? r : toRaw(r, false);
}

/** The import template: headers, one fictional example row, and a notes sheet. */
export const importTemplate = (): Promise<Buffer> =>
  sheetTemplate({
    sheet: '居民',
    headers: IMPORT_HEADERS,
    widths: { 身份证号: 22 },
    defaultWidth: 14,
    examples: [
      [
        '张三',
        '990101198001010014',
        '13800000000',
        '户籍',
        '9901010010010010010010001',
        '2020-01-01',
        '独居老人',
        '居民身份证',
        '',
        '',
        '',
      ],
      ['张小宝', '', '', '户籍', '9901010010010010010010001', '', '', '暂无证件', '新生儿尚未办理', '男', '2025-06-01'],
    ],
    notes: [
      '身份证号、联系电话请以文本格式填写（单元格格式设为"文本"），不要使用公式。',
      '证件类型：居民身份证（默认）、护照、港澳台居民证件、外国人永久居留身份证、其他证件、暂无证件。',
      '没有身份证号时：身份证号一栏填其他证件号码（暂无证件则留空并填写无证件原因），并填写性别和出生日期。',
      '居住类型：户籍、常住、流动、寄住。',
      '户：户的编码（可在网格管理中查看）。',
      '迁入日期：YYYY-MM-DD，不能晚于今天。',
      '标签：多个标签用顿号或逗号分隔，须为系统已有标签。',
      '示例行为虚构数据，导入前请删除。',
    ],
  });
