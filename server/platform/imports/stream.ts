// The pipeline's streamed commit, for imports too large to preview whole: rows are read as the upload arrives, checked
// a batch at a time by the module's handler, and each batch is written (in its own transaction, by the module) while
// the next one is read and checked, so the database and Node work side by side.
import { AppError } from '../errors';
import type { HeaderProblem } from './spreadsheet';

/** A wrapper around one step (reading, checking, writing, waiting for the write): e.g. to time it. */
type Step = <T>(f: () => Promise<T>) => Promise<T>;
const plain: Step = (f) => f();

export type StreamPlan<R, P> = {
  rows: AsyncIterable<R | HeaderProblem>;
  batchSize: number;
  /** Checks and prepares one batch of rows (CPU work and lookups); runs while the previous batch is written. */
  prepare: (rows: R[]) => Promise<P>;
  /** Writes one prepared batch; at most one write runs at a time. */
  write: (prepared: P) => Promise<void>;
  /** Called for every data row read (progress). */
  onRow?: () => void;
  /** True once the upload was cut at its size limit: no further batch is written, and the import ends with `onCut`. */
  cut?: () => boolean;
  /** The answer to a cut upload (after the writes under way have ended). */
  onCut?: () => Error;
  /** The answer to a file the reader could not read. */
  onUnreadable?: (err: unknown) => Error;
  /** Called when the import stops on an error, before the reader is ended (e.g. to drain the rest of the upload). */
  onFail?: () => void;
  steps?: { read?: Step; prepare?: Step; write?: Step; waitWrite?: Step };
};

/**
 * Runs a streamed import to its end: header problems are refused (400 on "file"), every full batch is prepared and
 * written, the rest at the end. A batch that fails stops the import; batches written before it stay.
 */
export async function streamInBatches<R, P>(plan: StreamPlan<R, P>): Promise<void> {
  const { batchSize, cut = () => false } = plan;
  const step = { read: plain, prepare: plain, write: plain, waitWrite: plain, ...plan.steps };
  // Read directly (no wrapping generator): a million rows should cost no extra promise each.
  const reader = plan.rows[Symbol.asyncIterator]();
  // The batch being written (held in an object: it is reassigned inside `flush`).
  const inflight: { p: Promise<void> | null } = { p: null };
  let batch: R[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    const prepared = await step.prepare(() => plan.prepare(rows));
    await step.waitWrite(async () => inflight.p);
    inflight.p = step.write(() => plan.write(prepared));
    inflight.p.catch(() => {});
  };
  try {
    for (;;) {
      let next: IteratorResult<R | HeaderProblem>;
      try {
        next = await step.read(() => reader.next());
      } catch (err) {
        // A workbook cut at the size limit has no central directory: that is the size limit's answer, not a broken file.
        if (cut() && plan.onCut) throw plan.onCut();
        throw plan.onUnreadable ? plan.onUnreadable(err) : err;
      }
      if (next.done) break;
      const r = next.value;
      if (typeof r === 'object' && r !== null && 'headerProblem' in r)
        throw new AppError('validation_failed', [{ path: 'file', message: r.headerProblem }]);
      batch.push(r as R);
      plan.onRow?.();
      // Once the upload was cut at the size limit, nothing more is written (the row just read may be the cut one).
      if (batch.length >= batchSize && !cut()) await flush();
    }
    // A cut file ends in a cut row: the last batch is not written, the ones before stay.
    if (cut() && plan.onCut) {
      await inflight.p;
      throw plan.onCut();
    }
    if (batch.length) await flush();
    await inflight.p;
  } catch (err) {
    await inflight.p?.catch(() => {});
    plan.onFail?.();
    throw err;
  } finally {
    // Ends the reader however the import ended, so it removes what it keeps on disk.
    await reader.return?.(undefined).catch(() => {});
  }
}
