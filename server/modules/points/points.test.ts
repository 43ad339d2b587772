// The time bank against the real database: awards by key and rule, the append-only ledger (trigger), redemptions
// under concurrency (stock and balance exact, never below zero), idempotency, reversals, 通存通兑, household pooling,
// expiry with a fake clock, the nightly proof and its alert, and a property test of random sequences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { POINTS_AWARD_JOB, type PointsAward } from '../../../contracts/points';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { userRepo } from '../users';
import { createPointsService } from '.';

const clock = new FakeClock(new Date('2026-09-01T09:00:00+08:00'));
const DAY = 86_400_000;

let t: TestApp;
let worker: Session;
let admin: Session;
let resident: Session;
let ids: Record<string, number>;
let merchantId: number;
let svc: ReturnType<typeof createPointsService>;

const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(t.deps.db, q))[0]!;
const balanceOf = async (userId: number) =>
  Number(
    (await rows<{ b: string }>(t.deps.db, sql`select balance as b from points_accounts where user_id = ${userId}`))[0]
      ?.b ?? 0,
  );
const award = (p: Partial<PointsAward> & { key: string; userId: number }) =>
  t.deps.jobs.enqueue(t.deps.db, POINTS_AWARD_JOB, {
    communityId: t.demo.communities[0]!.id,
    source: 'participation',
    quantity: 1,
    memo: '社区清扫',
    sourceRef: { kind: 'test', id: 1 },
    ...p,
  } satisfies PointsAward);
