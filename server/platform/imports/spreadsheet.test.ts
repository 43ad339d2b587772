// The bounded reader: ordinary workbooks and CSV read as before, and every hostile file of the security report
// refused with a 400 naming its rule, memory and the event loop unharmed, nothing left in the temp folder.
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { Readable } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  billionLaughs,
  deepNesting,
  hugeDeclaredEntry,
  longValue,
  lyingSizeBomb,
  manyCells,
  ratioBomb,
  sharedStringsBomb,
} from './hostile-files';
import {
  BULK_LIMITS,
  INTERACTIVE_LIMITS,
  readTable,
  ruleOf,
  TEMP_PREFIX,
  type SheetLimits,
  type TableRow,
} from './index';

const columns = { headers: ['姓名', '日期', '电话', '备注'] as const, required: ['姓名'] as const };
type F = (typeof columns.headers)[number];

async function readAll(
  source: Buffer | Readable,
  opts: { format?: 'xlsx' | 'csv'; limits?: SheetLimits; csvFormulas?: boolean } = {},
) {
  const out: (TableRow<F> | { headerProblem: string })[] = [];
  for await (const r of readTable(source, {
    columns: { headers: columns.headers, required: columns.required },
    ...opts,
  }))
    out.push(r);
  return out;
}

/** The AppError reading throws, or fails the test. */
async function refusal(source: Buffer | Readable, opts: Parameters<typeof readAll>[1] = {}): Promise<AppError> {
  const err = await readAll(source, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(400);
  return err as AppError;
}

/** Peak resident memory growth while `f` runs, sampled every 5 ms (reading yields, so the sampler gets its turns). */
async function peakRssGrowth(f: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await f();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - base;
}

const tempFiles = async () =>
  (await readdir(os.tmpdir())).filter((f) => f.startsWith(TEMP_PREFIX) || /^tmp-\d+/.test(f)).sort();

describe('reading ordinary files', () => {
  it('reads an Excel workbook: headers in any order, shared and rich text, numbers, dates, formulas; empty rows skipped', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('x');
    s.addRow(['备注', '姓名', '其他', '日期', '电话']);
    s.addRow([
      { richText: [{ text: '富' }, { text: '文本' }] },
      '张三',
      'x',
      new Date(Date.UTC(2020, 4, 1)),
      13800000000,
    ]);
    s.addRow([]);
    s.addRow(['', '李四', '', '2021-02-03', { formula: '1+1', result: 2 }]);
    s.addRow([true, '王五 & <赵>']);
    const rows = await readAll(Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows).toEqual([
      {
        row: 2,
        text: { 备注: '富文本', 姓名: '张三', 电话: '13800000000' },
        dates: { 日期: new Date(Date.UTC(2020, 4, 1)) },
        formulas: [],
      },
      { row: 4, text: { 备注: '', 姓名: '李四', 日期: '2021-02-03' }, dates: {}, formulas: ['电话'] },
      { row: 5, text: { 备注: 'true', 姓名: '王五 & <赵>' }, dates: {}, formulas: [] },
    ]);
  });

  it('names missing headers and empty files', async () => {
    expect(await readAll(Buffer.from('电话,备注\n1,2\n'))).toEqual([
      { headerProblem: 'row 1 lacks the headers: 姓名' },
    ]);
    expect(await readAll(Buffer.from(''), { format: 'csv' })).toEqual([{ headerProblem: 'the file is empty' }]);
  });

  it('reads CSV in UTF-8 from a stream and GB18030 from bytes; "=" is a formula only when asked', async () => {
    const text = '\ufeff姓名,电话\r\n张三,=1+1\r\n\r\n"李\n四",139\r\n';
    expect(await readAll(Readable.from([Buffer.from(text)]), { format: 'csv', csvFormulas: true })).toEqual([
      { row: 2, text: { 姓名: '张三' }, dates: {}, formulas: ['电话'] },
      { row: 4, text: { 姓名: '李\n四', 电话: '139' }, dates: {}, formulas: [] },
    ]);
    const gb = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]); // 姓名\n张三\n in GB18030
    expect(await readAll(gb)).toEqual([{ row: 2, text: { 姓名: '张三' }, dates: {}, formulas: [] }]);
  });

  it('reads a streamed workbook through a temp copy that is gone afterwards', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRows([['姓名'], ['甲'], ['乙']]);
    const before = await tempFiles();
    const rows = await readAll(Readable.from([Buffer.from(await book.xlsx.writeBuffer())]), { format: 'xlsx' });
    expect(rows.map((r) => ('text' in r ? r.text.姓名 : r))).toEqual(['甲', '乙']);
    expect(await tempFiles()).toEqual(before);
  });
});

