// Demo deliberation (议事协商), made over HTTP as people would, in the first community (清河苑社区): a residents'
// council with members and meeting days (逢六说事), proposals in each state (open and supported, answered, handed to
// the case loop, on a planned meeting's agenda), a held meeting with minutes, a closed and tallied vote, and its
// resolution with progress under public notice (公示); above it, the street's joint meeting with partner units.
// Needs resident1 and member1 in the registry (seedServiceDemo and seedWishDemo, which a first start runs before it).
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from './demo';

const DAY = 86_400_000;
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
/** A China wall-clock time `days` from now at `hour`:00, as an ISO string with its offset. */
const chinaAt = (days: number, hour: number) => `${chinaDate(Date.now() + days * DAY)}T${hour}:00:00+08:00`;

/** Sets up the council and walks proposals, a meeting, a vote and a resolution; returns the proposals made. */
export async function seedDemoDeliberation(app: FastifyInstance): Promise<number> {
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const send = async (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    let s = sessions.get(user);
    if (!s) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: user, password: DEMO_PASSWORD },
        // Its own loopback address: at a first start the seeders before it have used up 127.0.0.1's login limit.
        remoteAddress: '127.0.0.9',
      });
      if (r.statusCode !== 200) throw new Error(`demo deliberation: login ${user} answered ${r.statusCode}`);
      s = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken as string };
      sessions.set(user, s);
    }
    const r = await app.inject({
      method,
      url: url.startsWith('/api/') ? url : `/api/deliberation${url}`,
      payload: method === 'GET' ? undefined : (payload ?? {}),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    if (r.statusCode !== 200) throw new Error(`demo deliberation: ${method} ${url} answered ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const staff = await send('community1', 'GET', '/api/auth/me');
  const communityId = staff.bindings[0].nodeId as number;
  const member1 = await send('member1', 'GET', '/api/auth/me');
  const orgs = (await send('admin', 'GET', '/api/organisations?limit=200')).items as { id: number; name: string }[];
  const property = orgs.find((o) => o.name === '安居物业服务有限公司')!;
  const places = (await send('resident1', 'GET', '/places')).items as { id: number; kind: string; name: string }[];
  const estate = places.find((p) => p.kind === 'estate') ?? places.find((p) => p.kind === 'community')!;

  const council = await send('community1', 'POST', '/councils', {
    nodeId: communityId,
    kind: 'residents',
    name: '清河苑社区居民议事会',
    voteRule: 'household',
    openToResidents: true,
    quorum: 2,
    supportThreshold: 3,
    meetingRule: 'FREQ=MONTHLY;BYMONTHDAY=6,16,26',
  });
  const members: object[] = [
    { role: 'chair', name: staff.displayName.replace(/^社区工作者\s*/, ''), userId: staff.id },
    { role: 'secretary', name: '清河邻里互助会', organisationId: orgs.find((o) => o.name === '清河邻里互助会')?.id },
    { role: 'member', name: '黄志刚（居民代表）', userId: member1.id },
    { role: 'member', name: '安居物业', organisationId: property.id },
  ];
  for (const m of members) await send('community1', 'POST', `/councils/${council.id}/members`, m);
  const memberIds = (await send('community1', 'GET', `/councils/${council.id}`)).members.map(
    (m: { id: number }) => m.id,
  );

  const propose = (who: string, body: object) =>
    send(who, 'POST', '/proposals', { nodeId: estate.id, ...body }) as Promise<{ id: number; title: string }>;
  // Open, supported by a second household: waiting for triage.
  const chargers = await propose('resident1', {
    category: 'facilities',
    title: '小区增设电动自行车充电桩',
    text: '楼道里常有人拉线给电动车充电，存在火灾隐患，建议在车棚旁集中安装充电桩。',
    place: '3号楼车棚',
  });
  await send('member1', 'POST', `/proposals/${chargers.id}/support`);
  // A suggestion answered directly.
  const sinks = await propose('member1', {
    kind: 'suggestion',
    category: 'environment',
    title: '垃圾分类投放点加装洗手池',
    text: '投放厨余垃圾后没有地方洗手，建议在投放点旁加装洗手池。',
  });
  await send('community1', 'POST', `/proposals/${sinks.id}/triage`, {
    outcome: 'answer',
    answer: '已与物业商定，本月底前在2个投放点加装洗手池。',
  });
  // A matter for the case loop rather than a council.
  const lamp = await propose('resident1', {
    category: 'safety',
    title: '5号楼北侧路灯不亮',
    text: '5号楼北侧两盏路灯坏了一周，晚上回家很黑，请尽快修理。',
    place: '5号楼北侧',
    // Inside the first grid: a streetlight case needs its point on the map.
    location: { lat: 39.92, lng: 116.305 },
  });
  await send('community1', 'POST', `/proposals/${lamp.id}/triage`, {
    outcome: 'case',
    categoryCode: 'A0102',
  });

  // A held meeting: the pocket park was discussed, voted on and resolved.
  const held = await send('community1', 'POST', `/councils/${council.id}/meetings`, {
    startsAt: chinaAt(-12, 19),
    place: '清河苑社区党群服务中心二楼会议室',
  });
  const park = await propose('resident1', {
    category: 'environment',
    title: '利用闲置空地建设口袋公园',
    text: '7号楼西侧空地长期堆放杂物，建议清理后建成口袋公园，增设座椅和健身器材。',
    place: '7号楼西侧空地',
  });
  await send('member1', 'POST', `/proposals/${park.id}/support`);
  await send('community1', 'POST', `/proposals/${park.id}/triage`, {
    outcome: 'agenda',
    councilId: council.id,
    meetingId: held.id,
  });
  const agenda = (await send('community1', 'GET', `/councils/${council.id}/meetings`)).meetings.find(
    (m: { id: number }) => m.id === held.id,
  ).agenda[0];
  const vote = await send('community1', 'POST', '/votes', {
    agendaItemId: agenda.id,
    question: '是否同意将7号楼西侧空地建设为口袋公园',
    ballot: 'secret',
  });
  await send('community1', 'POST', `/votes/${vote.id}/open`);
  await send('resident1', 'POST', `/votes/${vote.id}/ballots`, { choice: 'yes' });
  await send('member1', 'POST', `/votes/${vote.id}/ballots`, { choice: 'yes' });
  await send('community1', 'POST', `/votes/${vote.id}/close`);
  await send('community1', 'PATCH', `/meetings/${held.id}`, {
    attendance: memberIds,
    minutes:
      '议题：利用7号楼西侧空地建设口袋公园。\n讨论：居民代表同意清理空地，物业负责日常保洁；建议保留部分停车位。\n表决：无记名表决，获得通过。',
    status: 'held',
  });
  const resolution = await send('community1', 'POST', '/resolutions', {
    voteId: vote.id,
    title: '7号楼西侧口袋公园建设',
    text: '清理7号楼西侧空地堆放的杂物，建设口袋公园，增设座椅4组、健身器材2套，物业负责日常保洁。',
    owner: '清河苑社区居委会、安居物业',
    dueOn: chinaDate(Date.now() + 45 * DAY),
  });
  await send('community1', 'POST', `/resolutions/${resolution.id}/progress`, {
    note: '杂物已清理完毕，座椅和健身器材已下单采购',
    percent: 40,
  });

  // The next meeting, planned, with a matter on its agenda.
  const next = await send('community1', 'POST', `/councils/${council.id}/meetings`, {
    startsAt: chinaAt(9, 19),
    place: '清河苑社区党群服务中心二楼会议室',
  });
  const clutter = await propose('member1', {
    category: 'property',
    title: '楼道堆放杂物清理',
    text: '部分楼道长期堆放纸箱和旧家具，影响通行和消防安全，建议统一清理并建立巡查制度。',
  });
  await send('community1', 'POST', `/proposals/${clutter.id}/triage`, {
    outcome: 'agenda',
    councilId: council.id,
    meetingId: next.id,
  });

  // The street's joint meeting with partner units (联席会议) above it: what the community cannot settle is passed up.
  const officer = await send('street1', 'GET', '/api/auth/me');
  const street = await send('street1', 'POST', '/councils', {
    nodeId: officer.bindings[0].nodeId as number,
    kind: 'joint',
    name: '清河街道议事协商联席会议',
    voteRule: 'member',
    quorum: 3,
    supportThreshold: 50,
    meetingRule: 'FREQ=MONTHLY;BYMONTHDAY=26',
  });
  const power = orgs.find((o) => o.name === '清河供电所');
  const streetMembers: object[] = [
    { role: 'chair', name: officer.displayName.replace(/^街道干部\s*/, ''), userId: officer.id },
    { role: 'member', name: '清河苑社区居委会', userId: staff.id },
    ...(power ? [{ role: 'member', name: '清河供电所', organisationId: power.id }] : []),
    { role: 'member', name: '安居物业', organisationId: property.id },
  ];
  for (const m of streetMembers) await send('street1', 'POST', `/councils/${street.id}/members`, m);
  return 5;
}
