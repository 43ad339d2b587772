// Notifications: each step of a case reaches the right people; the centre lists and marks read; the webhook is signed.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { signWebhook } from './service';

const received: { headers: IncomingMessage['headers']; body: string }[] = [];
const hook = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.end('ok');
  });
});

let t: TestApp;
const s = {} as Record<string, Session>;
const secret = 'a-shared-secret-of-the-gateway';

beforeAll(async () => {
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  t = await createTestApp({ config: { notifyWebhook: { url, secret } } });
  for (const u of ['community1', 'grid1', 'dept1', 'street1']) s[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
  hook.close();
});

const inbox = async (u: string) => (await t.as(s[u]!, { method: 'GET', url: '/api/notifications' })).json();

describe('notifications', () => {
  it('tells the community of a new report and the department of a dispatch, but not the person who acted', async () => {
    const c = (
      await t.as(s.grid1!, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'E0101', description: '违建', location: { lat: 39.92, lng: 116.305 } },
      })
    ).json();
    const cw = await inbox('community1');
    expect(cw.items[0]).toMatchObject({ kind: 'new_report', caseId: c.id, title: c.number, read: false });
    expect((await inbox('grid1')).items).toHaveLength(0);
    await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: { action: 'register', version: c.version },
    });
    const v = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}` })).json().version;
    const org = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` })).json()
      .organisation.id;
    await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: { action: 'dispatch', version: v, triage: 'major', organisationId: org },
    });
    const dept = await inbox('dept1');
    expect(dept.items.map((n: { kind: string }) => n.kind)).toEqual(['dispatched']);
    expect(dept.unreadCount).toBe(1);
    expect((await inbox('street1')).items).toHaveLength(0);
  });

  it('marks one or all read, and nobody else’s', async () => {
    const n = (await inbox('community1')).items[0];
    expect((await t.as(s.dept1!, { method: 'POST', url: `/api/notifications/${n.id}/read` })).statusCode).toBe(404);
    expect((await t.as(s.community1!, { method: 'POST', url: `/api/notifications/${n.id}/read` })).statusCode).toBe(
      200,
    );
    expect((await inbox('community1')).unreadCount).toBe(0);
    await t.as(s.dept1!, { method: 'POST', url: '/api/notifications/read-all' });
    expect((await inbox('dept1')).unreadCount).toBe(0);
  });

  it('delivers each notification to the webhook with a signature the gateway can check', async () => {
    await t.deps.jobs.runDue(100);
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const r of received) {
      const ts = String(r.headers['x-jiayuan-timestamp']);
      expect(r.headers['x-jiayuan-signature']).toBe(`sha256=${signWebhook(secret, ts, r.body)}`);
      expect(JSON.parse(r.body)).toHaveProperty('kind');
    }
    const before = received.length;
    await t.deps.jobs.runDue(100);
    expect(received.length).toBe(before);
  });

  it('tells a resident of each step of their report: accepted, being handled', async () => {
    const resident1 = await t.login('resident1');
    const c = (
      await t.as(resident1, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'C0401', description: '夜间施工噪音', gridId: t.demo.grids[0]!.id },
      })
    ).json();
    await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: { action: 'register', version: c.version },
    });
    expect(
      (await t.as(resident1, { method: 'GET', url: '/api/notifications' }))
        .json()
        .items.map((n: { kind: string }) => n.kind),
    ).toEqual(['registered']);
    const v = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}` })).json().version;
    const org = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` })).json()
      .organisation?.id;
    const d = await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: {
        action: 'dispatch',
        version: v,
        triage: 'minor',
        ...(org ? { organisationId: org } : { nodeId: t.demo.communities[0]!.id }),
      },
    });
    expect(d.statusCode).toBe(200);
    expect(
      (await t.as(resident1, { method: 'GET', url: '/api/notifications' }))
        .json()
        .items.map((n: { kind: string }) => n.kind),
    ).toEqual(['in_progress', 'registered']);
  });
});
