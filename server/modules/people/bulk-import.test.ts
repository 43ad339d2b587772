// Bulk roster import: generated 5,000-row CSV and XLSX files with planted bad rows, idempotent re-import with in-place
// updates, repeats across batches, the admin-only policy, scope, and clear refusals of garbage and oversized files.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBindings } from '../../platform/auth/sessions';
import { rows } from '../../platform/db';
import type { Actor } from '../../platform/policy';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { territoryRepo, type NodeRow } from '../territory';
import { createBulkImporter } from './bulk-import';
import { peopleCrypto } from './index';
import { createPeopleTestApp, fakeId, fakePhone } from './testing';
import { IMPORT_HEADERS } from './workbook';

let t: TestApp;
let admin: Session;
/** Households in the second street (the demo has households in the first street only). */
const otherStreet: NodeRow[] = [];

type Cell = string | { formula: string; result: number };
const HEAD = IMPORT_HEADERS.slice(0, 7);
const TYPES = ['户籍', '常住', '流动', '寄住'];

/** `n` rows for the given households from ID number `base` on; planted problems keyed by row number (data starts at row 2). */
function roster(n: number, base: number, codes: string[]) {
  const data: Cell[][] = [];
  for (let i = 0; i < n; i++)
    data.push([
      `批量${base + i}`,
      fakeId(base + i),
      fakePhone(base + i),
      TYPES[i % 4]!,
      codes[i % codes.length]!,
      '2020-05-01',
      i % 10 === 1 ? '独居老人' : '',
    ]);
  const planted: Record<number, string> = {};
  const plant = (i: number, col: number, v: Cell, field: string) => ((data[i]![col] = v), (planted[i + 2] = field));
  const good = fakeId(base + 10);
  plant(10, 1, good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), '身份证号');
  plant(20, 4, '9999999999', '户');
  plant(40, 5, '2021-02-30', '迁入日期');
  plant(50, 2, { formula: '1+1', result: 2 }, '联系电话');
  plant(60, 3, '外星', '居住类型');
  if (n > 1000) plant(n - 500, 1, fakeId(base + 30), '身份证号');
  return { data, planted };
}
const csvCell = (c: Cell) =>
  typeof c === 'string' ? (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c) : `=${c.formula}`;
