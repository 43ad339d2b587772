// Field diary (民情日记): entries in the author's grid, scoped reading, turning an entry into one case, and the monthly ledger.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import type { Session, TestApp } from '../../testing';
import { createPeopleTestApp, fakeId } from './testing';

let t: TestApp;
let grid1: Session;
let grid2: Session;
let community1: Session;
let residentId: number;
const clock = new FakeClock(new Date('2026-03-10T10:00:00+08:00'));

beforeAll(async () => {
  t = await createPeopleTestApp({ clock });
  [grid1, grid2, community1] = [await t.login('grid1'), await t.login('grid2'), await t.login('community1')];
  const r = await t.as(grid1, {
    method: 'POST',
    url: '/api/people/residents',
    payload: {
      name: '周大爷',
      idNumber: fakeId(61),
      residenceType: 'registered',
      householdNodeId: t.demo.households[0]!.id,
    },
  });
  residentId = r.json().id;
});
afterAll(() => t?.close());

const entry = (s: Session, payload: object) => t.as(s, { method: 'POST', url: '/api/people/diary', payload });
const month = async (s: Session, q = '') =>
  (await t.as(s, { method: 'GET', url: `/api/people/diary?month=2026-03${q}` })).json() as {
    id: number;
    content: string;
  }[];

describe('field diary', () => {
  let first: number;
  it('records an entry in the household grid with the people concerned', async () => {
    const r = await entry(grid1, {
      occurredOn: '2026-03-09',
      householdNodeId: t.demo.households[0]!.id,
      residentIds: [residentId],
      content: '楼道堆放杂物，影响通行',
      followUp: '联系物业清理',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      gridNodeId: t.demo.grids[0]!.id,
      residents: [{ id: residentId, name: '周大爷' }],
      authorName: '网格员 赵强',
      caseId: null,
    });
    first = r.json().id;
    // Without a household the entry goes to the worker's only grid.
    const patrol = await entry(grid1, { occurredOn: '2026-03-10', place: '东门广场', content: '巡查无异常' });
    expect(patrol.json().gridNodeId).toBe(t.demo.grids[0]!.id);
  });

  it('refuses other grids, future days and unknown people', async () => {
    expect(
      (await entry(grid1, { occurredOn: '2026-03-09', householdNodeId: t.demo.households[8]!.id, content: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await entry(grid1, { occurredOn: '2026-03-09', gridId: t.demo.grids[1]!.id, content: 'x' })).statusCode,
    ).toBe(403);
    expect((await entry(grid1, { occurredOn: '2026-03-11', content: 'x' })).statusCode).toBe(400);
    expect((await entry(grid2, { occurredOn: '2026-03-09', residentIds: [residentId], content: 'x' })).statusCode).toBe(
      400,
    );
  });

  it('is read within scope, by month', async () => {
    expect((await month(grid1)).map((e) => e.content)).toEqual(['楼道堆放杂物，影响通行', '巡查无异常']);
    expect(await month(grid2)).toEqual([]);
    expect(await month(community1, `&gridId=${t.demo.grids[0]!.id}`)).toHaveLength(2);
    expect((await t.as(grid1, { method: 'GET', url: '/api/people/diary?month=2026-02' })).json()).toEqual([]);
  });

  it('turns an entry into one case through the case intake, prefilled', async () => {
    const to = () =>
      t.as(grid1, { method: 'POST', url: `/api/people/diary/${first}/case`, payload: { categoryCode: 'C0401' } });
    const a = await to();
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ entryId: first, created: true });
    const b = await to();
    expect(b.json()).toEqual({ entryId: first, caseId: a.json().caseId, created: false });
    const [c] = await rows<{ description: string; channel: string; n: string }>(
      t.deps.db,
      sql`select description, channel, (select count(*) from cases) as n from cases where id = ${a.json().caseId}`,
    );
    expect({ ...c, n: Number(c!.n) }).toEqual({
      description: '楼道堆放杂物，影响通行\n跟进：联系物业清理',
      channel: 'patrol',
      n: 1,
    });
    expect(
      (
        await t.as(grid2, {
          method: 'POST',
          url: `/api/people/diary/${first}/case`,
          payload: { categoryCode: 'C0401' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('generates the monthly ledger of a grid from entries and visits, audited', async () => {
    await t.as(grid1, {
      method: 'POST',
      url: `/api/people/residents/${residentId}/visits`,
      payload: { visitedOn: '2026-03-08', note: '身体尚可，需要助餐' },
    });
    const url = `/api/people/diary/ledger.xlsx?gridId=${t.demo.grids[0]!.id}&month=2026-03`;
    expect((await t.as(grid2, { method: 'GET', url })).statusCode).toBe(403);
    const r = await t.as(grid1, { method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const diary = book.getWorksheet('民情日记')!;
    expect(diary.getRow(2).values).toContain('情况记录');
    expect(diary.rowCount).toBe(4);
    expect(diary.getRow(3).getCell(4).value).toBe('周大爷');
    expect(String(diary.getRow(3).getCell(7).value)).toMatch(/^\d+$/);
    const visits = book.getWorksheet('走访记录')!;
    expect(visits.getRow(2).values).toEqual(
      expect.arrayContaining(['2026-03-08', '周大爷', '身体尚可，需要助餐', '网格员 赵强']),
    );
    const [a] = await rows<{ after: { entries: number; visits: number } }>(
      t.deps.db,
      sql`select after from audit_log where action = 'diary.ledger'`,
    );
    expect(a!.after).toEqual({ month: '2026-03', entries: 2, visits: 1 });
  });
  it("assembles a worker's own day from the visits, reports, case steps and notes they recorded, and nobody else's", async () => {
    clock.set(new Date('2026-03-11T09:30:00+08:00'));
    [grid1, grid2] = [await t.login('grid1'), await t.login('grid2')]; // a new day: yesterday's sessions have lapsed
    const v = await t.as(grid1, {
      method: 'POST',
      url: `/api/people/residents/${residentId}/visits`,
      payload: { visitedOn: '2026-03-11', note: '老人身体尚可' },
    });
    expect(v.statusCode, v.body).toBe(200);
    clock.set(new Date('2026-03-11T10:15:00+08:00'));
    const c = (
      await t.as(grid1, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'E0102', description: '绿地垃圾', location: { lat: 39.92, lng: 116.305 } },
      })
    ).json();
    clock.set(new Date('2026-03-11T11:00:00+08:00'));
    expect(
      (
        await t.as(grid1, {
          method: 'POST',
          url: `/api/cases/${c.id}/actions`,
          payload: { action: 'comment', version: c.version, note: '已拍照留存' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await entry(grid1, { occurredOn: '2026-03-11', place: '南门', content: '商户反映停车难' })).statusCode,
    ).toBe(200);
    // Another worker's record the same day is not part of grid1's day.
    expect((await entry(grid2, { occurredOn: '2026-03-11', place: '北门', content: '无异常' })).statusCode).toBe(200);
    const day = (await t.as(grid1, { method: 'GET', url: '/api/people/diary/day?date=2026-03-11' })).json();
    expect(day.items.map((i: { kind: string; action: string | null }) => [i.kind, i.action])).toEqual([
      ['visit', null],
      ['report', null],
      ['case_step', 'comment'],
      ['note', null],
    ]);
    expect(day.items[1]).toMatchObject({ caseId: c.id, title: c.number, detail: '绿地垃圾' });
    expect(
      (await t.as(grid1, { method: 'GET', url: '/api/people/diary/day?date=2026-03-10' }))
        .json()
        .items.map((i: { kind: string }) => i.kind),
    ).not.toContain('visit');
    expect((await t.as(grid1, { method: 'GET', url: '/api/people/diary/day?date=2026-04-01' })).statusCode).toBe(400);
  });
});
