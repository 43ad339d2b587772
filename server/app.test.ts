// Platform behaviour over HTTP: OpenAPI document, health, error bodies, unknown routes, the append-only audit log.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    extraRoutes: (app) =>
      app.get('/api/test-crash', async () => {
        throw new Error('secret internal detail');
      }),
  });
});
afterAll(() => t?.close());

describe('platform', () => {
  it('serves a generated OpenAPI document naming every module’s routes', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/territory/nodes',
      '/api/territory/nodes/{id}/move',
      '/api/party/orgs',
      '/api/organisations/',
      '/api/users/',
      '/api/audit/',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const body = doc.paths['/api/territory/nodes'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['parentId', 'kind', 'name']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers health and public config without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ ok: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json()).toEqual({ mapTileUrl: null });
  });

  it('gives unknown API routes a 404 error body with a request id that is echoed in a header', async () => {
    const s = await t.login('admin');
    const r = await t.as(s, { method: 'GET', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not_found');
    expect(r.headers['x-request-id']).toBe(r.json().error.requestId);
  });

  it('hides internals of an unexpected failure behind a 500 with a request id', async () => {
    const s = await t.login('admin');
    const r = await t.as(s, { method: 'GET', url: '/api/test-crash' });
    expect(r.statusCode).toBe(500);
    expect(r.json().error.code).toBe('internal');
    expect(r.json().error.requestId).toBeTruthy();
    expect(r.body).not.toContain('secret internal detail');
    expect(r.body).not.toContain('app.test.ts');
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const s = await t.login('admin');
    await t.as(s, {
      method: 'PATCH',
      url: `/api/territory/nodes/${t.demo.grids[3]!.id}`,
      payload: { name: '审计测试' },
    });
    const reason = (e: unknown) =>
      String((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message);
    expect(reason(await t.deps.db.execute(sql`update audit_log set action = 'tampered'`).catch((e) => e))).toMatch(
      /append-only/,
    );
    expect(reason(await t.deps.db.execute(sql`delete from audit_log`).catch((e) => e))).toMatch(/append-only/);
    const n = await t.deps.db.execute(sql`select count(*)::int as n from audit_log where action = 'tampered'`);
    expect((n as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});

describe('messages in the request’s language', () => {
  it('translates validation details to Chinese by default and keeps English for English requests', async () => {
    const s = await t.login('admin');
    const payload = { parentId: t.demo.communities[0]!.id, kind: 'grid', name: 'x', colour: 'red' };
    const zh = await t.as(s, { method: 'POST', url: '/api/territory/nodes', payload });
    expect(zh.json().error.details[0].message).toMatch(/未知的键/);
    const en = await t.as(s, {
      method: 'POST',
      url: '/api/territory/nodes',
      payload,
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.details[0].message).toMatch(/Unrecognized key/);
    const own = await t.as(s, { method: 'POST', url: '/api/territory/nodes/999999/move', payload: { newParentId: 1 } });
    expect(own.statusCode).toBe(404);
    const cycle = await t.as(s, {
      method: 'POST',
      url: `/api/territory/nodes/${t.demo.communities[0]!.id}/move`,
      payload: { newParentId: t.demo.grids[0]!.id },
    });
    expect(cycle.json().error.details[0].message).toBe('不能移动到自身或其下级之下');
  });
});
