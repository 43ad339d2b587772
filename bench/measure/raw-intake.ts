// The raw baseline of one intake: the statements POST /api/cases sends, in the same order and transaction, through a plain driver.
import type { Raw } from './raw';

// Session lookup, validation, the policy check, the polygon test and the deadline arithmetic are app work and are left out.

export type IntakeTarget = { userId: number; displayName: string; box: [number, number, number, number]; categoryCode: string; runId: string };

const CASE_COLUMNS = `id, number, channel, category_code, description, lat, lng, address, grid_id, node_path, status, triage, reporter_user_id,
  reporter_name, reporter_phone, anonymous, self_handled, external_ref, photos, stage_started_at, due_at, closed_at, closed_on_time, created_at, updated_at`;

/** One intake, `i` making its idempotency key unique. */
export async function rawIntake(raw: Raw, t: IntakeTarget, i: number): Promise<number> {
  const key = `${t.runId}-${i}`;
  await raw.query('select user_id, key, case_id, created_at from idempotency_keys where user_id = $1 and key = $2', [t.userId, key]);
  const [category] = (await raw.query('select * from case_categories where code = $1', [t.categoryCode])).rows;
  const [w, s, e, n] = t.box;
  const lat = s + (n - s) * (0.05 + 0.9 * Math.random());
  const lng = w + (e - w) * (0.05 + 0.9 * Math.random());
  const description = `基线上报第${i}条：路边有暴露垃圾`;
  const id = await raw.tx(async (q) => {
    const grids = await q(
      `select * from territory_nodes where kind = $1 and retired_at is null and min_lat <= $2 and max_lat >= $3 and min_lng <= $4 and max_lng >= $5`,
      ['grid', lat, lat, lng, lng],
    );
    const grid = grids.rows[0] as { id: number; path: string } | undefined;
    if (!grid) throw new Error('no grid at the point');
    const id = Number((await q(`select nextval(pg_get_serial_sequence('cases', 'id')) as id`)).rows[0]!.id);
    const now = new Date();
    const due = new Date(now.getTime() + 2 * 3_600_000);
    const number = `${now.toISOString().slice(0, 10).replaceAll('-', '')}${String(id).padStart(6, '0')}`;
    await q(`insert into cases (${CASE_COLUMNS}) values ($1, $2, 'patrol', $3, $4, $5, $6, null, $7, $8, 'reported', $9, $10, $11, null, false, false, null, '[]', $12, $13, null, null, $12, $12) returning *`, [
      id, number, t.categoryCode, description, lat, lng, grid.id, grid.path, category?.triage_default ?? null, t.userId, t.displayName, now, due,
    ]);
    await q(`insert into case_events (case_id, at, actor_id, actor_name, action, from_status, to_status, note, data, photos) values ($1, $2, $3, $4, 'report', null, 'reported', $5, $6, '[]')`, [
      id, now, t.userId, t.displayName, description, JSON.stringify({ channel: 'patrol' }),
    ]);
    await q('insert into idempotency_keys (user_id, key, case_id, created_at) values ($1, $2, $3, $4)', [t.userId, key, id, now]);
    for (const [name, when] of [['case.stage_warn', new Date(now.getTime() + 0.8 * 2 * 3_600_000)], ['case.stage_due', due]] as const) {
      await q(`insert into jobs (name, payload, singleton_key, run_at, max_attempts) values ($1, $2, $3, $4, 5) on conflict (singleton_key) do nothing`, [
        name, JSON.stringify({ caseId: id, dueAt: due.toISOString() }), `case:${id}:${name.slice(11)}:${due.getTime()}`, when,
      ]);
    }
    await q(
      `select reporter_user_id as id from cases where (id = $1 or merged_into = $1) and reporter_user_id is not null
       union select actor_id from case_events where case_id = $1 and action = 'support' and actor_id is not null`,
      [id],
    );
    const to = await q(
      `select distinct b.user_id as id from role_bindings b join territory_nodes n on n.id = b.node_id
       join users u on u.id = b.user_id and u.disabled_at is null where b.role in ('community_worker') and $1 like n.path || '%'`,
      [grid.path],
    );
    for (const r of to.rows) await q(`insert into notifications (user_id, kind, case_id, title, created_at) values ($1, 'new_report', $2, $3, $4) returning *`, [r.id, id, number, now]);
    await q(`insert into audit_log (at, actor_id, actor_name, action, entity_kind, entity_id, node_id, node_path, before, after, request_id) values ($1, $2, $3, 'case.report', 'case', $4, $5, $6, null, $7, $8)`, [
      now, t.userId, t.displayName, String(id), grid.id, grid.path, JSON.stringify({ number, status: 'reported', categoryCode: t.categoryCode, channel: 'patrol' }), key,
    ]);
    return id;
  });
  await raw.query(
    `select cases.*, coalesce((select name from case_categories cc where cc.code = cases.category_code), cases.category_code) as category_name,
       (select name from territory_nodes g where g.id = cases.grid_id) as grid_name,
       coalesce((select name from organisations o where o.id = cases.assignee_organisation_id), (select name from territory_nodes a where a.id = cases.assignee_node_id)) as assignee_name
     from cases where cases.id = $1`,
    [id],
  );
  await raw.query('select * from case_participants where case_id = $1', [id]);
  await raw.query('select * from case_events where case_id = $1 order by id asc', [id]);
  return id;
}