async function runJobs() {
  while ((await t.deps.jobs.runDue(100)) > 0);
}
async function item(body: { price: number; stock: number; communityId?: number; name?: string }) {
  const r = await t.as(body.communityId ? admin : worker, {
    method: 'POST',
    url: '/api/points/items',
    payload: {
      communityId: t.demo.communities[0]!.id,
      organisationId: merchantId,
      name: '洗衣液一瓶',
      ...body,
    },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as number;
}
const redeem = (s: Session, itemId: number, clientKey: string, quantity = 1) =>
  t.as(s, { method: 'POST', url: '/api/points/redeem', payload: { itemId, clientKey, quantity } });
const stockOf = async (id: number) =>
  (await one<{ stock: number }>(sql`select stock from points_items where id = ${id}`)).stock;
/** Gives a user points straight from the first community (the award job, run now). */
async function fund(userId: number, points: number, key: string) {
  await award({ key, userId, source: 'volunteer_hours', quantity: points / 10 });
  await runJobs();
}

/** The database's reason for refusing a statement (drizzle wraps the driver's error). */
async function refusal(q: ReturnType<typeof sql>) {
  try {
    await t.deps.db.execute(q);
    return 'accepted';
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  [worker, admin, resident] = await Promise.all([t.login('community1'), t.login('admin'), t.login('resident1')]);
  const us = await rows<{ id: number; username: string }>(t.deps.db, sql`select id, username from users`);
  ids = Object.fromEntries(us.map((u) => [u.username, u.id]));
  merchantId = (await one<{ id: number }>(sql`select id from organisations where name = '清河邻里互助会'`)).id;
  svc = createPointsService(t.deps);
}, 60_000);
afterAll(() => t?.close());

describe('awards', () => {
  it('prices by the community rule and credits once per key', async () => {
    const c = t.demo.communities[0]!.id;
    const put = await t.as(worker, {
      method: 'PUT',
      url: `/api/points/rules/${c}`,
      payload: {
        hourRates: { default: 10, elderly_care: 15 },
        wishFulfilled: 20,
        participation: 5,
        projectDone: 50,
        expiryMonths: null,
        poolingAllowed: true,
      },
    });
    expect(put.statusCode, put.body).toBe(204);
    const before = await balanceOf(ids.volunteer1!);
    const a = {
      key: 'activity:1:user:v1',
      userId: ids.volunteer1!,
      source: 'volunteer_hours' as const,
      quantity: 2.5,
      activityType: 'elderly_care',
    };
    await award(a);
    await award(a);
    await runJobs();
    await award(a);
    await runJobs();
    expect(await balanceOf(ids.volunteer1!)).toBe(before + 38);
    const me = (await t.as(await t.login('volunteer1'), { method: 'GET', url: '/api/points/me' })).json();
    expect(me.balance).toBe(before + 38);
    expect(me.statement[0]).toMatchObject({ kind: 'award', amount: 38, memo: '社区清扫' });
  });

  it('uses the default rule where a community set none, and records a failure for a place that is not a community', async () => {
    const before = await balanceOf(ids.resident1!);
    await award({
      key: 'wish:9:fulfilled',
      userId: ids.resident1!,
      communityId: t.demo.communities[5]!.id,
      source: 'wish_fulfilled',
    });
    await award({ key: 'bad:1', userId: ids.resident1!, communityId: t.demo.grids[0]!.id });
    await t.deps.jobs.runDue(100);
    expect(await balanceOf(ids.resident1!)).toBe(before + 20);
    const failed = await one<{ last_error: string }>(
      sql`select last_error from jobs where name = ${POINTS_AWARD_JOB} and payload->>'key' = 'bad:1'`,
    );
    expect(failed.last_error).toMatch(/not a community/);
  });

  it('a worker grants participation points to a person of the community, once per key, audited', async () => {
    const body = {
      communityId: t.demo.communities[0]!.id,
      userId: ids.member1!,
      memo: '参加楼道清扫',
      key: 'cleanup-2026-09-01',
    };
    const before = await balanceOf(ids.member1!);
    for (let i = 0; i < 2; i++) {
      const r = await t.as(worker, { method: 'POST', url: '/api/points/grants', payload: body });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(await balanceOf(ids.member1!)).toBe(before + 5);
    const outsider = await t.as(worker, {
      method: 'POST',
      url: '/api/points/grants',
      payload: { ...body, userId: ids.dept1!, key: 'x-12345678' },
    });
    expect(outsider.statusCode).toBe(400);
    const asResident = await t.as(resident, {
      method: 'POST',
      url: '/api/points/grants',
      payload: { ...body, key: 'y-12345678' },
    });
    expect(asResident.statusCode).toBe(403);
    const audited = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'points.grant'`,
    );
    expect(audited.n).toBe(1);
  });
});

describe('the ledger is append-only', () => {
  it('refuses UPDATE and DELETE of entries and movements, whoever asks', async () => {
    expect(await refusal(sql`update points_entries set amount = amount + 1`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from points_entries`)).toMatch(/append-only/);
    expect(await refusal(sql`update points_movements set memo = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from points_movements`)).toMatch(/append-only/);
  });

  it('refuses a movement whose entries do not sum to zero (checked at commit)', async () => {
    const why = await t.deps.db
      .transaction(async (tx) => {
        const [m] = await rows<{ id: number }>(
          tx,
          sql`insert into points_movements (kind, memo, at) values ('award', 'x', now()) returning id`,
        );
        const [a] = await rows<{ id: number }>(tx, sql`select id from points_accounts limit 1`);
        await tx.execute(
          sql`insert into points_entries (movement_id, account_id, amount, at) values (${m!.id}, ${a!.id}, 7, now())`,
        );
      })
      .then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
    expect(why).toMatch(/does not balance/);
  });
});

describe('the shop', () => {
  it('20 parallel redemptions against stock 5: exactly 5, the balance exact', async () => {
    await fund(ids.resident1!, 1000, 'fund:r1:1');
    const before = await balanceOf(ids.resident1!);
    const id = await item({ price: 30, stock: 5 });
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem(resident, id, `par-${i}-abcdefgh`)));
    expect(rs.filter((r) => r.statusCode === 200)).toHaveLength(5);
    const refused = rs.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(15);
    expect(refused.every((r) => r.statusCode === 400 && r.json().error.details[0].path === 'quantity')).toBe(true);
    expect(await stockOf(id)).toBe(0);
    expect(await balanceOf(ids.resident1!)).toBe(before - 150);
  });

  it('parallel redemptions beyond the balance: as many as it pays for, never below zero', async () => {
    const u = await userRepo.insert(t.deps.db, { username: 'pointsuser1', displayName: '居民 甲', passwordHash: 'x' });
    await userRepo.replaceBindings(t.deps.db, u.id, [
      { role: 'resident', nodeId: t.demo.households[0]!.id, organisationId: null },
    ]);
    await fund(u.id, 100, 'fund:pu1');
    const id = await item({ price: 30, stock: 50 });
    const svcActor = {
      userId: u.id,
      username: 'pointsuser1',
      displayName: '居民 甲',
      bindings: [
        {
          id: 0,
          role: 'resident' as const,
          nodeId: t.demo.households[0]!.id,
          organisationId: null,
          path: t.demo.households[0]!.path,
        },
      ],
      sessionId: 's',
      csrfToken: 'c',
    };
    const ctx = { actorId: u.id, actorName: '居民 甲', requestId: null };
    const rs = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => svc.redeem(svcActor, ctx, { itemId: id, clientKey: `over-${i}-abcdefgh` })),
    );
    expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await balanceOf(u.id)).toBe(10);
    expect(await stockOf(id)).toBe(47);
  });

  it('a repeated client key redeems once; a redemption beyond the balance is a 400 with no change', async () => {
    const id = await item({ price: 10, stock: 3 });
    const before = await balanceOf(ids.resident1!);
    const a = await redeem(resident, id, 'same-key-12345');
    const b = await redeem(resident, id, 'same-key-12345');
    expect(a.statusCode, a.body).toBe(200);
    expect(b.json()).toMatchObject({ repeated: true, movementId: a.json().movementId });
    expect(await stockOf(id)).toBe(2);
    expect(await balanceOf(ids.resident1!)).toBe(before - 10);
    const dear = await item({ price: 999_999, stock: 3 });
    const r = await redeem(resident, dear, 'too-dear-12345');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('balance');
    expect(await stockOf(dear)).toBe(3);
  });

  it('通存通兑: points earned in one community buy in another of the same district', async () => {
    const far = t.demo.communities[t.demo.communities.length - 1]!;
    const id = await item({ price: 10, stock: 2, communityId: far.id, name: '理发一次' });
    const shop = (await t.as(resident, { method: 'GET', url: '/api/points/shop' })).json();
    expect(shop.items.some((i: { id: number }) => i.id === id)).toBe(true);
    expect((await redeem(resident, id, 'far-away-12345')).statusCode).toBe(200);
    // The community worker of the first community does not keep the other community's shop.
    const patch = await t.as(worker, { method: 'PATCH', url: `/api/points/items/${id}`, payload: { stockDelta: 5 } });
    expect(patch.statusCode).toBe(404);
  });
});

