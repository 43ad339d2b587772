// The app's own CPU per request, apart from the network and the machine's load: the demo district on the database the
// tests use (TEST_DATABASE_URL for a server, else embedded — whose CPU then counts too), requests sent in-process by
// Fastify's inject, N of each kind in rounds, CPU time of this process (user + system) divided by N. The median round
// is printed. Throughput on a shared machine moves with its load; CPU per request does much less.
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/measure/cpu-per-request.ts
import { createTestApp } from '../../server/testing';

const N = Number(process.env.CPU_N ?? 400);
const ROUNDS = Number(process.env.CPU_ROUNDS ?? 5);

const t = await createTestApp();
const grid1 = await t.login('grid1');
const community1 = await t.login('community1');
// The first grid of the demo (as the cases tests use it); 60 cases so that the pages are full.
const place = { lat: 39.92, lng: 116.305 };
const report = (n: string) =>
  t.as(grid1, {
    method: 'POST',
    url: '/api/cases',
    headers: { 'idempotency-key': `cpu-${process.pid}-${n}` },
    payload: { categoryCode: 'E0102', description: `测量上报第${n}条：路边有暴露垃圾`, location: place },
  });
for (let i = 0; i < 60; i++) await report(`seed-${i}`);
const first = (await t.as(grid1, { method: 'GET', url: '/api/cases?box=all&limit=1' })).json().items[0];

let seq = 0;
const kinds: [string, () => Promise<{ statusCode: number }>][] = [
  ['inbox todo, grid1', () => t.as(grid1, { method: 'GET', url: '/api/cases?box=todo&limit=20' })],
  ['inbox all, community1 (50)', () => t.as(community1, { method: 'GET', url: '/api/cases?box=all&limit=50' })],
  ['case detail, grid1', () => t.as(grid1, { method: 'GET', url: `/api/cases/${first.id}` })],
  ['intake, grid1', () => report(String(++seq))],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out: string[] = [];
const only = process.env.CPU_ONLY; // a word of the request's name, to profile one kind
for (const [name, send] of kinds.filter(([n]) => !only || n.includes(only))) {
  for (let i = 0; i < 50; i++) await send(); // warm-up
  const perRound: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      const res = await send();
      if (res.statusCode >= 400) throw new Error(`${name}: ${res.statusCode}`);
    }
    const d = process.cpuUsage(before);
    perRound.push((d.user + d.system) / N / 1000);
  }
  out.push(`| ${name} | ${median(perRound).toFixed(3)} ms | ${perRound.map((x) => x.toFixed(3)).join(' · ')} |`);
}
console.log(`database: ${process.env.TEST_DATABASE_URL ? 'server' : 'embedded'}, N=${N} × ${ROUNDS}`);
console.log('| request | CPU per request (median round) | rounds |\n|---|---|---|');
console.log(out.join('\n'));
await t.close();
