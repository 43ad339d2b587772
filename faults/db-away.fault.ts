// The database goes away for ten seconds behind a TCP proxy: requests meanwhile fail fast with 503 (never 500,
// never a hang), and the same server process serves again once the database is back, without a restart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ADMIN_URL,
  Client,
  figure,
  freshDatabase,
  pick,
  sleep,
  startProxy,
  startServer,
  until,
  type Reply,
  type ServerProcess,
} from './harness';

/** Ten seconds as the issue asks; the CI setting halves it to stay within its time budget. */
const OUTAGE_MS = pick(5_000, 10_000);
/** How the database goes away, outage by outage: its host gone (connections reset) or the network partitioned (silence). */
const MODES = (process.env.FAULTS_DB_AWAY_MODES?.split(',') ??
  pick(['cut', 'partition'], ['cut', 'partition', 'cut', 'partition'])) as ('cut' | 'partition')[];
const OUTAGES = MODES.length;
/** Longer than this for one refused request counts as a hang. */
const FAST_MS = 6_000;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let server: ServerProcess;

before(async () => {
  db = await freshDatabase();
  const target = new URL(ADMIN_URL);
  proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
  server = await startServer(proxy.via(db.url));
});
after(async () => {
  await server?.stop().catch(() => {});
  await proxy?.close();
  await db?.drop();
});

test(
  `the database away for ${OUTAGE_MS / 1000} s (${MODES.join(', ')}): 503 quickly, then served again by the same process`,
  { timeout: 300_000 },
  async () => {
    const clients = await Promise.all(
      ['grid1', 'community1', 'admin'].map((u) => new Client(server.baseUrl, u).login()),
    );
    const pid = server.child.pid;
    let seq = 0;
    // A mix of reads and writes, the way the app is used: the grid worker reports, the others read.
    const kinds = [
      ['report', 'inbox'],
      ['inbox', 'me'],
      ['health', 'me', 'inbox'],
    ];
    const probe = (ci: number, i: number): Promise<Reply> => {
      const c = clients[ci]!;
      const kind = kinds[ci]![i % kinds[ci]!.length];
      if (kind === 'report')
        return c.request(
          'POST',
          '/api/cases',
          { categoryCode: 'C0101', description: `断库测试 ${seq++}` },
          { 'idempotency-key': `dbaway-${Date.now()}-${seq}` },
          15_000,
        );
      if (kind === 'inbox') return c.request('GET', '/api/cases?box=all&limit=5', undefined, {}, 15_000);
      if (kind === 'me') return c.request('GET', '/api/auth/me', undefined, {}, 15_000);
      return c.request('GET', '/api/health', undefined, {}, 15_000);
    };
    const during: Reply[] = [];
    const recoveries: number[] = [];
    const ackKeys: string[] = [];
    for (let o = 0; o < OUTAGES; o++) {
      // Healthy first: everything answers 2xx.
      for (let ci = 0; ci < clients.length; ci++) {
        const r = await probe(ci, 0);
        assert.ok(r.status >= 200 && r.status < 300, `before the outage: ${r.status} ${JSON.stringify(r.body)}`);
      }
      if (MODES[o] === 'partition') proxy.partition();
      else proxy.cut();
      const cutAt = Date.now();
      let i = 0;
      while (Date.now() - cutAt < OUTAGE_MS) {
        const batch = await Promise.all(clients.map((_, ci) => probe(ci, i)));
        i++;
        during.push(...batch);
        await sleep(200);
      }
      proxy.restore();
      const back = Date.now();
      // The first request after the database returns may still meet a dead pooled connection; it must recover within seconds.
      await until(
        async () => (await clients[0]!.request('GET', '/api/cases?box=all&limit=5')).status === 200,
        30_000,
        'the server to serve again',
      );
      recoveries.push(Date.now() - back);
      const key = `dbaway-after-${o}-${Date.now()}`;
      const w = await clients[0]!.request(
        'POST',
        '/api/cases',
        { categoryCode: 'C0101', description: `恢复后 ${key}` },
        { 'idempotency-key': key },
      );
      assert.equal(w.status, 201, `a write after recovery: ${w.status} ${JSON.stringify(w.body)}`);
      ackKeys.push(key);
    }
    const by = (p: (r: Reply) => boolean) => during.filter(p).length;
    const slowest = Math.max(...during.map((r) => r.ms));
    const { rows } = await db.sql.query<{ n: number }>(
      `select count(*)::int as n from cases where description like '恢复后 dbaway-after-%'`,
    );
    figure('db-away', {
      faultsInjected: OUTAGES,
      modes: MODES,
      outageMs: OUTAGE_MS,
      requestsDuringOutage: during.length,
      answered503: by((r) => r.status === 503),
      answered2xx: by((r) => r.status >= 200 && r.status < 300),
      answered500: by((r) => r.status === 500),
      otherAnswers: [
        ...new Set(during.filter((r) => r.status !== 503 && (r.status < 200 || r.status >= 300)).map((r) => r.status)),
      ],
      slowestMs: Math.round(slowest),
      p50Ms: Math.round(during.map((r) => r.ms).sort((x, y) => x - y)[Math.floor(during.length / 2)] ?? 0),
      recoveryMs: recoveries,
      writesAcknowledgedAfterRecovery: ackKeys.length,
      writesLost: ackKeys.length - rows[0]!.n,
      sameProcess: server.child.pid === pid && server.child.exitCode == null,
    });
    assert.equal(server.child.exitCode, null, 'the server process died');
    assert.equal(server.child.pid, pid);
    const bad = during.filter((r) => r.status !== 503);
    assert.deepEqual(
      bad.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`),
      [],
      'every request during the outage answers 503',
    );
    assert.ok(slowest < FAST_MS, `a request took ${Math.round(slowest)} ms during the outage`);
    assert.equal(rows[0]!.n, ackKeys.length, 'a write acknowledged after recovery is missing');
  },
);