describe('reversals', () => {
  it('reverses a redemption (stock back), refuses a second reversal and the reversal of a reversal', async () => {
    const id = await item({ price: 20, stock: 1 });
    const before = await balanceOf(ids.resident1!);
    const r = await redeem(resident, id, 'to-reverse-1234');
    const mv = r.json().movementId as number;
    const rev = await t.as(worker, {
      method: 'POST',
      url: `/api/points/movements/${mv}/reverse`,
      payload: { reason: '商户缺货' },
    });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(await balanceOf(ids.resident1!)).toBe(before);
    expect(await stockOf(id)).toBe(1);
    const again = await t.as(worker, {
      method: 'POST',
      url: `/api/points/movements/${mv}/reverse`,
      payload: { reason: '再次' },
    });
    expect(again.statusCode).toBe(409);
    const ofRev = await t.as(worker, {
      method: 'POST',
      url: `/api/points/movements/${rev.json().movementId}/reverse`,
      payload: { reason: '冲正的冲正' },
    });
    expect(ofRev.statusCode).toBe(409);
    const missing = await t.as(worker, {
      method: 'POST',
      url: `/api/points/movements/999999/reverse`,
      payload: { reason: '不存在' },
    });
    expect(missing.statusCode).toBe(404);
    const audited = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'points.reverse'`,
    );
    expect(audited.n).toBe(1);
  });
});

describe('household pooling', () => {
  it('moves points to a member of the same household where the community allows it', async () => {
    const other = await userRepo.insert(t.deps.db, {
      username: 'pointsuser2',
      displayName: '居民 乙',
      passwordHash: 'x',
    });
    await userRepo.replaceBindings(t.deps.db, other.id, [
      { role: 'resident', nodeId: t.demo.households[0]!.id, organisationId: null },
    ]);
    const before = await balanceOf(ids.resident1!);
    const members = (await t.as(resident, { method: 'GET', url: '/api/points/household' })).json();
    expect(members.items.map((m: { userId: number }) => m.userId)).toContain(other.id);
    const r = await t.as(resident, {
      method: 'POST',
      url: '/api/points/transfer',
      payload: { toUserId: other.id, amount: 15, clientKey: 'pool-123456' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await balanceOf(other.id)).toBe(15);
    expect(await balanceOf(ids.resident1!)).toBe(before - 15);
    const stranger = await t.as(resident, {
      method: 'POST',
      url: '/api/points/transfer',
      payload: { toUserId: ids.member1!, amount: 1, clientKey: 'pool-654321' },
    });
    expect(stranger.statusCode).toBe(400);
  });
});

describe('expiry and the nightly proof', () => {
  it('lapses points past their term, and the proof holds', async () => {
    const c = t.demo.communities[1]!;
    const put = await t.as(admin, {
      method: 'PUT',
      url: `/api/points/rules/${c.id}`,
      payload: {
        hourRates: { default: 10 },
        wishFulfilled: 20,
        participation: 8,
        projectDone: 50,
        expiryMonths: 1,
        poolingAllowed: false,
      },
    });
    expect(put.statusCode).toBe(204);
    const u = await userRepo.insert(t.deps.db, { username: 'pointsuser3', displayName: '居民 丙', passwordHash: 'x' });
    await award({ key: 'expiring:1', userId: u.id, communityId: c.id });
    await runJobs();
    expect(await balanceOf(u.id)).toBe(8);
    clock.advance(40 * DAY);
    await award({ key: 'fresh:1', userId: u.id, communityId: c.id });
    await runJobs();
    // The nightly job fell due in those 40 days and took the lapsed points; a second pass finds nothing.
    expect(await balanceOf(u.id)).toBe(8);
    const lapsed = await one<{ n: number }>(
      sql`select count(*)::int as n from points_entries e join points_movements m on m.id = e.movement_id
          join points_accounts a on a.id = e.account_id where m.kind = 'expiry' and a.user_id = ${u.id} and e.amount = -8`,
    );
    expect(lapsed.n).toBe(1);
    expect(await svc.expire()).toBe(0);
    [worker, admin, resident] = await Promise.all([t.login('community1'), t.login('admin'), t.login('resident1')]);
    const proof = await svc.prove();
    expect(proof).toMatchObject({ ok: true, total: 0, mismatched: [], unbalancedMovements: [] });
  });

  it('the nightly job is scheduled and runs the proof; a mismatch raises an alert to the district administrators', async () => {
    const queued = await one<{ n: number }>(
      sql`select count(*)::int as n from jobs where name = 'points.nightly' and state = 'queued'`,
    );
    expect(queued.n).toBeGreaterThan(0);
    const acc = await one<{ id: number }>(sql`select id from points_accounts where user_id = ${ids.member1!}`);
    await t.deps.db.execute(sql`update points_accounts set balance = balance + 1 where id = ${acc.id}`);
    clock.advance(2 * DAY);
    await runJobs();
    [worker, admin, resident] = await Promise.all([t.login('community1'), t.login('admin'), t.login('resident1')]);
    const status = (await t.as(admin, { method: 'GET', url: '/api/points/proof' })).json();
    expect(status.last).toMatchObject({ ok: false, mismatched: [{ accountId: acc.id }] });
    const notes = (await t.as(admin, { method: 'GET', url: '/api/notifications' })).json();
    expect(JSON.stringify(notes)).toMatch(/points_proof_failed/);
    const audited = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'points.proof_failed'`,
    );
    expect(audited.n).toBeGreaterThan(0);
    await t.deps.db.execute(sql`update points_accounts set balance = balance - 1 where id = ${acc.id}`);
    expect((await svc.prove()).ok).toBe(true);
  });
});

