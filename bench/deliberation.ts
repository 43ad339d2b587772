// Deliberation and property supervision benchmark (issue 16): the demo district with H households (default 10,000
// under the estates of 清河街道, the street whose council votes, plus 250 in every other estate), twenty property
// companies holding the forty estates, and a year (2026) of cases: P property cases (default 100,000, 电梯/卫生/停车)
// and D cases of the departments and partner units (default 100,000). Then (1) a closed vote's tally over every
// household of the street, (2) 万户比 of every company for each month of the year, (3) the departments' and units'
// annual scorecard (the district's, and a community's), each through the app and as raw SQL (the repository's
// statements on the pool, no session, scope or JSON). Run: npx tsx bench/deliberation.ts [H] [P] [D]
// (TEST_DATABASE_URL=… for the server database; EXPLAIN=1 prints EXPLAIN ANALYZE of the raw statements). Requests go
// through app.inject (no sockets), so figures are the app's.
import { loadavg } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { FakeClock } from '../server/platform/clock';
import { rows, type Exec } from '../server/platform/db';
import { deliberationRepo } from '../server/modules/deliberation/repo';
import { supervisionRepo } from '../server/modules/supervision/repo';
import { createTestApp, type Session, type TestApp } from '../server/testing';
import { summarise, timeLoop, type Latency } from './measure/stats';

const H = Number(process.argv[2] ?? 10_000);
const P = Number(process.argv[3] ?? 100_000);
const D = Number(process.argv[4] ?? 100_000);
const VOTES = 10;
/** Runs of each slow read (万户比, scorecards); SLOW_RUNS=… to shorten a look at a slow plan. */
const SLOW_RUNS = Number(process.env.SLOW_RUNS ?? 60);
const COMPANIES = 20;
const YEAR = 2026;
const STREET = '/1/2/'; // 清河街道
const clock = new FakeClock(new Date(`${YEAR}-12-20T10:00:00+08:00`));
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

