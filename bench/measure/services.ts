// Service hall benchmark: the application queue (the community's scoped list, newest first, one status filter, and a
// department's inbox) over `--rows` synthetic applications, in process through the module's reader, beside the same
// statement as raw SQL on the same connection. Standalone: a fresh database (embedded unless --database-url) with the
// demo district, then applications generated in one INSERT … SELECT.
// CLI: npx tsx bench/measure/services.ts [--rows 100000] [--seconds 5] [--database-url URL]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createAudit } from '../../server/platform/audit/service';
import { systemClock } from '../../server/platform/clock';
import { createPersonalCrypto } from '../../server/platform/crypto';
import { rows } from '../../server/platform/db';
import { openTestDatabase } from '../../server/platform/test-db';
import { scope } from '../../server/platform/policy';
import { seedDemo } from '../../server/seed/demo';
import { seedServiceDemo } from '../../server/seed/demo-services';
import { createApplicationReader } from '../../server/modules/services/service';
import { applicationScopeColumns, servicePolicy } from '../../server/modules/services/policy';
import { actorOf } from './raw';
import { timeLoop, type Latency } from './stats';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '5' },
    'database-url': { type: 'string' },
  },
});
if (values['database-url']) process.env.TEST_DATABASE_URL = values['database-url'];
const N = Number(values.rows);
const seconds = Number(values.seconds);
const ms = (l: Latency) => `p50 ${l.p50.toFixed(2)} · p95 ${l.p95.toFixed(2)} · p99 ${l.p99.toFixed(2)} ms`;

const database = await openTestDatabase();
const db = database.db;
const crypto = createPersonalCrypto(undefined);
await seedDemo(db, crypto);
await seedServiceDemo(db, crypto);
const t0 = performance.now();
// Applications spread over every household of the demo district, newest ids last, a tenth forwarded to a department.
await db.execute(sql`
  insert into service_applications (number, item_code, node_id, node_path, applicant_name, submitted_by_user_id,
    channel, status, organisation_id, due_at, created_at, updated_at)
  select 'B' || g, (array['dibao','temp_relief','medical_enrol','elderly_card','residence_cert'])[1 + g % 5],
    c.id, h.path, '居民' || g, 1, (array['online','hall','door','proxy'])[1 + g % 4],
    (array['submitted','needs_material','handling','forwarded','approved','refused','issued','approved','approved','forwarded'])[1 + g % 10],
    case when g % 10 in (3, 9) then (select id from organisations where name like '%民政局') end,
    now() + interval '5 days', now() - (${N} - g) * interval '1 minute', now()
  from generate_series(1, ${N}) g
  cross join lateral (select id, path from territory_nodes where kind = 'household' order by id offset (g % (select count(*) from territory_nodes where kind = 'household')) limit 1) h
  cross join lateral (select id from territory_nodes where kind = 'community' and h.path like path || '%' limit 1) c`);
await db.execute(sql`analyze service_applications`);
console.log(
  `${N} applications generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${database.kind} database)`,
);

const reader = createApplicationReader({ db, clock: systemClock, audit: createAudit(systemClock) });
for (const [who, status] of [
  ['community1', undefined],
  ['community1', 'submitted'],
  ['civil1', undefined],
] as const) {
  const actor = await actorOf(db, who);
  const app = await timeLoop(() => reader.list(actor, { limit: 50, status }), { concurrency: 1, seconds, warmup: 20 });
  const where = sql`${scope(actor, servicePolicy, 'read', applicationScopeColumns)} ${status ? sql`and status = ${status}` : sql``}`;
  const raw = await timeLoop(
    () => rows(db, sql`select * from service_applications where ${where} order by id desc limit 51`),
    { concurrency: 1, seconds, warmup: 20 },
  );
  console.log(`queue ${who}${status ? ` status=${status}` : ''}: module ${ms(app)} | raw SQL ${ms(raw)}`);
}
await database.close();
