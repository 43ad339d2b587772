// The one ledger writer, with a ledger declared here: header block, masking by column kind, audit entry with row
// counts, the declaring policy's scope; and GET /api/ledgers per role.
import { PassThrough } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_KINDS } from '../../../contracts/audit';
import { auditLog } from '../audit/tables';
import { FakeClock } from '../clock';
import { can, canAnywhere, type Actor, type PolicyTable } from '../policy';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { INFO_SHEET, type LedgerColumn, type LedgerDeclaration, type LedgerJob } from './index';

type Person = { name: string; phone: string; idNumber: string; note: string; visits: number };
const COLUMNS: LedgerColumn<Person>[] = [
  { header: '姓名', personal: 'name', value: (p) => p.name },
  { header: '联系电话', personal: 'phone', value: (p) => p.phone },
  { header: '身份证号', personal: 'id_number', value: (p) => p.idNumber },
  { header: '情况', personal: 'text', value: (p) => p.note },
  { header: '走访次数', value: (p) => p.visits },
];
const policy: PolicyTable<'keep'> = {
  keep: { district_admin: { reach: 'subtree' }, community_worker: { reach: 'subtree' } },
};
// 'diary.ledger' on 'grid': any catalogued action serves a ledger declared only by this test.
const TEST_LEDGER: LedgerDeclaration = {
  id: 'test-people',
  module: 'test',
  title: '测试台账',
  path: '/api/test/ledger.xlsx',
  node: { param: 'nodeId', kinds: ['community'], required: true },
  period: { kind: 'month', param: 'month' },
  sheets: [
    { name: '人员', columns: COLUMNS, titleRow: true, countAs: 'people' },
    { name: '空表', columns: [{ header: '备注', value: () => null }] },
  ],
  audit: { action: 'diary.ledger', entityKind: 'grid' },
  may: (actor, node) => (node ? can(actor, policy, 'keep', node) : canAnywhere(actor, policy, 'keep')),
};
const PEOPLE: Person[] = [
  {
    name: '周大爷',
    phone: '13812345678',
    idNumber: '110101199001011234',
    note: '女儿电话13987654321，身份证110101199001011234',
    visits: 2,
  },
  { name: '李阿姨', phone: '13700001111', idNumber: '110101199202021234', note: '独居 & 行动不便', visits: 0 },
];
const CLOCK = new FakeClock(new Date('2026-03-31T02:05:00Z'));

let t: TestApp;
const s: Record<string, Session> = {};
const actors: Record<string, Actor> = {};
const USERS = ['admin', 'street1', 'community1', 'grid1', 'dept1', 'resident1'] as const;

beforeAll(async () => {
  t = await createTestApp({ clock: CLOCK });
  for (const u of USERS) {
    s[u] = await t.login(u);
    actors[u] = (await t.deps.sessions.resolve(decodeURIComponent(s[u]!.cookie.split('=')[1]!)))!;
  }
});
afterAll(async () => {
  await t?.close();
});

async function* batchesOf<T>(rows: T[], fail = false): AsyncGenerator<T[]> {
  yield rows;
  if (fail) throw new Error('database went away');
}
const ctxOf = (a: Actor) => ({ actorId: a.userId, actorName: a.displayName, requestId: null });
const jobFor = (
  node: { id: number; name: string; path: string },
  rows = [batchesOf(PEOPLE), batchesOf([])],
): LedgerJob => ({
  node,
  period: '2026-03',
  filename: 'test.xlsx',
  rows,
  audit: { entityId: node.id, after: { month: '2026-03' } },
});

async function bookOf(stream: PassThrough) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}
const auditOf = (nodeId: number) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'diary.ledger'), eq(auditLog.nodeId, nodeId)));

