// The import pipeline: every bad row reported with its number, field and reason; hostile files refused before any row
// is checked; a commit in batches with progress, one audit entry, and a retried commit that adds nothing twice.
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAudit } from '../audit/service';
import { FakeClock } from '../clock';
import { rows as sqlRows, type Database, type Tx } from '../db';
import { AppError } from '../errors';
import { openTestDatabase } from '../test-db';
import { ratioBomb, sharedStringsBomb } from './hostile-files';
import {
  commitInBatches,
  dataRows,
  previewRows,
  readTable,
  ruleOf,
  streamInBatches,
  zodIssues,
  type RowHandler,
  type TableRow,
} from './index';

const columns = { headers: ['编号', '姓名', '电话'] as const, required: ['编号', '姓名'] as const };
type F = (typeof columns.headers)[number];
type Good = { row: number; key: string; name: string };

const PERSON = z.object({
  编号: z.string().regex(/^\d+$/, '编号应为数字'),
  姓名: z.string().min(1, '姓名不能为空').max(5, '姓名不能超过5个字'),
  电话: z.string().refine((p) => !p || /^1\d{10}$/.test(p), '电话号码格式不正确'),
});

/** The declared handler of the test import: a Zod row schema and a repeat check across rows. */
function handler(): RowHandler<TableRow<F>, Good> {
  const first = new Map<string, number>();
  return {
    check(r) {
      const values = { 编号: r.text.编号 ?? '', 姓名: r.text.姓名 ?? '', 电话: r.text.电话 ?? '' };
      const issues = zodIssues(PERSON, r.row, values);
      const seen = first.get(values.编号);
      if (seen) issues.push({ row: r.row, field: '编号', reason: `与第 ${seen} 行的编号重复` });
      else first.set(values.编号, r.row);
      return { issues, good: issues.length ? null : { row: r.row, key: values.编号, name: values.姓名 } };
    },
  };
}

const preview = (file: Buffer, maxRows?: number) =>
  previewRows(readTable(file, { columns }), { maxRows, requireRows: true }, handler());

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(400);
  return err as AppError;
}

describe('preview', () => {
  it('lists every bad row with its number, field and reason, keeps the good ones', async () => {
    const csv = ['编号,姓名,电话', '1,张三,13800000000', 'x,李四,', '3,,123', '1,王五六七八九,', '5,赵六,'].join('\n');
    const p = await preview(Buffer.from(csv));
    expect(p.totalRows).toBe(5);
    expect(p.good).toEqual([
      { row: 2, key: '1', name: '张三' },
      { row: 6, key: '5', name: '赵六' },
    ]);
    expect(p.issues).toEqual([
      { row: 3, field: '编号', reason: '编号应为数字' },
      { row: 4, field: '姓名', reason: '姓名不能为空' },
      { row: 4, field: '电话', reason: '电话号码格式不正确' },
      { row: 5, field: '姓名', reason: '姓名不能超过5个字' },
      { row: 5, field: '编号', reason: '与第 2 行的编号重复' },
    ]);
  });

  it('refuses a missing header, an empty file and too many rows, naming the file', async () => {
    const missing = await refusal(preview(Buffer.from('编号,电话\n1,2\n')));
    expect(missing.details?.[0]).toMatchObject({ path: 'file', message: expect.stringMatching(/姓名/) });
    expect((await refusal(preview(Buffer.from('编号,姓名\n')))).details?.[0]?.message).toBe('文件中没有数据行');
    const many = Buffer.from(['编号,姓名', ...Array.from({ length: 4 }, (_, i) => `${i},甲`)].join('\n'));
    expect((await refusal(preview(many, 3))).details?.[0]?.message).toBe('每次最多导入 3 行');
  });

  it('refuses the zip and shared-strings bombs before any row is checked', async () => {
    expect(ruleOf(await refusal(preview(await ratioBomb(50 * 1_048_576))))).toBe('ratio');
    let checked = 0;
    const counting: RowHandler<TableRow<F>, Good> = { check: () => (checked++, { issues: [], good: null }) };
    const bomb = await sharedStringsBomb(2_000_000);
    const err = await refusal(previewRows(readTable(bomb, { columns }), {}, counting));
    expect(['sharedStrings', 'ratio']).toContain(ruleOf(err));
    expect(checked).toBe(0);
  });

  it('passes the reader rows through dataRows unchanged', async () => {
    const out = [];
    for await (const r of dataRows(readTable(Buffer.from('编号,姓名\n1,甲\n'), { columns }))) out.push(r);
    expect(out).toEqual([{ row: 2, text: { 编号: '1', 姓名: '甲' }, dates: {}, formulas: [] }]);
  });
});

