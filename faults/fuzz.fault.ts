// Fuzzer: walks the OpenAPI document and sends malformed, oversized and hostile input to every operation as every
// demo role and with no session: no 5xx, no hang, and no change to the data from a request that was refused.
// Runs in-process (createTestApp) on PGlite, or on a fresh server database when TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type Session, type TestApp } from '../server/testing';
import { rows } from '../server/platform/db';
import { figure, pick } from './harness';
import { bodyVariants, paramVariants, queryVariants, rng, type Variant } from './fuzz-inputs';

const ALL_ROLES = ['admin', 'street1', 'community1', 'grid1', 'grid2', 'dept1', 'property1', 'volunteer1', 'resident1'];
const ROLES: (string | null)[] = pick(['admin', 'grid1', null], [...ALL_ROLES, null]);
const PER_OPERATION = pick(6, 60);
const TIMEOUT_MS = 10_000;
/** Ending the fuzzer's own session is not a refused request; it is left out (and re-logged in if it happens). */
const SKIP = new Set(['POST /api/auth/logout']);

type Op = { method: string; path: string; params: string[]; query: string[]; body?: object; json: boolean };

let t: TestApp;
const sessions = new Map<string, Session>();

before(async () => {
  t = await createTestApp({ config: { loginRatePerMinute: 1_000_000 } });
  for (const r of ALL_ROLES) sessions.set(r, await t.login(r));
});
after(() => t?.close());

function operations(): Op[] {
  const spec = t.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: object }> } }
      >
    >;
  };
  const ops: Op[] = [];
  for (const [p, byMethod] of Object.entries(spec.paths)) {
    if (!p.startsWith('/api/') || p.startsWith('/api/docs')) continue;
    for (const [m, op] of Object.entries(byMethod)) {
      const method = m.toUpperCase();
      if (SKIP.has(`${method} ${p}`)) continue;
      const params = (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name);
      const query = (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name);
      const content = op.requestBody?.content ?? {};
      ops.push({
        method,
        path: p,
        params,
        query,
        body: content['application/json']?.schema,
        json: 'application/json' in content || !op.requestBody,
      });
    }
  }
  return ops;
}

/**
 * A fingerprint of the data: row count and a hash of every row of every table. Left out: sessions (a login
 * writes one; a session's last-seen time slides) and the audit log's own login records.
 */
async function fingerprint(): Promise<Map<string, string>> {
  const tables = await rows<{ table_name: string }>(
    t.deps.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions', '__drizzle_migrations') order by 1`,
  );
  const parts = tables.map(({ table_name: n }) =>
    n === 'audit_log'
      ? `select '${n}' as t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)), 0)::text as h from "${n}" x where action not like 'auth.%'`
      : `select '${n}' as t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)), 0)::text as h from "${n}" x`,
  );
  const r = await rows<{ t: string; h: string }>(t.deps.db, sql.raw(parts.join(' union all ')));
  return new Map(r.map((x) => [x.t, x.h]));
}

function diff(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
}

function variantsOf(op: Op): Variant[] {
  const out: Variant[] = [...paramVariants(op.params), ...queryVariants(op.query)];
  if (['POST', 'PUT', 'PATCH'].includes(op.method)) out.push(...bodyVariants(op.body as never));
  return out;
}

function urlOf(op: Op, v: Variant): string {
  let p = op.path;
  for (const n of op.params) p = p.replace(`{${n}}`, v.params?.[n] ?? '999999');
  return v.query ? `${p}?${v.query}` : p;
}

test(
  'every operation, every role, hostile input: no 5xx, no hang, no change from a refused request',
  { timeout: 1_800_000 },
  async () => {
    const ops = operations();
    assert.ok(ops.length > 30, `only ${ops.length} operations in the OpenAPI document`);
    const random = rng(20261122);
    const failures: string[] = [];
    let sent = 0;
    let refused = 0;
    let accepted = 0;
    let slowest = 0;
    let groups = 0;
    let sessionsLost = 0;
    // The fingerprint must see a change, or the "no change" check below proves nothing.
    const before = await fingerprint();
    const made = await t.as(sessions.get('admin')!, {
      method: 'POST',
      url: '/api/organisations',
      payload: { kind: 'partner_unit', name: '指纹自检单位', nodeId: t.demo.streets[0]!.id },
    });
    assert.equal(made.statusCode, 200, made.body);
    assert.ok(
      diff(before, await fingerprint()).includes('organisations'),
      'the fingerprint did not see a new organisation',
    );
    let state = await fingerprint();
    const t0 = Date.now();
    for (const op of ops) {
      const all = variantsOf(op);
      for (const role of ROLES) {
        // A deterministic sample of the variants for this operation and role.
        const chosen = all.length <= PER_OPERATION ? all : [...all].sort(() => random() - 0.5).slice(0, PER_OPERATION);
        const s = role ? sessions.get(role)! : null;
        let any2xx = false;
        for (const v of chosen) {
          const started = performance.now();
          const r = await Promise.race([
            t
              .as(s, {
                method: op.method as never,
                url: urlOf(op, v),
                ...(v.payload !== undefined
                  ? { payload: v.payload, headers: { 'content-type': v.contentType ?? 'application/json' } }
                  : {}),
              })
              // A reset connection is no answer at all: a client sees a network error, not a status.
              .catch((err: Error) => ({ statusCode: 599, body: `connection reset: ${err.message}` })),
            new Promise<null>((res) => setTimeout(() => res(null), TIMEOUT_MS).unref()),
          ]);
          const ms = performance.now() - started;
          slowest = Math.max(slowest, ms);
          sent++;
          const where = `${op.method} ${urlOf(op, v).slice(0, 120)} as ${role ?? 'anonymous'} [${v.what}]`;
          if (!r) {
            failures.push(`HANG (> ${TIMEOUT_MS} ms): ${where}`);
            continue;
          }
          if (r.statusCode >= 500)
            failures.push(`${r.statusCode === 599 ? 'RESET' : r.statusCode}: ${where} → ${r.body.slice(0, 300)}`);
          if (r.statusCode < 400) {
            any2xx = true;
            accepted++;
          } else refused++;
        }
        groups++;
        // Refused-only groups must leave every table as it was; a group with an accepted request sets a new baseline.
        const now = await fingerprint();
        const changed = diff(state, now);
        if (!any2xx && changed.length)
          failures.push(
            `CHANGED by refused requests: ${op.method} ${op.path} as ${role ?? 'anonymous'}: tables ${changed.join(', ')}`,
          );
        state = now;
        if (role) {
          const me = await t.as(s, { method: 'GET', url: '/api/auth/me' });
          if (me.statusCode !== 200) {
            sessionsLost++;
            failures.push(`session of ${role} lost after ${op.method} ${op.path}`);
            sessions.set(role, await t.login(role));
          }
        }
      }
    }
    figure('fuzz', {
      operations: ops.length,
      roles: ROLES.length,
      requestsTried: sent,
      refused4xx: refused,
      accepted2xx: accepted,
      failures: failures.length,
      groupsChecked: groups,
      sessionsLost,
      slowestMs: Math.round(slowest),
      seconds: Math.round((Date.now() - t0) / 1000),
    });
    for (const f of failures) console.log(`# FAIL ${f}`);
    assert.deepEqual(failures, []);
  },
);
