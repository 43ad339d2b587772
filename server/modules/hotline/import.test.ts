// Import of the hotline export: a generated 1,000-row workbook with planted bad rows, cases counted through the case
// list, the unresolved queue, an idempotent second import, CSV, and who may import and see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import {
  commitImport,
  countHotlineCases,
  countListed,
  estates,
  exportCsv,
  exportWorkbook,
  uploadExport,
  type OrderCells,
} from './testing';

const clock = new FakeClock(new Date('2026-11-22T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
let street1: Session;
let grid1: Session;
let community1: Session;
const TYPES = ['环境卫生', '乱停车', '噪音扰民', '电梯故障'];

/** 1,000 orders; planted problems keyed by worksheet row (data starts at row 2). */
function thousand(names: string[]) {
  const data: OrderCells[] = [];
  const planted: Record<number, { field: string; reason: RegExp }> = {};
  const unmatched: number[] = [];
  for (let i = 0; i < 1000; i++) {
    // Half the call times are date cells (wall clock in UTC fields, as Excel stores them), half text.
    const called = i % 2 === 0 ? new Date(Date.UTC(2026, 10, 20, 9, 30)) : '2026-11-20 09:30';
    const address = `家园示范区${names[i % names.length]}${(i % 2) + 1}号楼${i}室`;
    data.push([
      `HL${String(i).padStart(6, '0')}`,
      called,
      `来电人${i}`,
      `138${String(i).padStart(8, '0')}`,
      `诉求内容${i}`,
      address,
      TYPES[i % TYPES.length]!,
      '2026-11-27 18:00',
      '清河街道',
    ]);
    const row = i + 2;
    const plant = (col: number, v: string, field: string, reason: RegExp) => {
      data[i]![col] = v;
      planted[row] = { field, reason };
    };
    if (i % 100 === 7) plant(0, '', '工单编号', /不能为空/);
    if (i % 100 === 13) plant(1, '2026-13-40 10:00', '来电时间', /无法识别/);
    if (i % 100 === 21) plant(6, '外星人入侵', '诉求类型', /未知的诉求类型/);
    if (i % 100 === 33) {
      data[i]![5] = `某某路${i}号`;
      unmatched.push(i);
    }
  }
  return { data, planted, unmatched };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.login('admin');
  street1 = await t.login('street1');
  grid1 = await t.login('grid1');
  community1 = await t.login('community1');
});
afterAll(() => t.close());

describe('hotline import', () => {
  let file: Buffer;
  let plan: ReturnType<typeof thousand>;
  let expectedInStreet1 = 0;

  beforeAll(async () => {
    const all = await estates(t);
    plan = thousand(all.map((e) => e.name));
    file = await exportWorkbook(plan.data);
    const street1Names = new Set(all.filter((e) => e.path.startsWith(t.demo.streets[0]!.path)).map((e) => e.name));
    plan.data.forEach((r, i) => {
      if (
        !plan.planted[i + 2] &&
        !plan.unmatched.includes(i) &&
        [...street1Names].some((n) => String(r[5]).includes(n))
      )
        expectedInStreet1++;
    });
  });

  it('previews 1,000 rows: every bad row with its row number and reason, nothing saved', async () => {
    const started = Date.now();
    const r = await uploadExport(t, admin, file);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.totalRows).toBe(1000);
    expect(p.goodRows).toBe(970);
    expect(p.unmatchedRows).toBe(10);
    expect(p.knownRows).toBe(0);
    const byRow = new Map<number, { field: string; reason: string }>(
      p.errors.map((e: { row: number; field: string; reason: string }) => [e.row, e]),
    );
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual(
      Object.keys(plan.planted)
        .map(Number)
        .sort((a, b) => a - b),
    );
    for (const [row, want] of Object.entries(plan.planted)) {
      expect(byRow.get(Number(row))!.field).toBe(want.field);
      expect(byRow.get(Number(row))!.reason).toMatch(want.reason);
    }
    expect(await countHotlineCases(t)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('commits: the placed rows become cases seen in the case list, unmatched addresses wait in the queue; a second import adds nothing', async () => {
    const p = (await uploadExport(t, admin, file)).json();
    const started = Date.now();
    const c = await commitImport(t, admin, p.id);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ orders: 970, cases: 960, pending: 10, skipped: 0 });
    console.log(`hotline: committed 970 orders (960 cases) in ${Date.now() - started} ms`);
    expect(await countHotlineCases(t)).toBe(960);
    expect(await countListed(t, street1, 'box=all&channel=hotline')).toBe(expectedInStreet1);
    expect(expectedInStreet1).toBeGreaterThan(0);
    expect(expectedInStreet1).toBeLessThan(960);
    const queue = (
      await t.as(admin, { method: 'GET', url: '/api/hotline/orders?status=pending_address&limit=200' })
    ).json();
    expect(queue.items.map((o: { orderNo: string }) => o.orderNo).sort()).toEqual(
      plan.unmatched.map((i) => `HL${String(i).padStart(6, '0')}`).sort(),
    );
    const progress = (await t.as(admin, { method: 'GET', url: `/api/hotline/imports/${p.id}` })).json();
    expect(progress).toMatchObject({ committed: true, committedRows: 970 });

    const again = (await uploadExport(t, admin, file)).json();
    expect(again.knownRows).toBe(970);
    const c2 = (await commitImport(t, admin, again.id)).json();
    expect(c2).toMatchObject({ orders: 0, cases: 0, pending: 0, skipped: 970 });
    expect(await countHotlineCases(t)).toBe(960);
    // Every case goes through the one intake (about a dozen statements each): ~10 s on an idle PGlite, ~5 s on a
    // server; the margin is for a machine shared with other test runs.
  }, 120_000);

  it('keeps the hotline deadline on the order and the case limits from its category', async () => {
    const o = (await t.as(admin, { method: 'GET', url: '/api/hotline/orders?q=HL000001' })).json().items[0];
    expect(o.hotlineDeadline).toBe('2026-11-27T10:00:00.000Z');
    expect(o.calledAt).toBe('2026-11-20T01:30:00.000Z');
    expect(o.callerPhone).toBe('138****0001');
    const c = (await t.as(admin, { method: 'GET', url: `/api/cases/${o.caseId}` })).json();
    expect(c.channel).toBe('hotline');
    expect(c.categoryCode).toBe('C0203');
  });

  it('reads CSV too, with the same checks and the same dedupe', async () => {
    const names = (await estates(t)).map((e) => e.name);
    const rows: OrderCells[] = [
      ['CSV-1', '2026-11-21 08:00', '王五', '13900000000', '电梯停运', `${names[0]}2号楼`, '电梯故障', '', ''],
      ['CSV-2', '2026/11/21 8:05', '', '', '噪音', `${names[1]}`, '噪音扰民', '2026-11-25', '街道'],
      ['CSV-3', '昨天', '', '', '乱停车', `${names[2]}`, '乱停车', '', ''],
      ['HL000000', '2026-11-20 09:30', '', '', '重复', `${names[0]}`, '乱停车', '', ''],
    ];
    const p = (await uploadExport(t, admin, exportCsv(rows), 'orders.csv')).json();
    expect(p.totalRows).toBe(4);
    expect(p.errors).toEqual([{ row: 4, field: '来电时间', reason: expect.stringMatching(/无法识别/) }]);
    expect(p.knownRows).toBe(1);
    const before = await countHotlineCases(t);
    expect((await commitImport(t, admin, p.id)).json()).toMatchObject({ orders: 2, cases: 2, skipped: 1 });
    expect(await countHotlineCases(t)).toBe(before + 2);
  });

  it('offers a template whose example row passes the checks', async () => {
    const tpl = await t.as(admin, { method: 'GET', url: '/api/hotline/import/template.xlsx' });
    expect(tpl.statusCode).toBe(200);
    const p = (await uploadExport(t, admin, tpl.rawPayload)).json();
    expect(p).toMatchObject({ totalRows: 1, goodRows: 1, errors: [] });
  });

  it('refuses imports to a grid worker and a community worker; a street officer sees only orders in the street', async () => {
    const small = await exportWorkbook(plan.data.slice(0, 5));
    expect((await uploadExport(t, grid1, small)).statusCode).toBe(403);
    expect((await uploadExport(t, community1, small)).statusCode).toBe(403);
    const street = t.demo.streets[0]!;
    const seen = (await t.as(street1, { method: 'GET', url: '/api/hotline/orders?limit=200' })).json();
    expect(seen.items.length).toBeGreaterThan(0);
    for (const o of seen.items) expect(o.nodeId).not.toBeNull();
    const all = (await t.as(admin, { method: 'GET', url: '/api/hotline/orders?limit=200&status=created' })).json()
      .items as { id: number; nodeId: number }[];
    const outside = all.find((o) => !seen.items.some((s: { id: number }) => s.id === o.id));
    expect(outside).toBeDefined();
    expect((await t.as(street1, { method: 'GET', url: `/api/hotline/orders/${outside!.id}` })).statusCode).toBe(404);
    // A street officer's preview marks addresses in another street as out of scope.
    const otherName = (await estates(t)).find((e) => !e.path.startsWith(street.path))!.name;
    const p = (
      await uploadExport(
        t,
        street1,
        await exportWorkbook([['S1-OUT', '2026-11-21 08:00', '', '', '内容', otherName, '乱停车', '', '']]),
      )
    ).json();
    expect(p.errors[0]).toMatchObject({ row: 2, field: '地址', reason: expect.stringMatching(/不在您的管辖范围内/) });
  });
});
