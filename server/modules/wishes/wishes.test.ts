// Micro-wishes over HTTP on the demo district: posting under the limit, the decision (a refusal needs a reason), the
// wall without personal data, claims as leases (one of many concurrent claims wins; an expired lease returns the
// wish), delivery with a photo, confirmation only by the resident or their grid worker, the points job once.
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { seedWishDemo } from '../../seed/demo-wishes';
import { createTestApp, type Session, type TestApp } from '../../testing';

const clock = new FakeClock(new Date('2026-09-01T09:00:00+08:00'));
const DAY = 86_400_000;
let t: TestApp;
const s = {} as Record<string, Session>;
let jpeg: Buffer;
let communityId = 0;
let elderId = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedWishDemo(t.deps.db, clock.now());
  for (const u of ['resident1', 'member1', 'volunteer1', 'grid1', 'grid2', 'community1', 'street1', 'dept1'])
    s[u] = await t.login(u);
  communityId = t.demo.communities[0]!.id;
  elderId = (await rows<{ id: number }>(t.deps.db, sql`select id from residents where name = '王秀英'`))[0]!.id;
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#556677' } })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await t?.close();
});

const as = (who: string, o: InjectOptions) =>
  t.as(s[who]!, { ...o, headers: { 'accept-language': 'zh-CN', ...(o.headers ?? {}) } });
const post = (who: string, payload: object) => as(who, { method: 'POST', url: '/api/wishes', payload });
const step = (who: string, id: number, what: string, payload?: object) =>
  as(who, { method: 'POST', url: `/api/wishes/${id}/${what}`, ...(payload ? { payload } : {}) });
const status = async (id: number) =>
  (await rows<{ status: string }>(t.deps.db, sql`select status from wishes where id = ${id}`))[0]!.status;