async function seed(t: TestApp) {
  const db = t.deps.db;
  const x = (q: SQL) => db.execute(q);
  // Property companies: the demo's two and eighteen more, each on an estate; the forty estates dealt round them.
  await x(sql`insert into organisations (kind, name, node_id)
    select 'property_company', '基准物业' || i || '有限公司', e.id
    from (select id, row_number() over (order by id) as rn from territory_nodes where kind = 'estate') e
    join generate_series(1, ${COMPANIES - 2}) i on e.rn = i + 2`);
  await x(sql`insert into estate_contracts (estate_node_id, company_id, term_start, term_end, fee_cents_per_sqm)
    select e.id, c.id, '${sql.raw(String(YEAR - 1))}-01-01', '${sql.raw(String(YEAR + 1))}-12-31', 150
    from (select id, (row_number() over (order by id) - 1) % ${COMPANIES} as k from territory_nodes where kind = 'estate') e
    join (select id, row_number() over (order by id) - 1 as k from organisations where kind = 'property_company') c
      on c.k = e.k`);
  // Households: H over the street's buildings (beside the demo's few), 250 per estate elsewhere.
  await x(sql`with b as (
      select id, path, depth, row_number() over (order by id) as rn, count(*) over () as nb
      from territory_nodes where kind = 'building' and path like ${STREET + '%'}
    ), s as (
      select id, path, depth, (${H} / nb + case when rn <= ${H} % nb then 1 else 0 end)::int as n from b
      union all
      select id, path, depth, 125 from territory_nodes where kind = 'building' and path not like ${STREET + '%'}
    ), h as (
      select nextval(pg_get_serial_sequence('territory_nodes', 'id'))::int as id, s.id as parent, s.path, s.depth, g.i
      from s cross join lateral generate_series(1, s.n) g(i)
    )
    insert into territory_nodes (id, kind, code, name, parent_id, path, depth)
    select id, 'household', 'BH' || id, (i / 100 + 1) || '单元' || lpad((i % 100)::text, 3, '0') || '室', parent,
           path || id || '/', depth + 1
    from h`);
  // A street council voting by household; VOTES closed secret votes, each with every household of the street voting.
  const [c] = await rows<{ id: number }>(
    db,
    sql`insert into councils (node_id, kind, name, vote_rule, open_to_residents, quorum, support_threshold, created_at)
        select id, 'residents', '清河街道居民议事会', 'household', true, ${Math.ceil(H / 2)}, 100, now()
        from territory_nodes where path = ${STREET} returning id`,
  );
  const voteIds: number[] = [];
  for (let v = 0; v < VOTES; v++) {
    const [a] = await rows<{ id: number }>(
      db,
      sql`insert into agenda_items (council_id, title, status) values (${c!.id}, ${`议题${v + 1}`}, 'decided') returning id`,
    );
    const [vote] = await rows<{ id: number }>(
      db,
      sql`insert into council_votes (council_id, agenda_item_id, question, ballot, status, opened_at, closed_at)
          values (${c!.id}, ${a!.id}, ${`是否同意议题${v + 1}`}, 'secret', 'closed', now() - interval '7 days', now())
          returning id`,
    );
    voteIds.push(vote!.id);
    await x(sql`insert into vote_roll (vote_id, voter_key, voter_label)
      select ${vote!.id}, 'h:' || id, '户 ' || id from territory_nodes where kind = 'household' and path like ${STREET + '%'}`);
    await x(sql`insert into vote_ballots (vote_id, choice)
      select ${vote!.id}, (array['yes','yes','yes','no','abstain'])[1 + (id * 7 + ${v}) % 5]
      from territory_nodes where kind = 'household' and path like ${STREET + '%'}`);
  }
  // Property cases over the year: a household's (70%), the estate's company as assignee (80%, with its participant
  // row), closed three days on unless reported in December.
  const yearStart = `${YEAR}-01-01 00:00+08`;
  await x(sql`with hh as (
      select h.id, row_number() over (order by h.id) as rn, g.id as grid_id, g.path as grid_path, ct.company_id
      from territory_nodes h join territory_nodes bl on bl.id = h.parent_id join territory_nodes e on e.id = bl.parent_id
      join territory_nodes g on g.id = e.parent_id join estate_contracts ct on ct.estate_node_id = e.id
      where h.kind = 'household'
    ), n as (select count(*) as c from hh), g as (
      select i, ${yearStart}::timestamptz + (i::float8 / ${P}) * interval '365 days' as at,
             1 + (i::bigint * 2654435761) % (select c from n) as pick from generate_series(0, ${P - 1}) i
    ), k as (
      insert into cases (number, channel, category_code, description, grid_id, node_path, status, household_node_id,
                         assignee_organisation_id, registered_at, created_at, closed_at, closed_on_time)
      select 'BP-' || g.i, 'resident', (array['C0201','C0202','C0203'])[1 + g.i % 3], '物业问题', hh.grid_id, hh.grid_path,
             case when g.at >= timestamptz '${sql.raw(String(YEAR))}-12-01 00:00+08' then 'handling' when g.i % 50 = 0 then 'voided' else 'closed' end,
             case when g.i % 10 < 7 then hh.id end, case when g.i % 10 < 8 then hh.company_id end, g.at, g.at,
             case when g.at < timestamptz '${sql.raw(String(YEAR))}-12-01 00:00+08' and g.i % 50 <> 0 then g.at + interval '3 days' end,
             case when g.at < timestamptz '${sql.raw(String(YEAR))}-12-01 00:00+08' and g.i % 50 <> 0 then g.i % 7 <> 0 end
      from g join hh on hh.rn = g.pick
      returning id, assignee_organisation_id
    )
    insert into case_participants (case_id, organisation_id, role)
    select id, assignee_organisation_id, 'assignee' from k where assignee_organisation_id is not null`);
  // Cases of the departments and partner units: assignee and its participant row, a whistle to another unit (5%,
  // a third not reported in), a return by the assignee (3%).
  await x(sql`with orgs as (
      select id, row_number() over (order by id) - 1 as k, count(*) over () as n from organisations
      where kind in ('department', 'partner_unit')
    ), grids as (
      select id, path, row_number() over (order by id) - 1 as k, count(*) over () as n from territory_nodes where kind = 'grid'
    ), cats as (
      select code, row_number() over (order by code) - 1 as k, count(*) over () as n from case_categories
      where parent_code is not null and parent_code <> 'C02'
    ), g as (
      select i, ${yearStart}::timestamptz + (i::float8 / ${D}) * interval '365 days' as at from generate_series(0, ${D - 1}) i
    ), k as (
      insert into cases (number, channel, category_code, description, grid_id, node_path, status, assignee_organisation_id,
                         registered_at, created_at, closed_at, closed_on_time)
      select 'BD-' || g.i, 'grid_patrol', c.code, '部门事项', gr.id, gr.path,
             case when g.at >= timestamptz '${sql.raw(String(YEAR))}-12-01 00:00+08' then 'handling' else 'closed' end, o.id, g.at, g.at,
             case when g.at < timestamptz '${sql.raw(String(YEAR))}-12-01 00:00+08' then g.at + interval '5 days' end,
             case when g.at < timestamptz '${sql.raw(String(YEAR))}-12-01 00:00+08' then g.i % 6 <> 0 end
      from g join orgs o on o.k = g.i % o.n join grids gr on gr.k = (g.i / 7) % gr.n
      join cats c on c.k = (g.i / 3) % c.n
      returning id, assignee_organisation_id as org, registered_at as at
    ), p as (
      insert into case_participants (case_id, organisation_id, role) select id, org, 'assignee' from k
    ), w as (
      insert into case_participants (case_id, organisation_id, role, report_in_due_at, reported_in_at)
      select k.id, o.id, 'whistle', k.at + interval '1 day', case when k.id % 3 <> 0 then k.at + interval '2 hours' end
      from k join orgs o on o.k = (k.org + 1) % o.n where k.id % 20 = 0
    )
    insert into case_events (case_id, at, action, data)
    select id, at + interval '1 day', 'return', jsonb_build_object('from', org::text) from k where id % 33 = 0`);
  // Every community rates every department and unit.
  await x(sql`insert into unit_ratings (community_node_id, organisation_id, year, score)
    select c.id, o.id, ${YEAR}, 1 + (c.id + o.id) % 5 from territory_nodes c cross join organisations o
    where c.kind = 'community' and o.kind in ('department', 'partner_unit')`);
  // The server's maintain() leaves statistics to autovacuum, which would have analysed a year's rows long since;
  // analyse now, so the planner sees the bulk load rather than an empty database.
  await t.deps.database.maintain();
  if (t.deps.database.kind === 'server') await x(sql`analyze`);
  return { voteIds };
}

