// Points time bank and wish wall benchmark (issue 15): a ledger of M movements (default 5,000,000, two entries each)
// over U user accounts (default 100,000) and the communities' issuing accounts, loaded by SQL, then
//   (1) one account's balance and statement, GET /api/points/me through the app and as raw SQL;
//   (2) the proof over the whole ledger (POST /api/points/proof, the service's runProof) and its raw SQL;
//   (3) redemptions from 50 concurrent clients as distinct residents, and 100 concurrent redemptions of one item with
//       stock 10, then stock, balances and the ledger checked (the proof again);
//   (4) a community's wish wall (GET /api/wishes/wall) with W wishes in it (default 10,000), and its raw SQL.
// Run: npx tsx bench/points.ts [M] [U] [W] (TEST_DATABASE_URL=… for the server database). Requests go through
// app.inject (no sockets), so figures are the app's.
//
// Loading: each chunk of movements is one statement inserting the movements and both entries of each (interleaved),
// in a transaction with session_replication_role = replica, which skips the deferred balance trigger and the foreign
// key triggers; the entries' two secondary indexes are dropped for the load and built again after it. The cached
// balances are then set from the entries' sums in one statement. The proof measured below is the check that every
// movement balances and the ledger sums to zero, so nothing unproven is left behind by skipping the trigger.
import { createHash, randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { FakeClock } from '../server/platform/clock';
import { rows } from '../server/platform/db';
import { createTestApp, type Session } from '../server/testing';
import { summarise, timeLoop, type Latency } from './measure/stats';

const M = Number(process.argv[2] ?? 5_000_000);
const U = Number(process.argv[3] ?? 100_000);
const W = Number(process.argv[4] ?? 10_000);
const CHUNK = 250_000;
/** Redeemers: distinct residents with sessions; items of the shop spread over merchants. */
const REDEEMERS = Math.min(U, 2_000);
const ITEMS = 10;
const clock = new FakeClock(new Date('2026-01-01T08:00:00+08:00'));
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

async function main() {
  const t = await createTestApp({ clock });
  const db = t.deps.db;
  const [staff, admin, resident1] = await Promise.all([t.login('community1'), t.login('admin'), t.login('resident1')]);
  const communities = await rows<{ id: number; path: string }>(
    db,
    sql`select id, path from territory_nodes where kind = 'community' order by id`,
  );
  const c1 = t.demo.communities[0]!;
  const loadAtStart = load();

  // Users, their resident bindings (to their community's node: no household, so GET /me lists no members) and accounts.
  const t0 = performance.now();
  await db.execute(sql`insert into points_accounts (kind, node_id)
    select 'issuing', id from territory_nodes where kind = 'community' on conflict do nothing`);
  const issuing = (
    await rows<{ id: number; node_id: number }>(
      db,
      sql`select id, node_id from points_accounts where kind = 'issuing' order by node_id`,
    )
  ).filter((a) => communities.some((c) => c.id === a.node_id));
  await db.execute(sql`insert into users (username, display_name, password_hash)
    select 'pb' || lpad(i::text, 7, '0'), '基准居民' || i, 'x' from generate_series(0, ${U - 1}) i`);
  const ur = await rows<{ lo: number; hi: number; n: number }>(
    db,
    sql`select min(id) as lo, max(id) as hi, count(*)::int as n from users where username like 'pb%'`,
  );
  const commArr = sql.raw(`array[${communities.map((c) => c.id).join(',')}]`);
  await db.execute(sql`insert into role_bindings (user_id, role, node_id)
    select id, 'resident', (${commArr})[1 + id % ${communities.length}] from users where username like 'pb%'`);
  await db.execute(sql`insert into points_accounts (kind, user_id)
    select 'user', id from users where username like 'pb%' order by id`);
  const ar = await rows<{ lo: number; hi: number; n: number }>(
    db,
    sql`select min(a.id) as lo, max(a.id) as hi, count(*)::int as n from points_accounts a
        join users u on u.id = a.user_id where u.username like 'pb%'`,
  );
  const ua0 = ar[0]!.lo;
  if (ar[0]!.hi - ua0 + 1 !== U || ur[0]!.n !== U) throw new Error('bench accounts are not contiguous');

  // The ledger: movement i moves 1 + i % 97 points from community i % C's issuing account to user (i · 7919) mod U
  // (a bijection on every block of U, so each user gets M/U credits), spread over the two years before the clock.
  const base = (await rows<{ m: number }>(db, sql`select coalesce(max(id), 0) as m from points_movements`))[0]!.m;
  const issArr = sql.raw(`array[${issuing.map((a) => a.id).join(',')}]`);
  const nodeArr = sql.raw(`array[${issuing.map((a) => a.node_id).join(',')}]`);
  const step = (2 * 365 * 86_400) / M;
  await db.execute(sql`drop index points_entries_account_idx`);
  await db.execute(sql`drop index points_entries_movement_idx`);
  for (let lo = 0; lo < M; lo += CHUNK) {
    const hi = Math.min(M, lo + CHUNK) - 1;
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`
        with g as (
          select i, ${base}::bigint + i as mid, 1 + i % ${issuing.length} as c, ${ua0}::bigint + (i * 7919) % ${U} as acc,
                 1 + i % 97 as amt, timestamptz '2024-01-01 08:00+08' + (i * ${step}::float8) * interval '1 second' as at
          from generate_series(${lo}::bigint, ${hi}::bigint) i
        ), m as (
          insert into points_movements (id, kind, key, node_id, memo, source, at)
          select mid, 'award', 'award:bench:' || lpad(i::text, 9, '0'), (${nodeArr})[c], '基准：志愿服务', 'volunteer_hours', at
          from g
        )
        insert into points_entries (movement_id, account_id, amount, at)
        select g.mid, x.acc, x.amt, g.at from g
        cross join lateral (values ((${issArr})[g.c], -g.amt), (g.acc, g.amt)) x(acc, amt)`);
    });
    if ((lo / CHUNK) % 4 === 3)
      console.error(`loaded ${hi + 1} movements, ${Math.round(performance.now() - t0) / 1000} s`);
  }
  await db.execute(sql`select setval('points_movements_id_seq', (select max(id) from points_movements))`);
  await db.transaction(async (tx) => {
    if (t.deps.database.kind === 'server') await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
    await tx.execute(sql`create index points_entries_account_idx on points_entries using btree (account_id, id)`);
    await tx.execute(sql`create index points_entries_movement_idx on points_entries using btree (movement_id)`);
  });
  await db.execute(sql`update points_accounts a set balance = s.sum
    from (select account_id, sum(amount) as sum from points_entries group by account_id) s
    where s.account_id = a.id and a.balance <> s.sum`);
  await db.execute(sql`vacuum (analyze) points_entries, points_movements, points_accounts`);
  const seeded = performance.now() - t0;
  const entries = (await rows<{ n: number }>(db, sql`select count(*)::int as n from points_entries`))[0]!.n;

  // Sessions for bench residents: inserted as a login would (only the token's hash is stored).
  const users = (
    await rows<{ id: number }>(
      db,
      sql`select id from users where username like 'pb%' order by id limit ${REDEEMERS + 200}`,
    )
  ).map((u) => u.id);
  const sessions = new Map<number, Session>();
  const now = clock.now();
  const values = users.map((id) => {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    sessions.set(id, { cookie: `jy_session=${token}`, csrf });
    const hash = createHash('sha256').update(token).digest('hex');
    return sql`(${hash}, ${id}, ${csrf}, ${now}, ${now}, ${new Date(now.getTime() + 30 * 86_400_000)})`;
  });
  for (let i = 0; i < values.length; i += 500)
    await db.execute(sql`insert into sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
      values ${sql.join(values.slice(i, i + 500), sql`, `)}`);
  const sessionOf = (k: number) => sessions.get(users[k % users.length]!)!;

  // (1) A holder's balance and statement.
  const me = await timeLoop(
    async (i) => {
      const r = await t.as(sessionOf(Math.abs(i) * 37), { method: 'GET', url: '/api/points/me' });
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
      if (i === 0 && r.json().statement.length < Math.min(50, Math.floor(M / U))) throw new Error('short statement');
    },
    { concurrency: 1, seconds: 10, maxOps: 500, warmup: 20 },
  );
  const accountOf = (k: number) => ua0 + users[k % users.length]! - ur[0]!.lo;
  const statementSql = (account: number, limit: number) =>
    sql`select e.movement_id, m.kind, e.amount::float8 as amount, m.memo, e.at, e.expires_at, m.reverses_id,
          exists (select 1 from points_movements r where r.reverses_id = m.id) as reversed
        from points_entries e join points_movements m on m.id = e.movement_id
        where e.account_id = ${account} order by e.id desc limit ${limit}`;
  const rawMe = async (limit: number) => {
    const ms: number[] = [];
    for (let i = 0; i < 500; i++) {
      const a = performance.now();
      const account = accountOf(i * 41 + limit);
      await rows(db, sql`select balance from points_accounts where id = ${account}`);
      const s = await rows(db, statementSql(account, limit));
      ms.push(performance.now() - a);
      if (i === 0 && s.length < Math.min(limit, Math.floor(M / U))) throw new Error('short raw statement');
    }
    return summarise(ms);
  };
  const meRaw20 = await rawMe(20);
  const meRaw50 = await rawMe(50);
  const loadAfterMe = load();

  // (2) The proof over the whole ledger, through the app, then its three statements as raw SQL.
  const proofAt = load();
  const p0 = performance.now();
  const proofRes = await t.as(admin, { method: 'POST', url: '/api/points/proof' });
  const proofMs = performance.now() - p0;
  const proof1 = proofRes.json() as { ok: boolean; entries: number; total: number; mismatched: unknown[] };
  const r0 = performance.now();
  await rows(
    db,
    sql`select (select count(*)::int from points_accounts) as accounts, count(*)::int as entries,
          coalesce(sum(amount), 0)::float8 as total from points_entries`,
  );
  const rawTotals = performance.now() - r0;
  await rows(
    db,
    sql`with s as materialized (select account_id, sum(amount) as sum from points_entries group by account_id)
        select a.id as "accountId", a.balance::float8 as cached, coalesce(s.sum, 0)::float8 as sum
        from points_accounts a left join s on s.account_id = a.id
        where a.balance <> coalesce(s.sum, 0) order by a.id limit 100`,
  );
  const rawBalances = performance.now() - r0 - rawTotals;
  await rows(
    db,
    sql`select movement_id as id from points_entries group by movement_id having sum(amount) <> 0 or count(*) < 2
        order by movement_id limit 100`,
  );
  const rawMovements = performance.now() - r0 - rawTotals - rawBalances;

  // (3) Redemptions: ITEMS items of the first community's shop over the first five organisations (merchants).
  const orgs = (await rows<{ id: number }>(db, sql`select id from organisations order by id limit 5`)).map((o) => o.id);
  const items: number[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const r = await t.as(staff, {
      method: 'POST',
      url: '/api/points/items',
      payload: {
        communityId: c1.id,
        organisationId: orgs[i % orgs.length],
        name: `基准兑换品${i + 1}`,
        price: 10,
        stock: 100_000,
      },
    });
    if (r.statusCode !== 200) throw new Error(`item ${r.statusCode} ${r.body}`);
    items.push(r.json().id);
  }
  let n = 0;
  let refused = 0;
  const redeemLoad = load();
  const cpu0 = process.cpuUsage();
  const redeem50 = await timeLoop(
    async () => {
      const k = n++;
      const r = await t.as(sessionOf(k), {
        method: 'POST',
        url: '/api/points/redeem',
        payload: { itemId: items[k % ITEMS], quantity: 1, clientKey: `bench-${k}-${randomBytes(6).toString('hex')}` },
      });
      if (r.statusCode === 400) refused++;
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
    },
    { concurrency: 50, seconds: 20, maxOps: 15_000 },
  );
  // The app process's CPU (user + system) per redemption: what the load average does not move much.
  const cpu = process.cpuUsage(cpu0);
  const appCpuMsPerRedemption = (cpu.user + cpu.system) / 1000 / Math.max(1, redeem50.n);
  // A repeated key redeems once.
  const again = await Promise.all(
    [0, 1].map(() =>
      t.as(sessionOf(3), {
        method: 'POST',
        url: '/api/points/redeem',
        payload: { itemId: items[0], clientKey: 'bench-repeated-key' },
      }),
    ),
  );
  // 100 distinct residents at once on one item with stock 10.
  const scarce = await t.as(staff, {
    method: 'POST',
    url: '/api/points/items',
    payload: { communityId: c1.id, organisationId: orgs[0], name: '限量兑换品', price: 10, stock: 10 },
  });
  const scarceId = scarce.json().id as number;
  const c0 = performance.now();
  const burst = await Promise.all(
    Array.from({ length: 100 }, (_, k) =>
      t.as(sessionOf(REDEEMERS + k), {
        method: 'POST',
        url: '/api/points/redeem',
        payload: { itemId: scarceId, clientKey: `scarce-${k}-abcdefgh` },
      }),
    ),
  );
  const burstMs = performance.now() - c0;
  const burstCodes: Record<string, number> = {};
  for (const r of burst) burstCodes[r.statusCode] = (burstCodes[r.statusCode] ?? 0) + 1;

  // Checks: stock exact (initial less what was redeemed) and never negative, the ledger sums to zero, the proof passes.
  const stock = await rows<{ id: number; stock: number; redeemed: number; initial: number }>(
    db,
    sql`select i.id, i.stock, coalesce(sum(r.quantity), 0)::int as redeemed,
          case when i.name = '限量兑换品' then 10 else 100000 end as initial
        from points_items i left join points_redemptions r on r.item_id = i.id
        where i.name like '基准兑换品%' or i.name = '限量兑换品' group by i.id order by i.id`,
  );
  const stockExact = stock.every((s) => s.stock === s.initial - s.redeemed && s.stock >= 0);
  const minStock = Math.min(...stock.map((s) => s.stock));
  const redemptions = (
    await rows<{ n: number; mv: number }>(
      db,
      sql`select count(*)::int as n, (select count(*)::int from points_movements where kind = 'redeem') as mv
          from points_redemptions`,
    )
  )[0]!;
  const negative = (
    await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from points_accounts where kind <> 'issuing' and balance < 0`,
    )
  )[0]!.n;
  const p1 = performance.now();
  const proof2 = (await t.as(admin, { method: 'POST', url: '/api/points/proof' })).json() as {
    ok: boolean;
    total: number;
    entries: number;
    mismatched: unknown[];
    unbalancedMovements: unknown[];
  };
  const proof2Ms = performance.now() - p1;

  // (4) The wish wall: W wishes in the first community (4 in 10 open, the rest in every other state) and as many again
  // spread over the other communities.
  const households = await rows<{ path: string }>(
    db,
    sql`select path from territory_nodes where kind = 'household' and path like ${c1.path + '%'} order by id`,
  );
  const hhArr = households.length ? households.map((h) => h.path) : [c1.path];
  const w0 = performance.now();
  const statuses = sql.raw(
    `array['open','open','open','open','claimed','delivered','fulfilled','fulfilled','pending','refused']`,
  );
  const cats = sql.raw(`array['daily_goods','study','repair','companionship','health','other']`);
  for (const [node, count, paths] of [
    [c1.id, W, hhArr],
    ...communities.filter((c) => c.id !== c1.id).map((c) => [c.id, Math.ceil(W / 8), [c.path]] as const),
  ] as const) {
    const pathArr = sql`${sql.raw('array[')}${sql.join(
      paths.map((p) => sql`${p}`),
      sql`, `,
    )}${sql.raw(']::text[]')}`;
    await db.execute(sql`
      insert into wishes (node_id, node_path, resident_name, posted_by_user_id, category, text, value, status,
                          approved_at, created_at, updated_at)
      select ${node}, (${pathArr})[1 + i % ${paths.length}], '居民' || i, ${users[0]!},
             (${cats})[1 + i % 6], '想要一套初中数学辅导书，孩子准备中考，谢谢好心人 #' || i, 20 + i % 180,
             (${statuses})[1 + i % 10],
             case when i % 10 < 8 then timestamptz '2025-01-01 08:00+08' + i * interval '30 minutes' end,
             timestamptz '2025-01-01 08:00+08' + i * interval '30 minutes',
             timestamptz '2025-01-01 08:00+08' + i * interval '30 minutes'
      from generate_series(0, ${count - 1}) i`);
  }
  await db.execute(sql`analyze wishes`);
  const wishSeed = performance.now() - w0;
  const first = await t.as(resident1, { method: 'GET', url: `/api/wishes/wall?nodeId=${c1.id}` });
  if (first.statusCode !== 200 || first.json().items.length !== 50)
    throw new Error(`wall ${first.statusCode} ${first.body}`);
  const cursor = first.json().nextCursor as string;
  const wall = await timeLoop(
    async (i) => {
      const r = await t.as(resident1, {
        method: 'GET',
        url: `/api/wishes/wall?nodeId=${c1.id}${i % 2 ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      });
      if (r.statusCode !== 200) throw new Error(String(r.statusCode));
    },
    { concurrency: 1, seconds: 10, maxOps: 500, warmup: 20 },
  );
  const wallRawMs: number[] = [];
  for (let i = 0; i < 500; i++) {
    const a = performance.now();
    await rows(db, sql`select * from wishes where node_id = ${c1.id} and status = 'open' order by id desc limit 51`);
    wallRawMs.push(performance.now() - a);
  }
  const plan = await rows<{ 'QUERY PLAN': string }>(
    db,
    sql`explain (analyze, buffers) select * from wishes where node_id = ${c1.id} and status = 'open' order by id desc limit 51`,
  );
  const mePlan = await rows<{ 'QUERY PLAN': string }>(
    db,
    sql`explain (analyze, buffers) ${statementSql(accountOf(7), 20)}`,
  );

  const out = {
    db: t.deps.database.kind,
    movements: M,
    users: U,
    entries,
    seedSeconds: Math.round(seeded) / 1000,
    loadavg: { atStart: loadAtStart, afterMe: loadAfterMe, atProof: proofAt, atRedeem: redeemLoad, atEnd: load() },
    me50App: round(me),
    meRaw20: round(meRaw20),
    meRaw50: round(meRaw50),
    proofApp: { seconds: Math.round(proofMs) / 1000, ok: proof1.ok, entries: proof1.entries, total: proof1.total },
    proofRawSeconds: {
      totals: Math.round(rawTotals) / 1000,
      balances: Math.round(rawBalances) / 1000,
      movements: Math.round(rawMovements) / 1000,
      all: Math.round(rawTotals + rawBalances + rawMovements) / 1000,
    },
    redeem50: {
      ...round(redeem50),
      refused,
      appCpuMsPerRedemption,
      redeemers: REDEEMERS,
      items: ITEMS,
      merchants: orgs.length,
    },
    repeatedKey: again.map((r) => `${r.statusCode} repeated=${r.json().repeated}`),
    scarce100: { ms: Math.round(burstMs), codes: burstCodes },
    checks: {
      stockExact,
      minStock,
      redemptions: redemptions.n,
      redeemMovements: redemptions.mv,
      negativeHolderBalances: negative,
      proofAfter: { ok: proof2.ok, total: proof2.total, entries: proof2.entries, seconds: Math.round(proof2Ms) / 1000 },
    },
    wishSeedSeconds: Math.round(wishSeed) / 1000,
    wallApp: round(wall),
    wallRaw: round(summarise(wallRawMs)),
    wallPlan: plan.map((p) => p['QUERY PLAN']),
    statementPlan: mePlan.map((p) => p['QUERY PLAN']),
  };
  console.log(JSON.stringify(out, null, 2));
  if (process.env.PBENCH_KEEP) {
    // Leaves the database for EXPLAIN (drop it by hand afterwards).
    const [d] = await rows<{ name: string }>(db, sql`select current_database() as name`);
    console.error(`kept database ${d!.name}`);
    process.exit(0);
  }
  await t.close();
}
const round = (o: Latency | object) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]));

void main();