describe('property: random sequences keep the ledger whole', () => {
  it('awards, redemptions and reversals, some at once: balances equal their entries, the ledger sums to zero, nothing below zero', async () => {
    const people = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const u = await userRepo.insert(t.deps.db, {
          username: `prop${i}`,
          displayName: `居民 ${i}`,
          passwordHash: 'x',
        });
        await userRepo.replaceBindings(t.deps.db, u.id, [
          { role: 'resident', nodeId: t.demo.households[2 + i]!.id, organisationId: null },
        ]);
        return {
          userId: u.id,
          username: `prop${i}`,
          displayName: `居民 ${i}`,
          bindings: [
            {
              id: 0,
              role: 'resident' as const,
              nodeId: t.demo.households[2 + i]!.id,
              organisationId: null,
              path: t.demo.households[2 + i]!.path,
            },
          ],
          sessionId: 's',
          csrfToken: 'c',
        };
      }),
    );
    const items = [await item({ price: 7, stock: 4 }), await item({ price: 13, stock: 2 })];
    const staff = {
      userId: ids.community1!,
      username: 'community1',
      displayName: '王芳',
      bindings: [
        {
          id: 0,
          role: 'community_worker' as const,
          nodeId: t.demo.communities[0]!.id,
          organisationId: null,
          path: t.demo.communities[0]!.path,
        },
      ],
      sessionId: 's',
      csrfToken: 'c',
    };
    const ctx = { actorId: null, actorName: null, requestId: null };
    let seq = 0;
    const op = fc.oneof(
      fc.record({ t: fc.constant('award' as const), who: fc.nat(2), hours: fc.integer({ min: 1, max: 4 }) }),
      fc.record({
        t: fc.constant('redeem' as const),
        who: fc.nat(2),
        item: fc.nat(1),
        q: fc.integer({ min: 1, max: 2 }),
      }),
      fc.record({ t: fc.constant('reverse' as const), back: fc.nat(5) }),
    );
    type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
    const movements: number[] = [];
    const apply = async (o: Op) => {
      const n = ++seq;
      if (o.t === 'award') {
        const r = await svc.award({
          key: `prop:${n}`,
          communityId: t.demo.communities[0]!.id,
          userId: people[o.who]!.userId,
          source: 'volunteer_hours',
          quantity: o.hours,
          memo: 'p',
          sourceRef: { kind: 'p', id: n },
        });
        if (r.id) movements.push(r.id);
      } else if (o.t === 'redeem') {
        const r = await svc.redeem(people[o.who]!, ctx, {
          itemId: items[o.item]!,
          clientKey: `prop-${n}-key`,
          quantity: o.q,
        });
        movements.push(r.movementId);
      } else {
        const m = movements[movements.length - 1 - o.back];
        if (m) await svc.reverse(staff, ctx, m, '随机冲正');
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        async (batches) => {
          // Each batch runs at once; a refused step (not enough points or stock, already reversed) changes nothing.
          for (const batch of batches) await Promise.allSettled(batch.map(apply));
          const p = await svc.prove();
          expect(p).toMatchObject({ ok: true, total: 0, mismatched: [], unbalancedMovements: [] });
          const low = await one<{ n: number }>(
            sql`select count(*)::int as n from points_accounts where kind <> 'issuing' and balance < 0`,
          );
          expect(low.n).toBe(0);
          const stock = await one<{ n: number }>(sql`select count(*)::int as n from points_items where stock < 0`);
          expect(stock.n).toBe(0);
          // Stock taken equals the redemptions not reversed.
          for (const it of items) {
            const r = await one<{ taken: number; stock: number; initial: number }>(sql`
            select coalesce(sum(r.quantity) filter (where not exists (select 1 from points_movements x where x.reverses_id = r.movement_id)), 0)::int as taken,
              (select stock from points_items where id = ${it}) as stock
            from points_redemptions r where r.item_id = ${it}`);
            expect(r.taken + r.stock).toBe(it === items[0] ? 4 : 2);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
