// Intake cost per case: starts the server in this process, logs in as the last grid worker, drives POST /api/cases
// with autocannon (child process), and reports the rate and the CPU spent per case by this server process and by the
// database's backends of this pool (from /proc), which stay comparable when other work shares the machine. The reports
// it makes are removed at the end, as the suite's are.
// `npx tsx bench/measure/profile-intake.ts URL [connections] [seconds]` (POOL=n sets the pool size, default 10).
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openServer } from '../../server/platform/db';
import { BENCH_PASSWORD } from '../generate';
import { login, runLoad, startServer } from './server';
import { intakeReporter, lastCaseId, removeCasesAfter } from './suite';

const [url = '', c = '10', secs = '10'] = process.argv.slice(2);
const database = await openServer(url, Number(process.env.POOL ?? 10));
const server = await startServer(database);
const client = new pg.Client({ connectionString: url });
await client.connect();
const query = (text: string, params?: unknown[]) => client.query(text, params);
const g = await intakeReporter(query);
const before = await lastCaseId(query);
const session = await login(server.url, g.username, BENCH_PASSWORD);
const job = (seconds: number, tag: string) => ({
  url: server.url,
  connections: Number(c),
  seconds,
  maxRequests: 200_000,
  method: 'POST' as const,
  path: '/api/cases',
  headers: session.headers,
  intake: {
    box: [g.min_lng, g.min_lat, g.max_lng, g.max_lat] as [number, number, number, number],
    categoryCode: 'E0102',
    keyPrefix: `prof-${tag}-${Date.now()}`,
  },
});
await runLoad(job(2, 'warm'));
const own = (await client.query('select pg_backend_pid() as pid')).rows[0].pid;
const pids: number[] = (
  await client.query(
    'select pid from pg_stat_activity where datname = current_database() and pid <> $1 and backend_type = $2',
    [own, 'client backend'],
  )
).rows.map((r) => r.pid);
const tick = 100; // USER_HZ
const pgCpu = () =>
  pids.reduce((a, pid) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return a + Number(f[11]) + Number(f[12]);
    } catch {
      return a;
    }
  }, 0) / tick;
const pg0 = pgCpu();
const n0 = process.cpuUsage();
const r = await runLoad(job(Number(secs), 'run'));
const nodeSecs = (() => {
  const d = process.cpuUsage(n0);
  return (d.user + d.system) / 1e6;
})();
const pgSecs = pgCpu() - pg0;
const n = Object.values(r.statuses).reduce((a, b) => a + b, 0);
console.log(
  `${Math.round(r.perSecond)}/s p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} ms ${JSON.stringify(r.statuses)} | CPU per case: server ${((nodeSecs / n) * 1e3).toFixed(2)} ms, database ${((pgSecs / n) * 1e3).toFixed(2)} ms (${pids.length} backends)`,
);
await removeCasesAfter(query, before);
await client.end();
await server.close();
await database.close();
