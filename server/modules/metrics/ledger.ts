// The case ledger (台账), declared to the platform's ledger writer: cases read in keyset batches, personal data left out or masked, the export audited.
import type { SQL } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { Counts, Figures, LedgerQuery, Rates, Stage } from '../../../contracts/metrics';
import type { AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import type { Actor } from '../../platform/policy';
import { COUNT_NAMES, RATES, STAGE_NAMES } from './formulas';
import { CHANNEL_NAMES, nameOf, RATING_NAMES, STATUS_NAMES } from './labels';
import { periodOf, shanghaiWallClock } from './period';
import { mayExportLedger } from './policy';
import { metricsRepo as repo, type LedgerRow } from './repo';
import type { MetricsService } from './service';

export { XLSX_TYPE } from '../../platform/ledgers';
// The widest id window one batch query looks at, in batch sizes.
const MAX_WINDOW_BATCHES = 64;

const time = (d: Date | null) => (d ? shanghaiWallClock(new Date(d)) : null);

/** The ledger's columns, in order. */
export const LEDGER_COLUMNS: LedgerColumn<LedgerRow>[] = [
  { header: '案件编号', width: 20, value: (r) => r.number },
  { header: '来源渠道', width: 12, value: (r) => nameOf(CHANNEL_NAMES, r.channel) },
  {
    header: '类别',
    width: 22,
    value: (r) => (r.categoryName ? `${r.categoryCode} ${r.categoryName}` : r.categoryCode),
  },
  // Phone numbers, ID numbers, cards and e-mails a reporter typed into a description are masked by the writer; the
  // reporter's own phone and name are never selected.
  { header: '描述', width: 50, personal: 'text', value: (r) => r.description },
  { header: '网格', width: 18, value: (r) => r.gridName },
  { header: '状态', width: 10, value: (r) => nameOf(STATUS_NAMES, r.status) },
  { header: '承办单位', width: 24, value: (r) => r.organisationName ?? r.assigneeNodeName ?? '' },
  { header: '上报时间', width: 17, time: true, value: (r) => time(r.createdAt) },
  { header: '立案时间', width: 17, time: true, value: (r) => time(r.registeredAt) },
  { header: '派遣时间', width: 17, time: true, value: (r) => time(r.dispatchedAt) },
  { header: '结案时间', width: 17, time: true, value: (r) => time(r.closedAt) },
  { header: '是否按期', width: 10, value: (r) => (r.closedOnTime == null ? '' : r.closedOnTime ? '是' : '否') },
  { header: '返工次数', width: 10, value: (r) => r.reworkCount },
  { header: '延期次数', width: 10, value: (r) => r.extensionCount },
  { header: '评价', width: 10, value: (r) => nameOf(RATING_NAMES, r.rating) },
];

function addSummarySheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  s: { period: string; scope: string; rows: number; figures: Figures },
) {
  const sheet = book.addWorksheet('汇总指标');
  sheet.columns = [
    { header: '指标', width: 26 },
    { header: '数值', width: 14 },
    { header: '口径', width: 36 },
  ];
  sheet.addRow(['统计期间', s.period, '上报、立案、派遣、结案时间按北京时间']).commit();
  sheet.addRow(['统计范围', s.scope, '']).commit();
  sheet.addRow(['台账案件数', s.rows, '本期上报的案件（含作废）']).commit();
  for (const k of Object.keys(COUNT_NAMES) as (keyof Counts)[])
    sheet.addRow([COUNT_NAMES[k], s.figures[k], '']).commit();
  for (const k of Object.keys(RATES) as (keyof Rates)[]) {
    const row = sheet.addRow([RATES[k].name, s.figures[k] ?? '—', RATES[k].formula]);
    if (s.figures[k] != null) row.getCell(2).numFmt = '0.00%';
    row.commit();
  }
  for (const k of Object.keys(STAGE_NAMES) as Stage[]) {
    const h = s.figures.medianHours[k];
    sheet
      .addRow([STAGE_NAMES[k], h == null ? '—' : Math.round(h * 100) / 100, '各案件在该环节的累计时长的中位数'])
      .commit();
  }
  sheet.commit();
}

/** The case ledger as the platform lists it (GET /api/ledgers) and writes it. */
export const CASE_LEDGER: LedgerDeclaration = {
  id: 'cases',
  module: 'metrics',
  title: '案件台账',
  path: '/api/metrics/ledger.xlsx',
  node: { param: 'nodeId', kinds: null, required: false },
  period: { kind: 'range', from: 'from', to: 'to' },
  sheets: [{ name: '案件台账', columns: LEDGER_COLUMNS }],
  audit: { action: 'metrics.export', entityKind: 'case_ledger' },
  may: mayExportLedger,
};

export function createLedgerExport(
  deps: {
    db: Db;
    clock: Clock;
    ledgers: Pick<Ledgers, 'write'>;
    metrics: Pick<MetricsService, 'casesOf' | 'totals'>;
  },
  opts: { batchSize?: number } = {},
) {
  const { db, clock, ledgers, metrics } = deps;
  const batchSize = opts.batchSize ?? 500;

  /** The reader's cases in id order, in batches of at most `batchSize`. */
  async function* batches(where: SQL[]): AsyncGenerator<LedgerRow[]> {
    const lastId = await repo.maxCaseId(db);
    let window = batchSize;
    for (let afterId = 0; afterId < lastId;) {
      const upToId = Math.min(afterId + window, lastId);
      const batch = await repo.ledgerBatch(db, where, afterId, upToId, batchSize);
      yield batch;
      const full = batch.length === batchSize;
      // A full batch may have left rows in the window; otherwise the window is done.
      afterId = full ? batch[batch.length - 1]!.id : upToId;
      // Where the reader's cases are dense the window stays near one batch; where sparse it widens, so few queries come back empty.
      if (full) window = Math.max(batchSize, Math.floor(window / 2));
      else if (batch.length < batchSize / 2) window = Math.min(window * 2, batchSize * MAX_WINDOW_BATCHES);
    }
  }

  return {
    /** Checks the request, then returns the workbook as a stream that fills while it is read. */
    async export(actor: Actor, ctx: AuditContext, q: LedgerQuery) {
      const { where, node } = await metrics.casesOf(actor, q.nodeId, 'export');
      const p = periodOf(q, clock.now());
      const figures = await metrics.totals(where, p);
      const ledgerWhere = [...where, repo.reportedWithin(p), ...(q.status ? [repo.statusIs(q.status)] : [])];
      const period = `${p.fromDate} 至 ${p.toDate}（不含）`;
      const scopeName = node?.name ?? '本人可见的全部案件';
      return ledgers.write(CASE_LEDGER, actor, ctx, {
        node,
        unit: scopeName,
        period,
        filename: `案件台账_${p.fromDate}_${p.toDate}.xlsx`,
        rows: [batches(ledgerWhere)],
        audit: { entityId: node?.id ?? 'all', after: { from: p.fromDate, to: p.toDate, status: q.status ?? null } },
        extraSheets: (book, [rows]) => addSummarySheet(book, { period, scope: scopeName, rows: rows!, figures }),
      });
    },
  };
}
export type LedgerExport = ReturnType<typeof createLedgerExport>;
