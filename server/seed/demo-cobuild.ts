// Demo co-building, made over HTTP as people would: two 共驻共建 agreements in the first community (清河供电所 and a
// school), member1 reported in, and needs in each state (open, dispatched, taken, done, rated).
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from './demo';

/** Signs the demo agreements, reports member1 in, posts and walks a few needs; returns the needs made. */
export async function seedDemoCobuild(app: FastifyInstance): Promise<number> {
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const send = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    let s = sessions.get(user);
    if (!s) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: user, password: DEMO_PASSWORD },
      });
      if (r.statusCode !== 200) throw new Error(`demo cobuild: login ${user} answered ${r.statusCode}`);
      s = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken as string };
      sessions.set(user, s);
    }
    const r = await app.inject({
      method,
      url,
      payload: method === 'POST' ? (payload ?? {}) : undefined,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    if (r.statusCode !== 200) throw new Error(`demo cobuild: ${method} ${url} answered ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const me = await send('community1', 'GET', '/api/auth/me');
  const communityId = me.bindings[0].nodeId as number;
  const orgs = (await send('admin', 'GET', '/api/organisations?limit=200')).items as { id: number; name: string }[];
  const power = orgs.find((o) => o.name === '清河供电所')!;
  const school = orgs.find((o) => o.name === '清河第1中学')!;
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const term = { communityId, startsOn: `${year}-01-01`, endsOn: `${year + 2}-12-31` };
  await send('community1', 'POST', '/api/cobuild/agreements', {
    ...term,
    organisationId: power.id,
    partyOrgName: '清河供电所党支部',
    commitments: [
      { title: '工作日晚间会议室（可容纳30人）', category: 'space' },
      { title: '入户用电安全检查', category: 'repair' },
    ],
  });
  await send('community1', 'POST', '/api/cobuild/agreements', {
    ...term,
    organisationId: school.id,
    partyOrgName: '清河第1中学党总支',
    commitments: [
      { title: '周末开放操场', category: 'space' },
      { title: '教师志愿辅导作业', category: 'care' },
    ],
  });
  const member = await send('member1', 'POST', '/api/cobuild/members/report-in', {
    unitName: '示范区人民医院',
    annualCommitment: 6,
    offers: [
      { title: '健康咨询', category: 'care' },
      { title: '小家电维修', category: 'repair' },
    ],
  });
  const memberId = member.member.userId as number;
  const need = (who: string, title: string, extra: object = {}) =>
    send(who, 'POST', '/api/cobuild/needs', { title, ...extra }) as Promise<{ id: number }>;
  const dispatch = (id: number, to: object) =>
    send('community1', 'POST', `/api/cobuild/needs/${id}/dispatch`, { ...to, limitDays: 5 }) as Promise<{ id: number }>;
  await need('resident1', '家里老人想学用智能手机', { category: 'care' });
  await dispatch((await need('resident1', '楼道感应灯不亮', { category: 'repair' })).id, {
    ownerOrganisationId: power.id,
  });
  const b = await dispatch((await need('community1', '独居老人家中电线老化', { communityId, category: 'repair' })).id, {
    ownerOrganisationId: power.id,
  });
  await send('power1', 'POST', `/api/cobuild/projects/${b.id}/take`);
  await send('power1', 'POST', `/api/cobuild/projects/${b.id}/notes`, { text: '已预约周三上门检查' });
  const c = await dispatch((await need('resident1', '电饭煲坏了，想请人看看', { category: 'repair' })).id, {
    ownerUserId: memberId,
  });
  await send('member1', 'POST', `/api/cobuild/projects/${c.id}/take`);
  await send('member1', 'POST', `/api/cobuild/projects/${c.id}/done`);
  await send('resident1', 'POST', `/api/cobuild/projects/${c.id}/rate`, { rating: 5, comment: '修得很快，谢谢' });
  return 4;
}
