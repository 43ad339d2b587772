// The person-tag catalogue: the standard tags seeded idempotently, and administrators adding, renaming, retiring, restoring.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import type { Session, TestApp } from '../../testing';
import { createPeopleTestApp, fakeId } from './testing';
import { seedPersonTags, STANDARD_TAGS } from './tags';

let t: TestApp;
let admin: Session;
let grid1: Session;
type Tag = { code: string; name: string; retired: boolean };
const list = async (s: Session): Promise<Tag[]> => (await t.as(s, { method: 'GET', url: '/api/people/tags' })).json();
const patch = (s: Session, code: string, payload: object) =>
  t.as(s, { method: 'PATCH', url: `/api/people/tags/${code}`, payload });

beforeAll(async () => {
  t = await createPeopleTestApp();
  admin = await t.login('admin');
  grid1 = await t.login('grid1');
});
afterAll(() => t?.close());

describe('person tags', () => {
  it('has the standard tags from the first start, the import template’s 独居老人 among them', async () => {
    const tags = await list(grid1);
    for (const [code, name] of STANDARD_TAGS) expect(tags).toContainEqual({ code, name, retired: false });
    expect(tags.find((x) => x.name === '独居老人')).toBeTruthy();
    expect(tags.map((x) => x.name)).toEqual(
      expect.arrayContaining(['高龄(80岁以上)', '残疾人', '低保', '特困', '退役军人', '党员', '留守儿童']),
    );
  });

  it('lets a district administrator add, rename, retire and restore a tag, audited; others are refused', async () => {
    expect(
      (await t.as(grid1, { method: 'POST', url: '/api/people/tags', payload: { name: '孕产妇' } })).statusCode,
    ).toBe(403);
    const made = await t.as(admin, { method: 'POST', url: '/api/people/tags', payload: { name: '孕产妇' } });
    expect(made.statusCode).toBe(200);
    // Without a code the code is made from the name's pinyin.
    expect(made.json()).toEqual({ code: 'yun_chan_fu', name: '孕产妇', retired: false });
    const again = await t.as(admin, {
      method: 'POST',
      url: '/api/people/tags',
      payload: { code: 'pregnant', name: '孕产妇' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0]).toMatchObject({ path: 'name', message: '已有同名标签' });
    const taken = await t.as(admin, {
      method: 'POST',
      url: '/api/people/tags',
      payload: { code: 'yun_chan_fu', name: '孕妇' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0].path).toBe('code');

    expect((await patch(grid1, 'yun_chan_fu', { name: '孕产期妇女' })).statusCode).toBe(403);
    expect((await patch(admin, 'yun_chan_fu', { name: '孕产期妇女' })).json()).toEqual({
      code: 'yun_chan_fu',
      name: '孕产期妇女',
      retired: false,
    });
    expect((await patch(admin, 'yun_chan_fu', { name: '独居老人' })).statusCode).toBe(409);
    expect((await patch(admin, 'no_such_tag', { name: 'x' })).statusCode).toBe(404);
    expect((await patch(admin, 'yun_chan_fu', { retired: true })).json().retired).toBe(true);

    // A retired tag cannot be given to a resident; restoring it makes it usable again.
    const h0 = t.demo.households[0]!;
    const body = {
      name: '王芳',
      idNumber: fakeId(7001),
      residenceType: 'registered',
      householdNodeId: h0.id,
      tags: ['yun_chan_fu'],
    };
    expect((await t.as(admin, { method: 'POST', url: '/api/people/residents', payload: body })).statusCode).toBe(400);
    expect((await patch(admin, 'yun_chan_fu', { retired: false })).json().retired).toBe(false);
    expect((await t.as(admin, { method: 'POST', url: '/api/people/residents', payload: body })).statusCode).toBe(200);

    const audit = await rows<{ action: string }>(
      t.deps.db,
      sql`select action from audit_log where entity_kind = 'person_tag' and entity_id = 'yun_chan_fu' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'person_tag.create',
      'person_tag.update',
      'person_tag.retire',
      'person_tag.restore',
    ]);
  });

  it('seeds again without undoing an administrator’s rename or retirement', async () => {
    await patch(admin, 'veteran', { name: '退役军人(含伤残)' });
    await patch(admin, 'party_member', { retired: true });
    await seedPersonTags(t.deps.db);
    await seedPersonTags(t.deps.db);
    const tags = await list(admin);
    expect(tags.filter((x) => x.code === 'veteran')).toEqual([
      { code: 'veteran', name: '退役军人(含伤残)', retired: false },
    ]);
    expect(tags.find((x) => x.code === 'party_member')!.retired).toBe(true);
  });
});
