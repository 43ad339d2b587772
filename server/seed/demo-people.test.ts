// The demo district's residents: a few hundred, with standard tags, care levels and visits due, found by pinyin, and
// every household told apart by its estate and building in the list and in the export.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../platform/db';
import { createTestApp, type TestApp } from '../testing';
import { STANDARD_TAGS } from '../modules/people';
import { seedDemoPeople, type DemoPeople } from './demo-people';

let t: TestApp;
let seeded: DemoPeople;
beforeAll(async () => {
  t = await createTestApp();
  seeded = await seedDemoPeople(t.deps.db, t.deps.crypto, t.deps.clock);
});
afterAll(() => t?.close());

type Item = {
  id: number;
  name: string;
  householdNodeId: number;
  householdName: string;
  tags: string[];
  care: { level: string } | null;
};

describe('demo people', () => {
  it('loads a few hundred residents in households on every demo estate, with standard tags and care levels', async () => {
    expect(seeded.residents).toBeGreaterThanOrEqual(300);
    expect(seeded.residents).toBeLessThanOrEqual(600);
    const [c] = await rows<{ residents: number; households: number; empty: number; estates: number }>(
      t.deps.db,
      sql`select (select count(*)::int from residents) as residents,
                 (select count(*)::int from territory_nodes where kind = 'household') as households,
                 (select count(*)::int from territory_nodes h where kind = 'household'
                    and not exists (select 1 from residents r where r.household_node_id = h.id)) as empty,
                 (select count(distinct e.id)::int from residents r join territory_nodes h on h.id = r.household_node_id
                    join territory_nodes b on b.id = h.parent_id join territory_nodes e on e.id = b.parent_id) as estates`,
    );
    expect(c).toEqual({ residents: seeded.residents, households: seeded.households, empty: 0, estates: 40 });
    const tags = await rows<{ tag: string; n: number }>(
      t.deps.db,
      sql`select unnest(tags) as tag, count(*)::int as n from residents group by 1`,
    );
    const standard = new Set(STANDARD_TAGS.map(([code]) => code));
    expect(tags.every((x) => standard.has(x.tag))).toBe(true);
    for (const tag of ['elderly_alone', 'elderly_80', 'disabled', 'low_income', 'empty_nest', 'party_member'])
      expect(tags.find((x) => x.tag === tag)?.n ?? 0, tag).toBeGreaterThan(0);
    const levels = await rows<{ level: string; n: number }>(
      t.deps.db,
      sql`select level, count(*)::int as n from care_levels group by 1 order by 1`,
    );
    expect(levels.map((l) => l.level)).toEqual(['blue', 'red', 'yellow']);
    expect(levels.reduce((a, l) => a + l.n, 0)).toBe(seeded.withCare);
    // Everyone over 80 by the ID number carries the tag, and no one under 80 does.
    const [age] = await rows<{ wrong: number }>(
      t.deps.db,
      sql`select count(*)::int as wrong from residents
          where ('elderly_80' = any(tags)) <> (birth_date <= (now() at time zone 'Asia/Shanghai')::date - interval '80 years')`,
    );
    expect(age!.wrong).toBe(0);
  });

  it('leaves the grid worker visits due on the home screen, and the list finds people by pinyin', async () => {
    const grid1 = await t.login('grid1');
    const due = (
      await t.as(grid1, { method: 'GET', url: '/api/people/care/due?withinDays=0&assignedToMe=true' })
    ).json() as { householdName: string; overdue: boolean }[];
    expect(due.length).toBeGreaterThan(0);
    expect(due.some((d) => d.overdue)).toBe(true);
    expect(due.every((d) => /^锦绣小区1期 \d号楼 \d单元\d0\d室$/.test(d.householdName))).toBe(true);
    const page = (await t.as(grid1, { method: 'GET', url: '/api/people/residents?limit=50' })).json().items as Item[];
    expect(page.length).toBeGreaterThanOrEqual(30);
    const someone = page.find((r) => r.name.length === 3)!;
    const { nameKeys } = await import('../modules/people/names');
    for (const q of [nameKeys(someone.name).pinyin, nameKeys(someone.name).initials, someone.name]) {
      const found = (
        await t.as(grid1, { method: 'GET', url: `/api/people/residents?q=${encodeURIComponent(q)}&limit=50` })
      ).json().items as Item[];
      expect(
        found.map((r) => r.id),
        q,
      ).toContain(someone.id);
    }
  });

  it('tells apart 1号楼 1单元101室 of two estates in the list and in the export', async () => {
    const community1 = await t.login('community1');
    const q = encodeURIComponent('1号楼 1单元101室');
    const found = (await t.as(community1, { method: 'GET', url: `/api/people/residents?q=${q}&limit=100` })).json()
      .items as Item[];
    const labels = new Set(found.map((r) => r.householdName));
    expect(labels).toContain('锦绣小区1期 1号楼 1单元101室');
    expect(labels).toContain('和园小区2期 1号楼 1单元101室');
    expect([...labels].every((l) => l.endsWith(' 1号楼 1单元101室'))).toBe(true);

    const household = found.find((r) => r.householdName.startsWith('和园'))!;
    const r = await t.as(community1, { method: 'GET', url: `/api/people/export.xlsx?q=${q}` });
    expect(r.statusCode, r.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const column = (sheet.getRow(1).values as string[]).indexOf('户');
    const exported = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && exported.add(String(row.getCell(column).value)));
    expect(exported).toEqual(labels);

    const page = (
      await t.as(community1, { method: 'GET', url: `/api/people/households/${household.householdNodeId}` })
    ).json() as { household: { name: string } };
    expect(page.household.name).toBe('和园小区2期 1号楼 1单元101室');
  });
});
