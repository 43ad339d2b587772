// The hostile spreadsheets of the security report sent to every import route (people preview, bulk people, hotline):
// each answers 400 naming the rule, in Chinese or English, nothing is saved, the server stays up with memory bounded,
// and nothing is left in the temp folder.
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db';
import { createTestApp, type Session, type TestApp } from '../../testing';
import {
  billionLaughs,
  deepNesting,
  hugeDeclaredEntry,
  reportedSharedStringsBomb,
  sharedStringsBomb,
} from './hostile-files';
import { TEMP_PREFIX } from './index';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

function form(data: Buffer, filename: string) {
  const boundary = `----jiayuan${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

const ROUTES = ['/api/people/imports', '/api/people/imports/bulk', '/api/hotline/imports'];
function post(url: string, data: Buffer, lang = 'zh-CN') {
  const f = form(data, 'roster.xlsx');
  return t.as(admin, { method: 'POST', url, payload: f.payload, headers: { ...f.headers, 'accept-language': lang } });
}
const tempFiles = async () =>
  (await readdir(os.tmpdir())).filter((f) => f.startsWith(TEMP_PREFIX) || /^tmp-\d+/.test(f)).sort();
const counts = async () =>
  JSON.stringify(
    await rows(
      t.deps.db,
      sql`select (select count(*) from residents)::int as residents, (select count(*) from hotline_orders)::int as orders`,
    ),
  );

describe('hostile spreadsheets through the import routes', () => {
  it('the shared-strings bomb of the report (15 million entries, 1.4 MB) answers 400 on each route, memory bounded', async () => {
    const bomb = await reportedSharedStringsBomb();
    expect(bomb.length).toBeLessThan(2_500_000);
    // An ordinary upload may unpack 200 MB a part; the bulk import more, so there the count of shared strings stops it.
    const expected: Record<string, string> = {
      '/api/people/imports': '工作簿的某一部分解压后超过 200 MB',
      '/api/people/imports/bulk': '工作簿的共享字符串超过 5000000 个',
      '/api/hotline/imports': '工作簿的某一部分解压后超过 200 MB',
    };
    const before = await counts();
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      for (const url of ROUTES) {
        const r = await post(url, bomb);
        expect(r.statusCode, url).toBe(400);
        expect(r.json().error.details[0], url).toEqual({ path: 'file', message: expected[url] });
      }
    } finally {
      clearInterval(timer);
    }
    expect(peak - base).toBeLessThan(200 * 1_048_576);
    expect(await counts()).toBe(before);
    expect((await t.as(null, { method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 120_000);

  it('a huge declared size, a DTD of entities, a million levels of nesting, a non-zip and a cut-off file answer 400 naming why', async () => {
    const before = await counts();
    const temps = await tempFiles();
    const cases: [Buffer, RegExp][] = [
      // The bulk import allows parts of gigabytes, so there the ratio of the declared size is what refuses it.
      [await hugeDeclaredEntry(), /^工作簿的某一部分解压后超过( 200 MB|压缩大小的 200 倍)$/],
      [await billionLaughs(), /^工作簿含有 DTD 或实体声明，不予接受$/],
      [await deepNesting(1_000_000), /^工作簿的某一部分解压后超过压缩大小的 200 倍$/],
      [await sharedStringsBomb(15_000_000), /^工作簿的某一部分解压后超过压缩大小的 200 倍$/],
      // The hotline takes CSV too and tells the format by the bytes: there, text without its headers is what this is.
      [Buffer.from('this is not a workbook, only named like one'), /^无法读取 XLSX 文件：|^第1行缺少表头/],
      [(await sharedStringsBomb(10)).subarray(0, 200), /^无法读取 XLSX 文件：/],
    ];
    for (const url of ROUTES) {
      for (const [file, message] of cases) {
        const r = await post(url, file);
        expect(r.statusCode, `${url} ${message}`).toBe(400);
        expect(r.json().error.details[0].message, url).toMatch(message);
      }
    }
    const en = await post(ROUTES[0]!, await billionLaughs(), 'en');
    expect(en.json().error.details[0].message).toBe('the workbook declares a DTD or entities, which are not accepted');
    expect(await counts()).toBe(before);
    expect(await tempFiles()).toEqual(temps);
  }, 120_000);
});