describe('refusing hostile files', () => {
  it('refuses the shared-strings bomb (15 million entries) from its directory, and while streaming when the directory is believed, memory flat', async () => {
    const bomb = await sharedStringsBomb(15_000_000);
    expect(bomb.length).toBeLessThan(3_000_000);
    const direct = await refusal(bomb);
    expect(ruleOf(direct)).toBe('ratio');
    expect(direct.details?.[0]).toEqual({
      path: 'file',
      message: 'a part of the workbook unpacks to more than 200 times its packed size',
    });
    // With the ratio and size checks out of the way, the count stops it while streaming, with little memory.
    const lax = { ...BULK_LIMITS, maxRatio: 1e9 };
    let err: AppError | null = null;
    const growth = await peakRssGrowth(async () => (err = await refusal(bomb, { limits: lax })));
    expect(ruleOf(err)).toBe('sharedStrings');
    expect(err!.details?.[0]?.message).toBe('the workbook has more than 5000000 shared strings');
    expect(growth).toBeLessThan(200 * 1_048_576);
  });

  it('refuses shared strings beyond their total characters', async () => {
    const err = await refusal(await lyingSizeBomb(50_000), {
      limits: { ...INTERACTIVE_LIMITS, maxSharedChars: 10_000, maxRatio: 1e9 },
    });
    // The directory said 1,000 bytes; the reader stops at whichever comes first, the lie or the characters.
    expect(err.details?.[0]?.message).toMatch(/^cannot read the XLSX file: |more than 10000 characters/);
  });

  it('refuses an entry that inflates past its declared size', async () => {
    const err = await refusal(await lyingSizeBomb(200_000), { limits: { ...INTERACTIVE_LIMITS, maxRatio: 1e9 } });
    expect(err.details?.[0]?.message).toMatch(/^cannot read the XLSX file: .*(too many bytes|size)/i);
  });

  it('refuses a declared size beyond the bound before unpacking anything', async () => {
    const err = await refusal(await hugeDeclaredEntry());
    expect(ruleOf(err)).toBe('entryBytes');
    expect(err.details?.[0]?.message).toBe('a part of the workbook unpacks to more than 200 MB');
  });

  it('refuses a packed-thin sheet by its ratio', async () => {
    expect(ruleOf(await refusal(await ratioBomb(50 * 1_048_576)))).toBe('ratio');
  });

  it('refuses DTDs (billion laughs) and nesting a million levels deep', async () => {
    const laughs = await refusal(await billionLaughs());
    expect(ruleOf(laughs)).toBe('dtd');
    expect(laughs.details?.[0]?.message).toBe('the workbook declares a DTD or entities, which are not accepted');
    // A million levels pack a thousand to one, so the ratio refuses them first; past the ratio, the depth does.
    expect(ruleOf(await refusal(await deepNesting(1_000_000)))).toBe('ratio');
    const deep = await refusal(await deepNesting(1_000_000), { limits: { ...INTERACTIVE_LIMITS, maxRatio: 1e9 } });
    expect(ruleOf(deep)).toBe('depth');
    expect(deep.details?.[0]?.message).toBe('the workbook nests elements more than 64 levels deep');
  });

  it('refuses too many rows, too many cells in a row, and a value longer than the bound', async () => {
    expect(
      ruleOf(await refusal(await manyCells(5_001, 1), { limits: { ...INTERACTIVE_LIMITS, maxRows: 5_000 } })),
    ).toBe('rows');
    expect(ruleOf(await refusal(await manyCells(2, 2_001)))).toBe('cellsPerRow');
    expect(
      ruleOf(await refusal(await longValue(2 * 1_048_576), { limits: { ...INTERACTIVE_LIMITS, maxRatio: 1e9 } })),
    ).toBe('runChars');
  });

  it('refuses a CSV line longer than the bound, and too many fields', async () => {
    const line = Readable.from(
      (function* () {
        yield '姓名\n';
        for (let i = 0; i < 40; i++) yield 'x'.repeat(64 * 1024);
      })(),
    );
    expect(ruleOf(await refusal(line, { format: 'csv' }))).toBe('runChars');
    expect(ruleOf(await refusal(Buffer.from(`姓名${',x'.repeat(2_001)}\n`)))).toBe('cellsPerRow');
  });

  it('answers a non-zip named .xlsx, a cut-off workbook and broken XML with a 400 saying it cannot be read', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRows([['姓名'], ['甲']]);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    for (const bad of [
      Buffer.from('this is not a workbook at all'),
      good.subarray(0, good.length - 100),
      Buffer.from('PK\u0003\u0004 truncated'),
    ]) {
      expect((await refusal(bad, { format: 'xlsx' })).details?.[0]?.message).toMatch(/^cannot read the XLSX file: /);
    }
    expect((await refusal(await deepNestingBroken(), { format: 'xlsx' })).details?.[0]?.message).toMatch(
      /^cannot read the XLSX file: /,
    );
  });

  it('leaves no temp file behind when a streamed workbook is refused or its reader is stopped early', async () => {
    const before = await tempFiles();
    await refusal(Readable.from([await sharedStringsBomb(2_000_000)]), {
      format: 'xlsx',
      limits: { ...BULK_LIMITS, maxRatio: 1e9, maxSharedStrings: 1_000_000 },
    });
    const it = readTable(Readable.from([await manyCells(100, 3)]), {
      columns: { headers: ['x'], required: [] },
      format: 'xlsx',
    });
    await it.next();
    await it.return(undefined);
    expect(await tempFiles()).toEqual(before);
  });

  it('reads 50,000 rows without holding the event loop (p99 delay well under 100 ms)', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('x');
    s.addRow(['姓名', '电话', '备注']);
    for (let i = 0; i < 50_000; i++) s.addRow([`居民${i}`, String(13_800_000_000 + i), `备注${i % 100}`]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const rows = await readAll(file);
    delay.disable();
    expect(rows).toHaveLength(50_000);
    expect(delay.percentile(99) / 1e6).toBeLessThan(100);
  }, 60_000);
});

/** XML that ends in the middle of a tag. */
async function deepNestingBroken(): Promise<Buffer> {
  const { workbook } = await import('./hostile-files');
  return workbook(['<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is']);
}
