// kill -9 during case intake: clients retry every unanswered report with its Idempotency-Key; afterwards every
// acknowledged case exists exactly once and none is duplicated.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, figure, freshDatabase, pick, sleep, startServer, type ServerProcess } from './harness';

const CLIENTS = pick(10, 50);
const CASES_PER_CLIENT = pick(10, 40);
const KILLS = pick(1, 3);
const RUN = `k9-${Date.now().toString(36)}`;

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

test(
  `kill -9 while ${CLIENTS} clients report cases: every acknowledged case exists exactly once`,
  { timeout: 600_000 },
  async () => {
    // Grid workers report without a map point: the case lands in their own grid.
    const users = ['grid1', 'grid2'];
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => new Client(server.baseUrl, users[i % users.length]!).login()),
    );
    const acknowledged = new Map<string, number>(); // key → case id from the 2xx answer
    let tried = 0;
    let failedAttempts = 0;
    let statuses5xx = 0;
    let other4xx = 0;
    let replayed = 0;

    async function run(c: Client, ci: number) {
      for (let i = 0; i < CASES_PER_CLIENT; i++) {
        const key = `${RUN}-${ci}-${i}`;
        // The same request, with the same key, until the server acknowledges it.
        for (;;) {
          tried++;
          const r = await c.request(
            'POST',
            '/api/cases',
            { categoryCode: 'C0101', description: `故障测试 ${key}` },
            { 'idempotency-key': key },
            10_000,
          );
          if (r.status === 200 || r.status === 201) {
            const id = (r.body as { id: number }).id;
            const seen = acknowledged.get(key);
            assert.ok(seen === undefined || seen === id, `key ${key} acknowledged as case ${seen} and then as ${id}`);
            acknowledged.set(key, id);
            // 200 instead of 201: an earlier attempt had committed but its answer was lost to the kill.
            if (r.status === 200) replayed++;
            break;
          }
          failedAttempts++;
          if (r.status >= 500) statuses5xx++;
          else if (r.status >= 400) {
            other4xx++;
            assert.fail(`key ${key}: refused with ${r.status} ${JSON.stringify(r.body)}`);
          }
          await sleep(100 + Math.random() * 200);
        }
      }
    }

    const total = CLIENTS * CASES_PER_CLIENT;
    const work = Promise.all(clients.map((c, i) => run(c, i)));
    let failed: unknown = null;
    work.catch((err) => (failed = err));
    const recoveries: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      // Kill at evenly spread points of the run, while requests are in flight.
      const target = Math.floor((total * (k + 1)) / (KILLS + 1));
      while (acknowledged.size < target) {
        if (failed) throw failed;
        await sleep(20);
      }
      const t0 = Date.now();
      await server.kill9();
      server = await startServer(db.url, { port: server.port });
      recoveries.push(Date.now() - t0);
    }
    await work;

    // Every key once in the key table, every acknowledged case once, and no case that nobody asked for.
    const { rows } = await db.sql.query<{ key: string; n: number; ids: number[] }>(
      `select substring(description from '${RUN}-[0-9]+-[0-9]+') as key, count(*)::int as n, array_agg(id order by id) as ids
       from cases where description like $1 group by 1`,
      [`故障测试 ${RUN}-%`],
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const duplicates = rows.filter((r) => r.n > 1);
    const lost = [...acknowledged].filter(([key, id]) => Number(byKey.get(key)?.ids[0]) !== Number(id));
    const { rows: keys } = await db.sql.query<{ n: number }>(
      `select count(*)::int as n from idempotency_keys where key like $1`,
      [`${RUN}-%`],
    );
    const { rows: events } = await db.sql.query<{ n: number }>(
      `select count(*)::int as n from case_events e join cases c on c.id = e.case_id where c.description like $1 and e.action = 'report'`,
      [`故障测试 ${RUN}-%`],
    );
    figure('kill-9', {
      clients: CLIENTS,
      requestsTried: tried,
      faultsInjected: KILLS,
      unansweredOrFailedAttempts: failedAttempts,
      answers5xx: statuses5xx,
      writesAcknowledged: acknowledged.size,
      answeredFromIdempotencyKey: replayed,
      writesLost: lost.length,
      duplicates: duplicates.length,
      recoveryMs: recoveries,
    });
    assert.equal(other4xx, 0);
    assert.deepEqual(duplicates, [], 'cases created twice for one idempotency key');
    assert.deepEqual(lost, [], 'acknowledged cases missing (or answered with another id)');
    assert.equal(acknowledged.size, total);
    assert.equal(rows.length, total, 'cases nobody acknowledged');
    assert.equal(keys[0]!.n, total);
    assert.equal(events[0]!.n, total, 'one report event per case');
  },
);
