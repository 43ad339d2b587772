// The monthly field-diary ledger (民情日记台账) of one grid, generated from recorded entries and visits (nothing is typed
// twice), declared to the platform's ledger writer.
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { monthRange, type DiaryDeps } from './diary';
import { peoplePolicy } from './policy';
import { diaryRepo, type DiaryRow } from './repo';

type Entry = DiaryRow & { residentNames: string };
type Visit = Awaited<ReturnType<typeof diaryRepo.visitsUnder>>[number];

const DIARY_COLUMNS: LedgerColumn<Entry>[] = [
  { header: '日期', value: (e) => e.occurredOn },
  { header: '地点', value: (e) => e.place ?? '' },
  { header: '户', value: (e) => e.householdName ?? '' },
  { header: '涉及居民', personal: 'name', value: (e) => e.residentNames },
  { header: '情况记录', width: 50, personal: 'text', value: (e) => e.content },
  { header: '跟进事项', personal: 'text', value: (e) => e.followUp ?? '' },
  { header: '转办案件', value: (e) => (e.caseId ? String(e.caseId) : '') },
  { header: '记录人', value: (e) => e.authorName },
];
const VISIT_COLUMNS: LedgerColumn<Visit>[] = [
  { header: '走访日期', value: (v) => v.visitedOn },
  { header: '居民', personal: 'name', value: (v) => v.residentName },
  { header: '户', value: (v) => v.householdName },
  { header: '走访内容', width: 50, personal: 'text', value: (v) => v.note },
  { header: '走访人', value: (v) => v.visitorName },
];
export const DIARY_HEADERS = DIARY_COLUMNS.map((c) => c.header);
export const VISIT_HEADERS = VISIT_COLUMNS.map((c) => c.header);

/** The diary ledger as the platform lists it (GET /api/ledgers) and writes it: whoever may write in the grid. */
export const DIARY_LEDGER: LedgerDeclaration = {
  id: 'diary',
  module: 'people',
  title: '民情日记台账',
  path: '/api/people/diary/ledger.xlsx',
  node: { param: 'gridId', kinds: ['grid'], required: true },
  period: { kind: 'month', param: 'month' },
  sheets: [
    { name: '民情日记', columns: DIARY_COLUMNS, titleRow: true, countAs: 'entries' },
    { name: '走访记录', columns: VISIT_COLUMNS, countAs: 'visits' },
  ],
  audit: { action: 'diary.ledger', entityKind: 'grid' },
  may: (actor, node) => (node ? can(actor, peoplePolicy, 'write', node) : canAnywhere(actor, peoplePolicy, 'write')),
};

async function* once<T>(read: () => Promise<T[]>): AsyncGenerator<T[]> {
  yield await read();
}

export function createDiaryLedger(deps: Omit<DiaryDeps, 'intake'> & { ledgers: Pick<Ledgers, 'write'> }) {
  const { db, ledgers } = deps;

  /** The ledger workbook of a grid for a month: one sheet of diary entries, one of home visits; audited with row counts. */
  async function ledger(actor: Actor, ctx: AuditContext, gridId: number, month: string) {
    const grid = await territoryRepo.byId(db, gridId);
    if (!grid || grid.kind !== 'grid') throw new AppError('not_found');
    if (!can(actor, peoplePolicy, 'write', { path: grid.path })) throw new AppError('forbidden');
    const [from, to] = monthRange(month);
    const entries = async () => {
      const rows = await diaryRepo.list(db, [diaryRepo.grid(grid.id), diaryRepo.inMonth(from, to)], 10_000);
      const names = await diaryRepo.namesOf(db, [...new Set(rows.flatMap((e) => e.residentIds))]);
      return rows.map((e) => ({ ...e, residentNames: e.residentIds.map((id) => names.get(id) ?? '').join('、') }));
    };
    return ledgers.write(DIARY_LEDGER, actor, ctx, {
      node: grid,
      period: month,
      filename: `民情日记台账_${grid.name}_${month}.xlsx`,
      rows: [once(entries), once(() => diaryRepo.visitsUnder(db, grid.path, from, to))],
      audit: { entityId: grid.id, after: { month } },
    });
  }
  return { ledger };
}
export type DiaryLedger = ReturnType<typeof createDiaryLedger>;
