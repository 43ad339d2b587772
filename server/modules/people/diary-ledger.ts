// The monthly field-diary ledger (民情日记台账) of one grid, generated from recorded entries and visits: nothing is typed twice.
import ExcelJS from 'exceljs';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { monthRange, type DiaryDeps } from './diary';
import { peoplePolicy } from './policy';
import { diaryRepo } from './repo';

export const DIARY_HEADERS = ['日期', '地点', '户', '涉及居民', '情况记录', '跟进事项', '转办案件', '记录人'];
export const VISIT_HEADERS = ['走访日期', '居民', '户', '走访内容', '走访人'];

export function createDiaryLedger(deps: Omit<DiaryDeps, 'intake'>) {
  const { db, audit } = deps;

  /** The ledger workbook of a grid for a month: one sheet of diary entries, one of home visits; audited with row counts. */
  async function ledger(actor: Actor, ctx: AuditContext, gridId: number, month: string) {
    const grid = await territoryRepo.byId(db, gridId);
    if (!grid || grid.kind !== 'grid') throw new AppError('not_found');
    if (!can(actor, peoplePolicy, 'write', { path: grid.path })) throw new AppError('forbidden');
    const [from, to] = monthRange(month);
    const entries = await diaryRepo.list(db, [diaryRepo.grid(grid.id), diaryRepo.inMonth(from, to)], 10_000);
    const names = await diaryRepo.namesOf(db, [...new Set(entries.flatMap((e) => e.residentIds))]);
    const visitRows = await diaryRepo.visitsUnder(db, grid.path, from, to);

    const book = new ExcelJS.Workbook();
    book.creator = '家园';
    const sheet = book.addWorksheet('民情日记', { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([`${grid.name} 民情日记台账 ${month}`]);
    sheet.addRow(DIARY_HEADERS);
    sheet.columns = DIARY_HEADERS.map((h) => ({ width: h === '情况记录' ? 50 : 14 }));
    for (const e of entries) {
      sheet.addRow([
        e.occurredOn,
        e.place ?? '',
        e.householdName ?? '',
        e.residentIds.map((id) => names.get(id) ?? '').join('、'),
        e.content,
        e.followUp ?? '',
        e.caseId ? String(e.caseId) : '',
        e.authorName,
      ]);
    }
    const vs = book.addWorksheet('走访记录', { views: [{ state: 'frozen', ySplit: 1 }] });
    vs.addRow(VISIT_HEADERS);
    vs.columns = VISIT_HEADERS.map((h) => ({ width: h === '走访内容' ? 50 : 14 }));
    for (const v of visitRows) vs.addRow([v.visitedOn, v.residentName, v.householdName, v.note, v.visitorName]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    await audit.record(db, ctx, {
      action: 'diary.ledger',
      entityKind: 'grid',
      entityId: grid.id,
      nodeId: grid.id,
      nodePath: grid.path,
      after: { month, entries: entries.length, visits: visitRows.length },
    });
    return { filename: `民情日记台账_${grid.name}_${month}.xlsx`, buffer };
  }
  return { ledger };
}
export type DiaryLedger = ReturnType<typeof createDiaryLedger>;
