// The bulk roster import (up to millions of rows, CSV or XLSX): the upload is read as a stream, checked row by row with
// the interactive import's rules, sealed, and written in batches that each commit on their own; progress is polled.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { z } from 'zod';
import { ImportIssue } from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import type { Database } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { BULK_LIMITS, streamInBatches } from '../../platform/imports';
import { canAnywhere, scope, type Actor, type PolicyTable } from '../../platform/policy';
import { bulkRepo, openBulkSession, type BulkSession, type StageRow } from './bulk-repo';
import { residentDuplicateNotice } from '../notifications';
import { checkRow, dedupeKey, duplicateIssue, householdsByCode, tagCodes, type Issue } from './import';
import { peoplePolicy, residentScopeColumns } from './policy';
import { chinaToday, nameColumns } from './record';
import type { PeopleDeps } from './service';
import { readCsvRows, readImportRows, type RawRow } from './workbook';

/** Rows per transaction: large enough that per-statement costs vanish, small enough that memory stays flat. */
export const BULK_BATCH = 5_000;
/** Problems listed in the answer; beyond this only counted (a million bad rows would be a bigger answer than the file). */
export const MAX_LISTED_ISSUES = 1_000;
/** The bulk upload may be this many times the ordinary upload limit (10 MiB → 1 GiB; 1,000,000 rows of CSV are ~110 MiB). */
export const BULK_UPLOAD_FACTOR = 100;

export const BulkFormat = z.enum(['csv', 'xlsx']);
export const BulkImportQuery = z.object({ format: BulkFormat.optional(), job: z.string().uuid().optional() }).strict();
export const BulkJobParams = z.object({ job: z.string().uuid() }).strict();
const Counts = {
  rowsRead: z.number().int(),
  rowsWritten: z.number().int(),
  badRows: z.number().int(),
};
export const BulkProgress = z.object({ id: z.string(), state: z.enum(['running', 'done', 'failed']), ...Counts });
export const BulkImportResult = z.object({
  id: z.string(),
  fileName: z.string().nullable(),
  format: BulkFormat,
  ...Counts,
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** The first MAX_LISTED_ISSUES problems in row order within each batch; `issueCount` counts them all. */
  issues: z.array(ImportIssue),
  issueCount: z.number().int(),
  seconds: z.number(),
  /** Where the time went, in seconds: reading and parsing the upload, checking and sealing rows, and the database writes (these overlap the others). */
  stages: z.object({ read: z.number(), check: z.number(), write: z.number(), waitWrite: z.number() }),
});
type Result = z.infer<typeof BulkImportResult>;
type Progress = z.infer<typeof BulkProgress>;

/** Bulk imports reach a whole street or district at once: street officers and district administrators only. */
export const bulkImportPolicy: PolicyTable<'import'> = {
  import: { district_admin: { reach: 'subtree' }, street_officer: { reach: 'subtree' } },
};

const tooLarge = (maxBytes: number, written?: number) =>
  new AppError('payload_too_large', [
    { path: 'file', message: `文件不能超过 ${(maxBytes / 1_048_576).toFixed(maxBytes < 10_485_760 ? 1 : 0)} MB` },
    ...(written ? [{ path: 'file', message: `已写入前面完整的 ${written} 行；其余未导入` }] : []),
  ]);

/** The uploaded file as a stream (not buffered), refused early when the declared body is already too large. */
export async function openUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ stream: Readable; fileName: string; truncated: () => boolean }> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + 65_536) throw tooLarge(maxBytes);
  if (!req.isMultipart()) throw fieldError('file', '请以 multipart/form-data 方式上传文件');
  const part = await req.file({
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    throwFileSizeLimit: false,
  });
  if (!part || part.fieldname !== 'file') throw fieldError('file', '没有收到文件（字段名应为 "file"）');
  // Past the limit busboy just ends the stream: the import asks before its last batch whether the file was cut.
  return { stream: part.file, fileName: part.filename, truncated: () => part.file.truncated };
}

