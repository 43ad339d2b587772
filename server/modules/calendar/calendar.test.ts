// Calendar administration over HTTP: reading a year, manual overrides and their removal, audit, permissions, bad input.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createCalendar, type Calendar } from '../../platform/calendar/calendar';
import { seedCalendar } from '../../platform/calendar/seed';
import { FakeClock } from '../../platform/clock';
import { loadConfig } from '../../platform/config';
import type { Database } from '../../platform/db';
import { createPlatform } from '../../platform/index';
import { openTestDatabase } from '../../platform/test-db';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { calendarModule } from './index';

type Session = { cookie: string; csrf: string };
let database: Database;
let app: FastifyInstance;
let calendar: Calendar;
const USERS = ['admin', 'grid1', 'community1', 'dept1', 'resident1'] as const;
const s = {} as Record<(typeof USERS)[number], Session>;

// Built by hand rather than with createTestApp so the test holds the calendar instance the module reloads; the module
// is registered here unless server/app.ts already does.
beforeAll(async () => {
  database = await openTestDatabase();
  const platform = createPlatform(
    loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent' }),
    database,
    { info() {}, error() {} },
    new FakeClock(),
  );
  await seedDemo(platform.db, platform.crypto);
  await seedCalendar(platform.db);
  calendar = createCalendar(platform.db);
  await calendar.load();
  const deps = { ...platform, calendar };
  app = await buildApp(deps, { logger: false });
  if (!app.hasRoute({ method: 'GET', url: '/api/calendar' })) await app.register(async (a) => calendarModule(a, deps));
  await app.ready();
  for (const u of USERS) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: u, password: DEMO_PASSWORD },
    });
    if (r.statusCode !== 200) throw new Error(`login ${u}: ${r.statusCode} ${r.body}`);
    s[u] = { cookie: `jy_session=${r.cookies.find((c) => c.name === 'jy_session')!.value}`, csrf: r.json().csrfToken };
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const as = (who: Session | null, o: InjectOptions) =>
  app.inject({ ...o, headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {} });
const put = (date: string, payload: object, who = s.admin) =>
  as(who, { method: 'PUT', url: `/api/calendar/days/${date}`, payload });
const del = (date: string, who = s.admin) => as(who, { method: 'DELETE', url: `/api/calendar/days/${date}` });
const year = async (y: number) =>
  (await as(s.admin, { method: 'GET', url: `/api/calendar?year=${y}` })).json().items as {
    date: string;
    workday: boolean;
    name: string | null;
    source: string;
  }[];
const china = (d: string) => new Date(`${d}T10:00:00+08:00`);

