// People without a citizen ID number (children, foreigners, refusals): hand-entered facts, dedupe, later IDs, import; moving out kept on record.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import type { Session, TestApp } from '../../testing';
import { createPeopleTestApp, fakeId } from './testing';
import { XLSX_TYPE } from './workbook';

let t: TestApp;
let grid1: Session;
let community1: Session;
let h0: number;

beforeAll(async () => {
  t = await createPeopleTestApp();
  grid1 = await t.login('grid1');
  community1 = await t.login('community1');
  h0 = t.demo.households[1]!.id;
});
afterAll(() => t?.close());

const post = (payload: object, s = grid1) => t.as(s, { method: 'POST', url: '/api/people/residents', payload });
const errPath = (body: string) => (JSON.parse(body).error?.details ?? []).map((d: { path: string }) => d.path);
const count = async (where = sql`true`) =>
  Number((await rows<{ n: string }>(t.deps.db, sql`select count(*) as n from residents where ${where}`))[0]!.n);

describe('registering without a citizen ID', () => {
  it('asks for the reason, sex and birth date, and stores no document columns', async () => {
    const base = { name: '王小宝', idKind: 'none', residenceType: 'registered', householdNodeId: h0 };
    expect(errPath((await post({ ...base, sex: 'male', birthDate: '2025-06-01' })).body)).toEqual(['noIdReason']);
    expect(errPath((await post({ ...base, noIdReason: '新生儿尚未办理', birthDate: '2025-06-01' })).body)).toEqual([
      'sex',
    ]);
    expect(
      errPath((await post({ ...base, noIdReason: '新生儿尚未办理', sex: 'male', birthDate: '2099-01-01' })).body),
    ).toEqual(['birthDate']);
    expect(errPath((await post({ name: '无号', residenceType: 'registered', householdNodeId: h0 })).body)).toEqual([
      'idNumber',
    ]);
    const ok = await post({ ...base, noIdReason: '新生儿尚未办理', sex: 'male', birthDate: '2025-06-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = ok.json();
    expect(r).toMatchObject({
      idKind: 'none',
      idNumberMasked: null,
      noIdReason: '新生儿尚未办理',
      sex: 'male',
      birthDate: '2025-06-01',
      care: null,
    });
    const [raw] = await rows<{ id_cipher: string | null; id_hash: string | null }>(
      t.deps.db,
      sql`select id_cipher, id_hash from residents where id = ${r.id}`,
    );
    expect(raw).toEqual({ id_cipher: null, id_hash: null });
    // The same child twice in one household is a duplicate; a namesake born another day is not.
    expect((await post({ ...base, noIdReason: '重复', sex: 'male', birthDate: '2025-06-01' })).statusCode).toBe(409);
    expect(
      (await post({ ...base, noIdReason: '双胞胎另一人', sex: 'female', birthDate: '2025-06-02' })).statusCode,
    ).toBe(200);
    // Reveal finds nothing to show, and search by name still works.
    const shown = await t.as(community1, {
      method: 'POST',
      url: `/api/people/residents/${r.id}/reveal`,
      payload: { field: 'idNumber' },
    });
    expect(shown.json()).toEqual({ field: 'idNumber', value: null });
    const found = (await t.as(grid1, { method: 'GET', url: '/api/people/residents?q=wxb' }))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(found).toContain(r.id);
  });

  it('keeps another document encrypted, deduplicated by kind and number', async () => {
    const body = {
      name: 'John Smith',
      idKind: 'passport',
      idNumber: 'E1234 5678',
      sex: 'male',
      birthDate: '1980-02-03',
      residenceType: 'floating',
      householdNodeId: h0,
    };
    const r = await post(body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ idKind: 'passport', idNumberMasked: 'E123*5678' });
    expect((await post({ ...body, name: 'J. Smith', idNumber: 'e12345678' })).statusCode).toBe(409);
    expect(errPath((await post({ ...body, idNumber: '??' })).body)).toEqual(['idNumber']);
    const raw = JSON.stringify(await rows(t.deps.db, sql`select * from residents`));
    expect(raw).not.toContain('E12345678');
    const tail = (await t.as(grid1, { method: 'GET', url: '/api/people/residents?q=5678' }))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(tail).toContain(r.json().id);
  });

  it('takes the ID number when the child gets one: sex and birth date then come from it', async () => {
    const kid = (
      await post({
        name: '李小花',
        idKind: 'none',
        noIdReason: '未办理',
        sex: 'male',
        birthDate: '2020-01-01',
        residenceType: 'registered',
        householdNodeId: h0,
      })
    ).json();
    const id = fakeId(7, { sex: 'female', birth: '2020-01-02' });
    const up = await t.as(grid1, {
      method: 'PATCH',
      url: `/api/people/residents/${kid.id}`,
      payload: { idKind: 'resident_id', idNumber: id },
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({
      idKind: 'resident_id',
      idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`,
      noIdReason: null,
      sex: 'female',
      birthDate: '2020-01-02',
    });
    // Someone else cannot take the same number.
    const other = (
      await post({
        name: '别人',
        idKind: 'none',
        noIdReason: '拒绝提供',
        sex: 'male',
        birthDate: '1990-01-01',
        residenceType: 'registered',
        householdNodeId: h0,
      })
    ).json();
    expect(
      (
        await t.as(grid1, {
          method: 'PATCH',
          url: `/api/people/residents/${other.id}`,
          payload: { idKind: 'resident_id', idNumber: id },
        })
      ).statusCode,
    ).toBe(409);
  });
});

describe('moving out and the care level on the record', () => {
  it('needs a destination, keeps the record and shows the care level in lists', async () => {
    const r = (
      await post({ name: '迁出者', idNumber: fakeId(31), residenceType: 'registered', householdNodeId: h0 })
    ).json();
    await t.as(grid1, {
      method: 'PUT',
      url: `/api/people/residents/${r.id}/care`,
      payload: { level: 'yellow', reason: '独居' },
    });
    const listed = (await t.as(grid1, { method: 'GET', url: `/api/people/residents?householdNodeId=${h0}` }))
      .json()
      .items.find((x: { id: number }) => x.id === r.id);
    expect(listed.care).toMatchObject({ level: 'yellow', reason: '独居' });
    expect(
      (
        await t.as(grid1, {
          method: 'POST',
          url: `/api/people/residents/${r.id}/move-out`,
          payload: { movedOutOn: '2026-01-01' },
        })
      ).statusCode,
    ).toBe(400);
    const out = await t.as(grid1, {
      method: 'POST',
      url: `/api/people/residents/${r.id}/move-out`,
      payload: { movedOutOn: '2026-01-01', destination: '迁往上海市' },
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ movedOutOn: '2026-01-01', movedOutTo: '迁往上海市' });
    expect(await count(sql`id = ${r.id}`)).toBe(1);
  });
});

describe('people permissions in Me', () => {
  it('gives the web people.read/write/reveal from the policy', async () => {
    const perms = async (s: Session) =>
      (await t.as(s, { method: 'GET', url: '/api/auth/me' })).json().permissions as string[];
    const g = await perms(grid1);
    expect(g).toEqual(expect.arrayContaining(['people.read', 'people.write']));
    expect(g).not.toContain('people.reveal');
    expect(await perms(community1)).toEqual(
      expect.arrayContaining(['people.read', 'people.write', 'people.reveal', 'people.export']),
    );
    expect(await perms(await t.login('dept1'))).not.toContain('people.read');
  });
});

describe('importing people without an ID', () => {
  const HEAD = ['姓名', '身份证号', '居住类型', '户', '证件类型', '无证件原因', '性别', '出生日期'];
  async function upload(data: ExcelJS.CellValue[][]) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('居民');
    sheet.addRow(HEAD);
    for (const r of data) sheet.addRow(r);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const boundary = '----jyNoId';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`;
    const r = await t.as(grid1, {
      method: 'POST',
      url: '/api/people/imports',
      payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { id: string; goodRows: number; errors: { row: number; field: string }[] };
  }
  const commit = async (id: string) =>
    (await t.as(grid1, { method: 'POST', url: `/api/people/imports/${id}/commit` })).json();

  it('imports, explains missing facts, re-imports without duplicates and attaches a later ID', async () => {
    const code = t.demo.households[2]!.code;
    const p = await upload([
      ['赵宝宝', '', '户籍', code, '暂无证件', '新生儿', '女', '2025-03-04'],
      ['钱宝宝', '', '户籍', code, '', '未办理', '男', ''],
      ['孙宝宝', '', '户籍', code, '火星证', '', '男', '2025-01-01'],
      ['赵宝宝', '', '户籍', code, '暂无证件', '新生儿', '女', '2025-03-04'],
    ]);
    expect(p.goodRows).toBe(1);
    expect(p.errors.map((e) => [e.row, e.field])).toEqual([
      [3, '出生日期'],
      [4, '证件类型'],
      [5, '姓名'],
    ]);
    expect(await commit(p.id)).toMatchObject({ inserted: 1, updated: 0 });
    expect(
      await commit((await upload([['赵宝宝', '', '户籍', code, '暂无证件', '新生儿', '女', '2025-03-04']])).id),
    ).toMatchObject({ inserted: 0, unchanged: 1 });
    const id = fakeId(8, { sex: 'female', birth: '2025-03-04' });
    expect(await commit((await upload([['赵宝宝', id, '户籍', code, '', '', '', '']])).id)).toMatchObject({
      inserted: 0,
      updated: 1,
    });
    const [kid] = await rows<{ id_kind: string; no_id_reason: string | null; n: string }>(
      t.deps.db,
      sql`select id_kind, no_id_reason, (select count(*)::int from residents where name = '赵宝宝') as n from residents where name = '赵宝宝'`,
    );
    expect({ ...kid, n: Number(kid!.n) }).toEqual({ id_kind: 'resident_id', no_id_reason: null, n: 1 });
  });
});
