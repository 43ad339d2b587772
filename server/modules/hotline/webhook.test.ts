// The signed webhook (refusals create nothing; retries make one case), the unresolved queue, and the reply (回单)
// delivered exactly once to a local HTTP server when the case closes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { signWebhook } from '../notifications';
import { countHotlineCases, estates, postOrder, SECRET } from './testing';

const clock = new FakeClock(new Date('2026-11-20T10:00:00+08:00'));
let t: TestApp;
let server: Server;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const s: Record<string, Session> = {};
let estate0 = '';

const order = (no: string, extra: object = {}) => ({
  orderNo: no,
  calledAt: '2026-11-20T09:50:00+08:00',
  callerName: '李四',
  callerPhone: '13700000000',
  content: '楼下有车辆长期占用消防通道',
  address: `家园示范区${estate0}1号楼`,
  requestType: '乱停车',
  deadline: '2026-11-25T18:00:00+08:00',
  handlerUnit: '清河街道',
  ...extra,
});
const act = (who: string, id: number, body: object) =>
  t.as(s[who]!, { method: 'POST', url: `/api/cases/${id}/actions`, payload: body });
const version = async (id: number) =>
  (await t.as(s.admin!, { method: 'GET', url: `/api/cases/${id}` })).json().version as number;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  t = await createTestApp({
    clock,
    config: { hotline: { webhookSecret: SECRET, replyUrl: `http://127.0.0.1:${port}/replies`, replySecret: SECRET } },
  });
  for (const u of ['admin', 'community1', 'property1', 'grid1', 'street1']) s[u] = await t.login(u);
  estate0 = (await estates(t)).find((e) => e.path.startsWith(t.demo.grids[0]!.path))!.name;
});
afterAll(async () => {
  await t.close();
  await new Promise((ok) => server.close(ok));
});

