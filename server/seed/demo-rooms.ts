// Demo rooms, made over HTTP as people would: the first community's service-centre hall (whole, zone A, zone B), an
// activity room, a partner unit's hall lent on working-day evenings, and some bookings in the coming days.
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from './demo';

const DAY = 86_400_000;
/** China date `n` days after the instant `now`. */
const dateIn = (now: number, n: number) => new Date(now + 8 * 3_600_000 + n * DAY).toISOString().slice(0, 10);

/** Defines the demo spaces and books a few slots from `now` on (skipping dates that are closed); returns the spaces made. */
export async function seedDemoRooms(app: FastifyInstance, now = Date.now()): Promise<number> {
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const as = async (user: string) => {
    const known = sessions.get(user);
    if (known) return known;
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: user, password: DEMO_PASSWORD },
    });
    if (r.statusCode !== 200) throw new Error(`demo rooms: login ${user} answered ${r.statusCode}`);
    const s = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken as string };
    sessions.set(user, s);
    return s;
  };
  const send = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const s = await as(user);
    const r = await app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    return { status: r.statusCode, body: r.json() };
  };
  const me = await send('community1', 'GET', '/api/auth/me');
  const communityId = me.body.bindings[0].nodeId as number;
  const orgs = await send('admin', 'GET', '/api/organisations?limit=200');
  const power = (orgs.body.items as { id: number; name: string; kind: string }[]).find((o) =>
    o.name.includes('供电所'),
  );
  const common = { nodeId: communityId, bookers: ['resident', 'organisation', 'staff'] };
  const made = [
    await send('community1', 'POST', '/api/rooms/spaces', {
      ...common,
      name: '党群服务中心多功能厅',
      kind: 'hall_area',
      description: '可整间使用，也可分 A、B 两区同时使用',
      capacity: 80,
      opens: '08:30',
      closes: '21:00',
      bufferAfterMin: 15,
      zones: [
        { name: 'A区', capacity: 40 },
        { name: 'B区', capacity: 40 },
      ],
    }),
    await send('community1', 'POST', '/api/rooms/spaces', {
      ...common,
      name: '老年活动室',
      kind: 'activity_room',
      capacity: 30,
      opens: '08:00',
      closes: '18:00',
    }),
    await send('admin', 'POST', '/api/rooms/spaces', {
      ...common,
      organisationId: power?.id ?? null,
      name: '供电所职工之家（晚间开放）',
      kind: 'partner_hall',
      capacity: 60,
      opens: '18:30',
      closes: '21:30',
      days: 'workdays',
      needsApproval: true,
    }),
    await send('community1', 'POST', '/api/rooms/spaces', {
      ...common,
      name: '党员议事室',
      kind: 'activity_room',
      capacity: 20,
      opens: '09:00',
      closes: '18:00',
      bookers: ['staff'],
    }),
  ];
  const [hall, elder] = made.map((m) => m.body as { id: number; parts: { id: number; whole: boolean }[] });
  const at = (n: number, hhmm: string) => `${dateIn(now, n)}T${hhmm}:00+08:00`;
  const bookings: [string, number, number, object][] = [
    [
      'community1',
      hall!.id,
      hall!.parts[0]!.id,
      { title: '社区居民议事会', attendees: 60, startsAt: at(2, '14:00'), endsAt: at(2, '16:00') },
    ],
    [
      'resident1',
      hall!.id,
      hall!.parts[1]!.id,
      { title: '亲子绘本阅读', attendees: 15, startsAt: at(3, '10:00'), endsAt: at(3, '11:30') },
    ],
    [
      'volunteer1',
      hall!.id,
      hall!.parts[2]!.id,
      { title: '志愿者培训', attendees: 20, startsAt: at(3, '10:00'), endsAt: at(3, '12:00') },
    ],
    [
      'community1',
      elder!.id,
      elder!.parts[0]!.id,
      {
        title: '老年合唱团排练',
        attendees: 25,
        startsAt: at(1, '09:00'),
        endsAt: at(1, '10:30'),
        recurrence: { freq: 'weekly', until: dateIn(now, 57), skipConflicts: true },
      },
    ],
  ];
  for (const [user, spaceId, partId, body] of bookings)
    await send(user, 'POST', `/api/rooms/spaces/${spaceId}/bookings`, { partId, ...body });
  // A resident's evening booking of the power office's hall waits for its approvers (/rooms/approvals): the first
  // working day from the day after tomorrow on.
  const power_ = made[2]!.body as { id: number; parts: { id: number }[] } | undefined;
  for (let n = 2; power_?.parts && n < 12; n++) {
    const r = await send('resident1', 'POST', `/api/rooms/spaces/${power_.id}/bookings`, {
      partId: power_.parts[0]!.id,
      title: '楼栋居民议事会',
      attendees: 30,
      startsAt: at(n, '19:00'),
      endsAt: at(n, '20:30'),
    });
    if (r.status === 200) break;
  }
  return made.filter((m) => m.status === 200).length;
}
