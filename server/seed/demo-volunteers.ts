// Demo volunteers: profiles and a certificate, a team led by volunteer2, two past activities with hours confirmed by
// their organiser (points awards enqueued as the service would), and upcoming activities with sign-ups, made over
// HTTP as people would (the past ones are written straight to the tables: nobody can sign up for the past).
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { POINTS_AWARD_JOB } from '../../contracts/points';
import type { PlatformDeps } from '../platform/deps';
import { rows } from '../platform/db';
import { awardKey } from '../modules/volunteers';
import {
  volunteerActivities,
  volunteerAttendance,
  volunteerShifts,
  volunteerSignups,
} from '../modules/volunteers/tables';
import { DEMO_PASSWORD } from './demo';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China date `n` days after `now`. */
const dateIn = (now: number, n: number) => new Date(now + 8 * HOUR + n * DAY).toISOString().slice(0, 10);

export async function seedDemoVolunteers(
  app: FastifyInstance,
  deps: Pick<PlatformDeps, 'db' | 'jobs'>,
  now = Date.now(),
): Promise<number> {
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const send = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    let s = sessions.get(user);
    if (!s) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: user, password: DEMO_PASSWORD },
      });
      if (r.statusCode !== 200) throw new Error(`demo volunteers: login ${user} answered ${r.statusCode}`);
      s = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken as string };
      sessions.set(user, s);
    }
    const r = await app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    if (r.statusCode !== 200) throw new Error(`demo volunteers: ${method} ${url} answered ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const ids: Record<string, number> = {};
  for (const u of ['community1', 'volunteer1', 'volunteer2', 'volunteer3'])
    ids[u] = (await send(u, 'GET', '/api/auth/me')).id as number;
  const communityId = (await send('community1', 'GET', '/api/auth/me')).bindings[0].nodeId as number;

  await send('volunteer1', 'PUT', '/api/volunteers/me', {
    skills: ['急救', '陪伴聊天'],
    availability: '工作日晚上、周末',
  });
  await send('volunteer2', 'PUT', '/api/volunteers/me', { skills: ['理发', '家电维修'], availability: '周末上午' });
  await send('volunteer3', 'PUT', '/api/volunteers/me', { skills: ['书法', '文艺'], availability: '工作日白天' });
  await send('community1', 'POST', `/api/volunteers/people/${ids.volunteer1}/certificates`, {
    kind: 'first_aid',
    number: 'HJ-2025-0318',
    expiresOn: dateIn(now, 400),
  });
  const team = await send('community1', 'POST', '/api/volunteers/teams', {
    nodeId: communityId,
    name: '银龄互助志愿服务队',
    leaderUserId: ids.volunteer2,
    memberUserIds: [ids.volunteer1, ids.volunteer3],
  });

  // Past activities, confirmed by their organiser.
  const past: [string, string, string, number, string, number][] = [
    ['重阳节敬老院陪伴', 'elderly_care', 'community1', -20, '09:00', 3],
    ['小区环境大扫除', 'environment', 'volunteer2', -6, '08:30', 2],
  ];
  for (const [title, type, organiser, day, start, hours] of past) {
    const startsAt = new Date(`${dateIn(now, day)}T${start}:00+08:00`);
    const endsAt = new Date(startsAt.getTime() + hours * HOUR);
    const [a] = await deps.db
      .insert(volunteerActivities)
      .values({
        nodeId: communityId,
        teamId: organiser === 'volunteer2' ? team.id : null,
        title,
        activityType: type,
        organiserUserId: ids[organiser]!,
        createdAt: new Date(startsAt.getTime() - 7 * DAY),
      })
      .returning();
    const [s] = await deps.db
      .insert(volunteerShifts)
      .values({ activityId: a!.id, startsAt, endsAt, capacity: 5 })
      .returning();
    for (const u of ['volunteer1', 'volunteer2', 'volunteer3']) {
      await deps.db.insert(volunteerSignups).values({
        shiftId: s!.id,
        userId: ids[u]!,
        status: 'confirmed',
        createdAt: new Date(startsAt.getTime() - 5 * DAY),
      });
      const came = !(u === 'volunteer3' && day === -6);
      await deps.db.insert(volunteerAttendance).values({
        shiftId: s!.id,
        userId: ids[u]!,
        attended: came,
        hours: came ? hours : 0,
        recordedBy: ids[organiser]!,
        recordedAt: endsAt,
      });
      if (came) {
        const key = awardKey(a!.id, s!.id, ids[u]!);
        await deps.jobs.enqueue(
          deps.db,
          POINTS_AWARD_JOB,
          {
            key,
            communityId,
            userId: ids[u]!,
            source: 'volunteer_hours',
            quantity: hours,
            activityType: type,
            memo: `志愿服务：${title}`,
            sourceRef: { kind: 'volunteer_shift', id: s!.id },
          },
          { singletonKey: `${POINTS_AWARD_JOB}:${key}` },
        );
      }
    }
  }

  // Upcoming activities, one needing a first-aid certificate, with sign-ups.
  const shift = (day: number, from: string, to: string, capacity: number) => ({
    startsAt: `${dateIn(now, day)}T${from}:00+08:00`,
    endsAt: `${dateIn(now, day)}T${to}:00+08:00`,
    capacity,
  });
  const lunch = await send('community1', 'POST', '/api/volunteers/activities', {
    nodeId: communityId,
    title: '长者食堂助餐',
    activityType: 'elderly_care',
    place: '社区长者食堂',
    shifts: [shift(3, '10:30', '13:00', 2), shift(4, '10:30', '13:00', 2)],
  });
  await send('community1', 'POST', '/api/volunteers/activities', {
    nodeId: communityId,
    title: '社区运动会医疗保障',
    activityType: 'safety_patrol',
    place: '社区文体广场',
    requiredCertificate: 'first_aid',
    shifts: [shift(7, '08:00', '12:00', 3)],
  });
  await send('volunteer2', 'POST', '/api/volunteers/activities', {
    nodeId: communityId,
    teamId: team.id,
    title: '银龄义剪',
    activityType: 'elderly_care',
    place: '党群服务中心',
    shifts: [shift(5, '14:00', '16:00', 1)],
  });
  await send('volunteer1', 'POST', `/api/volunteers/shifts/${lunch.shifts[0].id}/signup`);
  await send('volunteer3', 'POST', `/api/volunteers/shifts/${lunch.shifts[0].id}/signup`);
  const [n] = await rows<{ n: number }>(deps.db, sql`select count(*)::int as n from volunteer_activities`);
  return n!.n;
}