const csv = (data: Cell[][]) =>
  Buffer.from('\ufeff' + [HEAD, ...data].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
async function xlsx(data: Cell[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('居民');
  sheet.addRow([...HEAD]);
  for (const r of data) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
function form(data: Buffer, filename: string) {
  const boundary = `----jiayuan${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const bulk = (app: TestApp, s: Session, data: Buffer, filename: string, query = '') =>
  app.as(s, { method: 'POST', url: `/api/people/imports/bulk${query}`, ...form(data, filename) });
const count = async () =>
  Number(
    (await rows<{ n: string }>(t.deps.db, sql`select count(*) as n from residents where name like '批量%'`))[0]!.n,
  );
const issuesByRow = (issues: { row: number; field: string }[]) =>
  Object.fromEntries(issues.map((e) => [e.row, e.field]));

beforeAll(async () => {
  t = await createPeopleTestApp();
  admin = await t.login('admin');
  await t.as(admin, { method: 'POST', url: '/api/people/tags', payload: { code: 'elderly_alone', name: '独居老人' } });
  const grid = t.demo.grids.find((g) => g.path.startsWith(t.demo.streets[1]!.path))!;
  for (let i = 1; i <= 4; i++)
    otherStreet.push(
      await territoryRepo.insert(
        t.deps.db,
        { kind: 'household', name: `外街${i}室`, code: `BULK-OTHER-${i}`, parentId: grid.id },
        grid,
      ),
    );
});
afterAll(() => t?.close());

describe('bulk import', () => {
  const codes = () => [...t.demo.households, ...otherStreet].map((h) => h.code);

  it('imports a CSV: good rows once, every bad row explained, a re-import adds nothing, an XLSX updates in place', async () => {
    const { data, planted } = roster(5000, 10_000, codes());
    const job = randomUUID();
    const r = await bulk(t, admin, csv(data), 'roster.csv', `?job=${job}`);
    expect(r.statusCode, r.body).toBe(200);
    const good = 5000 - Object.keys(planted).length;
    expect(r.json()).toMatchObject({
      format: 'csv',
      rowsRead: 5000,
      rowsWritten: good,
      inserted: good,
      updated: 0,
      unchanged: 0,
      badRows: 6,
    });
    expect(issuesByRow(r.json().issues)).toEqual(planted);
    expect(r.json().issues.find((e: { row: number }) => e.row === 4502).reason).toBe('与第 32 行的身份证号重复');
    expect(await count()).toBe(good);
    // Sealed like every other resident: the stored row holds no plain ID number.
    const [one] = await rows<{ id_cipher: string; id_tail: string; sex: string }>(
      t.deps.db,
      sql`select id_cipher, id_tail, sex from residents where name = '批量10001'`,
    );
    expect(one!.id_cipher).not.toContain(fakeId(10_001));
    expect(one!.id_tail).toBe(fakeId(10_001).slice(-4));
    const tagged = await rows<{ n: string }>(
      t.deps.db,
      sql`select count(*) as n from residents where name like '批量%' and tags @> array['elderly_alone']`,
    );
    expect(Number(tagged[0]!.n)).toBe(500); // every tenth row from the second; no planted row is one of them
    const progress = await t.as(admin, { method: 'GET', url: `/api/people/imports/bulk/${job}` });
    expect(progress.json()).toMatchObject({ state: 'done', rowsRead: 5000, rowsWritten: good, badRows: 6 });
    expect(
      (await t.as(await t.login('street1'), { method: 'GET', url: `/api/people/imports/bulk/${job}` })).statusCode,
    ).toBe(404);
    const audit = await rows<{ after: { inserted: number; badRows: number; completed: boolean } }>(
      t.deps.db,
      sql`select after from audit_log where action = 'resident.bulk_import'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ inserted: good, badRows: 6, completed: true });

    const again = await bulk(t, admin, csv(data), 'roster.csv');
    expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: good, badRows: 6 });
    expect(await count()).toBe(good);

    // The same roster as a workbook, with every hundredth person moved to another residence type: updated in place.
    const [before] = await rows<{ id: number }>(t.deps.db, sql`select id from residents where name = '批量10100'`);
    const changed = data.map((row, i) =>
      i % 100 === 0 ? row.map((c, col) => (col === 3 ? TYPES[(i + 1) % 4]! : c)) : row,
    );
    const x = await bulk(t, admin, await xlsx(changed), 'roster.xlsx');
    expect(x.statusCode, x.body).toBe(200);
    expect(x.json()).toMatchObject({ format: 'xlsx', rowsRead: 5000, inserted: 0, updated: 49, unchanged: good - 49 }); // row 4502 (i = 4500) is a planted repeat
    expect(issuesByRow(x.json().issues)).toEqual(planted);
    expect(await count()).toBe(good);
    const [after] = await rows<{ id: number; residence_type: string }>(
      t.deps.db,
      sql`select id, residence_type from residents where name = '批量10100'`,
    );
    expect(after).toEqual({ id: before!.id, residence_type: 'permanent' });
  });

  it('finds repeats across batches and people registered outside a street officer’s street', async () => {
    const bulkImporter = createBulkImporter({ ...t.deps, crypto: peopleCrypto(t.deps, { warn() {} }) }, { batch: 700 });
    const street = t.demo.streets[0]!.path;
    const inside = t.demo.households.filter((h) => h.path.startsWith(street)).map((h) => h.code);
    const { data, planted } = roster(2000, 40_000, inside);
    // Row 1502 repeats row 32 from the first batch; row 1900 is someone the first test registered in the other street
    // (the 17th household of its list), row 1901 names a household of the other street.
    data[1898] = ['批量10016', fakeId(10_016), '', '户籍', inside[0]!, '', ''];
    data[1899] = ['批量外户', fakeId(45_000), '', '户籍', otherStreet[0]!.code, '', ''];
    const actor = await actorOf('street1');
    const r = await bulkImporter.run(
      actor,
      { actorId: actor.userId, actorName: null, requestId: null },
      { stream: Readable.from(csv(data)), format: 'csv', fileName: null },
    );
    // Row 1900 is not marked (that would tell the street officer the number exists in the other street): it is kept
    // beside the other street's record and the district administrator, who sees both, is told.
    expect(issuesByRow(r.issues)).toEqual({ ...planted, 1901: '户' });
    expect(r.issues.find((e) => e.row === 1502)!.reason).toBe('与第 32 行的身份证号重复');
    expect(r.issues.find((e) => e.row === 1901)!.reason).toMatch(/不在您的管辖范围内/);
    expect(r).toMatchObject({ rowsRead: 2000, inserted: 2000 - 7, badRows: 7 });
    const [kept] = await rows<{ id: number; duplicate_of: number; original: string }>(
      t.deps.db,
      sql`select r.id, r.duplicate_of, o.name as original from residents r join residents o on o.id = r.duplicate_of where r.name = '批量10016' and r.id_hash is null`,
    );
    expect(kept!.original).toBe('批量10016');
    const told = await rows<{ username: string; title: string }>(
      t.deps.db,
      sql`select u.username, n.title from notifications n join users u on u.id = n.user_id where n.kind = 'resident_duplicate'`,
    );
    expect(told).toEqual([{ username: 'admin', title: `#${kept!.id} = #${kept!.duplicate_of}` }]);
    // Sealed as the app seals: its cipher opens the values and the blind index finds the person.
    const crypto = peopleCrypto(t.deps, { warn() {} });
    const [one] = await rows<{ id_cipher: string; id_hash: string; phone_cipher: string }>(
      t.deps.db,
      sql`select id_cipher, id_hash, phone_cipher from residents where name = ${data[5]![0] as string}`,
    );
    expect(crypto.decrypt('id_number', one!.id_cipher)).toBe(data[5]![1]);
    expect(crypto.decrypt('phone', one!.phone_cipher)).toBe(data[5]![2]);
    expect(one!.id_hash).toBe(crypto.blindIndex('id_number', data[5]![1] as string));
  });

  it('a batch the database refuses leaves the batches before it whole and none of its own rows; a re-import completes the rest', async () => {
    const bulkImporter = createBulkImporter({ ...t.deps, crypto: peopleCrypto(t.deps, { warn() {} }) }, { batch: 700 });
    const base = 85_000; // fakeId repeats every 21,000: kept apart from the other tests' people
    const { data, planted } = roster(2000, base, codes());
    const mine = async () =>
      Number(
        (
          await rows<{ n: string }>(
            t.deps.db,
            sql`select count(*) as n from residents where name >= ${`批量${base}`} and name < ${`批量${base + 2000}`} and length(name) = ${`批量${base}`.length}`,
          )
        )[0]!.n,
      );
    // The second batch (rows 702–1401) holds a person the database refuses, as a failing disk or a lost connection would.
    const refused = data[1000]![0] as string;
    await t.deps.db.execute(
      sql.raw(`create function bulk_refuse() returns trigger language plpgsql as $$ begin
      if new.name = '${refused}' then raise exception 'refused for the test'; end if; return new; end $$`),
    );
    await t.deps.db.execute(
      sql`create trigger bulk_refuse before insert on residents for each row execute function bulk_refuse()`,
    );
    const actor = await actorOf('admin');
    const job = randomUUID();
    const ctx = { actorId: actor.userId, actorName: null, requestId: null };
    try {
      const err = await bulkImporter
        .run(actor, ctx, { stream: Readable.from(csv(data)), format: 'csv', fileName: null, job })
        .then(
          () => null,
          (e: Error) => e,
        );
      expect(`${err?.message} ${String(err?.cause)}`).toMatch(/refused for the test/);
    } finally {
      await t.deps.db.execute(sql`drop trigger bulk_refuse on residents`);
      await t.deps.db.execute(sql`drop function bulk_refuse()`);
    }
    // The first batch is there whole (700 rows less its 5 planted bad ones), nothing of the second or third.
    expect(await mine()).toBe(695);
    expect(bulkImporter.progress(actor, job)).toMatchObject({ state: 'failed', rowsWritten: 695 });
    const [entry] = await rows<{ after: { completed: boolean; rowsWritten: number; inserted: number } }>(
      t.deps.db,
      sql`select after from audit_log where action = 'resident.bulk_import' and entity_id = ${job}`,
    );
    expect(entry!.after).toMatchObject({ completed: false, rowsWritten: 695, inserted: 695 });

    const good = 2000 - Object.keys(planted).length;
    const again = await bulkImporter.run(actor, ctx, {
      stream: Readable.from(csv(data)),
      format: 'csv',
      fileName: null,
    });
    expect(again).toMatchObject({ rowsWritten: good, inserted: good - 695, updated: 0, unchanged: 695, badRows: 6 });
    expect(await mine()).toBe(good);
  });

  it('finds a person registered without a document by household, name and birth date, and adds the document in place', async () => {
    const bulkImporter = createBulkImporter({ ...t.deps, crypto: peopleCrypto(t.deps, { warn() {} }) }, { batch: 700 });
    const actor = await actorOf('admin');
    const ctx = { actorId: actor.userId, actorName: null, requestId: null };
    const code = t.demo.households[0]!.code;
    const full = (rows: string[][]) =>
      Readable.from(Buffer.from([IMPORT_HEADERS, ...rows].map((r) => r.join(',')).join('\n') + '\n'));
    const first = await bulkImporter.run(actor, ctx, {
      stream: full([['批量无证甲', '', '', '户籍', code, '', '', '', '尚未办理', '女', '2019-03-04']]),
      format: 'csv',
      fileName: null,
    });
    expect(first).toMatchObject({ inserted: 1, badRows: 0 });
    const [before] = await rows<{ id: number; id_kind: string }>(
      t.deps.db,
      sql`select id, id_kind from residents where name = '批量无证甲'`,
    );
    expect(before!.id_kind).toBe('none');
    const id = fakeId(99_001, { sex: 'female', birth: '2019-03-04' });
    const second = await bulkImporter.run(actor, ctx, {
      stream: full([['批量无证甲', id, '', '户籍', code, '', '', '', '', '', '']]),
      format: 'csv',
      fileName: null,
    });
    expect(second).toMatchObject({ inserted: 0, updated: 1, badRows: 0 });
    const after = await rows<{ id: number; id_kind: string; id_hash: string }>(
      t.deps.db,
      sql`select id, id_kind, id_hash from residents where name = '批量无证甲'`,
    );
    expect(after).toEqual([
      {
        id: before!.id,
        id_kind: 'resident_id',
        id_hash: peopleCrypto(t.deps, { warn() {} }).blindIndex('id_number', id),
      },
    ]);
  });

  it('refuses non-admins and unreadable or oversized files with a clear 4xx', async () => {
    const before = await count();
    const { data } = roster(100, 50_000, codes());
    for (const who of ['community1', 'grid1'])
      expect((await bulk(t, await t.login(who), csv(data), 'r.csv')).statusCode).toBe(403);
    const garbage = await bulk(t, admin, Buffer.from('PK\u0003\u0004 this is not a workbook at all'), 'r.xlsx');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.details[0].message).toMatch(/无法读取 XLSX 文件/);
    const noHeaders = await bulk(t, admin, Buffer.from('a,b,c\n1,2,3\n'), 'r.csv');
    expect(noHeaders.statusCode).toBe(400);
    expect(noHeaders.json().error.details[0].message).toMatch(/缺少表头/);
    const badQuote = await bulk(t, admin, Buffer.from(`${HEAD.join(',')}\n"张三,${fakeId(1)}\n`), 'r.csv');
    expect(badQuote.statusCode).toBe(400);
    expect(
      (await t.as(admin, { method: 'POST', url: '/api/people/imports/bulk', payload: { file: 'x' } })).statusCode,
    ).toBe(400);
    expect(await count()).toBe(before);

    // An app whose ordinary upload limit is 1 KB takes bulk files of at most 100 KB.
    const small = await createTestApp({ config: { maxUploadBytes: 1024 } });
    try {
      const big = csv(roster(2000, 60_000, codes()).data);
      expect(big.length).toBeGreaterThan(100 * 1024);
      const s = await small.login('admin');
      const declared = await bulk(small, s, big, 'big.csv');
      expect(declared.statusCode).toBe(413);
      // Without a declared length the limit is found while reading.
      const f = form(big, 'big.csv');
      const streamed = await small.as(s, {
        method: 'POST',
        url: '/api/people/imports/bulk',
        headers: f.headers,
        payload: Readable.from([f.payload]),
      });
      expect(streamed.statusCode).toBe(413);
      expect(streamed.json().error.details.map((d: { message: string }) => d.message)).toEqual(['文件不能超过 0.1 MB']);
      // The cut file fit in one batch, and a cut file's last batch is never written.
      expect((await rows<{ n: number }>(small.deps.db, sql`select count(*)::int as n from residents`))[0]!.n).toBe(0);
    } finally {
      await small.close();
    }
  });
});

async function actorOf(username: string): Promise<Actor> {
  const [u] = await rows<{ id: number; display_name: string }>(
    t.deps.db,
    sql`select id, display_name from users where username = ${username}`,
  );
  return {
    userId: u!.id,
    username,
    displayName: u!.display_name,
    bindings: await loadBindings(t.deps.db, u!.id),
    sessionId: 'test',
    csrfToken: 'test',
  };
}
