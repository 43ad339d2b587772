// The case ledger workbook: parsed back with exceljs; headers, rows per scope, no personal data, summary sheet, audit, keyset batches.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/tables';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { loadFixture, metricsApi, PHONE_IN_TEXT, REPORTER_NAME, REPORTER_PHONE, type Api } from './fixture';
import { createLedgerExport, LEDGER_COLUMNS, XLSX_TYPE } from './ledger';
import { createMetricsService } from './service';

let t: TestApp;
let api: Api;
const s: Record<string, Session> = {};
const JAN = 'from=2026-01-01&to=2026-02-01';
const HEADERS = [
  '案件编号',
  '来源渠道',
  '类别',
  '描述',
  '网格',
  '状态',
  '承办单位',
  '上报时间',
  '立案时间',
  '派遣时间',
  '结案时间',
  '是否按期',
  '返工次数',
  '延期次数',
  '评价',
];

beforeAll(async () => {
  t = await createTestApp();
  api = await metricsApi(t);
  await loadFixture(t);
  for (const u of ['admin', 'street1', 'dept1']) s[u] = await t.login(u);
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

async function workbookOf(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

async function ledger(who: string, query: string) {
  const r = await api.get(s[who]!, `/api/metrics/ledger.xlsx?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return { r, wb: await workbookOf(r.rawPayload) };
}

const cellsOf = (wb: ExcelJS.Workbook) => {
  const out: string[] = [];
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((c) => out.push(String(c.value instanceof Date ? c.value.toISOString() : c.value))),
    ),
  );
  return out;
};

describe('case ledger export', () => {
  it('streams a workbook of the period’s cases with Chinese headers and a summary sheet', async () => {
    const { r, wb } = await ledger('admin', JAN);
    expect(r.headers['content-type']).toBe(XLSX_TYPE);
    expect(r.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('案件台账_2026-01-01_2026-02-01.xlsx')}`,
    );
    const sheet = wb.getWorksheet('案件台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    // Reported in January (Shanghai): A1–A6, S1, B1–B4, C1–C3 = 6 + 1 + 4 + 3 = 14; A7 (December) and X1 (1 Feb 00:10) are not.
    expect(sheet.actualRowCount - 1).toBe(14);
    const a1 = sheet.getRow(2).values as unknown[];
    expect(a1.slice(1, 3)).toEqual(['JY-TEST-A1', '网格巡查']);
    expect(a1[3]).toBe('Z9101 楼道堆物');
    expect(a1[6]).toBe('已结案');
    expect(a1[7]).toBe('示范区城市管理局');
    // Times are Shanghai wall-clock: reported 2026-01-05 09:00.
    expect((a1[8] as Date).toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect([a1[12], a1[13], a1[14], a1[15]]).toEqual(['是', 0, 0, '满意']);
    const summary = wb.getWorksheet('汇总指标')!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get('台账案件数')).toBe(14);
    // Same figures as the summary route: closed 6 / due 10 = 60%; nobody in community C rated, but the district has 3/4.
    expect(figures.get('应结案数')).toBe(10);
    expect(figures.get('结案率')).toBeCloseTo(0.6, 6);
    expect(figures.get('满意率')).toBeCloseTo(0.75, 6);
  });

  it('never carries the reporter’s phone or name, and masks numbers typed into descriptions', async () => {
    const { wb } = await ledger('admin', JAN);
    const text = cellsOf(wb).join('\n');
    expect(text).not.toContain(REPORTER_PHONE);
    expect(text).not.toContain(REPORTER_NAME);
    expect(text).not.toContain(PHONE_IN_TEXT);
    expect(text).toContain('联系电话139****4321');
  });

  it('exports only the reader’s cases, filtered by status', async () => {
    // street1: A1–A6, S1, B1–B4 = 11.  dept1 (D1): A1–A6, C1–C3 = 9.
    expect((await ledger('street1', JAN)).wb.getWorksheet('案件台账')!.actualRowCount - 1).toBe(11);
    expect((await ledger('dept1', JAN)).wb.getWorksheet('案件台账')!.actualRowCount - 1).toBe(9);
    // Closed and reported in January: A1 A2 A3 B1 B2 C1.
    const closed = (await ledger('admin', `${JAN}&status=closed`)).wb.getWorksheet('案件台账')!;
    const numbers: string[] = [];
    closed.eachRow((row, i) => i > 1 && numbers.push(String(row.getCell(1).value)));
    expect(numbers).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'C1'].map((x) => `JY-TEST-${x}`));
    expect(
      (await api.get(s.street1!, `/api/metrics/ledger.xlsx?nodeId=${t.demo.streets[1]!.id}&${JAN}`)).statusCode,
    ).toBe(404);
  });

  it('records each export in the audit log with its row count', async () => {
    await ledger('street1', `nodeId=${t.demo.communities[1]!.id}&${JAN}`);
    const entries = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'metrics.export'), eq(auditLog.nodeId, t.demo.communities[1]!.id)));
    expect(entries).toHaveLength(1);
    // Community B: B1–B4.
    expect(entries[0]!.after).toEqual({ from: '2026-01-01', to: '2026-02-01', status: null, rows: 4 });
    expect(entries[0]!.actorName).toBe('街道干部 张华');
  });

  it('reads in keyset batches without losing or repeating a row at batch edges', async () => {
    const metrics = createMetricsService(t.deps);
    // street1's cases are spread between C's, so its id windows come back part-empty and widen.
    for (const [who, expected] of [
      ['admin', 14],
      ['street1', 11],
    ] as const) {
      const actor = (await t.deps.sessions.resolve(decodeURIComponent(s[who]!.cookie.split('=')[1]!)))!;
      let reference: string[] | null = null;
      for (const batchSize of [500, 1, 2, 4, 7, 14]) {
        const exporter = createLedgerExport({ ...t.deps, metrics }, { batchSize });
        const { stream } = await exporter.export(
          actor,
          { actorId: actor.userId, actorName: actor.displayName, requestId: null },
          { from: '2026-01-01', to: '2026-02-01' },
        );
        const chunks: Buffer[] = [];
        for await (const c of stream as PassThrough) chunks.push(c as Buffer);
        const sheet = (await workbookOf(Buffer.concat(chunks))).getWorksheet('案件台账')!;
        const numbers: string[] = [];
        sheet.eachRow((row, i) => i > 1 && numbers.push(String(row.getCell(1).value)));
        expect(numbers, `${who}, batches of ${batchSize}`).toHaveLength(expected);
        expect(new Set(numbers).size).toBe(expected);
        // Same rows in the same (id) order as one big batch.
        reference ??= numbers;
        expect(numbers).toEqual(reference);
      }
    }
    expect(LEDGER_COLUMNS.map((c) => c.header)).toEqual(HEADERS);
  });
});
