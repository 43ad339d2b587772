// Test helpers for the hotline: hotline-export workbooks and CSV files, multipart uploads, signed webhook posts.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { HOTLINE_HEADERS } from '../../../contracts/hotline';
import { rows } from '../../platform/db';
import type { Session, TestApp } from '../../testing';
import { signWebhook } from '../notifications';

export const SECRET = 'test-hotline-secret-0123456789';

export type OrderCells = (string | Date | null)[];

export async function exportWorkbook(data: OrderCells[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('工单');
  sheet.addRow([...HOTLINE_HEADERS]);
  for (const r of data) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function exportCsv(data: OrderCells[]): Buffer {
  const quote = (v: OrderCells[number]) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  return Buffer.from([[...HOTLINE_HEADERS], ...data].map((r) => r.map(quote).join(',')).join('\r\n'), 'utf8');
}

/** A multipart/form-data body with one file field named "file". */
export function fileUpload(data: Buffer, filename: string) {
  const sep = `jy-hotline-${data.length}-${filename.length}`;
  const parts = [
    Buffer.from(
      `--${sep}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${sep}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${sep}` } };
}

export const uploadExport = (t: TestApp, s: Session, data: Buffer, name = 'orders.xlsx') =>
  t.as(s, { method: 'POST', url: '/api/hotline/imports', ...fileUpload(data, name) });
export const commitImport = (t: TestApp, s: Session, id: string) =>
  t.as(s, { method: 'POST', url: `/api/hotline/imports/${id}/commit` });

/** Posts a work order as the hotline would: signed `ts.body`, or with the given tampering. */
export function postOrder(
  t: TestApp,
  body: object,
  opts: { secret?: string; tsOffsetS?: number; sign?: boolean; url?: string } = {},
) {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(t.deps.clock.now().getTime() / 1000) + (opts.tsOffsetS ?? 0));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-jiayuan-timestamp': ts };
  if (opts.sign !== false) headers['x-jiayuan-signature'] = `sha256=${signWebhook(opts.secret ?? SECRET, ts, raw)}`;
  return t.app.inject({ method: 'POST', url: opts.url ?? '/api/hotline/orders', payload: raw, headers });
}

/** Estate names with the path of their street, from the demo district. */
export const estates = (t: TestApp) =>
  rows<{ id: number; name: string; path: string }>(
    t.deps.db,
    sql`select id, name, path from territory_nodes where kind = 'estate' order by id`,
  );

export const countHotlineCases = async (t: TestApp) =>
  Number(
    (await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from cases where channel = 'hotline'`))[0]!.n,
  );

/** Counts every case a user sees in the case list API, following the cursor. */
export async function countListed(t: TestApp, s: Session, query: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const r = await t.as(s, {
      method: 'GET',
      url: `/api/cases?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    });
    if (r.statusCode !== 200) throw new Error(r.body);
    const page = r.json() as { items: unknown[]; nextCursor: string | null };
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}
