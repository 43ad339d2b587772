// Metrics for a year (one street, the whole district) over HTTP, or through the metrics service when the route is absent, beside raw SQL.
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../server/platform/clock';
import { rows as dbRows, type Database, type Db } from '../../server/platform/db';
import type { Actor } from '../../server/platform/policy';
import { systemClock } from '../../server/platform/clock';
import { YEAR } from '../generate';
import { actorOf, captureSql, type Raw } from './raw';
import { getJson, type Running, type Session } from './server';
import { timeLoop, type Load } from './stats';
import { lat, savePlans, verdict, type Row, type SuiteOptions } from './common';

type Summary = (actor: Actor, q: { nodeId?: number; from?: string; to?: string }) => Promise<unknown>;
type Factory = (deps: { db: Db; clock: Clock }) => { summary: Summary };

/** The metrics service of server/modules/metrics, when that module is in the tree; null otherwise. */
async function metricsService(): Promise<Factory | null> {
  const file = new URL('../../server/modules/metrics/service.ts', import.meta.url);
  if (!existsSync(file)) return null;
  const m = (await import(file.href)) as { createMetricsService?: Factory };
  return m.createMetricsService ?? null;
}

export async function measureMetrics(s: {
  server: Running;
  raw: Raw;
  database: Database;
  sessions: Map<string, Session>;
  o: SuiteOptions;
}): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const factory = await metricsService();
  const cases = [
    { label: 'one street', username: 'street1' },
    { label: 'the district', username: 'admin' },
  ];
  for (const c of cases) {
    const actor = await actorOf(s.server.deps.db, c.username);
    const nodeId = actor.bindings[0]!.nodeId!;
    const [n] = await dbRows<{ count: number }>(
      s.server.deps.db,
      sql`select count(*)::int as count from cases c join territory_nodes t on t.id = ${nodeId} where c.node_path like t.path || '%'`,
    );
    const q = { nodeId, from: YEAR.from, to: YEAR.to };
    const path = `/api/metrics/summary?nodeId=${nodeId}&from=${q.from}&to=${q.to}`;
    // Probed with one day, which is cheap, to learn whether the route is served at all.
    const probe = await getJson<{ error?: { code: string } }>(
      s.server.url,
      s.sessions.get(c.username)!,
      `/api/metrics/summary?nodeId=${nodeId}&from=${YEAR.from}&to=2025-12-02`,
    );
    const what = `Metrics summary, ${c.label} for a year (${c.username}, ${n?.count.toLocaleString('en')} cases under the node)`;
    // A year of a whole district can take minutes: no warm-up there, and at most a few runs, each its own sample.
    const bounds = {
      concurrency: 1,
      seconds: s.o.inboxSeconds * 2,
      maxOps: c.label === 'one street' ? 50 : 3,
      warmup: c.label === 'one street' ? 1 : 0,
    };
    let app: Load | null = null;
    let how = '';
    if (probe.status === 200) {
      // fetch in a bounded loop rather than autocannon, whose request timeout and run length would cut off slow answers.
      const get = async () => {
        const r = await fetch(s.server.url + path, {
          headers: s.sessions.get(c.username)!.headers,
          signal: AbortSignal.timeout(600_000),
        });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(String(r.status));
      };
      app = await timeLoop(get, bounds);
      how = 'HTTP';
    } else if (factory) {
      const svc = factory({ db: s.server.deps.db, clock: systemClock });
      app = await timeLoop(() => svc.summary(actor, q), bounds);
      how = 'service in-process';
    }
    if (!app || !factory) {
      rows.push({
        what,
        http: `GET /api/metrics/summary answered ${probe.status} and no metrics service is in the tree: not measured`,
        raw: '–',
        ratio: '–',
        target: '–',
      });
      continue;
    }
    const captured = await captureSql(s.database, s.o.url, (db) =>
      factory({ db, clock: systemClock }).summary(actor, q),
    );
    const raw = await timeLoop(() => Promise.all(captured.map((x) => s.raw.query(x.text, x.params))), bounds);
    const ok = app.p95 < 200;
    if (s.o.targets && !ok && c.label === 'one street')
      await savePlans(s.raw, s.o.plansFile, `metrics ${c.label}`, captured);
    rows.push({
      what: `${what}${how === 'HTTP' ? '' : ` — measured through the service: GET /api/metrics/summary answered ${probe.status} (module not registered in server/app.ts yet)`}`,
      http: lat(app),
      raw: `${lat(raw)} (${captured.length} statements, sent together)`,
      ratio: `p95 ×${(app.p95 / raw.p95).toFixed(1)}`,
      target: c.label === 'one street' ? verdict(s.o.targets, ok, 'p95 < 200 ms') : '–',
    });
    s.o.log(`  metrics ${c.label} (${how}): ${lat(app)} | raw ${lat(raw)}`);
    if (how !== 'HTTP')
      notes.push(
        `Metrics: GET /api/metrics/summary answered ${probe.status}; the figures are the metrics service called in-process with the same actor and query (no HTTP).`,
      );
  }
  return { rows, notes: [...new Set(notes)] };
}
