// Two server processes on one PostgreSQL database with pending deadlines: no job runs twice, no case escalates twice.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, figure, freshDatabase, pick, sleep, startServer, until, type ServerProcess } from './harness';
import { bringDueForward, dueJobs, escalations, reportCases } from './deadlines';

const CASES = pick(30, 400);
const RUN = `tp-${Date.now().toString(36)}`;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: ServerProcess;
let b: ServerProcess;

before(async () => {
  db = await freshDatabase();
  // The first process seeds the demo district; the second starts on the seeded database.
  a = await startServer(db.url, { env: { PGAPPNAME: 'jy-a' } });
  b = await startServer(db.url, { env: { PGAPPNAME: 'jy-b' } });
  // Test-only triggers in this scenario's own database record which process claimed each job and wrote each
  // escalation (by the connection's application_name), so the count of claims is seen, not inferred.
  await db.sql.query(`
    create table fault_claims (job_id bigint, app text, at timestamptz default clock_timestamp());
    create table fault_escalations (case_id bigint, app text);
    create function fault_claim() returns trigger language plpgsql as $$ begin
      if new.state = 'running' and old.state is distinct from 'running' or new.attempts > old.attempts then
        insert into fault_claims (job_id, app) values (new.id, current_setting('application_name'));
      end if; return new; end $$;
    create trigger fault_claim after update on jobs for each row execute function fault_claim();
    create function fault_escalation() returns trigger language plpgsql as $$ begin
      if new.action = 'escalate' then insert into fault_escalations values (new.case_id, current_setting('application_name')); end if;
      return new; end $$;
    create trigger fault_escalation after insert on case_events for each row execute function fault_escalation();`);
});
after(async () => {
  await Promise.all([a?.stop().catch(() => {}), b?.stop().catch(() => {})]);
  await db?.drop();
});

test(
  `two processes with ${CASES} pending deadlines: each job claimed once, each case escalated once`,
  { timeout: 300_000 },
  async () => {
    // Reports go through both processes.
    const [ca, cb] = await Promise.all([
      new Client(a.baseUrl, 'grid1').login(),
      new Client(b.baseUrl, 'grid2').login(),
    ]);
    const [ia, ib] = await Promise.all([
      reportCases(ca, CASES / 2, `${RUN}-a`),
      reportCases(cb, CASES / 2, `${RUN}-b`),
    ]);
    const ids = [...ia, ...ib];
    // The deadlines fall due within a few seconds of each other, so both pollers (each polling every second) keep
    // racing for the jobs due at that moment.
    assert.equal(await bringDueForward(db.sql, ids, 1_500, 3_000), CASES);
    const t0 = Date.now();
    await until(
      async () => (await dueJobs(db.sql, ids)).every((j) => j.state === 'done'),
      120_000,
      'the overdue checks to run',
    );
    await sleep(1_500); // another poll of each process: nothing may fire late
    const counts = await escalations(db.sql, ids);
    const jobIds = (
      await db.sql.query<{ id: string }>(
        `select id from jobs where name = 'case.stage_due' and (payload->>'caseId')::bigint = any($1::bigint[])`,
        [ids],
      )
    ).rows.map((r) => r.id);
    const { rows: claims } = await db.sql.query<{ job_id: string; app: string }>(
      `select job_id, app from fault_claims where job_id = any($1::bigint[])`,
      [jobIds],
    );
    const { rows: byApp } = await db.sql.query<{ app: string; n: number }>(
      `select app, count(*)::int as n from fault_escalations group by app order by app`,
    );
    const claimsPerJob = new Map<string, number>();
    for (const c of claims) claimsPerJob.set(c.job_id, (claimsPerJob.get(c.job_id) ?? 0) + 1);
    const twice = [...claimsPerJob].filter(([, n]) => n > 1);
    figure('two-processes', {
      cases: CASES,
      processes: 2,
      jobClaims: claims.length,
      jobsClaimedTwice: twice.length,
      escalationsByProcess: Object.fromEntries(byApp.map((r) => [r.app, r.n])),
      duplicates: counts.filter((c) => c.escalations > 1).length,
      missed: counts.filter((c) => c.escalations === 0).length,
      msToAllEscalated: Date.now() - t0,
    });
    assert.deepEqual(twice, [], 'jobs claimed by more than one run');
    assert.equal(claimsPerJob.size, CASES, 'every overdue check claimed once');
    assert.deepEqual(
      counts.filter((c) => c.escalations !== 1 || c.level !== 1),
      [],
      'cases not escalated exactly once',
    );
    // Both processes took part (otherwise the race was not exercised): every claim is named by one of them.
    assert.ok(claims.every((c) => c.app === 'jy-a' || c.app === 'jy-b'));
  },
);
