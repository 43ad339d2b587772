// Excel import and export: a generated 1,000-row workbook with planted errors, idempotent re-import, all-or-nothing commit, masked export.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import type { Session, TestApp } from '../../testing';
import { createPeopleTestApp, fakeId, fakePhone } from './testing';
import { IMPORT_HEADERS, XLSX_TYPE } from './workbook';

let t: TestApp;
let grid1: Session;
let community1: Session;

type Cell = ExcelJS.CellValue;
async function workbook(data: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('居民');
  sheet.addRow([...IMPORT_HEADERS]);
  for (const r of data) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
function form(data: Buffer) {
  const boundary = `----jiayuan${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.xlsx"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const upload = (s: Session, data: Buffer) => t.as(s, { method: 'POST', url: '/api/people/imports', ...form(data) });
const commit = (s: Session, id: string) => t.as(s, { method: 'POST', url: `/api/people/imports/${id}/commit` });
const count = async () =>
  Number((await rows<{ n: string }>(t.deps.db, sql`select count(*) as n from residents`))[0]!.n);

/** 1,000 rows for grid1's households; the planted errors are keyed by their worksheet row number (data starts at row 2). */
function thousandRows(codes: string[], outsideCode: string) {
  const data: Cell[][] = [];
  for (let i = 0; i < 1000; i++)
    data.push([
      `居民${i}`,
      fakeId(i),
      fakePhone(i),
      ['户籍', '常住', '流动', '寄住'][i % 4]!,
      codes[i % codes.length]!,
      '2020-05-01',
      i % 10 === 0 ? '独居老人' : '',
    ]);
  const planted: Record<number, string> = {};
  const plant = (i: number, col: number, v: Cell, field: string) => ((data[i]![col] = v), (planted[i + 2] = field));
  const good = fakeId(100);
  plant(100, 1, good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), '身份证号');
  plant(200, 4, '9999999999', '户');
  plant(300, 4, outsideCode, '户');
  plant(400, 5, '2021-02-30', '迁入日期');
  plant(500, 1, fakeId(499), '身份证号');
  plant(600, 2, { formula: '1+1', result: 2 }, '联系电话');
  plant(700, 3, '外星', '居住类型');
  return { data, planted };
}

beforeAll(async () => {
  t = await createPeopleTestApp();
  grid1 = await t.login('grid1');
  community1 = await t.login('community1');
  await t.as(await t.login('admin'), {
    method: 'POST',
    url: '/api/people/tags',
    payload: { code: 'elderly_alone', name: '独居老人' },
  });
});
afterAll(() => t?.close());

describe('import', () => {
  const grid0Codes = () => t.demo.households.filter((h) => h.path.startsWith(t.demo.grids[0]!.path)).map((h) => h.code);
  const outside = () => t.demo.households.find((h) => h.path.startsWith(t.demo.grids[1]!.path))!.code;

  it('serves the template', async () => {
    const r = await t.as(grid1, { method: 'GET', url: '/api/people/import/template.xlsx' });
    expect(r.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...IMPORT_HEADERS]);
  });

  it('accepts the template’s own example rows as they are', async () => {
    const template = await t.as(grid1, { method: 'GET', url: '/api/people/import/template.xlsx' });
    const preview = await upload(grid1, template.rawPayload as unknown as Buffer);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ totalRows: 2, goodRows: 2, errors: [] });
  });

  it('explains every bad row, commits the rest, and a re-import changes nothing', async () => {
    const { data, planted } = thousandRows(grid0Codes(), outside());
    const file = await workbook(data);
    const p = await upload(grid1, file);
    expect(p.statusCode, p.body).toBe(200);
    const preview = p.json();
    expect(preview.totalRows).toBe(1000);
    expect(preview.goodRows).toBe(1000 - Object.keys(planted).length);
    const byRow = Object.fromEntries(preview.errors.map((e: { row: number; field: string }) => [e.row, e.field]));
    expect(byRow).toEqual(planted);
    expect(preview.errors.find((e: { row: number }) => e.row === 502).reason).toBe('与第 501 行的身份证号重复');
    expect(preview.errors.find((e: { row: number }) => e.row === 302).reason).toMatch(/不在您的管辖范围内/);
    const stored = JSON.stringify(await rows(t.deps.db, sql`select rows from people_imports`));
    expect(stored).not.toContain(fakeId(1));
    expect(stored).not.toContain(fakePhone(1));

    expect((await commit(community1, preview.id)).statusCode).toBe(404);
    const c = await commit(grid1, preview.id);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ inserted: preview.goodRows, updated: 0, unchanged: 0 });
    expect(await count()).toBe(preview.goodRows);
    const audit = await rows<{ after: { rows: number } }>(
      t.deps.db,
      sql`select after from audit_log where action = 'resident.import'`,
    );
    expect(audit[0]!.after.rows).toBe(preview.goodRows);

    const again = (await upload(grid1, file)).json();
    const c2 = await commit(grid1, again.id);
    expect(c2.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: preview.goodRows });
    expect((await commit(grid1, again.id)).json()).toMatchObject({ inserted: 0, updated: 0 });
    expect(await count()).toBe(preview.goodRows);
    const list = (
      await t.as(grid1, { method: 'GET', url: '/api/people/residents?tag=elderly_alone&limit=200' })
    ).json();
    // Every tenth row is tagged; the seven planted errors sit on tagged rows (100, 200 … 700).
    expect(list.items.length).toBe(100 - Object.keys(planted).length);
  });

  it('commits all or nothing', async () => {
    const codes = grid0Codes();
    const data: Cell[][] = [];
    for (let i = 0; i < 700; i++)
      data.push([`新居民${i}`, fakeId(1200 + i), '', '流动', codes[i % codes.length]!, '', '']);
    const before = await count();
    const preview = (await upload(grid1, await workbook(data))).json();
    expect(preview.errors).toEqual([]);
    // The last row (in the second batch) now points at a household that does not exist: the whole commit must fail.
    await t.deps.db.execute(
      sql`update people_imports set rows = jsonb_set(rows, '{699,householdNodeId}', '99999999') where id = ${preview.id}`,
    );
    expect((await commit(grid1, preview.id)).statusCode).toBe(409);
    expect(await count()).toBe(before);
  });

  it('refuses volunteers and a workbook without headers', async () => {
    expect((await upload(await t.login('volunteer1'), await workbook([]))).statusCode).toBe(403);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['a', 'b']);
    const r = await upload(grid1, Buffer.from(await book.xlsx.writeBuffer()));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].message).toMatch(/缺少表头/);
  });
});

describe('export', () => {
  it('streams the filtered list masked, audited, for community workers and above', async () => {
    expect((await t.as(grid1, { method: 'GET', url: '/api/people/export.xlsx' })).statusCode).toBe(403);
    const r = await t.as(community1, { method: 'GET', url: '/api/people/export.xlsx?residenceType=floating' });
    expect(r.statusCode, r.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const body = JSON.stringify(sheet.getSheetValues());
    expect(body).not.toContain(fakeId(2));
    expect(body).toMatch(/9901\*{10}/);
    const floating = (
      await rows<{ n: string }>(
        t.deps.db,
        sql`select count(*) as n from residents where residence_type = 'floating' and moved_out_on is null`,
      )
    )[0]!.n;
    expect(sheet.rowCount - 1).toBe(Number(floating));
    const audit = await rows<{ after: { rows: number } }>(
      t.deps.db,
      sql`select after from audit_log where action = 'resident.export'`,
    );
    expect(audit.at(-1)!.after.rows).toBe(Number(floating));
  });
});
