// The case ledger (台账) as an Excel workbook streamed with exceljs: cases read in keyset batches, personal data left out or masked, the export audited.
import { PassThrough } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import type { SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Counts, Figures, LedgerQuery, Rates, Stage } from '../../../contracts/metrics';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { redactPersonalText } from '../../platform/redact';
import type { Actor } from '../../platform/policy';
import type { NodeRow } from '../territory';
import { COUNT_NAMES, RATES, STAGE_NAMES } from './formulas';
import { CHANNEL_NAMES, nameOf, RATING_NAMES, STATUS_NAMES } from './labels';
import { periodOf, shanghaiWallClock } from './period';
import { metricsRepo as repo, type LedgerRow } from './repo';
import type { MetricsService } from './service';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TIME_FORMAT = 'yyyy-mm-dd hh:mm';
// The widest id window one batch query looks at, in batch sizes.
const MAX_WINDOW_BATCHES = 64;

// Phone numbers, ID numbers, cards and e-mails a reporter typed into a description, through the one redactor (a staff
// document shows mobiles as staff lists do); the reporter's own phone is never selected.
const maskPersonalNumbers = (text: string) => redactPersonalText(text, { partialMobile: true });

const time = (d: Date | null) => (d ? shanghaiWallClock(new Date(d)) : null);

type Cell = string | number | Date | null;
/** The ledger's columns, in order. */
export const LEDGER_COLUMNS: { header: string; width: number; time?: boolean; value: (r: LedgerRow) => Cell }[] = [
  { header: '案件编号', width: 20, value: (r) => r.number },
  { header: '来源渠道', width: 12, value: (r) => nameOf(CHANNEL_NAMES, r.channel) },
  {
    header: '类别',
    width: 22,
    value: (r) => (r.categoryName ? `${r.categoryCode} ${r.categoryName}` : r.categoryCode),
  },
  { header: '描述', width: 50, value: (r) => maskPersonalNumbers(r.description) },
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

/**
 * Lets the zip and the response move what was written, then resolves once the reader has taken it, so a slow download
 * slows the reading instead of filling memory. The embedded database answers without touching the event loop, so
 * without the explicit turn the compressor (which works on the thread pool) would only run after the last batch.
 */
async function drained(out: PassThrough): Promise<void> {
  await setImmediate();
  if (out.destroyed) throw new Error('ledger download closed');
  if (!out.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => (out.off('close', onClose), resolve());
    const onClose = () => (out.off('drain', onDrain), reject(new Error('ledger download closed')));
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

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

export function createLedgerExport(
  deps: { db: Db; clock: Clock; audit: Audit; metrics: Pick<MetricsService, 'casesOf' | 'totals'> },
  opts: { batchSize?: number } = {},
) {
  const { db, clock, audit, metrics } = deps;
  const batchSize = opts.batchSize ?? 500;

  async function write(
    out: PassThrough,
    ctx: AuditContext,
    job: { where: SQL[]; node: NodeRow | null; period: string; figures: Figures; audit: Record<string, unknown> },
  ) {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    book.creator = '家园';
    const sheet = book.addWorksheet('案件台账', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = LEDGER_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.time ? { style: { numFmt: TIME_FORMAT } } : {}),
    }));
    const record = (rows: number, complete: boolean) =>
      audit.record(db, ctx, {
        action: 'metrics.export',
        entityKind: 'case_ledger',
        entityId: job.node?.id ?? 'all',
        nodeId: job.node?.id ?? null,
        nodePath: job.node?.path ?? null,
        after: { ...job.audit, rows, ...(complete ? {} : { interrupted: true }) },
      });
    let count = 0;
    try {
      const lastId = await repo.maxCaseId(db);
      let window = batchSize;
      for (let afterId = 0; afterId < lastId;) {
        const upToId = Math.min(afterId + window, lastId);
        const batch = await repo.ledgerBatch(db, job.where, afterId, upToId, batchSize);
        for (const r of batch) sheet.addRow(LEDGER_COLUMNS.map((c) => c.value(r))).commit();
        count += batch.length;
        const full = batch.length === batchSize;
        // A full batch may have left rows in the window; otherwise the window is done.
        afterId = full ? batch[batch.length - 1]!.id : upToId;
        // Where the reader's cases are dense the window stays near one batch; where sparse it widens, so few queries come back empty.
        if (full) window = Math.max(batchSize, Math.floor(window / 2));
        else if (batch.length < batchSize / 2) window = Math.min(window * 2, batchSize * MAX_WINDOW_BATCHES);
        await drained(out);
      }
    } catch (err) {
      // Rows already sent can be recovered from a cut-off file, so an interrupted export is recorded too.
      await record(count, false).catch(() => {});
      throw err;
    }
    sheet.commit();
    addSummarySheet(book, {
      period: job.period,
      scope: job.node?.name ?? '本人可见的全部案件',
      rows: count,
      figures: job.figures,
    });
    // Recorded before the workbook is finished: a download whose audit entry failed never becomes a complete file.
    await record(count, true);
    await book.commit();
  }

  return {
    /** Checks the request, then returns the workbook as a stream that fills while it is read. */
    async export(actor: Actor, ctx: AuditContext, q: LedgerQuery) {
      const { where, node } = await metrics.casesOf(actor, q.nodeId, 'export');
      const p = periodOf(q, clock.now());
      const figures = await metrics.totals(where, p);
      const ledgerWhere = [...where, repo.reportedWithin(p), ...(q.status ? [repo.statusIs(q.status)] : [])];
      const out = new PassThrough();
      const job = {
        where: ledgerWhere,
        node,
        period: `${p.fromDate} 至 ${p.toDate}（不含）`,
        figures,
        audit: { from: p.fromDate, to: p.toDate, status: q.status ?? null },
      };
      write(out, ctx, job).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
      return { filename: `案件台账_${p.fromDate}_${p.toDate}.xlsx`, stream: out };
    },
  };
}
export type LedgerExport = ReturnType<typeof createLedgerExport>;