/** Times `op` `n` times in a row after `warmup` runs. */
async function rawLoop(n: number, warmup: number, op: () => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await op();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    await op();
    ms.push(performance.now() - a);
  }
  return summarise(ms);
}

/** An Exec that runs a repository's statement under EXPLAIN (ANALYZE, BUFFERS) and prints the plan. */
const explainingOn = (exec: Exec, title: string): Exec =>
  ({
    execute: async (q: SQL) => {
      const r = await rows<Record<string, string>>(exec, sql`explain (analyze, buffers) ${q}`);
      console.error(`\n=== ${title}\n${r.map((x) => Object.values(x)[0]).join('\n')}`);
      return { rows: [] };
    },
    // A repository read in its own transaction (a local setting) is explained inside a real one.
    transaction: <T>(f: (tx: Exec) => Promise<T>) => t0(exec).transaction((tx) => f(explainingOn(tx, title))),
  }) as unknown as Exec;
const t0 = (exec: Exec) => exec as unknown as { transaction: <T>(f: (tx: Exec) => Promise<T>) => Promise<T> };
const explaining = (t: TestApp, title: string): Exec => explainingOn(t.deps.db, title);

async function main() {
  const t = await createTestApp({ clock });
  const admin = await t.login('admin');
  const street = await t.login('street1');
  const community = await t.login('community1');
  const t0 = performance.now();
  const { voteIds } = await seed(t);
  const seeded = performance.now() - t0;
  const db = t.deps.db;
  const get = (s: Session, url: string) => async () => {
    const r = await t.as(s, { method: 'GET', url });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r;
  };
  const counts = (
    await rows<Record<string, number>>(
      db,
      sql`select (select count(*)::int from territory_nodes where kind = 'household') as households,
        (select count(*)::int from territory_nodes where kind = 'household' and path like ${STREET + '%'}) as street_households,
        (select count(*)::int from organisations where kind = 'property_company') as property_companies,
        (select count(*)::int from cases) as cases,
        (select count(*)::int from cases where category_code like 'C02%') as property_cases,
        (select count(*)::int from case_participants) as participants,
        (select count(*)::int from vote_ballots) as ballots`,
    )
  )[0]!;
  const communityPath = (
    await rows<{ path: string }>(db, sql`select path from territory_nodes where id = ${t.demo.communities[0]!.id}`)
  )[0]!.path;

  // Fail loudly if a read does not answer 200 (or the tally is not over every household).
  const tally = (await get(street, `/api/deliberation/votes/${voteIds[0]}/tally`)()).json();
  if (tally.ballots !== counts.street_households)
    throw new Error(`tally over ${tally.ballots} ballots, not ${counts.street_households}`);
  const ratesBody = (await get(admin, `/api/supervision/complaint-rates?from=${YEAR}-01&to=${YEAR}-12`)()).json();
  const card = (await get(admin, `/api/supervision/scorecards?year=${YEAR}`)()).json();

  const adminScope = sql`n.path like '/1/%'`;
  if (process.env.EXPLAIN) {
    await deliberationRepo.tally(explaining(t, 'tally'), [voteIds[0]!]);
    await supervisionRepo.complaintRates(explaining(t, '万户比'), `${YEAR}-01`, `${YEAR}-12`, adminScope);
    await supervisionRepo.unitFacts(explaining(t, 'scorecard facts, district'), YEAR, '/1/', clock.now());
    await supervisionRepo.unitFacts(explaining(t, 'scorecard facts, community'), YEAR, communityPath, clock.now());
  }

  const m: Record<string, unknown> = {};
  const at: Record<string, number[]> = {};
  const measure = async (name: string, f: () => Promise<object>) => {
    at[name] = load();
    m[name] = round(await f());
  };
  await measure('tallyApp', () =>
    timeLoop((i) => get(street, `/api/deliberation/votes/${voteIds[Math.abs(i) % VOTES]}/tally`)(), {
      concurrency: 1,
      seconds: 15,
      maxOps: 300,
      warmup: 10,
    }),
  );
  let v = 0;
  await measure('tallyRawSql', () => rawLoop(300, 10, () => deliberationRepo.tally(db, [voteIds[v++ % VOTES]!])));
  await measure('complaintRatesApp', () =>
    timeLoop(get(admin, `/api/supervision/complaint-rates?from=${YEAR}-01&to=${YEAR}-12`), {
      concurrency: 1,
      seconds: 60,
      maxOps: SLOW_RUNS,
      warmup: 3,
    }),
  );
  await measure('complaintRatesRawSql', () =>
    rawLoop(SLOW_RUNS, 3, () => supervisionRepo.complaintRates(db, `${YEAR}-01`, `${YEAR}-12`, adminScope)),
  );
  await measure('scorecardDistrictApp', () =>
    timeLoop(get(admin, `/api/supervision/scorecards?year=${YEAR}`), {
      concurrency: 1,
      seconds: 60,
      maxOps: SLOW_RUNS,
      warmup: 3,
    }),
  );
  await measure('scorecardDistrictRawSql', () =>
    rawLoop(SLOW_RUNS, 3, async () => {
      await supervisionRepo.unitFacts(db, YEAR, '/1/', clock.now());
      await supervisionRepo.ratings(db, YEAR, '/1/');
    }),
  );
  await measure('scorecardCommunityApp', () =>
    timeLoop(get(community, `/api/supervision/scorecards?year=${YEAR}`), {
      concurrency: 1,
      seconds: 60,
      maxOps: SLOW_RUNS,
      warmup: 3,
    }),
  );
  await measure('scorecardCommunityRawSql', () =>
    rawLoop(SLOW_RUNS, 3, async () => {
      await supervisionRepo.unitFacts(db, YEAR, communityPath, clock.now());
      await supervisionRepo.ratings(db, YEAR, communityPath);
    }),
  );
  const out = {
    db: t.deps.database.kind,
    seedSeconds: Math.round(seeded) / 1000,
    ...counts,
    tally,
    rateRows: ratesBody.items.length,
    scorecardRows: card.items.length,
    loadavgAtStart: at,
    ...m,
    loadavgAtEnd: load(),
  };
  console.log(JSON.stringify(out, null, 2));
  await t.close();
}
const round = (o: object) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]));

void main();
