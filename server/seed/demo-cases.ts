// Demo cases for a first start: a dozen reports walked through the real case loop over HTTP (intake, register,
// dispatch, accept, reply, verify, rate), so inboxes, the case map, metrics and the residents' public page have
// something to show. Nothing here bypasses the services: each step is a request made as the demo user who would take it.
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from './demo';

type Step = 'register' | 'dispatch' | 'accept' | 'reply' | 'verify' | 'rate';
type DemoCase = { by: string; categoryCode: string; description: string; at: [number, number]; steps: Step[] };

// Points inside 清河苑社区's grids (0.04° tall, 0.012° wide: grid 1 from 116.300° E, grid 2 from 116.312° E).
const CASES: DemoCase[] = [
  {
    by: 'grid1',
    categoryCode: 'E0102',
    description: '东门垃圾桶满溢，周边有散落垃圾',
    at: [39.905, 116.301],
    steps: ['register', 'dispatch', 'accept', 'reply', 'verify', 'rate'],
  },
  {
    by: 'grid1',
    categoryCode: 'A0102',
    description: '3号楼北侧路灯不亮，夜间通行不便',
    at: [39.912, 116.302],
    steps: ['register', 'dispatch', 'accept', 'reply', 'verify'],
  },
  {
    by: 'grid1',
    categoryCode: 'E0402',
    description: '消防通道有车辆长期停放',
    at: [39.918, 116.303],
    steps: ['register', 'dispatch', 'accept'],
  },
  {
    by: 'grid1',
    categoryCode: 'A0101',
    description: '人行道井盖松动，踩上去有响声',
    at: [39.925, 116.301],
    steps: ['register', 'dispatch'],
  },
  { by: 'grid1', categoryCode: 'E0201', description: '单元门口张贴小广告', at: [39.931, 116.302], steps: ['register'] },
  { by: 'grid1', categoryCode: 'E0104', description: '小区主路落叶较多，需要清扫', at: [39.909, 116.303], steps: [] },
  {
    by: 'grid2',
    categoryCode: 'E0401',
    description: '菜市场门口占道经营，影响通行',
    at: [39.915, 116.316],
    steps: ['register', 'dispatch', 'accept', 'reply', 'verify', 'rate'],
  },
  {
    by: 'grid2',
    categoryCode: 'E0301',
    description: '夜间施工噪音扰民（22 点以后）',
    at: [39.922, 116.318],
    steps: ['register', 'dispatch', 'accept', 'reply'],
  },
  {
    by: 'grid2',
    categoryCode: 'E0103',
    description: '工地出口渣土洒落路面',
    at: [39.928, 116.32],
    steps: ['register', 'dispatch'],
  },
  {
    by: 'resident1',
    categoryCode: 'C0201',
    description: '1号楼电梯时常停在半层，请物业检修',
    at: [39.907, 116.302],
    steps: ['register'],
  },
  {
    by: 'resident1',
    categoryCode: 'C0203',
    description: '地库入口经常被外来车辆堵住',
    at: [39.913, 116.301],
    steps: [],
  },
];

type Session = { cookie: string; csrf: string };

/** Walks the demo cases through the loop; returns how many were reported. */
export async function seedDemoCases(app: FastifyInstance): Promise<number> {
  const sessions = new Map<string, Session>();
  const as = async (user: string): Promise<Session> => {
    const known = sessions.get(user);
    if (known) return known;
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: user, password: DEMO_PASSWORD },
    });
    if (r.statusCode !== 200) throw new Error(`demo cases: login ${user} answered ${r.statusCode}`);
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const s = { cookie, csrf: me.json().csrfToken as string };
    sessions.set(user, s);
    return s;
  };
  const send = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const s = await as(user);
    const r = await app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    if (r.statusCode >= 300) throw new Error(`demo cases: ${user} ${method} ${url} answered ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const act = async (user: string, id: number, body: object) => {
    const { version } = await send('admin', 'GET', `/api/cases/${id}`);
    return send(user, 'POST', `/api/cases/${id}/actions`, { version, ...body });
  };

  for (const c of CASES) {
    const made = await send(c.by, 'POST', '/api/cases', {
      categoryCode: c.categoryCode,
      description: c.description,
      location: { lat: c.at[0], lng: c.at[1] },
    });
    const id = made.id as number;
    for (const step of c.steps) {
      if (step === 'register') await act('community1', id, { action: 'register' });
      if (step === 'dispatch') {
        // The demo has one department account (dept1, 城市管理局): send every case there, saying why when the
        // responsibility list suggests another unit.
        const dept = (await send('dept1', 'GET', '/api/auth/me')).bindings[0].organisationId as number;
        const suggested = (await send('community1', 'GET', `/api/cases/${id}/suggested-handler`)).organisation as {
          id: number;
        } | null;
        await act('community1', id, {
          action: 'dispatch',
          triage: 'major',
          organisationId: dept,
          ...(suggested && suggested.id !== dept ? { overrideReason: '演示：统一派至城管局' } : {}),
        });
      }
      if (step === 'accept') await act('dept1', id, { action: 'accept' });
      if (step === 'reply') await act('dept1', id, { action: 'reply', result: '已到现场处置完毕，附现场情况说明。' });
      if (step === 'verify')
        await act(c.by === 'resident1' ? 'grid1' : c.by, id, {
          action: 'verify',
          pass: true,
          note: '现场核查，问题已解决',
        });
      if (step === 'rate') await act(c.by, id, { action: 'rate', rating: 'satisfied', comment: '处理及时' });
    }
  }
  for (const s of sessions.values())
    await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  return CASES.length;
}
