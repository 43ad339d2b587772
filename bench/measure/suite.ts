// One database's benchmark: inbox pages, metrics and intake over HTTP, each beside the same SQL sent raw, and the server's memory.
import { createPersonalCrypto } from '../../server/platform/crypto';
import { CaseListQuery } from '../../contracts/cases';
import { createAudit } from '../../server/platform/audit/service';
import { systemClock } from '../../server/platform/clock';
import type { Database } from '../../server/platform/db';
import { createCaseService } from '../../server/modules/cases/service';
import { measureMetrics } from './metrics';
import { lat, rate, savePlans, verdict, type Row, type SuiteOptions, type SuiteResult } from './common';
import { actorOf, captureSql, openRaw, type Query, type Raw } from './raw';
import { rawIntake } from './raw-intake';
import { getJson, login, runLoad, startServer, type Running, type Session } from './server';
import { sampleRss, timeLoop } from './stats';

async function inbox(s: {
  server: Running;
  raw: Raw;
  database: Database;
  sessions: Map<string, Session>;
  o: SuiteOptions;
}): Promise<Row[]> {
  const out: Row[] = [];
  for (const username of ['grid1', 'community1', 'dept1']) {
    const actor = await actorOf(s.server.deps.db, username);
    for (const box of ['todo', 'all'] as const) {
      const path = `/api/cases?box=${box}&limit=50`;
      const probe = await getJson<{ items: unknown[] }>(s.server.url, s.sessions.get(username)!, path);
      if (probe.status !== 200) throw new Error(`${username} ${path}: ${probe.status}`);
      const http = await runLoad({
        url: s.server.url,
        connections: 1,
        seconds: s.o.inboxSeconds,
        maxRequests: 20_000,
        method: 'GET',
        path,
        headers: s.sessions.get(username)!.headers,
      });
      const captured = await captureSql(s.database, s.o.url, (db) =>
        createCaseService({
          db,
          clock: systemClock,
          audit: createAudit(systemClock),
          crypto: createPersonalCrypto(process.env.DATA_KEY),
        }).list(actor, CaseListQuery.parse({ box, limit: 50 })),
      );
      const list = captured.filter((q) => /from "cases"/.test(q.text)).at(-1)!;
      const raw = await timeLoop(() => s.raw.query(list.text, list.params), {
        concurrency: 1,
        seconds: s.o.inboxSeconds,
        maxOps: 20_000,
        warmup: 3,
      });
      const ok = http.p95 < 30;
      if (s.o.targets && !ok) await savePlans(s.raw, s.o.plansFile, `inbox ${box}, ${username}`, [list]);
      out.push({
        what: `Inbox \`box=${box}\`, ${actor.bindings[0]?.role ?? username} (${username}, ${probe.body.items.length} on page)`,
        http: lat(http),
        raw: lat(raw),
        ratio: `p95 ×${(http.p95 / raw.p95).toFixed(1)}`,
        target: verdict(s.o.targets, ok, 'p95 < 30 ms'),
      });
      s.o.log(`  inbox ${box} ${username}: ${lat(http)} | raw ${lat(raw)}`);
    }
  }
  return out;
}

export type Reporter = {
  user_id: number;
  username: string;
  display_name: string;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
};

/** The last grid worker, who reports in intake benchmarks: their grid lies in another street than the inboxes and metrics measured. */
export async function intakeReporter(query: Query): Promise<Reporter> {
  const r = await query(
    `select u.id as user_id, u.username, u.display_name, n.min_lng, n.min_lat, n.max_lng, n.max_lat from users u
     join role_bindings b on b.user_id = u.id and b.role = 'grid_worker' join territory_nodes n on n.id = b.node_id order by u.id desc limit 1`,
  );
  return r.rows[0] as Reporter;
}

/** The newest case id: intake benchmarks remove what they add after it. */
export async function lastCaseId(query: Query): Promise<number> {
  return Number((await query('select coalesce(max(id), 0) as id from cases')).rows[0]!.id);
}

/**
 * Removes the cases made after `id` with their events, keys, jobs and notifications (the append-only audit log keeps
 * its entries): tens of thousands of reports in one grid within a minute would skew the next run's pages.
 */