/** `batch` defaults to BULK_BATCH; tests use smaller batches to cross batch boundaries with few rows. */
export function createBulkImporter(
  deps: PeopleDeps & { database: Pick<Database, 'kind'> },
  opts: { batch?: number } = {},
) {
  const { db, clock, audit, crypto } = deps;
  const batchSize = opts.batch ?? BULK_BATCH;
  const jobs = new Map<string, Progress & { userId: number }>();

  // Pinyin keys cost more than sealing; rosters repeat names, so they are memoised (bounded: cleared when full).
  const nameMemo = new Map<string, ReturnType<typeof nameColumns>>();
  const names = (name: string) => {
    let v = nameMemo.get(name);
    if (!v) {
      if (nameMemo.size >= 100_000) nameMemo.clear();
      nameMemo.set(name, (v = nameColumns(name)));
    }
    return v;
  };

  /** Checks and seals one batch of raw rows; the households it names are looked up once per batch. */
  async function prepare(actor: Actor, raws: RawRow[], tagCode: Map<string, string>, today: string) {
    const households = await householdsByCode(db, [
      ...new Set(raws.map((r) => (r.cells['户'] ?? '').trim()).filter(Boolean)),
    ]);
    const c = { actor, crypto, today, tagCode, households, firstRowOf: new Map<string, number>(), nameColumns: names };
    const issues: Issue[] = [];
    const staged: StageRow[] = [];
    for (const [i, r] of raws.entries()) {
      // Checking is CPU work; yielding now and then lets the batch being written get its answers from the database meanwhile.
      if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
      const { issues: found, good } = checkRow(c, r);
      if (!good) {
        issues.push(...found);
        continue;
      }
      const { row, idKind, noIdReason, tags, ...rest } = good;
      staged.push({
        ...rest,
        row,
        key: dedupeKey(good),
        idKind: idKind ?? 'resident_id',
        noIdReason: noIdReason ?? null,
        tags,
      });
    }
    return { issues, badRows: new Set(issues.map((i) => i.row)).size, staged };
  }

  /**
   * Writes one prepared batch in its own transaction; repeats of earlier batches become bad rows. People recorded only
   * outside the actor's scope are written like new ones (kept beside the existing record) and the nearest worker above
   * both is told: the import report never says which numbers exist elsewhere.
   */
  function write(actor: Actor, s: BulkSession, staged: StageRow[]) {
    return s.batch(async (tx, fill) => {
      const now = clock.now();
      await fill(staged);
      const repeats = await bulkRepo.claimKeys(tx, s);
      const found = await bulkRepo.resolve(tx, s);
      let held = 0;
      let updated = 0;
      // Only new people (the usual first import): nothing to check against existing records or to update.
      if (found) {
        await bulkRepo.analyze(tx, s);
        const made = (
          await bulkRepo.holdOutside(tx, s, scope(actor, peoplePolicy, 'write', residentScopeColumns), now)
        ).filter((x) => x.id != null);
        for (const o of made)
          await tx.execute(
            residentDuplicateNotice(
              { newPath: o.node_path, existingPath: o.target_path, title: `#${o.id} = #${o.target_id}` },
              now,
            ),
          );
        held = made.length;
        updated = await bulkRepo.updateExisting(tx, s, now);
      }
      const inserted = (await bulkRepo.insertNew(tx, s, now)) + held;
      const written = staged.length - repeats.length;
      const issues = repeats
        .map((r) => duplicateIssue(r.row_no, r.first, { idHash: r.id_hash, idKind: r.id_kind }))
        .sort((a, b) => a.row - b.row);
      return { issues, written, inserted, updated, unchanged: written - inserted - updated };
    });
  }

  async function run(
    actor: Actor,
    ctx: AuditContext,
    input: {
      stream: Readable;
      format: 'csv' | 'xlsx';
      fileName: string | null;
      job?: string;
      truncated?: () => boolean;
      maxBytes?: number;
    },
  ): Promise<Result> {
    if (!canAnywhere(actor, bulkImportPolicy, 'import')) throw new AppError('forbidden');
    const id = input.job ?? randomUUID();
    if (jobs.get(id)?.state === 'running')
      throw new AppError('conflict', [{ path: 'job', message: '该导入任务正在进行' }]);
    const t0 = performance.now();
    const p: Progress & { userId: number } = {
      id,
      userId: actor.userId,
      state: 'running',
      rowsRead: 0,
      rowsWritten: 0,
      badRows: 0,
    };
    jobs.set(id, p);
    const total = { inserted: 0, updated: 0, unchanged: 0, issueCount: 0 };
    const ms = { read: 0, check: 0, write: 0, waitWrite: 0 };
    const timed = async <T>(k: keyof typeof ms, f: () => Promise<T>) => {
      const a = performance.now();
      try {
        return await f();
      } finally {
        ms[k] += performance.now() - a;
      }
    };
    const listed: Issue[] = [];
    const note = (issues: Issue[], badRows: number) => {
      total.issueCount += issues.length;
      p.badRows += badRows;
      listed.push(...issues.slice(0, Math.max(0, MAX_LISTED_ISSUES - listed.length)));
    };
    const session = await openBulkSession(db, deps.database.kind);
    try {
      const today = chinaToday(clock);
      const tagCode = await tagCodes(db);
      await streamInBatches({
        rows:
          input.format === 'csv' ? readCsvRows(input.stream, BULK_LIMITS) : readImportRows(input.stream, BULK_LIMITS),
        batchSize,
        prepare: async (raws: RawRow[]) => {
          const prepared = await prepare(actor, raws, tagCode, today);
          note(prepared.issues, prepared.badRows);
          return prepared.staged;
        },
        write: async (staged) => {
          const w = await write(actor, session, staged);
          note(w.issues, w.issues.length);
          p.rowsWritten += w.written;
          total.inserted += w.inserted;
          total.updated += w.updated;
          total.unchanged += w.unchanged;
        },
        onRow: () => p.rowsRead++,
        cut: () => input.truncated?.() ?? false,
        onCut: () => tooLarge(input.maxBytes ?? 0, p.rowsWritten),
        onUnreadable: (err) => unreadable(err, input.format),
        onFail: () => input.stream.resume(),
        steps: {
          read: (f) => timed('read', f),
          prepare: (f) => timed('check', f),
          write: (f) => timed('write', f),
          waitWrite: (f) => timed('waitWrite', f),
        },
      });
      p.state = 'done';
    } catch (err) {
      p.state = 'failed';
      // Drains what is left of the upload (also when the import failed before reading it).
      input.stream.resume();
      throw err;
    } finally {
      await session.close();
      // Kept a while for a client that polls once more after the answer; then forgotten.
      setTimeout(() => jobs.delete(id), 10 * 60_000).unref();
      // One audit entry per import, also when it stopped part-way (what was written stays written).
      await audit.record(db, ctx, {
        action: 'resident.bulk_import',
        entityKind: 'people_import',
        entityId: id,
        after: {
          fileName: input.fileName,
          format: input.format,
          completed: p.state === 'done',
          rowsRead: p.rowsRead,
          rowsWritten: p.rowsWritten,
          badRows: p.badRows,
          ...total,
        },
      });
    }
    const { userId: _u, state: _s, ...counts } = p;
    return {
      ...counts,
      fileName: input.fileName,
      format: input.format,
      ...total,
      issues: listed,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      stages: {
        read: Math.round(ms.read / 100) / 10,
        check: Math.round(ms.check / 100) / 10,
        write: Math.round(ms.write / 100) / 10,
        waitWrite: Math.round(ms.waitWrite / 100) / 10,
      },
    };
  }

  return {
    run,
    /** Refuses before the upload is read. */
    assertAllowed(actor: Actor) {
      if (!canAnywhere(actor, bulkImportPolicy, 'import')) throw new AppError('forbidden');
    },
    progress(actor: Actor, id: string): Progress {
      const p = jobs.get(id);
      if (!p || p.userId !== actor.userId) throw new AppError('not_found');
      const { userId: _u, ...out } = p;
      return out;
    },
  };
}
export type BulkImporter = ReturnType<typeof createBulkImporter>;

/** A file that cannot be read is the client's problem (4xx), with the reader's reason; the size limit keeps its own status. */
function unreadable(err: unknown, format: 'csv' | 'xlsx'): AppError {
  if (err instanceof AppError) return err;
  const reason = err instanceof Error ? err.message.slice(0, 200) : String(err);
  return new AppError('bad_request', [
    { path: 'file', message: `无法读取${format === 'csv' ? ' CSV' : ' XLSX'} 文件：${reason}` },
  ]);
}
