// Prints the SQL of the benchmarked inboxes and metrics with EXPLAIN (ANALYZE, BUFFERS) and timings: `npx tsx bench/explain.ts --database-url URL`.
import { createPersonalCrypto } from '../server/platform/crypto';
import { parseArgs } from 'node:util';
import { CaseListQuery } from '../contracts/cases';
import { createAudit } from '../server/platform/audit/service';
import { systemClock } from '../server/platform/clock';
import { openServer, type Db } from '../server/platform/db';
import { createCaseService } from '../server/modules/cases/service';
import { createMetricsService } from '../server/modules/metrics/service';
import { YEAR } from './generate';
import { actorOf, captureSql, explain, openRaw, type Captured, type Raw } from './measure/raw';
import { summarise } from './measure/stats';

async function show(raw: Raw, title: string, statements: Captured[], runs: number) {
  for (const q of statements) {
    console.log(`\n=== ${title}\n${q.text}\n-- params: ${JSON.stringify(q.params)}`);
    console.log(await explain(raw, q));
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await raw.query(q.text, q.params);
      ms.push(performance.now() - t);
    }
    const s = summarise(ms);
    console.log(`-- ${runs} runs: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
  }
}

async function main() {
  const { values: a } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      only: { type: 'string' },
      runs: { type: 'string', default: '10' },
      users: { type: 'string' },
    },
  });
  const url = a['database-url'];
  if (!url) throw new Error('--database-url is required');
  const runs = Math.min(1000, Number(a.runs));
  const database = await openServer(url, 2);
  const raw = openRaw(database, url);
  try {
    if (!a.only || a.only === 'inbox') {
      for (const username of a.users?.split(',') ?? ['grid1', 'community1', 'dept1']) {
        const actor = await actorOf(database.db, username);
        for (const box of ['todo', 'all'] as const) {
          const list = (db: Db) =>
            createCaseService({
              db,
              clock: systemClock,
              audit: createAudit(systemClock),
              crypto: createPersonalCrypto(process.env.DATA_KEY),
            }).list(actor, CaseListQuery.parse({ box, limit: 50 }));
          const captured = await captureSql(database, url, list);
          await show(
            raw,
            `inbox ${box}, ${username}`,
            captured.filter((q) => /from "cases"/.test(q.text)),
            runs,
          );
        }
      }
    }
    if (!a.only || a.only === 'metrics') {
      for (const username of a.users?.split(',') ?? ['street1', 'admin']) {
        const actor = await actorOf(database.db, username);
        const q = { nodeId: actor.bindings[0]!.nodeId!, from: YEAR.from, to: YEAR.to };
        const captured = await captureSql(database, url, (db) =>
          createMetricsService({ db, clock: systemClock }).summary(actor, q),
        );
        await show(raw, `metrics summary, ${username}`, captured, runs);
      }
    }
  } finally {
    await raw.close();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
