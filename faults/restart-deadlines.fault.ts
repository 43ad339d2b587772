// Restarts while deadlines are pending: a clean stop before they fall due, and kill -9 while they are firing;
// afterwards every overdue case has escalated exactly once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, figure, freshDatabase, pick, sleep, startServer, until, type ServerProcess } from './harness';
import { bringDueForward, dueJobs, escalations, reportCases } from './deadlines';

const CASES = pick(10, 200);
const RUN = `rd-${Date.now().toString(36)}`;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;

before(async () => {
  db = await freshDatabase();
  server = await startServer(db.url);
});
after(async () => {
  await server?.stop().catch(() => {});
  await db?.drop();
});

function assertOnce(counts: Awaited<ReturnType<typeof escalations>>, n: number) {
  assert.equal(counts.length, n);
  const wrong = counts.filter((c) => c.escalations !== 1 || c.level !== 1 || !c.overdue);
  assert.deepEqual(wrong, [], 'cases not escalated exactly once');
}

test(
  `deadlines that fall due while the server is stopped escalate exactly once after the restart (${CASES} cases)`,
  { timeout: 300_000 },
  async () => {
    const grid1 = await new Client(server.baseUrl, 'grid1').login();
    const ids = await reportCases(grid1, CASES, `${RUN}-a`);
    await server.stop();
    // While the server is down the deadlines pass.
    assert.equal(await bringDueForward(db.sql, ids, 0), CASES);
    const t0 = Date.now();
    server = await startServer(db.url, { port: server.port });
    await until(
      async () => (await dueJobs(db.sql, ids)).every((j) => j.state === 'done'),
      60_000,
      'the overdue checks to run',
    );
    const counts = await escalations(db.sql, ids);
    figure('restart-deadlines/clean-stop', {
      cases: CASES,
      faultsInjected: 1,
      escalations: counts.reduce((s, c) => s + c.escalations, 0),
      duplicates: counts.filter((c) => c.escalations > 1).length,
      missed: counts.filter((c) => c.escalations === 0).length,
      msToAllEscalated: Date.now() - t0,
    });
    assertOnce(counts, CASES);
    assert.ok(
      (await dueJobs(db.sql, ids)).every((j) => j.attempts === 1),
      'an overdue check ran more than once',
    );
  },
);

test(
  `kill -9 while overdue checks are firing: each case still escalates exactly once (${CASES} cases)`,
  { timeout: 300_000 },
  async () => {
    const grid2 = await new Client(server.baseUrl, 'grid2').login();
    const ids = await reportCases(grid2, CASES, `${RUN}-b`);
    // Spread over a few seconds, so the kill lands while some checks are done, some claimed and some still waiting.
    assert.equal(await bringDueForward(db.sql, ids, 1_500, 3_000), CASES);
    // Kill as soon as the first escalation is committed.
    await until(
      async () => (await escalations(db.sql, ids)).some((c) => c.escalations > 0),
      60_000,
      'the first escalation',
    );
    await server.kill9();
    const before = await escalations(db.sql, ids);
    const jobs = await dueJobs(db.sql, ids);
    const inFlight = jobs.filter((j) => j.state === 'running').length;
    // A job claimed by the dead process stays locked for 5 minutes before another runner may take it; expire the
    // locks now instead of waiting (what the passing of those minutes would do).
    await db.sql.query(`update jobs set locked_until = now() - interval '1 second' where state = 'running'`);
    const t0 = Date.now();
    server = await startServer(db.url, { port: server.port });
    await until(
      async () => (await dueJobs(db.sql, ids)).every((j) => j.state === 'done'),
      60_000,
      'the overdue checks to finish',
    );
    await sleep(1_500); // one more poll: nothing may fire twice late
    const counts = await escalations(db.sql, ids);
    figure('restart-deadlines/kill-9', {
      cases: CASES,
      faultsInjected: 1,
      escalatedBeforeKill: before.filter((c) => c.escalations > 0).length,
      jobsInFlightAtKill: inFlight,
      escalations: counts.reduce((s, c) => s + c.escalations, 0),
      duplicates: counts.filter((c) => c.escalations > 1).length,
      missed: counts.filter((c) => c.escalations === 0).length,
      msToAllEscalated: Date.now() - t0,
    });
    assertOnce(counts, CASES);
  },
);
