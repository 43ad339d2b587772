// User accounts: creating with role bindings, who may grant what, disabling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
let admin: Session;
let street: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  street = await t.login('street1');
});
afterAll(() => t?.close());

const create = (s: Session, payload: object) => t.as(s, { method: 'POST', url: '/api/users', payload });

describe('users', () => {
  it('an administrator creates a grid and a grid worker for it; the worker sees that grid and nothing else', async () => {
    const grid = (
      await t.as(admin, {
        method: 'POST',
        url: '/api/territory/nodes',
        payload: { parentId: t.demo.communities[2]!.id, kind: 'grid', name: '新网格' },
      })
    ).json();
    const u = await create(admin, {
      username: 'newgrid',
      displayName: '新网格员',
      password: 'first-password',
      bindings: [{ role: 'grid_worker', nodeId: grid.id }],
    });
    expect(u.statusCode).toBe(200);
    expect(u.json().bindings[0]).toMatchObject({ role: 'grid_worker', nodeId: grid.id, nodeName: '新网格' });
    const s = await t.login('newgrid', 'first-password');
    const me = (await t.as(s, { method: 'GET', url: '/api/auth/me' })).json();
    expect(me.mustChangePassword).toBe(true);
    // A new account replaces its initial password before anything else answers.
    expect(
      (
        await t.as(s, {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: 'first-password', newPassword: 'newgrid-own-password' },
        })
      ).statusCode,
    ).toBe(200);
    const roots = (await t.as(s, { method: 'GET', url: '/api/territory/nodes' })).json().items;
    expect(roots.map((n: { id: number }) => n.id)).toEqual([grid.id]);
    expect((await t.as(s, { method: 'GET', url: `/api/territory/nodes/${t.demo.grids[0]!.id}` })).statusCode).toBe(404);
  });

  it('a street officer grants lower roles inside the street only', async () => {
    const ok = await create(street, {
      username: 'cw2',
      displayName: '社区工作者二',
      password: 'first-password',
      bindings: [{ role: 'community_worker', nodeId: t.demo.communities[1]!.id }],
    });
    expect(ok.statusCode).toBe(200);
    const peer = await create(street, {
      username: 'so2',
      displayName: 'x',
      password: 'first-password',
      bindings: [{ role: 'street_officer', nodeId: t.demo.streets[0]!.id }],
    });
    expect(peer.statusCode).toBe(403);
    const outside = await create(street, {
      username: 'cw3',
      displayName: 'x',
      password: 'first-password',
      bindings: [{ role: 'community_worker', nodeId: t.demo.communities[4]!.id }],
    });
    expect(outside.statusCode).toBe(403);
    const admin2 = await create(street, {
      username: 'adm2',
      displayName: 'x',
      password: 'first-password',
      bindings: [{ role: 'district_admin', nodeId: t.demo.district.id }],
    });
    expect(admin2.statusCode).toBe(403);
    const modifyAdmin = await t.as(street, { method: 'PATCH', url: '/api/users/1', payload: { disabled: true } });
    expect([403, 404]).toContain(modifyAdmin.statusCode);
  });

  it('refuses bindings to the wrong kind of target and duplicate usernames, naming the field', async () => {
    const wrongKind = await create(admin, {
      username: 'gw9',
      displayName: 'x',
      password: 'first-password',
      bindings: [{ role: 'grid_worker', nodeId: t.demo.communities[0]!.id }],
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details[0].path).toBe('bindings.0.nodeId');
    const deptOnNode = await create(admin, {
      username: 'd9',
      displayName: 'x',
      password: 'first-password',
      bindings: [{ role: 'department_handler', nodeId: t.demo.district.id }],
    });
    expect(deptOnNode.statusCode).toBe(400);
    const dup = await create(admin, {
      username: 'grid1',
      displayName: 'x',
      password: 'first-password',
      bindings: [{ role: 'grid_worker', nodeId: t.demo.grids[0]!.id }],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0].path).toBe('username');
    const weak = await create(admin, {
      username: 'weak1',
      displayName: 'x',
      password: 'short',
      bindings: [{ role: 'grid_worker', nodeId: t.demo.grids[0]!.id }],
    });
    expect(weak.json().error.details[0].path).toBe('password');
  });

  it('disabling a user ends their sessions and blocks login; it is audited', async () => {
    const victim = await t.login('grid2');
    const list = (await t.as(admin, { method: 'GET', url: '/api/users?q=grid2' })).json().items;
    expect(list).toHaveLength(1);
    const r = await t.as(admin, { method: 'PATCH', url: `/api/users/${list[0].id}`, payload: { disabled: true } });
    expect(r.json().disabled).toBe(true);
    expect((await t.as(victim, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'grid2', password: 'jiayuan-demo' },
        })
      ).statusCode,
    ).toBe(401);
    const audit = (await t.as(admin, { method: 'GET', url: `/api/audit?entityKind=user&action=user.update` })).json()
      .items[0];
    expect(audit.before.disabledAt).toBeNull();
    expect(audit.after.disabledAt).not.toBeNull();
    expect(audit.after.passwordHash).toBe('***');
  });
});
