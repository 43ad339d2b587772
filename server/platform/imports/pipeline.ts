// The import pipeline every module's import goes through: rows from the bounded reader → checked by the module's row
// handler (Zod row schemas for the plain field rules) → a preview listing every bad row's number, field and reason →
// a commit in batches, each in a transaction, resumable by the import's key, with progress and one audit entry.
import type { z } from 'zod';
import type { Db, Tx } from '../db';
import { AppError } from '../errors';
import type { HeaderProblem } from './spreadsheet';

/** One problem of one uploaded row: its number as the spreadsheet shows it, the column, and why (in Chinese). */
export type RowIssue = { row: number; field: string; reason: string };
/** What a row handler says of one row: its problems, or the row ready to be stored (`good` null when it has any). */
export type Checked<G> = { issues: RowIssue[]; good: G | null };

/** How many data rows a file may have, and whether an empty one is refused. */
export type RowBounds = { maxRows?: number; requireRows?: boolean };

const fileError = (message: string) => new AppError('validation_failed', [{ path: 'file', message }]);

/**
 * The data rows of a reader, refusing (400 on "file") a header problem and a file beyond `maxRows`; a reader's own
 * refusals (bounds, broken files) pass through.
 */
export async function* dataRows<R>(rows: AsyncIterable<R | HeaderProblem>, bounds: RowBounds = {}): AsyncGenerator<R> {
  let n = 0;
  for await (const r of rows) {
    if (typeof r === 'object' && r !== null && 'headerProblem' in r) throw fileError(r.headerProblem);
    if (bounds.maxRows != null && ++n > bounds.maxRows) throw fileError(`每次最多导入 ${bounds.maxRows} 行`);
    yield r as R;
  }
}

/** A module's row handler: `prepare` sees every row once before checking (to look up what they name), `check` one row. */
export type RowHandler<R, G> = {
  prepare?: (rows: R[]) => Promise<void>;
  check: (row: R) => Checked<G>;
};

/** The preview of an upload: how many data rows, the good ones (as the handler made them) and every problem in row order. */
export type Preview<G> = { totalRows: number; good: G[]; issues: RowIssue[] };

/** Reads an upload whole through `dataRows` and checks every row with the module's handler; nothing is stored. */
export async function previewRows<R extends { row: number }, G>(
  rows: AsyncIterable<R | HeaderProblem>,
  bounds: RowBounds,
  handler: RowHandler<R, G>,
): Promise<Preview<G>> {
  const all: R[] = [];
  for await (const r of dataRows(rows, bounds)) all.push(r);
  if (bounds.requireRows && all.length === 0) throw fileError('文件中没有数据行');
  await handler.prepare?.(all);
  const good: G[] = [];
  const issues: RowIssue[] = [];
  for (const r of all) {
    const c = handler.check(r);
    if (c.good !== null && c.issues.length === 0) good.push(c.good);
    else issues.push(...c.issues);
  }
  // Stable: a row's problems keep the order the handler found them in.
  issues.sort((a, b) => a.row - b.row);
  return { totalRows: all.length, good, issues };
}

/**
 * The problems Zod finds in one row's values, each tied to the field of its first path element, with the schema's
 * message as the reason (schemas carry Chinese messages, as detail-messages.ts expects of every detail).
 */
export function zodIssues<S extends z.ZodType>(schema: S, row: number, values: z.input<S>): RowIssue[] {
  const r = schema.safeParse(values);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ row, field: String(i.path[0] ?? ''), reason: i.message }));
}

/** A stored preview is its uploader's alone: for anyone else, as for one not stored, it does not exist (404). */
export function ownPreview<T extends { createdBy: number }>(stored: T | null, userId: number): T {
  if (!stored || stored.createdBy !== userId) throw new AppError('not_found');
  return stored;
}

type Counts = Record<string, number>;

export type CommitPlan<G, T extends Counts> = {
  db: Pick<Db, 'transaction'>;
  rows: readonly G[];
  batchSize: number;
  /** All batches in one transaction (all or nothing); otherwise one transaction per batch, each kept when a later one fails. */
  atomic?: boolean;
  /** Rows an earlier run of the same import key already committed: their batches are skipped, so a retry adds nothing twice. */
  resumeFrom?: number;
  /** Runs first in the (first) transaction, e.g. to lock the stored import against a second commit running beside. */
  lock?: (tx: Tx) => PromiseLike<unknown>;
  /** Writes one batch; the counts it returns are summed over the batches. */
  write: (tx: Tx, batch: G[], offset: number) => Promise<T>;
  /** Records how many rows are committed, in the transaction of the batch that got there (the resume point above). */
  progress?: (tx: Tx, committed: number) => PromiseLike<unknown>;
  /** Marks the import done, in the last transaction, beside its one audit entry. */
  finish: (tx: Tx, totals: T) => PromiseLike<unknown>;
  /** The import's one audit entry (`audit.record(tx, ctx, …)` with the counts), written beside `finish`. */
  audit: (tx: Tx, totals: T) => Promise<void>;
  /** The counts of nothing written (what the totals start from). */
  zero: T;
};

function add<T extends Counts>(a: T, b: T): T {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof T)[]) out[k] = ((a[k] ?? 0) + (b[k] ?? 0)) as T[keyof T];
  return out;
}

/** Commits the good rows of an import in batches and returns the summed counts; one audit entry when it ends. */
export async function commitInBatches<G, T extends Counts>(plan: CommitPlan<G, T>): Promise<T> {
  const { db, rows, batchSize } = plan;
  const from = Math.min(plan.resumeFrom ?? 0, rows.length);
  const end = async (tx: Tx, totals: T) => {
    await plan.finish(tx, totals);
    await plan.audit(tx, totals);
    return totals;
  };
  const batch = async (tx: Tx, i: number, totals: T) => {
    const counts = await plan.write(tx, rows.slice(i, i + batchSize), i);
    await plan.progress?.(tx, Math.min(i + batchSize, rows.length));
    return add(totals, counts);
  };
  if (plan.atomic)
    return db.transaction(async (tx) => {
      await plan.lock?.(tx);
      let totals = plan.zero;
      for (let i = from; i < rows.length; i += batchSize) totals = await batch(tx, i, totals);
      return end(tx, totals);
    });
  let totals = plan.zero;
  for (let i = from; i < rows.length; i += batchSize) {
    const before = totals;
    totals = await db.transaction(async (tx) => {
      if (i === from) await plan.lock?.(tx);
      return batch(tx, i, before);
    });
  }
  return db.transaction((tx) => end(tx, totals));
}
