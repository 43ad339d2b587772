// Shared steps of the deadline scenarios: report cases, bring their overdue checks forward, count escalations.
import type pg from 'pg';
import type { Client } from './harness';

/**
 * Reports `n` cases as the client; returns their ids. C0101 (neighbour dispute) needs no map point, so a grid
 * worker's report lands in their own grid, and its registration stage has a 2-working-hour limit.
 */
export async function reportCases(c: Client, n: number, marker: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await c.request(
      'POST',
      '/api/cases',
      { categoryCode: 'C0101', description: `${marker} ${i}` },
      { 'idempotency-key': `${marker}-${i}` },
    );
    if (r.status !== 201) throw new Error(`report ${i}: ${r.status} ${JSON.stringify(r.body)}`);
    ids.push((r.body as { id: number }).id);
  }
  return ids;
}

/**
 * The server reads the real clock and the deadlines are hours away, so the test moves the overdue-check jobs of
 * these cases to fire `inMs` from now. The jobs keep their payload (the case's real deadline), so the handler's
 * own check — is this still the current deadline? — runs unchanged; only the waiting is skipped.
 */
export async function bringDueForward(sql: pg.Pool, ids: number[], inMs: number, spreadMs = 0): Promise<number> {
  // With a spread the deadlines fall due one after another (as they do in life) instead of in one batch.
  const r = await sql.query(
    `update jobs set run_at = now() + make_interval(secs => ($2::float8 + random() * $3::float8) / 1000)
      where name = 'case.stage_due' and state = 'queued' and (payload->>'caseId')::bigint = any($1::bigint[])`,
    [ids, inMs, spreadMs],
  );
  return r.rowCount ?? 0;
}

export type EscalationCount = { caseId: number; escalations: number; level: number; overdue: boolean };

export async function escalations(sql: pg.Pool, ids: number[]): Promise<EscalationCount[]> {
  const { rows } = await sql.query<{ id: string; n: number; level: number; overdue: boolean }>(
    `select c.id, count(e.id)::int as n, c.escalation_level as level, c.overdue_since is not null as overdue
       from cases c left join case_events e on e.case_id = c.id and e.action = 'escalate'
      where c.id = any($1::bigint[]) group by c.id order by c.id`,
    [ids],
  );
  return rows.map((r) => ({ caseId: Number(r.id), escalations: r.n, level: r.level, overdue: r.overdue }));
}

/** The overdue-check jobs of the cases by state, and the attempts each took. */
export async function dueJobs(sql: pg.Pool, ids: number[]) {
  const { rows } = await sql.query<{ state: string; attempts: number; case_id: string }>(
    `select state, attempts, payload->>'caseId' as case_id from jobs where name = 'case.stage_due' and (payload->>'caseId')::bigint = any($1::bigint[])`,
    [ids],
  );
  return rows;
}
