// The only SQL of the time bank: accounts, posting a movement (balances moved by conditional updates that never
// overdraw a holder, entries appended), statements, rules, shop items and stock, redemptions, expiry and the proof.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { fieldError } from '../../platform/errors';
import {
  pointsAccounts,
  pointsEntries,
  pointsItems,
  pointsMovements,
  pointsProofs,
  pointsRedemptions,
  pointsRules,
} from './tables';

export type AccountKind = 'issuing' | 'user' | 'merchant' | 'expiry';
export type Leg = { accountId: number; amount: number; expiresAt?: Date | null };
export type MovementInput = {
  kind: 'award' | 'grant' | 'redeem' | 'transfer' | 'reversal' | 'expiry';
  key: string | null;
  nodeId: number | null;
  memo: string;
  source?: string | null;
  sourceRef?: { kind: string; id: number } | null;
  reversesId?: number | null;
  reason?: string | null;
  actorId: number | null;
  at: Date;
};
export type RuleRow = typeof pointsRules.$inferSelect;
export type ItemRow = typeof pointsItems.$inferSelect & { nodePath: string; nodeName: string; merchantName: string };

export const pointsRepo = {
  /** The account of a holder, made on first use (concurrent first uses make one). */
  async account(
    exec: Exec,
    kind: AccountKind,
    holder: { nodeId?: number; userId?: number; organisationId?: number },
  ): Promise<number> {
    const where =
      kind === 'user'
        ? sql`kind = 'user' and user_id = ${holder.userId!}`
        : kind === 'merchant'
          ? sql`kind = 'merchant' and organisation_id = ${holder.organisationId!}`
          : sql`kind = ${kind} and node_id = ${holder.nodeId!}`;
    const found = await rows<{ id: number }>(exec, sql`select id from points_accounts where ${where}`);
    if (found[0]) return found[0].id;
    await exec
      .insert(pointsAccounts)
      .values({
        kind,
        nodeId: holder.nodeId ?? null,
        userId: holder.userId ?? null,
        organisationId: holder.organisationId ?? null,
      })
      .onConflictDoNothing();
    const again = await rows<{ id: number }>(exec, sql`select id from points_accounts where ${where}`);
    return again[0]!.id;
  },

  async userAccount(exec: Exec, userId: number) {
    const [a] = await exec
      .select()
      .from(pointsAccounts)
      .where(and(eq(pointsAccounts.kind, 'user'), eq(pointsAccounts.userId, userId)));
    return a ?? null;
  },

  async movementByKey(exec: Exec, key: string) {
    const [m] = await exec.select().from(pointsMovements).where(eq(pointsMovements.key, key));
    return m ?? null;
  },

  async movement(exec: Exec, id: number) {
    const [m] = await exec.select().from(pointsMovements).where(eq(pointsMovements.id, id));
    return m ?? null;
  },

  async entriesOf(exec: Exec, movementId: number) {
    return exec.select().from(pointsEntries).where(eq(pointsEntries.movementId, movementId)).orderBy(pointsEntries.id);
  },

  async reversalOf(exec: Exec, movementId: number) {
    const [m] = await exec.select().from(pointsMovements).where(eq(pointsMovements.reversesId, movementId));
    return m ?? null;
  },

  /**
   * Posts a movement and its entries. With a key already used, posts nothing and returns that movement (`repeated`).
   * Each account's balance moves by a conditional update in account order (no deadlock between two postings): a holder's
   * balance never goes below zero — the posting fails with a 400 naming `balance` and the transaction rolls back.
   */
  async post(exec: Exec, m: MovementInput, legs: Leg[]): Promise<{ id: number; repeated: boolean }> {
    const sum = legs.reduce((s, l) => s + l.amount, 0);
    if (legs.length < 2 || sum !== 0 || legs.some((l) => !Number.isInteger(l.amount) || l.amount === 0))
      throw new Error(`points: a movement needs two or more non-zero entries summing to zero (sum ${sum})`);
    const [mv] = await exec
      .insert(pointsMovements)
      .values({
        kind: m.kind,
        key: m.key,
        nodeId: m.nodeId,
        memo: m.memo,
        source: m.source ?? null,
        sourceRef: m.sourceRef ?? null,
        reversesId: m.reversesId ?? null,
        reason: m.reason ?? null,
        actorId: m.actorId,
        at: m.at,
      })
      .onConflictDoNothing({ target: pointsMovements.key })
      .returning({ id: pointsMovements.id });
    if (!mv) {
      const prior = await pointsRepo.movementByKey(exec, m.key!);
      return { id: prior!.id, repeated: true };
    }
    const byAccount = new Map<number, number>();
    for (const l of legs) byAccount.set(l.accountId, (byAccount.get(l.accountId) ?? 0) + l.amount);
    for (const [accountId, delta] of [...byAccount].sort((a, b) => a[0] - b[0])) {
      if (delta === 0) continue;
      const moved = await rows<{ id: number }>(
        exec,
        sql`update points_accounts set balance = balance + ${delta}
            where id = ${accountId} and (kind = 'issuing' or balance + ${delta} >= 0) returning id`,
      );
      if (!moved[0]) throw fieldError('balance', '积分余额不足 / not enough points');
    }
    await exec.insert(pointsEntries).values(
      legs.map((l) => ({
        movementId: mv.id,
        accountId: l.accountId,
        amount: l.amount,
        expiresAt: l.expiresAt ?? null,
        at: m.at,
      })),
    );
    return { id: mv.id, repeated: false };
  },

  async balance(exec: Exec, accountId: number): Promise<number> {
    const [a] = await exec
      .select({ b: pointsAccounts.balance })
      .from(pointsAccounts)
      .where(eq(pointsAccounts.id, accountId));
    return a?.b ?? 0;
  },

  /** An account's last entries, newest first, with whether each movement was reversed. */
  async statement(exec: Exec, accountId: number, limit: number) {
    return rows<{
      movement_id: number;
      kind: string;
      amount: number;
      memo: string;
      at: Date | string;
      expires_at: Date | string | null;
      reverses_id: number | null;
      reversed: boolean;
    }>(
      exec,
      sql`select e.movement_id, m.kind, e.amount::float8 as amount, m.memo, e.at, e.expires_at, m.reverses_id,
            exists (select 1 from points_movements r where r.reverses_id = m.id) as reversed
          from points_entries e join points_movements m on m.id = e.movement_id
          where e.account_id = ${accountId} order by e.id desc limit ${limit}`,
    );
  },

  async rule(exec: Exec, nodeId: number): Promise<RuleRow | null> {
    const [r] = await exec.select().from(pointsRules).where(eq(pointsRules.nodeId, nodeId));
    return r ?? null;
  },

  async putRule(exec: Exec, r: RuleRow) {
    await exec
      .insert(pointsRules)
      .values(r)
      .onConflictDoUpdate({ target: pointsRules.nodeId, set: { ...r } });
  },

  async communities(exec: Exec, where: SQL) {
    return rows<{ id: number; name: string; path: string }>(
      exec,
      sql`select n.id, n.name, n.path from territory_nodes n where n.kind = 'community' and ${where} order by n.path`,
    );
  },

  async node(exec: Exec, id: number) {
    const [n] = await rows<{ id: number; name: string; path: string; kind: string }>(
      exec,
      sql`select id, name, path, kind from territory_nodes where id = ${id}`,
    );
    return n ?? null;
  },

  /** The nodes (with paths) a user is bound to, and their household nodes. */
  async bindingsOf(exec: Exec, userId: number) {
    return rows<{ role: string; node_id: number | null; path: string | null; kind: string | null }>(
      exec,
      sql`select b.role, b.node_id, n.path, n.kind from role_bindings b
          left join territory_nodes n on n.id = b.node_id
          where b.user_id = ${userId}`,
    );
  },

  async userExists(exec: Exec, userId: number) {
    const r = await rows<{ id: number }>(exec, sql`select id from users where id = ${userId} and disabled_at is null`);
    return r.length > 0;
  },

  /** The other users bound as residents to a household the user is bound to. */
  async householdMembers(exec: Exec, userId: number) {
    return rows<{ user_id: number; display_name: string; household_id: number }>(
      exec,
      sql`select distinct u.id as user_id, u.display_name, o.node_id as household_id
          from role_bindings mine join territory_nodes h on h.id = mine.node_id and h.kind = 'household'
          join role_bindings o on o.node_id = mine.node_id and o.user_id <> mine.user_id
          join users u on u.id = o.user_id and u.disabled_at is null
          where mine.user_id = ${userId} order by u.id`,
    );
  },

  async items(exec: Exec, where: SQL) {
    return rows<{
      id: number;
      node_id: number;
      node_name: string;
      organisation_id: number;
      merchant_name: string;
      name: string;
      description: string | null;
      price: number;
      stock: number;
      active: boolean;
    }>(
      exec,
      sql`select i.id, i.node_id, n.name as node_name, i.organisation_id, o.name as merchant_name, i.name, i.description,
            i.price, i.stock, i.active
          from points_items i join territory_nodes n on n.id = i.node_id join organisations o on o.id = i.organisation_id
          where ${where} order by i.node_id, i.id`,
    );
  },

  async item(exec: Exec, id: number) {
    const [i] = await rows<{
      id: number;
      node_id: number;
      path: string;
      organisation_id: number;
      name: string;
      price: number;
      stock: number;
      active: boolean;
    }>(
      exec,
      sql`select i.id, i.node_id, n.path, i.organisation_id, i.name, i.price, i.stock, i.active
          from points_items i join territory_nodes n on n.id = i.node_id where i.id = ${id}`,
    );
    return i ?? null;
  },

  async insertItem(exec: Exec, v: typeof pointsItems.$inferInsert) {
    const [i] = await exec.insert(pointsItems).values(v).returning({ id: pointsItems.id });
    return i!.id;
  },

  /** Takes `quantity` from the stock if that much is left (the row lock serialises concurrent takers); false if not. */
  async takeStock(exec: Exec, itemId: number, quantity: number): Promise<boolean> {
    const r = await rows<{ id: number }>(
      exec,
      sql`update points_items set stock = stock - ${quantity}
          where id = ${itemId} and active and stock >= ${quantity} returning id`,
    );
    return r.length > 0;
  },

  async changeItem(exec: Exec, id: number, v: { price?: number; stockDelta?: number; active?: boolean }) {
    const r = await rows<{ id: number }>(
      exec,
      sql`update points_items set price = coalesce(${v.price ?? null}::int, price),
            stock = stock + ${v.stockDelta ?? 0}, active = coalesce(${v.active ?? null}::boolean, active)
          where id = ${id} and stock + ${v.stockDelta ?? 0} >= 0 returning id`,
    );
    return r.length > 0;
  },

  async redemptionByKey(exec: Exec, userId: number, clientKey: string) {
    const [r] = await exec
      .select()
      .from(pointsRedemptions)
      .where(and(eq(pointsRedemptions.userId, userId), eq(pointsRedemptions.clientKey, clientKey)));
    return r ?? null;
  },

  async redemptionByMovement(exec: Exec, movementId: number) {
    const [r] = await exec.select().from(pointsRedemptions).where(eq(pointsRedemptions.movementId, movementId));
    return r ?? null;
  },

  async insertRedemption(exec: Exec, v: typeof pointsRedemptions.$inferInsert) {
    const [r] = await exec.insert(pointsRedemptions).values(v).returning({ id: pointsRedemptions.id });
    return r!.id;
  },

  async accounts(exec: Exec, where: SQL) {
    return rows<{
      id: number;
      kind: string;
      user_id: number | null;
      holder: string;
      community_name: string | null;
      balance: number;
    }>(
      exec,
      sql`select * from (
            select a.id, a.kind, a.user_id, coalesce(u.display_name, o.name, n.name, '') as holder,
              coalesce(n.name, (select c.name from role_bindings b join territory_nodes bn on bn.id = b.node_id
                 join territory_nodes c on c.kind = 'community' and bn.path like c.path || '%'
                 where b.user_id = a.user_id order by b.id limit 1)) as community_name,
              a.balance::float8 as balance,
              coalesce(n.path, on_.path, (select bn.path from role_bindings b join territory_nodes bn on bn.id = b.node_id
                 where b.user_id = a.user_id order by b.id limit 1)) as path
            from points_accounts a left join users u on u.id = a.user_id left join organisations o on o.id = a.organisation_id
            left join territory_nodes on_ on on_.id = o.node_id
            left join territory_nodes n on n.id = a.node_id) x
          where ${where} order by x.kind, x.id limit 500`,
    );
  },

  async movements(exec: Exec, where: SQL, limit: number) {
    return rows<{
      id: number;
      kind: string;
      community_name: string | null;
      memo: string;
      amount: number;
      at: Date | string;
      reverses_id: number | null;
      reversed: boolean;
    }>(
      exec,
      sql`select m.id, m.kind, n.name as community_name, m.memo,
            (select coalesce(sum(e.amount) filter (where e.amount > 0), 0)::float8 from points_entries e where e.movement_id = m.id) as amount,
            m.at, m.reverses_id, exists (select 1 from points_movements r where r.reverses_id = m.id) as reversed
          from points_movements m left join territory_nodes n on n.id = m.node_id
          where ${where} order by m.id desc limit ${limit}`,
    );
  },

  /**
   * How much of each user account has lapsed by `now` and not yet been taken: credits past their term, less everything
   * that ever left the account (spending takes the oldest points first), never more than the balance.
   */
  async dueToExpire(exec: Exec, now: Date) {
    return rows<{ account_id: number; amount: number; node_id: number | null }>(
      exec,
      sql`with t as (
            select e.account_id,
              coalesce(sum(e.amount) filter (where e.amount > 0 and e.expires_at <= ${now}), 0) as lapsed,
              coalesce(-sum(e.amount) filter (where e.amount < 0), 0) as spent
            from points_entries e join points_accounts a on a.id = e.account_id and a.kind = 'user'
            group by e.account_id)
          select t.account_id, least(t.lapsed - t.spent, a.balance)::float8 as amount,
            (select m.node_id from points_entries e2 join points_movements m on m.id = e2.movement_id
             where e2.account_id = t.account_id and e2.amount > 0 and e2.expires_at <= ${now}
             order by e2.id desc limit 1) as node_id
          from t join points_accounts a on a.id = t.account_id
          where t.lapsed - t.spent > 0 and a.balance > 0`,
    );
  },

  /** The proof over the whole ledger: cached balances against their entries, movements and the total against zero. */
  async prove(exec: Exec) {
    const [totals] = await rows<{ accounts: number; entries: number; total: number }>(
      exec,
      sql`select (select count(*)::int from points_accounts) as accounts, count(*)::int as entries,
            coalesce(sum(amount), 0)::float8 as total from points_entries`,
    );
    // The sums are a materialized CTE so that they are one hashed pass over the table: inlined, the `order by a.id
    // limit 100` (expecting to stop early, though a sound ledger has no row to return) makes the planner walk the whole
    // account index and fetch the heap in its order — 37 s instead of 3.4 s on 10,000,000 entries (docs/benchmarks.md).
    const mismatched = await rows<{ accountId: number; cached: number; sum: number }>(
      exec,
      sql`with s as materialized (select account_id, sum(amount) as sum from points_entries group by account_id)
          select a.id as "accountId", a.balance::float8 as cached, coalesce(s.sum, 0)::float8 as sum
          from points_accounts a left join s on s.account_id = a.id
          where a.balance <> coalesce(s.sum, 0) order by a.id limit 100`,
    );
    const unbalanced = await rows<{ id: number }>(
      exec,
      sql`select movement_id as id from points_entries group by movement_id having sum(amount) <> 0 or count(*) < 2
          order by movement_id limit 100`,
    );
    return { ...totals!, mismatched, unbalancedMovements: unbalanced.map((u) => u.id) };
  },

  async saveProof(exec: Exec, p: typeof pointsProofs.$inferInsert) {
    const [r] = await exec.insert(pointsProofs).values(p).returning({ id: pointsProofs.id });
    return r!.id;
  },

  async lastProof(exec: Exec) {
    const [p] = await exec.select().from(pointsProofs).orderBy(desc(pointsProofs.id)).limit(1);
    return p ?? null;
  },

  async districts(exec: Exec) {
    return rows<{ id: number; path: string }>(exec, sql`select id, path from territory_nodes where kind = 'district'`);
  },

  async organisation(exec: Exec, id: number) {
    const [o] = await rows<{ id: number; retired: boolean }>(
      exec,
      sql`select id, retired_at is not null as retired from organisations where id = ${id}`,
    );
    return o ?? null;
  },

  /**
   * The users bound at or under a community's path (residents of its households, its volunteers), each once with the
   * name of the place they are bound to and their balance; `where` filters on `u`.
   */
  async holders(exec: Exec, path: string, where: SQL, limit: number) {
    return rows<{ user_id: number; display_name: string; place: string; balance: number }>(
      exec,
      sql`select distinct on (u.id) u.id as user_id, u.display_name, n.name as place,
            coalesce(a.balance, 0)::float8 as balance
          from role_bindings b join territory_nodes n on n.id = b.node_id and n.path like ${path + '%'}
          join users u on u.id = b.user_id and u.disabled_at is null
          left join points_accounts a on a.kind = 'user' and a.user_id = u.id
          where b.role in ('resident', 'volunteer') and ${where}
          order by u.id limit ${limit}`,
    );
  },
};
