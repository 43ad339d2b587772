// The service hall over HTTP on the demo district: catalogue, the whole loop of an application, who sees what,
// and bad input answered with a 4xx naming the field or rule, changing nothing.
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import { seedServiceDemo } from '../../seed/demo-services';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const s = {} as Record<string, Session>;
let civilId = 0;
let jpeg: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  await seedServiceDemo(t.deps.db, t.deps.crypto);
  for (const u of ['resident1', 'community1', 'grid1', 'grid2', 'dept1', 'civil1', 'street1', 'admin'])
    s[u] = await t.login(u);
  civilId = (await rows<{ id: number }>(t.deps.db, sql`select id from organisations where name like '%民政局'`))[0]!.id;
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#556677' } })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await t?.close();
});

const as = (who: string, o: InjectOptions) =>
  t.as(s[who]!, { ...o, headers: { 'accept-language': 'zh-CN', ...(o.headers ?? {}) } });

function form(data: Buffer, filename: string, type: string) {
  const boundary = `----jy${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
async function upload(who: string, data: Buffer, name = 'a.jpg', type = 'image/jpeg') {
  return as(who, { method: 'POST', url: '/api/services/materials', ...form(data, name, type) });
}
const count = async () =>
  (await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from service_applications`))[0]!.n;
const act = (who: string, id: number, payload: object) =>
  as(who, { method: 'POST', url: `/api/services/applications/${id}/actions`, payload });

