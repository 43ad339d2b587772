// Hostile use of accounts against real server processes on PostgreSQL: concurrent password guesses on one account
// through two processes (the lock-out counter), sign-up code requests that probe which phones are registered, and a
// must-change password used straight against the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, DEMO_PASSWORD, figure, freshDatabase, pick, startServer, type ServerProcess } from './harness';

const GUESSES = pick(40, 400);
const MAX_FAILURES = 5;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: ServerProcess;
let b: ServerProcess;

before(async () => {
  db = await freshDatabase();
  const env = { LOGIN_MAX_FAILURES: String(MAX_FAILURES) };
  // The first process seeds the demo district; the second starts on the seeded database.
  a = await startServer(db.url, { env });
  b = await startServer(db.url, { env });
});
after(async () => {
  await Promise.all([a?.stop().catch(() => {}), b?.stop().catch(() => {})]);
  await db?.drop();
});

const post = (base: string, url: string, body: unknown) => new Client(base, '').request('POST', url, body, {}, 30_000);

test(
  `${GUESSES} concurrent wrong guesses on one account through two processes: at most ${MAX_FAILURES} are tried, then it is locked`,
  { timeout: 180_000 },
  async () => {
    const t0 = performance.now();
    const replies = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        post(i % 2 ? b.baseUrl : a.baseUrl, '/api/auth/login', { login: 'grid2', password: `guess-${i}` }),
      ),
    );
    const ms = performance.now() - t0;
    const statuses: Record<number, number> = {};
    for (const r of replies) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const tried = (statuses[401] ?? 0) + 1; // the guess that reached the limit was tried too, and answered 423
    const right = await post(a.baseUrl, '/api/auth/login', { login: 'grid2', password: DEMO_PASSWORD });
    const { rows } = await db.sql.query<{ failed_logins: number; locked: boolean }>(
      `select failed_logins, locked_until > now() as locked from users where username = 'grid2'`,
    );
    const { rows: locks } = await db.sql.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'auth.locked'`,
    );
    figure('hostile-accounts.login', {
      guesses: GUESSES,
      processes: 2,
      maxFailures: MAX_FAILURES,
      statuses,
      tried,
      rightPasswordAfter: right.status,
      lockAudits: locks[0]!.n,
      ms: Math.round(ms),
    });
    assert.equal((statuses[401] ?? 0) + (statuses[423] ?? 0), GUESSES, JSON.stringify(statuses));
    assert.ok((statuses[401] ?? 0) <= MAX_FAILURES - 1, `${statuses[401]} guesses were tried past the limit`);
    assert.equal(right.status, 423);
    assert.equal(rows[0]!.locked, true);
    assert.equal(locks[0]!.n, 1);
  },
);

test('sign-up code requests answer a registered phone exactly as a new one', { timeout: 60_000 }, async () => {
  // Demo staff phones are 139000000NN; 1770000NNNN are free. One request per phone: the resend cooldown is per phone.
  const registered = ['13900000004', '13900000005', '13900000009'];
  const fresh = ['17700001004', '17700001005', '17700001009'];
  const ask = (phone: string) => post(a.baseUrl, '/api/portal/signup/code', { phone });
  const answers = [];
  for (let i = 0; i < registered.length; i++)
    answers.push({ registered: await ask(registered[i]!), fresh: await ask(fresh[i]!) });
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  figure('hostile-accounts.signup-oracle', {
    pairs: answers.length,
    registered: answers.map((x) => x.registered.status),
    fresh: answers.map((x) => x.fresh.status),
    medianMsRegistered: Math.round(median(answers.map((x) => x.registered.ms))),
    medianMsFresh: Math.round(median(answers.map((x) => x.fresh.ms))),
  });
  for (const x of answers) assert.deepEqual([x.registered.status, x.registered.body], [x.fresh.status, x.fresh.body]);
  assert.equal(answers[0]!.registered.status, 200);
});

test('a must-change password opens nothing but the change until it is changed', { timeout: 60_000 }, async () => {
  const admin = await new Client(a.baseUrl, 'admin').login();
  const grid = (
    (await admin.request('GET', '/api/territory/nodes?kind=grid&limit=1')).body as { items: { id: number }[] }
  ).items[0]!;
  const made = await admin.request('POST', '/api/users', {
    username: 'hostile1',
    displayName: '新账号',
    password: 'initial-password-1',
    bindings: [{ role: 'grid_worker', nodeId: grid.id }],
  });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const fresh = await new Client(b.baseUrl, 'hostile1').login('initial-password-1');
  const urls = ['/api/cases', '/api/territory/nodes', '/api/people/residents', '/api/notifications', '/api/users'];
  const before = await Promise.all(urls.map((u) => fresh.request('GET', u)));
  const changed = await fresh.request('POST', '/api/auth/password', {
    currentPassword: 'initial-password-1',
    newPassword: 'my-own-password-1',
  });
  const afterwards = await fresh.request('GET', '/api/cases');
  figure('hostile-accounts.must-change', {
    refused: before.filter((r) => r.status === 403).length,
    of: urls.length,
    changed: changed.status,
    casesAfter: afterwards.status,
  });
  for (const r of before)
    assert.equal(
      (r.body as { error?: { code: string } }).error?.code,
      'password_change_required',
      JSON.stringify(r.body),
    );
  assert.equal(changed.status, 200);
  assert.equal(afterwards.status, 200);
});