describe('calendar API', () => {
  it('lists the non-default days of a year to any staff member, the current year by default', async () => {
    const r = await as(s.grid1, { method: 'GET', url: '/api/calendar?year=2025' });
    expect(r.statusCode).toBe(200);
    expect(r.json().year).toBe(2025);
    const items = r.json().items as { date: string }[];
    expect(items).toContainEqual(
      expect.objectContaining({ date: '2025-09-28', workday: true, name: '国庆节', source: 'chinese-days' }),
    );
    expect(items).toContainEqual(expect.objectContaining({ date: '2025-10-08', workday: false, name: '国庆节' }));
    expect(items.map((i) => i.date)).not.toContain('2025-10-04');
    expect(items.every((i) => i.date.startsWith('2025-'))).toBe(true);
    // The working hours time limits are counted in, for the calendar page.
    expect(r.json().workingHours).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]);
    const current = await as(s.dept1, { method: 'GET', url: '/api/calendar' });
    expect(current.json().year).toBe(2026); // the fake clock's year
    expect((await as(s.resident1, { method: 'GET', url: '/api/calendar' })).statusCode).toBe(403);
    expect((await as(null, { method: 'GET', url: '/api/calendar' })).statusCode).toBe(401);
  });

  it('lets the district administrator set a day off, audited, and reloads the calendar', async () => {
    expect(calendar.isWorkday(china('2026-03-09'))).toBe(true);
    const r = await put('2026-03-09', { workday: false, name: '防汛停工' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ date: '2026-03-09', workday: false, name: '防汛停工', source: 'manual' });
    expect(calendar.isWorkday(china('2026-03-09'))).toBe(false);
    expect(calendar.addWorking(china('2026-03-06'), { amount: 1, unit: 'working_days' })).toEqual(china('2026-03-10'));
    expect(await year(2026)).toContainEqual(expect.objectContaining({ date: '2026-03-09', source: 'manual' }));
    const audit = await as(s.admin, { method: 'GET', url: '/api/audit?entityKind=calendar_day' });
    expect(audit.json().items[0]).toMatchObject({
      action: 'calendar_day.set',
      entityId: '2026-03-09',
      before: null,
      after: { workday: false, source: 'manual' },
    });
  });

  it('removes a manual override: back to the Mon–Fri rule, audited', async () => {
    const r = await del('2026-03-09');
    expect(r.statusCode).toBe(200);
    expect(calendar.isWorkday(china('2026-03-09'))).toBe(true);
    expect((await year(2026)).map((d) => d.date)).not.toContain('2026-03-09');
    const audit = await as(s.admin, { method: 'GET', url: '/api/audit?entityKind=calendar_day' });
    expect(audit.json().items[0]).toMatchObject({
      action: 'calendar_day.clear',
      entityId: '2026-03-09',
      before: { source: 'manual' },
      after: null,
    });
    expect((await del('2026-03-09')).statusCode).toBe(404);
  });

  it('overrides a package holiday, and removing the override restores the package’s arrangement', async () => {
    expect((await put('2026-02-23', { workday: true })).json()).toMatchObject({
      workday: true,
      name: null,
      source: 'manual',
    });
    expect(calendar.isWorkday(china('2026-02-23'))).toBe(true);
    await seedCalendar(database.db);
    expect((await year(2026)).find((d) => d.date === '2026-02-23')).toMatchObject({ source: 'manual', workday: true });
    expect((await del('2026-02-23')).statusCode).toBe(200);
    expect((await year(2026)).find((d) => d.date === '2026-02-23')).toMatchObject({
      source: 'chinese-days',
      workday: false,
      name: '春节',
    });
    expect(calendar.isWorkday(china('2026-02-23'))).toBe(false);
    expect((await del('2026-02-16')).statusCode).toBe(404); // package rows are overridden with PUT, not deleted
  });

  it('refuses writes from anyone but the district administrator, changing nothing', async () => {
    const r = await put('2026-03-10', { workday: false }, s.grid1);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
    expect((await put('2026-03-10', { workday: false }, s.community1)).statusCode).toBe(403);
    expect((await del('2026-02-16', s.dept1)).statusCode).toBe(403);
    expect((await year(2026)).map((d) => d.date)).not.toContain('2026-03-10');
    expect(calendar.isWorkday(china('2026-03-10'))).toBe(true);
  });

  it('refuses a bad date or body with 400', async () => {
    for (const date of ['2026-02-30', '2026-3-9', 'tomorrow', '20260309', '2026-13-01']) {
      const r = await put(date, { workday: false });
      expect(r.statusCode, date).toBe(400);
      expect(r.json().error.code).toBe('validation_failed');
      expect((await del(date)).statusCode, date).toBe(400);
    }
    expect((await put('2026-03-10', { workday: 'no' })).statusCode).toBe(400);
    expect((await put('2026-03-10', { workday: false, colour: 'red' })).statusCode).toBe(400);
    expect((await put('2026-03-10', { workday: false, name: '' })).statusCode).toBe(400);
    expect((await as(s.admin, { method: 'GET', url: '/api/calendar?year=abc' })).statusCode).toBe(400);
    expect((await as(s.admin, { method: 'GET', url: '/api/calendar?year=1999' })).statusCode).toBe(400);
  });
});
