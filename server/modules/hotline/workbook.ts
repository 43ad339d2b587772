// The hotline export as uploaded: rows of an .xlsx or a .csv (UTF-8 or GB18030) through the platform's bounded reader,
// as text per column with spreadsheet dates kept apart; and the import template.
import { importTemplate, readTable, type HeaderProblem } from '../../platform/imports';
import { HOTLINE_HEADERS, type HotlineField } from '../../../contracts/hotline';

export type SheetRow = {
  row: number;
  text: Partial<Record<HotlineField, string>>;
  when: Partial<Record<HotlineField, Date>>;
  formulas: HotlineField[];
};
export type SheetItem = SheetRow | HeaderProblem;

const REQUIRED: readonly HotlineField[] = ['工单编号', '来电时间', '诉求内容', '地址', '诉求类型'];
const COLUMNS = { headers: HOTLINE_HEADERS, required: REQUIRED };

/** Rows of an uploaded export through the platform's bounded reader, whichever format it is (told by its bytes, not its name). Row 1 holds the headers. */
export async function* readHotlineRows(file: Buffer): AsyncGenerator<SheetItem> {
  for await (const r of readTable(file, { columns: COLUMNS })) {
    if ('headerProblem' in r) {
      yield r;
      continue;
    }
    const text: SheetRow['text'] = {};
    for (const [f, v] of Object.entries(r.text) as [HotlineField, string][]) text[f] = v.trim();
    yield { row: r.row, text, when: r.dates, formulas: r.formulas };
  }
}

/** The import template: the header row, one fictional example, and notes with the known request types. */
export const hotlineTemplate = (knownTypes: string[]): Promise<Buffer> =>
  importTemplate({
    sheet: '工单',
    headers: HOTLINE_HEADERS,
    widths: { 诉求内容: 36, 地址: 36 },
    defaultWidth: 18,
    examples: [
      [
        '20261120000001',
        '2026-11-20 09:30',
        '张三',
        '13800000000',
        '小区门口垃圾多日无人清运',
        '家园示范区清河街道锦绣小区1期1号楼',
        knownTypes[0] ?? '环境卫生',
        '2026-11-23 18:00',
        '清河街道',
      ],
    ],
    notes: [
      '来电时间、办理时限：YYYY-MM-DD HH:mm（北京时间），也可使用日期格式的单元格。',
      '地址中须包含小区或楼栋名称，系统据此确定网格；找不到的工单进入"待定位"队列，由人工指定网格。',
      `诉求类型须为以下之一（可由管理员维护对照表）：${knownTypes.join('、')}`,
      '同一工单编号重复导入不会重复建案。示例行为虚构数据，导入前请删除。',
    ],
  });