export async function removeCasesAfter(query: Query, id: number): Promise<void> {
  for (const q of [
    'delete from notifications where case_id > $1',
    'delete from case_events where case_id > $1',
    'delete from idempotency_keys where case_id > $1',
    'delete from case_participants where case_id > $1',
    `delete from jobs where (name like 'case.%' or name = 'notify.webhook') and (payload->>'caseId')::bigint > $1`,
    'delete from cases where id > $1',
  ])
    await query(q, [id]);
}

async function intake(s: {
  server: Running;
  raw: Raw;
  sessions: Map<string, Session>;
  o: SuiteOptions;
}): Promise<Row[]> {
  const g = await intakeReporter(s.raw.query);
  const session = await login(s.server.url, g.username, s.o.password);
  const box: [number, number, number, number] = [g.min_lng, g.min_lat, g.max_lng, g.max_lat];
  const before = await lastCaseId(s.raw.query);
  try {
    return await intakeRuns(s, g, session, box);
  } finally {
    await removeCasesAfter(s.raw.query, before);
  }
}

async function intakeRuns(
  s: { server: Running; raw: Raw; o: SuiteOptions },
  g: Reporter,
  session: Session,
  box: [number, number, number, number],
): Promise<Row[]> {
  const out: Row[] = [];
  const run = `${process.pid}-${Date.now().toString(36)}`;
  for (const c of s.o.connections) {
    const http = await runLoad({
      url: s.server.url,
      connections: c,
      seconds: s.o.loadSeconds,
      maxRequests: 200_000,
      method: 'POST',
      path: '/api/cases',
      headers: session.headers,
      intake: { box, categoryCode: 'E0102', keyPrefix: `http-${run}-${c}` },
    });
    const target = {
      userId: g.user_id,
      displayName: g.display_name,
      box,
      categoryCode: 'E0102',
      runId: `raw-${run}-${c}`,
    };
    const raw = await timeLoop((i) => rawIntake(s.raw, target, i), {
      concurrency: c,
      seconds: s.o.loadSeconds,
      maxOps: 200_000,
      warmup: 2,
    });
    const codes = Object.entries(http.statuses)
      .map(([k, v]) => `${k}×${v}`)
      .join(', ');
    out.push({
      what: `Intake \`POST /api/cases\` as ${g.username}, ${c} connection${c > 1 ? 's' : ''} (HTTP statuses ${codes})`,
      http: `**${rate(http)}** · ${lat(http)}`,
      raw: `${rate(raw)} · ${lat(raw)}${raw.errors ? ` (${raw.errors} errors)` : ''}`,
      ratio: `×${(http.perSecond / raw.perSecond).toFixed(2)} throughput`,
      target: verdict(s.o.targets, http.perSecond >= 500, '≥ 500 cases/s'),
    });
    s.o.log(`  intake c=${c}: ${rate(http)} ${lat(http)} [${codes}] | raw ${rate(raw)} ${lat(raw)}`);
  }
  return out;
}

/** Runs every benchmark on one database and returns the table rows. */
export async function runSuite(database: Database, o: SuiteOptions): Promise<SuiteResult> {
  const raw = openRaw(database, o.url);
  const server = await startServer(database);
  const notes: string[] = [];
  try {
    const sessions = new Map<string, Session>();
    for (const u of ['grid1', 'community1', 'dept1', 'street1', 'admin'])
      sessions.set(u, await login(server.url, u, o.password));
    for (let i = 0; i < 5; i++) await getJson(server.url, sessions.get('grid1')!, '/api/cases?box=all&limit=50');
    const rest = process.memoryUsage().rss / 1_048_576;
    const peak = sampleRss();
    const s = { server, raw, database, sessions, o };
    const part = (name: string) => o.only.length === 0 || o.only.includes(name);
    const rows: Row[] = [];
    if (part('inbox')) {
      o.log('inbox pages');
      rows.push(...(await inbox(s)));
    }
    if (part('metrics')) {
      o.log('metrics');
      const m = await measureMetrics(s);
      rows.push(...m.rows);
      notes.push(...m.notes);
    }
    // Resident search and roster import are measured by measure/people.ts and written as their own section.
    if (part('intake')) {
      o.log('intake');
      rows.push(...(await intake(s)));
    }
    const top = peak.stop();
    rows.push({
      what: 'Server process RSS (app, its pg pool, and for embedded the PGlite database itself)',
      http: `at rest ${Math.round(rest)} MiB · peak under load ${Math.round(top)} MiB`,
      raw: '–',
      ratio: '–',
      target: '–',
    });
    return { rows, notes };
  } finally {
    await server.close();
    await raw.close();
  }
}