describe('catalogue', () => {
  it('a resident sees the switched-on catalogue by class, and finds items by Chinese, pinyin and initials', async () => {
    const all = await as('resident1', { method: 'GET', url: '/api/services/catalogue' });
    expect(all.statusCode).toBe(200);
    const classes = all.json().classes as { name: string; items: { code: string }[] }[];
    expect(classes.map((c) => c.name)).toContain('民政服务');
    expect(classes.flatMap((c) => c.items).length).toBeGreaterThan(20);
    for (const q of ['临时救助', 'linshijiuzhu', 'lsjz']) {
      const r = await as('resident1', { method: 'GET', url: `/api/services/catalogue?q=${encodeURIComponent(q)}` });
      expect(r.json().classes.flatMap((c: { items: { code: string }[] }) => c.items.map((i) => i.code))).toEqual([
        'temp_relief',
      ]);
    }
  });

  it('a community switched an item off: residents no longer see it or apply for it', async () => {
    const nodeId = t.demo.communities[0]!.id;
    const off = await as('community1', {
      method: 'PUT',
      url: '/api/services/items/job_referral/switch',
      payload: { nodeId, enabled: false },
    });
    expect(off.statusCode).toBe(200);
    const r = await as('resident1', { method: 'GET', url: '/api/services/catalogue?q=jytj' });
    expect(r.json().classes).toEqual([]);
    const apply = await as('resident1', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'job_referral' },
    });
    expect(apply.statusCode).toBe(400);
    expect(apply.json().error.details[0]).toMatchObject({ path: 'itemCode', message: '本社区未开通该服务事项' });
    // A resident cannot switch anything.
    const res = await as('resident1', {
      method: 'PUT',
      url: '/api/services/items/job_referral/switch',
      payload: { nodeId, enabled: true },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('an application from the phone to the department and back', () => {
  let id = 0;
  let version = 0;

  it('checks eligibility in plain words before applying', async () => {
    const ok = await as('resident1', { method: 'GET', url: '/api/services/items/temp_relief/eligibility' });
    expect(ok.json()).toEqual({ eligible: true, failures: [] });
    const no = await as('resident1', { method: 'GET', url: '/api/services/items/elderly_allowance/eligibility' });
    expect(no.json().eligible).toBe(false);
    expect(no.json().failures[0].message).toMatch(/须年满 80 周岁/);
  });

  it('refuses an applicant who fails eligibility, naming the rule, and makes nothing', async () => {
    const before = await count();
    const r = await as('resident1', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'veteran_aid' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toMatchObject({ path: 'eligibility.tag' });
    expect(r.json().error.details[0].message).toMatch(/退役军人/);
    expect(await count()).toBe(before);
  });

  it('refuses an item on the community negative list, naming the list', async () => {
    const r = await as('resident1', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'no_crime_cert' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].message).toMatch(/负面清单/);
  });

  it('refuses a material that is neither an image nor a PDF', async () => {
    const r = await upload('resident1', Buffer.from('PK\u0003\u0004 not a photo'), 'x.docx', 'image/jpeg');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toMatchObject({
      path: 'file',
      message: '只能上传图片（JPEG、PNG、WebP）或 PDF 文件',
    });
  });

  it('the resident applies online with a photo and a PDF; a retry with the same key makes no second one', async () => {
    const photo = (await upload('resident1', jpeg)).json();
    const pdf = await upload(
      'resident1',
      Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF'),
      'a.pdf',
      'application/pdf',
    );
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json().mime).toBe('application/pdf');
    const before = await count();
    const payload = {
      itemCode: 'temp_relief',
      note: '家中突发变故',
      materials: [
        { code: 'id_card', fileIds: [photo.id] },
        { code: 'hardship', fileIds: [pdf.json().id] },
      ],
    };
    const headers = { 'idempotency-key': 'apply-temp-relief-0001' };
    const r = await as('resident1', { method: 'POST', url: '/api/services/applications', payload, headers });
    expect(r.statusCode).toBe(201);
    const again = await as('resident1', { method: 'POST', url: '/api/services/applications', payload, headers });
    expect(again.json().id).toBe(r.json().id);
    expect(await count()).toBe(before + 1);
    id = r.json().id;
    version = r.json().version;
    expect(r.json()).toMatchObject({ status: 'submitted', channel: 'online', onBehalf: false });
    expect(r.json().dueAt).not.toBeNull();
    expect(r.json().allowedActions).toEqual([]);
  });

  it('a resident sees only their own applications; a department only those forwarded to it', async () => {
    const mine = await as('resident1', { method: 'GET', url: '/api/services/applications' });
    expect(mine.json().items.every((a: { applicantName: string }) => a.applicantName === '陈晨')).toBe(true);
    const dept = await as('civil1', { method: 'GET', url: '/api/services/applications' });
    expect(dept.json().items.map((a: { id: number }) => a.id)).not.toContain(id);
    expect(dept.json().items.every((a: { status: string }) => a.status === 'forwarded')).toBe(true);
    expect((await as('civil1', { method: 'GET', url: `/api/services/applications/${id}` })).statusCode).toBe(404);
    // Another grid's worker does not see it; the community's queue does, with the name masked.
    expect((await as('grid2', { method: 'GET', url: `/api/services/applications/${id}` })).statusCode).toBe(404);
    const queue = await as('community1', { method: 'GET', url: '/api/services/applications?status=submitted' });
    const row = queue.json().items.find((a: { id: number }) => a.id === id);
    expect(row.applicantName).toBe('陈*');
    // The materials are readable by the community through the application, not by another grid's worker.
    const d = (await as('community1', { method: 'GET', url: `/api/services/applications/${id}` })).json();
    const url = d.materials[0].files[0].url as string;
    expect((await as('community1', { method: 'GET', url })).statusCode).toBe(200);
    expect((await as('grid2', { method: 'GET', url })).statusCode).toBe(404);
  });

  it('the community asks for one more material with a reason; the resident is told and adds it', async () => {
    const noReason = await act('community1', id, {
      action: 'review_material',
      version,
      code: 'id_card',
      verdict: 'more_needed',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('reason');
    const r = await act('community1', id, {
      action: 'review_material',
      version,
      code: 'id_card',
      verdict: 'more_needed',
      reason: '请补拍身份证背面',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('needs_material');
    version = r.json().version;
    const view = (await as('resident1', { method: 'GET', url: `/api/services/applications/${id}` })).json();
    expect(view.materials.find((m: { code: string }) => m.code === 'id_card')).toMatchObject({
      status: 'more_needed',
      reason: '请补拍身份证背面',
    });
    expect(view.allowedActions).toEqual(['add_material']);
    const notes = (await as('resident1', { method: 'GET', url: '/api/notifications' })).json().items;
    expect(notes[0]).toMatchObject({ kind: 'service_more_needed', title: view.number });
    // Forwarding now is a step the state does not allow: a 409 naming the state, nothing changed.
    const wrong = await act('community1', id, { action: 'forward', version, organisationId: civilId });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.details[0].message).toMatch(/待补充材料/);
    const photo = (await upload('resident1', jpeg)).json();
    const add = await act('resident1', id, {
      action: 'add_material',
      version,
      material: { code: 'id_card', fileIds: [photo.id] },
    });
    expect(add.statusCode).toBe(200);
    expect(add.json().status).toBe('submitted');
    version = add.json().version;
  });

  it('the community forwards it to civil affairs, whose handler sees it and approves; the resident is told and rates it', async () => {
    const accept = await act('community1', id, {
      action: 'review_material',
      version,
      code: 'id_card',
      verdict: 'accepted',
    });
    version = accept.json().version;
    const fwd = await act('community1', id, {
      action: 'forward',
      version,
      organisationId: civilId,
      note: '请民政局审批',
    });
    expect(fwd.statusCode).toBe(200);
    expect(fwd.json()).toMatchObject({ status: 'forwarded', organisationName: '示范区民政局' });
    version = fwd.json().version;
    // The city management handler sees nothing of it; the community can no longer decide it.
    expect((await as('dept1', { method: 'GET', url: `/api/services/applications/${id}` })).statusCode).toBe(404);
    expect((await act('community1', id, { action: 'decide', version, outcome: 'approved' })).statusCode).toBe(409);
    const inbox = (await as('civil1', { method: 'GET', url: '/api/services/applications' })).json().items;
    expect(inbox.map((a: { id: number }) => a.id)).toContain(id);
    const ok = await act('civil1', id, { action: 'decide', version, outcome: 'approved', note: '符合临时救助条件' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    version = ok.json().version;
    const notes = (await as('resident1', { method: 'GET', url: '/api/notifications' })).json().items;
    expect(notes[0].kind).toBe('service_decided');
    const stale = await act('resident1', id, { action: 'rate', version: version - 1, rating: 5 });
    expect(stale.statusCode).toBe(409);
    const rate = await act('resident1', id, { action: 'rate', version, rating: 5, comment: '很快' });
    expect(rate.json()).toMatchObject({ rating: 5, allowedActions: [] });
  });

  it('counts it in the figures', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await as('community1', {
      method: 'GET',
      url: `/api/services/metrics?from=2020-01-01&to=${today}&by=item`,
    });
    const row = r.json().rows.find((x: { key: string }) => x.key === 'temp_relief');
    expect(row).toMatchObject({ handled: 1, onTime: 1, atDoor: 1, satisfaction: 1 });
    expect(
      (await as('resident1', { method: 'GET', url: `/api/services/metrics?from=2020-01-01&to=${today}` })).statusCode,
    ).toBe(403);
  });
});

describe('on behalf of a resident and at the door', () => {
  it('a grid worker records a service done at the door for a registered resident; the record says so', async () => {
    const resident = (await rows<{ id: number }>(t.deps.db, sql`select id from residents where name = '陈晨'`))[0]!;
    const r = await as('grid1', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'pension_cert', residentId: resident.id, doneAtDoor: true },
      headers: { 'idempotency-key': 'door-visit-0000001' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      status: 'approved',
      channel: 'door',
      onBehalf: true,
      submittedByName: '网格员 赵强',
    });
    // The other grid's worker cannot apply for a resident they cannot read.
    const other = await as('grid2', {
      method: 'POST',
      url: '/api/services/applications',
      payload: { itemCode: 'pension_cert', residentId: resident.id, doneAtDoor: true },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0].path).toBe('residentId');
  });

  it('a proxy errand keeps a custody log and the ledgers come out as workbooks', async () => {
    const list = (await as('community1', { method: 'GET', url: '/api/services/applications?status=submitted' })).json();
    const a = list.items[0];
    const d = (await as('community1', { method: 'GET', url: `/api/services/applications/${a.id}` })).json();
    const step = await act('community1', a.id, {
      action: 'custody',
      version: d.version,
      step: 'received',
      party: '陈晨',
    });
    expect(step.statusCode).toBe(200);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const kind of ['service', 'proxy']) {
      const x = await as('community1', {
        method: 'GET',
        url: `/api/services/ledger/${kind}.xlsx?nodeId=${t.demo.communities[0]!.id}&from=2020-01-01&to=${tomorrow}`,
      });
      expect(x.statusCode, x.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const text = book.worksheets
        .flatMap((w) => w.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.map((c) => String(c ?? '')) : [])))
        .join('|');
      expect(text).toContain(a.number);
      // Names are masked to the family name: the hand-over party 陈晨 is 陈*.
      expect(text.includes('陈晨')).toBe(false);
      if (kind === 'proxy') expect(text).toContain('陈*');
    }
    const listed = (await as('community1', { method: 'GET', url: '/api/ledgers' })).json();
    expect(listed.ledgers.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining(['services', 'services-proxy']),
    );
  });
});

describe('policy for every role', () => {
  it('who sees an application and who may take which step on it', async () => {
    for (const u of ['volunteer1', 'property1', 'mediator1', 'power1', 'dept1']) s[u] ??= await t.login(u);
    const list = (await as('community1', { method: 'GET', url: '/api/services/applications?status=submitted' })).json();
    const id = list.items[0].id as number;
    const sees = async (u: string) =>
      (await as(u, { method: 'GET', url: `/api/services/applications/${id}` })).statusCode === 200;
    const expected: Record<string, boolean> = {
      admin: true,
      street1: true,
      community1: true,
      grid1: true,
      grid2: false,
      resident1: true,
      civil1: false,
      dept1: false,
      property1: false,
      volunteer1: false,
      mediator1: false,
      power1: false,
    };
    for (const [u, v] of Object.entries(expected)) expect([u, await sees(u)]).toEqual([u, v]);
    for (const u of ['property1', 'volunteer1', 'mediator1', 'power1'])
      expect((await as(u, { method: 'GET', url: '/api/services/applications' })).json().items).toEqual([]);
    const d = (await as('grid1', { method: 'GET', url: `/api/services/applications/${id}` })).json();
    // A grid worker reads it but is not the first-responsible handler; a resident cannot review their own.
    expect(d.allowedActions).toEqual([]);
    const r = await act('grid1', id, { action: 'accept', version: d.version });
    expect(r.statusCode).toBe(409);
    expect((await act('grid2', id, { action: 'accept', version: d.version })).statusCode).toBe(404);
    const street = (await as('street1', { method: 'GET', url: `/api/services/applications/${id}` })).json();
    expect(street.allowedActions).toContain('forward');
  });
});
