// The one ledger writer: a declared ledger as a streamed .xlsx with the header block communities expect (unit, period,
// generated at, by whom), personal columns masked by kind, and an audit entry with the row counts.
import { PassThrough } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Audit, AuditContext } from '../audit/service';
import type { Clock } from '../clock';
import { maskIdNumber, maskPhone } from '../crypto';
import type { Db } from '../db';
import { AppError } from '../errors';
import type { Actor } from '../policy';
import { redactPersonalText } from '../redact';
import type { Cell, LedgerColumn, LedgerDeclaration, LedgerJob, LedgerSheet } from './types';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The sheet that carries the header block, after the data sheets (which keep their headers in their first rows). */
export const INFO_SHEET = '台账信息';
const TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const SHANGHAI_MS = 8 * 3600_000;

/** A Content-Disposition header that keeps a Chinese file name with an ASCII fallback. */
export const attachment = (filename: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** Beijing wall-clock time as 'YYYY-MM-DD HH:mm'. */
const beijing = (d: Date) => new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 16).replace('T', ' ');

/** A cell as it may leave: the column's personal kind decides the masking; anything not a string is left alone. */
export function maskCell(column: Pick<LedgerColumn<never>, 'personal' | 'keep'>, v: Cell): Cell {
  if (typeof v !== 'string' || !column.personal) return v;
  switch (column.personal) {
    case 'phone':
      return maskPhone(v);
    case 'id_number':
      return maskIdNumber(v);
    case 'text':
      // A staff document shows mobiles as staff lists do (139****4321).
      return redactPersonalText(v, { partialMobile: true, keep: column.keep ?? [] });
    case 'name':
      return v;
  }
}

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

/** '&' starts a code in Excel's print header, so text put there has it doubled. */
const printable = (s: string) => s.replace(/&/g, '&&');

type Block = { title: string; unit: string; period: string | null; at: string; by: string };

function addSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, spec: LedgerSheet<never>, block: Block) {
  const top = spec.titleRow ? 2 : 1;
  const sheet = book.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: top }],
    // The header block on every printed page, where a filed paper ledger has it.
    headerFooter: {
      oddHeader: `&L${printable(`单位：${block.unit}`)}&C${printable(block.title)}&R${printable(`期间：${block.period ?? '—'}`)}`,
      oddFooter: `&L${printable(`生成时间：${block.at}  生成人：${block.by}`)}&R第 &P 页，共 &N 页`,
    },
  });
  sheet.columns = spec.columns.map((c) => ({
    width: c.width ?? 14,
    ...(c.time ? { style: { numFmt: TIME_FORMAT } } : {}),
  }));
  if (spec.titleRow) sheet.addRow([[block.unit, block.title, block.period].filter(Boolean).join(' ')]).commit();
  sheet.addRow(spec.columns.map((c) => c.header)).commit();
  return sheet;
}

function addInfoSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, d: LedgerDeclaration, block: Block, counts: number[]) {
  const sheet = book.addWorksheet(INFO_SHEET);
  sheet.columns = [{ width: 16 }, { width: 48 }];
  const personal = d.sheets
    .flatMap((s) => s.columns.filter((c) => c.personal && c.personal !== 'name').map((c) => c.header))
    .join('、');
  for (const row of [
    ['台账名称', block.title],
    ['填报单位', block.unit],
    ['统计期间', block.period ?? '—'],
    ['生成时间', block.at],
    ['生成人', block.by],
    ...d.sheets.map((s, i) => [`${s.name}（行数）`, counts[i] ?? 0]),
    ['个人信息', personal ? `${personal}已脱敏` : '—'],
  ])
    sheet.addRow(row).commit();
  sheet.commit();
}

/** Builds the writer from the database (for the audit entry), the clock (generated at) and the audit log. */
export function createLedgerWriter(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  async function write(
    out: PassThrough,
    d: LedgerDeclaration,
    actor: Actor,
    ctx: AuditContext,
    job: LedgerJob,
    first: Iterator<readonly unknown[]> | AsyncIterator<readonly unknown[]>,
    firstBatch: IteratorResult<readonly unknown[]>,
  ) {
    const block: Block = {
      title: d.title,
      unit: job.unit ?? job.node?.name ?? '本人权限范围',
      period: job.period,
      at: beijing(clock.now()),
      by: actor.displayName,
    };
    const counts = d.sheets.map(() => 0);
    const record = (complete: boolean) => {
      const rows = Object.fromEntries(d.sheets.map((s, i) => [s.countAs ?? 'rows', counts[i]]));
      return audit.record(db, ctx, {
        action: d.audit.action,
        entityKind: d.audit.entityKind,
        entityId: job.audit.entityId,
        nodeId: job.node?.id ?? null,
        nodePath: job.node?.path ?? null,
        after: { ...job.audit.after, ...rows, ...(complete ? {} : { interrupted: true }) },
      });
    };
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    book.creator = '家园';
    try {
      for (const [i, spec] of d.sheets.entries()) {
        const sheet = addSheet(book, spec, block);
        const it = i === 0 ? first : job.rows[i]![Symbol.asyncIterator]();
        for (let next = i === 0 ? firstBatch : await it.next(); !next.done; next = await it.next()) {
          for (const r of next.value) {
            sheet.addRow(spec.columns.map((c) => maskCell(c, c.value(r as never)))).commit();
            counts[i]!++;
          }
          await drained(out);
        }
        sheet.commit();
      }
    } catch (err) {
      // Rows already sent can be recovered from a cut-off file, so an interrupted export is recorded too.
      await record(false).catch(() => {});
      throw err;
    }
    job.extraSheets?.(book, counts);
    addInfoSheet(book, d, block, counts);
    // Recorded before the workbook is finished: a download whose audit entry failed never becomes a complete file.
    await record(true);
    await book.commit();
  }

  return {
    /**
     * Checks the declaring module's policy for the job's node, reads the first batch (so a failing query is a clean
     * error response rather than a cut-off download), then returns the workbook as a stream that fills while it is read.
     */
    async write(d: LedgerDeclaration, actor: Actor, ctx: AuditContext, job: LedgerJob) {
      if (job.rows.length !== d.sheets.length) throw new Error(`ledger ${d.id}: one row source per sheet`);
      if (!d.may(actor, job.node ?? undefined)) throw new AppError('forbidden');
      const first = job.rows[0]![Symbol.asyncIterator]();
      const firstBatch = await first.next();
      const out = new PassThrough();
      write(out, d, actor, ctx, job, first, firstBatch).catch((err: unknown) =>
        out.destroy(err instanceof Error ? err : new Error(String(err))),
      );
      return { filename: job.filename, stream: out };
    },
  };
}
export type LedgerWriter = ReturnType<typeof createLedgerWriter>;