describe('hotline webhook', () => {
  it('refuses a bad signature, a missing one and a stale timestamp, and creates nothing', async () => {
    const bad = await postOrder(t, order('W-BAD'), { secret: 'another-secret-0123456789' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('unauthenticated');
    expect((await postOrder(t, order('W-BAD'), { sign: false })).statusCode).toBe(401);
    expect((await postOrder(t, order('W-BAD'), { tsOffsetS: -301 })).statusCode).toBe(401);
    // The body is covered by the signature: the same headers with another body fail.
    const raw = JSON.stringify(order('W-BAD'));
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const tampered = await t.app.inject({
      method: 'POST',
      url: '/api/hotline/orders',
      payload: raw.replace('W-BAD', 'W-EVIL'),
      headers: {
        'content-type': 'application/json',
        'x-jiayuan-timestamp': ts,
        'x-jiayuan-signature': `sha256=${signWebhook(SECRET, ts, raw)}`,
      },
    });
    expect(tampered.statusCode).toBe(401);
    expect(await countHotlineCases(t)).toBe(0);
    expect((await t.as(s.admin!, { method: 'GET', url: '/api/hotline/orders' })).json().items).toEqual([]);
  });

  it('makes one case from a valid order, and a retried delivery still one', async () => {
    const first = await postOrder(t, order('W-1'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'created', created: true });
    const again = await postOrder(t, order('W-1'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseId: first.json().caseId, created: false });
    expect(await countHotlineCases(t)).toBe(1);
    const c = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${first.json().caseId}` })).json();
    expect(c).toMatchObject({ channel: 'hotline', categoryCode: 'C0203', status: 'reported' });
    expect(c.gridId).toBe(t.demo.grids[0]!.id);
  });

  it('queues unknown addresses and types until a person settles them', async () => {
    const lost = (await postOrder(t, order('W-2', { address: '某某大街100号' }))).json();
    expect(lost).toMatchObject({ status: 'pending_address', caseId: null });
    const odd = (await postOrder(t, order('W-3', { requestType: '外星人' }))).json();
    expect(odd).toMatchObject({ status: 'pending_category', caseId: null });
    // A street officer does not see a district-level queue item; the district administrator settles it.
    expect(
      (
        await t.as(s.street1!, {
          method: 'POST',
          url: `/api/hotline/orders/${lost.orderId}/resolve`,
          payload: { nodeId: t.demo.grids[0]!.id },
        })
      ).statusCode,
    ).toBe(404);
    const noCategory = await t.as(s.admin!, {
      method: 'POST',
      url: `/api/hotline/orders/${odd.orderId}/resolve`,
      payload: { nodeId: t.demo.grids[0]!.id },
    });
    expect(noCategory.statusCode).toBe(400);
    const settled = await t.as(s.admin!, {
      method: 'POST',
      url: `/api/hotline/orders/${lost.orderId}/resolve`,
      payload: { nodeId: t.demo.grids[1]!.id },
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ status: 'created', nodeId: t.demo.grids[1]!.id });
    expect(settled.json().history.map((h: { action: string }) => h.action)).toEqual([
      'hotline.order_received',
      'hotline.order_resolved',
    ]);
    const typed = await t.as(s.admin!, {
      method: 'POST',
      url: `/api/hotline/orders/${odd.orderId}/resolve`,
      payload: { nodeId: t.demo.grids[0]!.id, categoryCode: 'C0401' },
    });
    expect(typed.json()).toMatchObject({ status: 'created', categoryCode: 'C0401' });
    expect(await countHotlineCases(t)).toBe(3);
    expect(
      (
        await t.as(s.admin!, {
          method: 'POST',
          url: `/api/hotline/orders/${odd.orderId}/resolve`,
          payload: { nodeId: t.demo.grids[0]!.id },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('sends exactly one signed reply when the hotline case closes', async () => {
    const { caseId } = (await postOrder(t, order('W-1'))).json();
    const reg = await act('community1', caseId, { action: 'register', version: await version(caseId) });
    expect(reg.statusCode, reg.body).toBe(200);
    const property = (
      await rows<{ id: number }>(t.deps.db, sql`select id from organisations where name = '安居物业服务有限公司'`)
    )[0]!.id;
    const sent = await act('community1', caseId, {
      action: 'dispatch',
      version: await version(caseId),
      triage: 'minor',
      organisationId: property,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    await act('property1', caseId, { action: 'accept', version: await version(caseId) });
    await act('property1', caseId, {
      action: 'reply',
      version: await version(caseId),
      result: '已劝离车辆并张贴告知书，车主身份证110105194912310021，联系电话13900001111',
    });
    await t.deps.jobs.runDue(200);
    expect(received).toHaveLength(0);
    expect(
      (await act('grid1', caseId, { action: 'verify', version: await version(caseId), pass: true })).json().status,
    ).toBe('closed');
    for (let i = 0; i < 3; i++) {
      clock.advance(61_000);
      await t.deps.jobs.runDue(200);
      await t.deps.jobs.runDue(200);
    }
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers['x-jiayuan-signature']).toBe(
      `sha256=${signWebhook(SECRET, String(headers['x-jiayuan-timestamp']), body)}`,
    );
    expect(JSON.parse(body)).toMatchObject({
      orderNo: 'W-1',
      outcome: 'closed',
      result: '已劝离车辆并张贴告知书，车主身份证***，联系电话13900001111',
      handlerUnit: '安居物业服务有限公司',
    });
    const o = (await t.as(s.admin!, { method: 'GET', url: '/api/hotline/orders?q=W-1' })).json().items[0];
    expect(o.replyDeliveredAt).not.toBeNull();
    // The follow-up call's result comes back signed; the same result again changes nothing, a forged one is refused.
    const rate = (rating: string, opts = {}) =>
      postOrder(t, { orderNo: 'W-1', rating }, { url: '/api/hotline/ratings', ...opts });
    expect((await rate('satisfied', { secret: 'another-secret-0123456789' })).statusCode).toBe(401);
    const rated = await rate('basically_satisfied');
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ caseId, changed: true });
    expect((await rate('basically_satisfied')).json()).toMatchObject({ changed: false });
    expect((await t.as(s.admin!, { method: 'GET', url: `/api/cases/${caseId}` })).json().rating).toBe(
      'basically_satisfied',
    );
    expect((await rate('unsatisfied')).statusCode).toBe(409);
    const xlsx = await t.as(s.admin!, {
      method: 'GET',
      url: '/api/hotline/replies.xlsx?from=2026-11-01&to=2026-12-01',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
