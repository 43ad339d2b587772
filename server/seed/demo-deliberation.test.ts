import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { seedDemoDeliberation } from './demo-deliberation';
import { seedServiceDemo } from './demo-services';
import { seedWishDemo } from './demo-wishes';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // As at a first start: resident1 and member1 are in the registry before the council is set up.
  await seedServiceDemo(t.deps.db, t.deps.crypto);
  await seedWishDemo(t.deps.db);
  await seedDemoDeliberation(t.app);
});
afterAll(() => t.close());

const get = async (user: string, url: string) => {
  const r = await t.as(await t.login(user), { method: 'GET', url: `/api/deliberation${url}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('deliberation demo data', () => {
  it('has a council with members, proposals in each state, a held meeting, a passed vote and a published resolution', async () => {
    type CouncilView = {
      id: number;
      name: string;
      level: string;
      members: { role: string }[];
      nextMeetingDays: string[];
    };
    const councils = (await get('community1', '/councils')).items as CouncilView[];
    // The community's council and, above it (where matters are passed up), the street's joint meeting.
    expect(councils.map((x) => `${x.level} ${x.name}`).sort()).toEqual([
      'community 清河苑社区居民议事会',
      'street 清河街道议事协商联席会议',
    ]);
    const c = councils.find((x) => x.level === 'community')!;
    expect(c.members.map((m: { role: string }) => m.role).sort()).toEqual(['chair', 'member', 'member', 'secretary']);
    expect(c.nextMeetingDays).toHaveLength(3);

    const proposals = (await get('community1', '/proposals')).items as { status: string; supports: number }[];
    expect(proposals.map((p) => p.status).sort()).toEqual(['agenda', 'agenda', 'answered', 'case', 'open']);
    expect(proposals.find((p) => p.status === 'open')!.supports).toBe(2);
    const queue = (await get('community1', '/proposals?queue=true')).items;
    expect(queue).toHaveLength(1);

    const { meetings } = await get('community1', `/councils/${c.id}/meetings`);
    const held = meetings.find((m: { status: string }) => m.status === 'held');
    expect(held.minutes).toContain('口袋公园');
    expect(held.attendance).toHaveLength(4);
    expect(held.agenda[0].status).toBe('decided');
    const planned = meetings.find((m: { status: string }) => m.status === 'planned');
    expect(planned.agenda.map((i: { status: string }) => i.status)).toEqual(['pending']);

    const votes = (await get('community1', `/councils/${c.id}/votes`)).items;
    expect(votes).toHaveLength(1);
    expect(votes[0].status).toBe('closed');
    expect(votes[0].result).toMatchObject({ yes: 2, no: 0, ballots: 2, quorumMet: true, passed: true });

    const pub = (await get('resident1', '/public/resolutions')).items;
    expect(pub).toHaveLength(1);
    expect(pub[0]).toMatchObject({ status: 'in_progress', percent: 40, title: '7号楼西侧口袋公园建设' });
    expect(pub[0].progress).toHaveLength(1);
    // The resolution names the proposal it settles, so the proposal shows its progress to residents.
    const mine = (await get('resident1', '/proposals')).items as { id: number; title: string }[];
    expect(mine.find((p) => p.id === pub[0].proposalId)?.title).toBe('利用闲置空地建设口袋公园');
  });
});
