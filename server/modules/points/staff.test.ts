// The staff's verbs of the time bank over HTTP against the real database: an event's participation grant to several
// people (all or none, once per person and key, the failing person named), the people a worker may grant to, accounts
// naming their user, the rule's and the shop item's bad input refused with the field named and nothing changed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';

const clock = new FakeClock(new Date('2026-10-10T09:00:00+08:00'));
let t: TestApp;
let worker: Session;
let resident: Session;
let ids: Record<string, number>;
let community = 0;

const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(t.deps.db, q))[0]!.n;
const movements = () => count(sql`select count(*)::int as n from points_movements`);
const balanceOf = async (userId: number) =>
  Number(
    (await rows<{ b: string }>(t.deps.db, sql`select balance as b from points_accounts where user_id = ${userId}`))[0]
      ?.b ?? 0,
  );

beforeAll(async () => {
  t = await createTestApp({ clock });
  [worker, resident] = await Promise.all([t.login('community1'), t.login('resident1')]);
  const us = await rows<{ id: number; username: string }>(t.deps.db, sql`select id, username from users`);
  ids = Object.fromEntries(us.map((u) => [u.username, u.id]));
  community = t.demo.communities[0]!.id;
}, 60_000);
afterAll(() => t?.close());

describe('participation grants of an event', () => {
  const body = () => ({
    communityId: community,
    userIds: [ids.resident1!, ids.volunteer1!, ids.member1!],
    memo: '10月10日清洁家园活动',
    key: 'cleanup-2026-10-10',
  });

  it('lists the people of the community a worker may grant to, searchable by name', async () => {
    const r = await t.as(worker, { method: 'GET', url: `/api/points/holders?communityId=${community}` });
    expect(r.statusCode, r.body).toBe(200);
    const names = (r.json().items as { userId: number; displayName: string }[]).map((h) => h.userId);
    expect(names).toEqual(expect.arrayContaining([ids.resident1, ids.volunteer1, ids.member1]));
    expect(names).not.toContain(ids.dept1);
    const q = await t.as(worker, {
      method: 'GET',
      url: `/api/points/holders?communityId=${community}&q=${encodeURIComponent('陈晨')}`,
    });
    expect((q.json().items as { userId: number }[]).map((h) => h.userId)).toEqual([ids.resident1]);
    const other = await t.as(worker, {
      method: 'GET',
      url: `/api/points/holders?communityId=${t.demo.communities[4]!.id}`,
    });
    expect(other.statusCode).toBe(403);
    expect(
      (await t.as(resident, { method: 'GET', url: `/api/points/holders?communityId=${community}` })).statusCode,
    ).toBe(403);
  });

  it('refuses the whole event when one person is not of the community, naming them, and changes nothing', async () => {
    const before = await movements();
    const bad = await t.as(worker, {
      method: 'POST',
      url: '/api/points/grants/batch',
      payload: { ...body(), userIds: [ids.resident1!, ids.dept1!] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('userIds.1');
    const twice = await t.as(worker, {
      method: 'POST',
      url: '/api/points/grants/batch',
      payload: { ...body(), userIds: [ids.resident1!, ids.resident1!] },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].path).toBe('userIds');
    const noMemo = await t.as(worker, {
      method: 'POST',
      url: '/api/points/grants/batch',
      payload: { ...body(), memo: ' ' },
    });
    expect(noMemo.statusCode).toBe(400);
    expect(noMemo.json().error.details[0].path).toBe('memo');
    expect(await movements()).toBe(before);
    expect(await balanceOf(ids.resident1!)).toBe(0);
  });

  it('credits everyone once (a double entry each, audited), and a repeat of the event credits nobody again', async () => {
    const first = await t.as(worker, { method: 'POST', url: '/api/points/grants/batch', payload: body() });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toHaveLength(3);
    expect(first.json().items.every((i: { amount: number; repeated: boolean }) => i.amount === 5 && !i.repeated)).toBe(
      true,
    );
    const again = await t.as(worker, { method: 'POST', url: '/api/points/grants/batch', payload: body() });
    expect(again.json().items.every((i: { repeated: boolean }) => i.repeated)).toBe(true);
    for (const u of body().userIds) expect(await balanceOf(u)).toBe(5);
    const ids_ = (first.json().items as { movementId: number }[]).map((i) => i.movementId);
    const legs = await rows<{ movement_id: number; n: number; sum: string }>(
      t.deps.db,
      sql`select movement_id, count(*)::int as n, sum(amount) as sum from points_entries
          where movement_id in (${sql.join(
            ids_.map((i) => sql`${i}`),
            sql`, `,
          )}) group by movement_id`,
    );
    expect(legs.every((l) => l.n === 2 && Number(l.sum) === 0)).toBe(true);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'points.grant'`)).toBe(3);
  });

  it('shows each personal account with its user', async () => {
    const r = await t.as(worker, { method: 'GET', url: '/api/points/accounts' });
    const mine = (r.json().items as { kind: string; userId: number | null; balance: number }[]).find(
      (a) => a.userId === ids.resident1,
    );
    expect(mine).toMatchObject({ kind: 'user', balance: 5 });
    expect(
      (r.json().items as { kind: string; userId: number | null }[])
        .filter((a) => a.kind !== 'user')
        .every((a) => a.userId == null),
    ).toBe(true);
  });

  it('refuses an event when the rule grants nothing for participation', async () => {
    const put = await t.as(worker, {
      method: 'PUT',
      url: `/api/points/rules/${community}`,
      payload: {
        hourRates: { default: 10 },
        wishFulfilled: 20,
        participation: 0,
        projectDone: 50,
        expiryMonths: 12,
        poolingAllowed: false,
      },
    });
    expect(put.statusCode, put.body).toBe(204);
    const r = await t.as(worker, {
      method: 'POST',
      url: '/api/points/grants/batch',
      payload: { ...body(), key: 'meeting-2026-10-10' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('communityId');
  });
});

describe('rules and shop items: bad input names the field and changes nothing', () => {
  it('a rule without a default hourly rate or with a negative rate is refused', async () => {
    const before = (await t.as(worker, { method: 'GET', url: '/api/points/rules' })).json();
    const rule = {
      hourRates: { elderly_care: 15 },
      wishFulfilled: 20,
      participation: 5,
      projectDone: 50,
      expiryMonths: null,
      poolingAllowed: false,
    };
    const noDefault = await t.as(worker, { method: 'PUT', url: `/api/points/rules/${community}`, payload: rule });
    expect(noDefault.statusCode).toBe(400);
    expect(noDefault.json().error.details[0].path).toBe('hourRates.default');
    const negative = await t.as(worker, {
      method: 'PUT',
      url: `/api/points/rules/${community}`,
      payload: { ...rule, hourRates: { default: -1 } },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.details[0].path).toBe('hourRates.default');
    const expiry = await t.as(worker, {
      method: 'PUT',
      url: `/api/points/rules/${community}`,
      payload: { ...rule, hourRates: { default: 10 }, expiryMonths: 0 },
    });
    expect(expiry.json().error.details[0].path).toBe('expiryMonths');
    expect((await t.as(worker, { method: 'GET', url: '/api/points/rules' })).json()).toEqual(before);
  });

  it('an item of an unknown merchant, or with no price, is refused; a good one is listed with its stock', async () => {
    const merchant = (
      await rows<{ id: number }>(t.deps.db, sql`select id from organisations where name = '清河邻里互助会'`)
    )[0]!.id;
    const item = { communityId: community, organisationId: merchant, name: '毛巾一条', price: 15, stock: 10 };
    const unknown = await t.as(worker, {
      method: 'POST',
      url: '/api/points/items',
      payload: { ...item, organisationId: 999999 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('organisationId');
    const free = await t.as(worker, { method: 'POST', url: '/api/points/items', payload: { ...item, price: 0 } });
    expect(free.json().error.details[0].path).toBe('price');
    expect(await count(sql`select count(*)::int as n from points_items`)).toBe(0);
    const ok = await t.as(worker, { method: 'POST', url: '/api/points/items', payload: item });
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (await t.as(worker, { method: 'GET', url: '/api/points/items' })).json().items;
    expect(list).toEqual([
      expect.objectContaining({ name: '毛巾一条', price: 15, stock: 10, merchantName: '清河邻里互助会' }),
    ]);
  });
});
