// The raw baseline of one intake: the two statements POST /api/cases sends (server/modules/cases/intake.ts), as named
// statements like the app's, through a plain driver: one read (key, category, candidate grids, a fresh id), then one
// WITH chain writing the case, its event, the key, the deadline jobs, the dispatchers' notifications and the audit entry.
import type { Raw } from './raw';

// Session lookup, validation, the policy check, the polygon test, the deadline arithmetic and the answer are app work and are left out.

export type IntakeTarget = {
  userId: number;
  displayName: string;
  box: [number, number, number, number];
  categoryCode: string;
  runId: string;
};

const CONTEXT = `select one.id as new_id, (select case_id from idempotency_keys k where k.user_id = $1 and k.key = $2) as seen, c.*, g.id as grid_id, g.path as grid_path, g.geometry
  from (select nextval(pg_get_serial_sequence('cases', 'id')) as id) one
  left join case_categories c on c.code = $3
  left join territory_nodes g on g.kind = 'grid' and g.retired_at is null and g.min_lat <= $4 and g.max_lat >= $4 and g.min_lng <= $5 and g.max_lng >= $5`;

const WRITE = `with
  w0 as (insert into cases (id, number, channel, category_code, description, lat, lng, address, grid_id, node_path, status, triage, reporter_user_id,
    reporter_name, reporter_phone_cipher, anonymous, self_handled, external_ref, photos, stage_started_at, due_at, registered_at, closed_at, closed_on_time, created_at, updated_at)
    values ($1, $2, 'patrol', $3, $4, $5, $6, null, $7, $8, 'reported', $9, $10, $11, null, false, false, null, '[]', $12, $13, null, null, null, $12, $12)),
  new_events as (insert into case_events (case_id, at, actor_id, actor_name, action, from_status, to_status, note, data, photos)
    values ($1, $12, $10, $11, 'report', null, 'reported', $4, '{"channel":"patrol"}', '[]') returning id),
  w2 as (insert into idempotency_keys (user_id, key, case_id, created_at) values ($10, $14, $1, $12)),
  w3 as (insert into jobs (name, payload, singleton_key, run_at, max_attempts) values
    ('case.stage_warn', $15, $16, $17, 5), ('case.stage_due', $15, $18, $13, 5) on conflict (singleton_key) do nothing),
  notified_new_report as (insert into notifications (user_id, kind, case_id, title, created_at)
    select r.id, 'new_report', $1::int, $2, $12::timestamptz from (select distinct b.user_id as id from role_bindings b
      join users u on u.id = b.user_id and u.disabled_at is null where b.role in ('community_worker') and b.node_id = any($19::int[])) r
    where r.id is distinct from $10::int returning id, user_id, case_id, title),
  w5 as (insert into audit_log (at, actor_id, actor_name, action, entity_kind, entity_id, node_id, node_path, before, after, request_id)
    values ($12, $10, $11, 'case.report', 'case', $1::text, $7, $8, null, $20, $14))
  select id from new_events order by id`;

/** One intake, `i` making its idempotency key unique. */
export async function rawIntake(raw: Raw, t: IntakeTarget, i: number): Promise<number> {
  const key = `${t.runId}-${i}`;
  const [w, s, e, n] = t.box;
  const lat = s + (n - s) * (0.05 + 0.9 * Math.random());
  const lng = w + (e - w) * (0.05 + 0.9 * Math.random());
  const known = (await raw.query(CONTEXT, [t.userId, key, t.categoryCode, lat, lng], 'raw_intake_context')).rows;
  const grid = known.find((r) => r.grid_id != null) as
    { new_id: string; grid_id: number; grid_path: string; triage_default: string | null } | undefined;
  if (!grid) throw new Error('no grid at the point');
  const id = Number(grid.new_id);
  const now = new Date();
  const due = new Date(now.getTime() + 2 * 3_600_000);
  const number = `${now.toISOString().slice(0, 10).replaceAll('-', '')}${String(id).padStart(6, '0')}`;
  const description = `基线上报第${i}条：路边有暴露垃圾`;
  const pathIds = `{${grid.grid_path.split('/').filter(Boolean).join(',')}}`;
  await raw.query(
    WRITE,
    [
      id,
      number,
      t.categoryCode,
      description,
      lat,
      lng,
      grid.grid_id,
      grid.grid_path,
      grid.triage_default,
      t.userId,
      t.displayName,
      now,
      due,
      key,
      JSON.stringify({ caseId: id, dueAt: due.toISOString() }),
      `case:${id}:warn:${due.getTime()}`,
      new Date(now.getTime() + 0.8 * 2 * 3_600_000),
      `case:${id}:due:${due.getTime()}`,
      pathIds,
      JSON.stringify({ number, status: 'reported', categoryCode: t.categoryCode, channel: 'patrol' }),
    ],
    'raw_intake_write',
  );
  return id;
}