describe('commit', () => {
  let database: Database;
  const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
  const audit = createAudit(clock);
  const ctx = { actorId: null, actorName: 'test', requestId: null };
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.execute(sql`create table pipeline_rows (key text primary key, name text not null)`);
    await database.db.execute(
      sql`create table pipeline_imports (id text primary key, committed_rows int not null default 0, done boolean not null default false)`,
    );
  });
  afterAll(() => database?.close());

  const good = (n: number, from = 0): Good[] =>
    Array.from({ length: n }, (_, i) => ({ row: i + 2, key: `k${from + i}`, name: `名${i}` }));
  const count = async () =>
    Number((await sqlRows<{ n: string }>(database.db, sql`select count(*) as n from pipeline_rows`))[0]!.n);
  const committedRows = async (id: string) =>
    (
      await sqlRows<{ c: number }>(database.db, sql`select committed_rows as c from pipeline_imports where id = ${id}`)
    )[0]!.c;
  const audits = async (id: string) =>
    sqlRows<{ after: { inserted: number; rows: number } }>(
      database.db,
      sql`select after from audit_log where action = 'test.import' and entity_id = ${id}`,
    );

  /** The test import's commit, keyed by `id`; `failAt` makes the batch starting at that offset fail once. */
  async function commit(
    id: string,
    rows: Good[],
    opts: { batchSize?: number; atomic?: boolean; failAt?: number } = {},
  ) {
    await database.db.execute(sql`insert into pipeline_imports (id) values (${id}) on conflict do nothing`);
    const seen: number[] = [];
    const result = await commitInBatches({
      db: database.db,
      rows,
      batchSize: opts.batchSize ?? 2,
      atomic: opts.atomic,
      resumeFrom: opts.atomic ? 0 : await committedRows(id),
      zero: { inserted: 0 },
      async write(tx: Tx, batch, offset) {
        if (offset === opts.failAt) throw new Error('the database went away');
        let inserted = 0;
        for (const g of batch)
          inserted += (
            await sqlRows(
              tx,
              sql`insert into pipeline_rows (key, name) values (${g.key}, ${g.name}) on conflict do nothing returning key`,
            )
          ).length;
        return { inserted };
      },
      progress: async (tx, n) => {
        seen.push(n);
        await tx.execute(sql`update pipeline_imports set committed_rows = ${n} where id = ${id}`);
      },
      finish: (tx) => tx.execute(sql`update pipeline_imports set done = true where id = ${id}`),
      audit: (tx, c) =>
        audit.record(tx, ctx, {
          action: 'test.import',
          entityKind: 'test_import',
          entityId: id,
          after: { ...c, rows: rows.length },
        }),
    });
    return { result, seen };
  }

  it('writes in batches, reports progress after each, and records one audit entry with the counts', async () => {
    const before = await count();
    const { result, seen } = await commit('a', good(5, 0));
    expect(result).toEqual({ inserted: 5 });
    expect(seen).toEqual([2, 4, 5]);
    expect(await count()).toBe(before + 5);
    expect((await audits('a')).map((a) => a.after)).toEqual([{ inserted: 5, rows: 5 }]);
  });

  it('committed twice with the same key adds the rows once', async () => {
    const rows = good(5, 100);
    await commit('b', rows);
    const before = await count();
    const again = await commit('b', rows);
    expect(again.result).toEqual({ inserted: 0 });
    expect(again.seen).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('a commit that failed part-way keeps its earlier batches, and its retry writes only the rest', async () => {
    const rows = good(5, 200);
    const before = await count();
    await expect(commit('c', rows, { failAt: 2 })).rejects.toThrow(/went away/);
    expect(await count()).toBe(before + 2);
    expect(await committedRows('c')).toBe(2);
    expect(await audits('c')).toEqual([]);
    const retry = await commit('c', rows);
    expect(retry.result).toEqual({ inserted: 3 });
    expect(retry.seen).toEqual([4, 5]);
    expect(await count()).toBe(before + 5);
  });

  it('an atomic commit writes all batches or none', async () => {
    const rows = good(5, 300);
    const before = await count();
    await expect(commit('d', rows, { atomic: true, failAt: 4 })).rejects.toThrow(/went away/);
    expect(await count()).toBe(before);
    expect(await committedRows('d')).toBe(0);
    expect((await commit('d', rows, { atomic: true })).result).toEqual({ inserted: 5 });
    expect(await count()).toBe(before + 5);
  });
});

describe('streamed commit', () => {
  const csv = (n: number) =>
    Buffer.from(['编号,姓名', ...Array.from({ length: n }, (_, i) => `${i},甲${i}`)].join('\n'));

  it('prepares and writes full batches as rows arrive, the rest at the end, one write at a time', async () => {
    const written: string[][] = [];
    let read = 0;
    let writing = 0;
    await streamInBatches({
      rows: readTable(Readable.from([csv(5)]), { columns, format: 'csv' }),
      batchSize: 2,
      prepare: async (rows: TableRow<F>[]) => rows.map((r) => r.text.编号 ?? ''),
      write: async (keys) => {
        expect(++writing).toBe(1);
        await new Promise((r) => setImmediate(r));
        written.push(keys);
        writing--;
      },
      onRow: () => read++,
    });
    expect(read).toBe(5);
    expect(written).toEqual([['0', '1'], ['2', '3'], ['4']]);
  });

  it('refuses a header problem and, once the upload is cut, writes no further batch', async () => {
    const noHeader = streamInBatches({
      rows: readTable(Buffer.from('编号\n1\n'), { columns }),
      batchSize: 2,
      prepare: async () => null,
      write: async () => {},
    });
    expect((await refusal(noHeader)).details?.[0]?.message).toMatch(/姓名/);
    let read = 0;
    const batches: number[] = [];
    const cut = streamInBatches({
      rows: readTable(csv(7), { columns }),
      batchSize: 2,
      prepare: async (rows: TableRow<F>[]) => rows.length,
      write: async (n) => void batches.push(n),
      onRow: () => read++,
      cut: () => read > 3,
      onCut: () => new AppError('payload_too_large'),
    });
    await expect(cut).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(batches).toEqual([2]);
  });
});