async function upload(who: string) {
  const boundary = `----jy${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await as(who, {
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

/** A wish posted by `who` (or for the elderly resident by grid1) and approved: on the wall. */
async function openWish(who = 'resident1', text = '想要一把结实的雨伞') {
  const r = await post(who, {
    category: 'daily_goods',
    text,
    value: 30,
    ...(who === 'grid1' ? { residentId: elderId } : {}),
  });
  expect(r.statusCode).toBe(201);
  const id = r.json().id as number;
  expect((await step('community1', id, 'decide', { decision: 'approve' })).statusCode).toBe(200);
  return id;
}

describe('posting and deciding', () => {
  it('a value over the community limit is refused naming the rule, and nothing is written', async () => {
    const before = await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from wishes`);
    const r = await post('resident1', { category: 'daily_goods', text: '想要一台洗衣机', value: 2000 });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('value');
    expect(r.json().error.details[0].message).toContain('上限 200 元');
    const after = await rows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from wishes`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('the community sets its own limit; the new limit applies', async () => {
    const put = await as('community1', {
      method: 'PUT',
      url: '/api/wishes/settings',
      payload: { nodeId: communityId, valueLimit: 300, leaseDays: 5 },
    });
    expect(put.statusCode).toBe(200);
    expect((await post('resident1', { category: 'health', text: '想要一个足浴盆', value: 250 })).statusCode).toBe(201);
    expect(
      (
        await as('resident1', {
          method: 'PUT',
          url: '/api/wishes/settings',
          payload: { nodeId: communityId, valueLimit: 900, leaseDays: 5 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refusing needs a reason, which the resident then sees', async () => {
    const id = (await post('resident1', { category: 'other', text: '想去外地旅游', value: 100 })).json().id as number;
    const bare = await step('community1', id, 'decide', { decision: 'refuse' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe('reason');
    expect(await status(id)).toBe('pending');
    expect(
      (await step('community1', id, 'decide', { decision: 'refuse', reason: '不属于微心愿范围' })).statusCode,
    ).toBe(200);
    const mine = await as('resident1', { method: 'GET', url: `/api/wishes/${id}` });
    expect(mine.json().status).toBe('refused');
    expect(mine.json().refuseReason).toBe('不属于微心愿范围');
  });

  it('only the community (or above) decides; a grid worker posts for an elderly resident and the record says so', async () => {
    const id = (
      await post('grid1', { category: 'companionship', text: '希望有人陪老人去医院', value: 0, residentId: elderId })
    ).json().id as number;
    expect((await step('grid1', id, 'decide', { decision: 'approve' })).statusCode).toBe(403);
    expect((await step('volunteer1', id, 'decide', { decision: 'approve' })).statusCode).toBe(404);
    const w = (await as('community1', { method: 'GET', url: `/api/wishes/${id}` })).json();
    expect(w.onBehalf).toBe(true);
    expect(w.residentName).toBe('王秀英');
    expect(w.postedByName).toBe('网格员 赵强');
    // grid2 cannot post for a resident of another grid.
    expect((await post('grid2', { category: 'other', text: '代发', value: 0, residentId: elderId })).statusCode).toBe(
      400,
    );
  });
});

describe('the wish wall', () => {
  it('shows approved wishes only, with a masked name, no address and numbers in the text masked', async () => {
    const id = await openWish('resident1', '想要一个收音机，联系我13912345678');
    const pending = (await post('resident1', { category: 'study', text: '待审核的心愿', value: 10 })).json()
      .id as number;
    for (const who of ['resident1', 'volunteer1', 'member1', 'grid1']) {
      const r = await as(who, { method: 'GET', url: `/api/wishes/wall?nodeId=${communityId}&limit=200` });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ communityName: '清河苑社区', valueLimit: 300, leaseDays: 5 });
      const items = r.json().items as { id: number; text: string; maskedName: string }[];
      const mine = items.find((x) => x.id === id)!;
      expect(mine.maskedName).toBe('陈*');
      expect(mine.text).not.toContain('13912345678');
      expect(items.some((x) => x.id === pending)).toBe(false);
      const body = r.body;
      expect(body).not.toContain('陈晨');
      expect(body).not.toContain('王秀英');
      expect(body).not.toMatch(/node_?[pP]ath|household|address|residentId|userId/);
    }
  });

  it('is not shown to people outside the community', async () => {
    expect((await as('grid2', { method: 'GET', url: `/api/wishes/wall?nodeId=${communityId}` })).statusCode).toBe(200);
    const other = t.demo.communities[1]!.id;
    expect((await as('resident1', { method: 'GET', url: `/api/wishes/wall?nodeId=${other}` })).statusCode).toBe(404);
    expect((await as('dept1', { method: 'GET', url: `/api/wishes/wall?nodeId=${communityId}` })).statusCode).toBe(404);
  });
});

describe('claims', () => {
  it('of 50 concurrent claims of one wish exactly one wins; the others get 409', async () => {
    const id = await openWish();
    // Two claimers racing 25 times each: one holds the wish; the winner's repeats are idempotent (200), the other's 409.
    const res = await Promise.all(
      Array.from({ length: 50 }, (_, i) => step(i % 2 ? 'volunteer1' : 'member1', id, 'claim')),
    );
    const [w] = await rows<{ claimer_user_id: number; status: string }>(
      t.deps.db,
      sql`select claimer_user_id, status from wishes where id = ${id}`,
    );
    expect(w!.status).toBe('claimed');
    const winner = (
      await rows<{ username: string }>(t.deps.db, sql`select username from users where id = ${w!.claimer_user_id}`)
    )[0]!.username;
    res.forEach((r, i) => expect(r.statusCode).toBe((i % 2 ? 'volunteer1' : 'member1') === winner ? 200 : 409));
    const claims = await rows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from wish_events where wish_id = ${id} and action = 'claim'`,
    );
    expect(claims[0]!.n).toBe(1);
    const leases = await rows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from jobs where name = 'wishes.lease_end' and payload->>'wishId' = ${String(id)}`,
    );
    expect(leases[0]!.n).toBe(1);
  });

  it('only volunteers and party members of the community claim; not the resident, not a plain resident', async () => {
    const id = await openWish('member1', '想要几盆绿植');
    expect((await step('member1', id, 'claim')).statusCode).toBe(400); // one's own wish
    expect((await step('resident1', id, 'claim')).statusCode).toBe(403); // no party_member tag
    expect((await step('grid1', id, 'claim')).statusCode).toBe(403);
    expect(await status(id)).toBe('open');
    const wall = await as('resident1', { method: 'GET', url: `/api/wishes/wall?nodeId=${communityId}` });
    expect(wall.json().canClaim).toBe(false);
    const vw = await as('volunteer1', { method: 'GET', url: `/api/wishes/wall?nodeId=${communityId}` });
    expect(vw.json().canClaim).toBe(true);
  });

  it('a lease that ends undelivered returns the wish to the wall (fake clock), and another may claim it', async () => {
    const id = await openWish();
    expect((await step('volunteer1', id, 'claim')).statusCode).toBe(200);
    await t.deps.jobs.runDue();
    expect(await status(id)).toBe('claimed');
    clock.advance(5 * DAY + 60_000); // the community's lease is 5 days (set above)
    await t.deps.jobs.runDue(500);
    for (const u of Object.keys(s)) s[u] = await t.login(u); // sessions lapse as the clock moves
    expect(await status(id)).toBe('open');
    const w = (
      await rows<{ claimer_user_id: number | null }>(
        t.deps.db,
        sql`select claimer_user_id from wishes where id = ${id}`,
      )
    )[0]!;
    expect(w.claimer_user_id).toBeNull();
    expect((await step('volunteer1', id, 'deliver', { photoIds: [await upload('volunteer1')] })).statusCode).toBe(404);
    expect((await step('member1', id, 'claim')).statusCode).toBe(200);
    // The first lease's job, run again, changes nothing about the second claim.
    await t.deps.db.execute(
      sql`update jobs set state = 'queued', run_at = now() - interval '1 day' where name = 'wishes.lease_end'`,
    );
    await t.deps.jobs.runDue(500);
    expect(await status(id)).toBe('claimed');
  });
});

describe('delivery and confirmation', () => {
  it('the claimer delivers with a photo; only the resident (or their grid worker) confirms; points enqueued once', async () => {
    const id = await openWish();
    expect((await step('volunteer1', id, 'claim')).statusCode).toBe(200);
    const photo = await upload('volunteer1');
    // Not the claimer; not a photo of one's own; no photo.
    expect((await step('member1', id, 'deliver', { photoIds: [await upload('member1')] })).statusCode).toBe(404);
    expect((await step('volunteer1', id, 'deliver', { photoIds: [await upload('member1')] })).statusCode).toBe(400);
    expect((await step('volunteer1', id, 'deliver', { photoIds: [] })).statusCode).toBe(400);
    expect((await step('resident1', id, 'confirm')).statusCode).toBe(409); // not delivered yet
    const d = await step('volunteer1', id, 'deliver', { photoIds: [photo], note: '已送到' });
    expect(d.statusCode).toBe(200);
    expect(d.json().residentName).toBe('陈*'); // the claimer sees the masked name
    const url = d.json().photoUrls[0] as string;
    expect((await as('resident1', { method: 'GET', url })).statusCode).toBe(200);
    expect((await as('member1', { method: 'GET', url })).statusCode).toBe(404);
    // The claimer cannot confirm their own delivery; another resident or grid2 cannot either.
    expect((await step('volunteer1', id, 'confirm')).statusCode).toBe(400);
    expect((await step('member1', id, 'confirm')).statusCode).toBe(404);
    expect((await step('grid2', id, 'confirm')).statusCode).toBe(404);
    expect(await status(id)).toBe('delivered');
    const c = await step('resident1', id, 'confirm');
    expect(c.statusCode).toBe(200);
    expect(c.json().status).toBe('fulfilled');
    expect((await step('resident1', id, 'confirm')).statusCode).toBe(409);
    const jobs = await rows<{ payload: Record<string, unknown> }>(
      t.deps.db,
      sql`select payload from jobs where name = 'points.award' and singleton_key = ${`wish:${id}:fulfilled`}`,
    );
    expect(jobs).toHaveLength(1);
    const volunteer = (
      await rows<{ id: number }>(t.deps.db, sql`select id from users where username = 'volunteer1'`)
    )[0]!;
    expect(jobs[0]!.payload).toMatchObject({
      key: `wish:${id}:fulfilled`,
      userId: volunteer.id,
      communityId,
      source: 'wish_fulfilled',
      quantity: 1,
      sourceRef: { kind: 'wish', id },
    });
  });

  it('grid1 confirms for the elderly resident they posted for', async () => {
    const id = await openWish('grid1', '想要一副老花镜');
    expect((await step('member1', id, 'claim')).statusCode).toBe(200);
    expect((await step('member1', id, 'deliver', { photoIds: [await upload('member1')] })).statusCode).toBe(200);
    expect((await step('grid2', id, 'confirm')).statusCode).toBe(404);
    expect((await step('grid1', id, 'confirm')).statusCode).toBe(200);
    expect(await status(id)).toBe('fulfilled');
  });
});

describe('lists, figures and the ledger', () => {
  it('my wishes, my claims and the staff list are each scoped', async () => {
    const mine = (await as('resident1', { method: 'GET', url: '/api/wishes?view=mine&limit=200' })).json().items as {
      residentName: string;
    }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((w) => w.residentName === '陈晨')).toBe(true);
    const claims = (await as('volunteer1', { method: 'GET', url: '/api/wishes?view=claims&limit=200' })).json()
      .items as {
      residentName: string;
      claimerName: string;
    }[];
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((w) => w.claimerName === '志愿者 郑洁' && !w.residentName.includes('晨'))).toBe(true);
    expect((await as('volunteer1', { method: 'GET', url: '/api/wishes?limit=200' })).json().items).toEqual([]);
    const staff = (await as('community1', { method: 'GET', url: '/api/wishes?status=pending&limit=200' })).json().items;
    expect(staff.length).toBeGreaterThan(0);
    expect((await as('dept1', { method: 'GET', url: '/api/wishes?limit=200' })).json().items).toEqual([]);
  });

  it('figures count from recorded steps and the ledger masks names', async () => {
    const from = new Date(clock.now().getTime() - 60 * DAY).toISOString().slice(0, 10);
    const to = new Date(clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const f = await as('community1', {
      method: 'GET',
      url: `/api/wishes/figures?nodeId=${communityId}&from=${from}&to=${to}`,
    });
    expect(f.statusCode).toBe(200);
    const [truth] = await rows<{ posted: number; fulfilled: number; claimed: number }>(
      t.deps.db,
      sql`select count(*)::int as posted, count(*) filter (where status = 'fulfilled')::int as fulfilled,
            count(distinct wish_id)::int as claimed from wishes left join (select distinct wish_id from wish_events where action = 'claim') e on e.wish_id = wishes.id`,
    );
    expect(f.json().posted).toBe(truth!.posted);
    expect(f.json().fulfilled).toBe(truth!.fulfilled);
    expect(f.json().claimed).toBe(truth!.claimed);
    expect(f.json().medianDaysToFulfil).toBeGreaterThan(0);
    expect(
      (
        await as('volunteer1', {
          method: 'GET',
          url: `/api/wishes/figures?nodeId=${communityId}&from=${from}&to=${to}`,
        })
      ).statusCode,
    ).toBe(404);
    const x = await as('community1', {
      method: 'GET',
      url: `/api/wishes/ledger.xlsx?nodeId=${communityId}&from=${from}&to=${to}`,
    });
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('微心愿台账')!;
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('陈*');
    expect(text).not.toContain('陈晨');
    expect(text).not.toContain('13912345678');
  });
});