describe('ledger writer', () => {
  it('writes the header block, masks personal columns by kind and records the row counts', async () => {
    const community = t.demo.communities[0]!;
    const a = actors.community1!;
    const { filename, stream } = await t.deps.ledgers.write(TEST_LEDGER, a, ctxOf(a), jobFor(community));
    expect(filename).toBe('test.xlsx');
    const wb = await bookOf(stream as PassThrough);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人员', '空表', INFO_SHEET]);

    const sheet = wb.getWorksheet('人员')!;
    expect(sheet.getRow(1).getCell(1).value).toBe(`${community.name} 测试台账 2026-03`);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '联系电话',
      '身份证号',
      '情况',
      '走访次数',
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      '周大爷',
      '138****5678',
      '1101**********1234',
      '女儿电话139****4321，身份证***',
      2,
    ]);
    expect(sheet.getRow(4).getCell(2).value).toBe('137****1111');
    expect(sheet.actualRowCount).toBe(4);
    // The block on every printed page ('&' doubled so Excel prints it).
    expect(sheet.headerFooter.oddHeader).toContain(`单位：${community.name}`);
    expect(sheet.headerFooter.oddFooter).toContain('生成人：社区工作者 王芳');
    const text = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
    for (const p of PEOPLE) expect(text).not.toContain(p.phone);
    expect(text).not.toContain('110101199001011234');
    expect(text).not.toContain('13987654321');

    expect(wb.getWorksheet('空表')!.actualRowCount).toBe(1);
    const info = new Map<string, unknown>();
    wb.getWorksheet(INFO_SHEET)!.eachRow((row) => info.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(Object.fromEntries(info)).toEqual({
      台账名称: '测试台账',
      填报单位: community.name,
      统计期间: '2026-03',
      // Beijing time of the injected clock.
      生成时间: '2026-03-31 10:05',
      生成人: '社区工作者 王芳',
      '人员（行数）': 2,
      '空表（行数）': 0,
      个人信息: '联系电话、身份证号、情况已脱敏',
    });

    const entries = await auditOf(community.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.entityKind).toBe('grid');
    expect(entries[0]!.nodePath).toBe(community.path);
    expect(entries[0]!.actorName).toBe('社区工作者 王芳');
    expect(entries[0]!.after).toEqual({ month: '2026-03', people: 2, rows: 0 });
  });

  it('refuses a community worker another community, and writes and audits nothing', async () => {
    const other = t.demo.communities[1]!;
    const a = actors.community1!;
    await expect(t.deps.ledgers.write(TEST_LEDGER, a, ctxOf(a), jobFor(other))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      t.deps.ledgers.write(TEST_LEDGER, actors.grid1!, ctxOf(actors.grid1!), jobFor(t.demo.communities[0]!)),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await auditOf(other.id)).toHaveLength(0);
    // The district administrator reaches it.
    const { stream } = await t.deps.ledgers.write(TEST_LEDGER, actors.admin!, ctxOf(actors.admin!), jobFor(other));
    await bookOf(stream as PassThrough);
    expect(await auditOf(other.id)).toHaveLength(1);
  });

  it('records an export cut off by a failing read, with the rows sent so far', async () => {
    const node = t.demo.communities[2]!;
    const a = actors.admin!;
    const { stream } = await t.deps.ledgers.write(
      TEST_LEDGER,
      a,
      ctxOf(a),
      jobFor(node, [batchesOf(PEOPLE, true), batchesOf([])]),
    );
    await expect(bookOf(stream as PassThrough)).rejects.toThrow();
    const entries = await auditOf(node.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toEqual({ month: '2026-03', people: 2, rows: 0, interrupted: true });
  });

  it('lists declared ledgers whose audit action and record kind are in the catalogue', () => {
    const declared = t.deps.ledgers.declared();
    expect(declared.map((d) => d.id)).toEqual([
      'cases',
      'residents',
      'diary',
      'hotline-replies',
      'services',
      'services-proxy',
      'points',
      'volunteers',
      'wishes',
      'cobuild',
    ]);
    for (const d of declared) {
      expect(AUDIT_ACTIONS).toContain(d.audit.action);
      expect(AUDIT_ENTITY_KINDS).toContain(d.audit.entityKind);
    }
  });
});

describe('GET /api/ledgers', () => {
  const idsOf = async (who: string) => {
    const r = await t.as(s[who]!, { method: 'GET', url: '/api/ledgers' });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { ledgers: { id: string }[] }).ledgers.map((l) => l.id);
  };

  it('lists what each role may produce, by the declaring modules’ policies', async () => {
    expect(await idsOf('admin')).toEqual([
      'cases',
      'residents',
      'diary',
      'hotline-replies',
      'services',
      'services-proxy',
      'points',
      'volunteers',
      'wishes',
      'cobuild',
    ]);
    expect(await idsOf('street1')).toEqual([
      'cases',
      'residents',
      'diary',
      'hotline-replies',
      'services',
      'services-proxy',
      'points',
      'volunteers',
      'wishes',
      'cobuild',
    ]);
    expect(await idsOf('community1')).toEqual([
      'cases',
      'residents',
      'diary',
      'services',
      'services-proxy',
      'points',
      'volunteers',
      'wishes',
      'cobuild',
    ]);
    expect(await idsOf('grid1')).toEqual(['cases', 'diary']);
    expect(await idsOf('dept1')).toEqual(['cases']);
    expect(await idsOf('resident1')).toEqual([]);
    expect((await t.as(null, { method: 'GET', url: '/api/ledgers' })).statusCode).toBe(401);
  });

  it('is in the OpenAPI document with its response schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const schema = doc.paths['/api/ledgers/'].get.responses['200'].content['application/json'].schema;
    expect(schema.properties.ledgers.items.required).toEqual(expect.arrayContaining(['id', 'path', 'node', 'period']));
  });

  it('says where each downloads, what it asks for and which columns are personal', async () => {
    const r = await t.as(s.admin!, { method: 'GET', url: '/api/ledgers' });
    const byId = new Map((r.json() as { ledgers: { id: string }[] }).ledgers.map((l) => [l.id, l]));
    expect(byId.get('diary')).toMatchObject({
      module: 'people',
      title: '民情日记台账',
      path: '/api/people/diary/ledger.xlsx',
      node: { param: 'gridId', kinds: ['grid'], required: true },
      period: { kind: 'month', param: 'month' },
    });
    expect(byId.get('cases')).toMatchObject({
      path: '/api/metrics/ledger.xlsx',
      node: { param: 'nodeId', kinds: null, required: false },
      period: { kind: 'range', from: 'from', to: 'to' },
      personal: [{ sheet: '案件台账', header: '描述', kind: 'text' }],
    });
    expect(byId.get('residents')).toMatchObject({
      node: null,
      period: null,
      personal: [
        { header: '姓名', kind: 'name' },
        { header: '身份证号', kind: 'id_number' },
        { header: '联系电话', kind: 'phone' },
      ],
    });
  });
});
