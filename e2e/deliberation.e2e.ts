// Journey of one proposal to a published resolution (议事协商): resident1 on a phone proposes a matter on
// /m/proposals; community1 on a desktop puts it on the next meeting's agenda on /deliberation, prepares a secret
// vote and opens it; resident1 and member1 vote once per household on their phones (no result while it is open);
// community1 records a proxy vote for an elderly resident (refused without its written record), closes the vote, sees
// it passed and records the resolution, then its progress, and makes it a case in one tap; resident1 reads the result
// and the resolution on the public notice (公示) and on the proposal itself. Then community1 sets up a tri-party council
// for the first grid with members, schedules a meeting on a meeting day, puts a waiting proposal on its agenda, records
// attendance and minutes, and passes the matter up to the community council with its record.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seedDemoDeliberation } from '../server/seed/demo-deliberation';
import { seedServiceDemo } from '../server/seed/demo-services';
import { seedWishDemo } from '../server/seed/demo-wishes';
import { login, newPage, openHome, phonePage, startHarness, DEMO_PASSWORD, type Harness } from './harness';

let h: Harness;
before(async () => {
  // resident1 and member1 in the registry (their households vote), then the demo council and its history.
  h = await startHarness({
    // The demo residents: an elderly one gets a proxy vote.
    people: true,
    extraSeed: async (db, crypto) => {
      await seedServiceDemo(db, crypto);
      await seedWishDemo(db);
    },
  });
  await seedDemoDeliberation(h.app);
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;
const TITLE = '小区南门增设无障碍坡道';
const TEXT = '南门只有台阶，坐轮椅的老人和推婴儿车的家长进出很不方便，建议增设无障碍坡道。';
const QUESTION = '是否同意在小区南门增设无障碍坡道';
const GRID_COUNCIL = '清河苑第1网格三方议事会';
const MINUTES = '议题：电动自行车集中充电。\n讨论：车棚旁空间不足，需与供电所协调增容。';
const UP_RECORD = '充电桩需供电增容，网格无法协调，提请社区议事会研究';

/** From `/` on a phone (or a desktop): log in as a resident and open the proposals page. */
async function onPhone(user: string, page?: Page): Promise<Page> {
  page ??= await phonePage(h);
  await openHome(page, h.baseUrl);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/m(\/|$|\?)/);
  await page.getByTestId('portal-home-proposals').click();
  await page.waitForURL(/\/m\/proposals/);
  await page.getByTestId('m-proposal-new').waitFor();
  return page;
}

async function staffPage(): Promise<Page> {
  const page = await newPage(h);
  await login(page, h.baseUrl, 'community1');
  await page.getByTestId('menu-deliberation').click();
  await page.waitForURL(/\/deliberation/);
  return page;
}

/** A GET of the API in the page's session (to learn what the journey then types, e.g. an elderly resident's name). */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const r = await fetch(`${h.baseUrl}${url}`, { headers: { cookie } });
  assert.equal(r.status, 200, url);
  return (await r.json()) as T;
}

const option = (page: Page, text: string | RegExp) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
const voteCard = (page: Page) => page.locator('[data-testid^="m-vote-"]', { hasText: QUESTION });

describe('a proposal is voted on and its resolution published', () => {
  it('resident1 proposes a matter on the phone and sees the demo notice', async () => {
    const page = await onPhone('resident1');
    // The demo's published resolution and its passed vote are there at first login.
    await page.locator('[data-testid^="m-notice-"]', { hasText: '7号楼西侧口袋公园建设' }).getByText('40%').waitFor();
    await page
      .locator('[data-testid^="m-vote-"]', { hasText: '口袋公园' })
      .getByText(/同意 2.*通过/)
      .waitFor();
    await page.getByTestId('m-proposal-new').click();
    await page.getByTestId('m-proposal-category').click();
    await option(page, '公共设施').click();
    await page.getByTestId('m-proposal-place').click();
    await option(page, /^清河苑社区$/).click();
    await page.getByTestId('m-proposal-title').fill(TITLE);
    await page.getByTestId('m-proposal-text').fill(TEXT);
    await page.getByTestId('m-proposal-submit').click();
    const card = page.locator('[data-testid^="m-proposal-"]', { hasText: TITLE });
    await card.getByText('待分流').waitFor();
    // Their own household supports its proposal from the start, and cannot support it twice.
    await card.getByText('本户已支持').waitFor();
    assert.match((await card.textContent()) ?? '', /支持户数 1/);
    if (shots) await page.screenshot({ path: `${shots}/delib-phone-proposed.png`, fullPage: true });
    await page.context().close();
  });

  it('community1 puts it on the next meeting’s agenda and opens a secret vote', async () => {
    const page = await staffPage();
    const card = page.locator('[data-testid^="queue-"]', { hasText: TITLE });
    await card.waitFor();
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-queue.png`, fullPage: true });
    await card.locator('[data-testid^="triage-meeting-"]').click();
    await option(page, '党群服务中心').click();
    await card.getByRole('button', { name: '列入议程' }).click();
    await card.waitFor({ state: 'detached' });
    // The demo's open proposal is still waiting.
    await page.locator('[data-testid^="queue-"]', { hasText: '电动自行车充电桩' }).waitFor();

    await page.getByTestId('delib-tab-councils').click();
    const council = page.locator('[data-testid^="council-"]', { hasText: '清河苑社区居民议事会' });
    const planned = council.locator('[data-testid^="meeting-"]', { hasText: '待召开' });
    await planned.getByText(TITLE).waitFor();
    const matter = council.locator('[data-testid^="pending-"]', { hasText: TITLE });
    await matter.locator('[data-testid^="vote-question-"]').fill(QUESTION);
    await matter.getByRole('button', { name: '发起表决' }).click();
    await matter.waitFor({ state: 'detached' });
    const vote = council.locator('[data-testid^="vote-"]', { hasText: QUESTION });
    await vote.getByText('未开始').waitFor();
    assert.match((await vote.textContent()) ?? '', /无记名表决/);
    await vote.getByRole('button', { name: '开始表决' }).click();
    await vote.getByText('表决中').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-councils.png`, fullPage: true });
    await page.close();
  });

  it('resident1 and member1 vote once per household, with no result shown while it is open', async () => {
    for (const user of ['resident1', 'member1']) {
      const page = await onPhone(user);
      const card = voteCard(page);
      await card.getByRole('button', { name: /^同\s*意$/ }).click();
      await card.getByText('本户已投票').waitFor();
      assert.equal(await card.getByRole('button', { name: /^反\s*对$/ }).count(), 0);
      assert.equal(await card.getByTestId('m-vote-result').count(), 0);
      if (user === 'resident1') {
        // The proposal moved on: it is on the agenda now.
        await page.locator('[data-testid^="m-proposal-"]', { hasText: TITLE }).getByText('已列入议程').waitFor();
        // A second ballot of the same household, as a second phone would send it: refused.
        const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
        const me = (await (await fetch(`${h.baseUrl}/api/auth/me`, { headers: { cookie } })).json()) as {
          csrfToken: string;
        };
        const voteId = (await card.getAttribute('data-testid'))!.replace('m-vote-', '');
        const again = await fetch(`${h.baseUrl}/api/deliberation/votes/${voteId}/ballots`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ choice: 'no' }),
        });
        assert.equal(again.status, 409);
        if (shots) await page.screenshot({ path: `${shots}/delib-phone-voted.png`, fullPage: true });
      }
      await page.context().close();
    }
  });

  it('community1 closes the vote, sees it passed, records the resolution and its progress', async () => {
    const page = await staffPage();
    await page.getByTestId('delib-tab-councils').click();
    const vote = page.locator('[data-testid^="vote-"]', { hasText: QUESTION });
    await vote.getByText('已投票 2').waitFor();

    // A proxy vote for an elderly resident of another household: refused without its written record, then recorded.
    type Found = {
      items: {
        name: string;
        householdName: string;
        householdNodeId: number;
        userId: number | null;
        birthDate: string;
      }[];
      nextCursor: string | null;
    };
    const everyone: Found['items'] = [];
    for (let cursor: string | null = ''; cursor != null;) {
      const page1: Found = await apiGet<Found>(
        page,
        `/api/people/residents?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      everyone.push(...page1.items);
      cursor = page1.nextCursor;
    }
    // Over 80, and not in the household of an account that has voted already (resident1's, member1's).
    const voted = new Set(everyone.filter((r) => r.userId).map((r) => r.householdNodeId));
    const elderly = everyone.find((r) => r.birthDate < '1945-01-01' && !voted.has(r.householdNodeId))!;
    await vote.getByRole('button', { name: '代投（老年居民）' }).click();
    const proxy = page.getByRole('dialog');
    await proxy.getByTestId('proxy-resident').click();
    await page.keyboard.type(elderly.name);
    await option(page, elderly.householdName).first().click();
    await proxy.getByTestId('proxy-name').fill('女儿 代为投票');
    await proxy.getByTestId('proxy-save').click();
    await proxy.getByText('代投须有书面委托书，请填写委托书编号或说明').waitFor();
    assert.doesNotMatch((await proxy.textContent()) ?? '', /\b(proxy|record|written)\b/i, 'English in the Chinese UI');
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-proxy-refused.png` });
    await proxy.getByTestId('proxy-record').fill('委托书 2026-017（社区存档）');
    await proxy.getByTestId('proxy-save').click();
    await proxy.waitFor({ state: 'detached' });
    await vote.getByText('已投票 3').waitFor();

    await vote.getByRole('button', { name: '结束表决' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await vote.getByText('同意 3，反对 0，弃权 0').waitFor();
    await vote.getByText('通过', { exact: true }).waitFor();
    await vote.getByRole('button', { name: '形成决议' }).click();
    const dialog = page.getByRole('dialog');
    assert.equal(await dialog.getByTestId('resolution-title').inputValue(), '在小区南门增设无障碍坡道');
    await dialog.getByTestId('resolution-text').fill('在小区南门台阶东侧增设无障碍坡道及扶手，年底前完工。');
    await dialog.getByTestId('resolution-owner').fill('清河苑社区居委会、安居物业');
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-resolution-form.png` });
    await dialog.getByTestId('resolution-save').click();
    await dialog.waitFor({ state: 'detached' });
    await vote.getByText('已形成决议').waitFor();
    assert.equal(await vote.getByRole('button', { name: '形成决议' }).count(), 0);

    await page.getByTestId('delib-tab-resolutions').click();
    const res = page.locator('[data-testid^="resolution-"]', { hasText: '在小区南门增设无障碍坡道' });
    await res.getByText('待落实').waitFor();
    await res.getByRole('spinbutton').fill('20');
    await res.locator('[data-testid^="progress-note-"]').fill('已完成现场测量和方案设计');
    await res.getByRole('button', { name: '记录进展' }).click();
    await res.getByText('落实中').waitFor();
    await res.getByText(/20% · 已完成现场测量和方案设计/).waitFor();

    // One tap into the case loop: a category and the grid; the text is the resolution's, and the case's link shows.
    await res.locator('[data-testid^="res-category-"]').click();
    await page.keyboard.type('小区环境卫生');
    await option(page, '小区环境卫生').click();
    await res.getByRole('combobox', { name: '所在网格' }).click();
    await option(page, /^清河苑第1网格$/).click();
    await res.getByRole('button', { name: '转为案件' }).click();
    const link = res.locator('[data-testid^="res-case-link-"]');
    await link.waitFor();
    assert.match((await link.textContent()) ?? '', /^案件 #\d+$/);
    await res.getByText('落实中').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-resolutions.png`, fullPage: true });
    await link.click();
    await page.waitForURL(/\/cases\/\d+$/);
    await page
      .getByText(/【议事决议】在小区南门增设无障碍坡道/)
      .first()
      .waitFor();
    await page.close();
  });

  it('resident1 sees the result and the resolution on the public notice', async () => {
    const page = await onPhone('resident1');
    await voteCard(page)
      .getByText(/同意 3，反对 0，弃权 0 · 通过/)
      .waitFor();
    await voteCard(page).getByText('表决已结束').waitFor();
    const notice = page.locator('[data-testid^="m-notice-"]', { hasText: '在小区南门增设无障碍坡道' });
    await notice.getByText('已完成现场测量和方案设计').waitFor();
    assert.match((await notice.textContent()) ?? '', /清河苑社区居委会、安居物业/);
    assert.match((await notice.textContent()) ?? '', /20%/);
    // The proposal itself shows the resolution it led to and how far it has got; so does the demo's pocket park.
    const settled = page
      .locator('[data-testid^="m-proposal-"]', { hasText: TITLE })
      .locator('[data-testid^="m-settled-"]');
    await settled.getByText('决议：在小区南门增设无障碍坡道').waitFor();
    await settled.getByText(/最新进展 .*已完成现场测量和方案设计/).waitFor();
    assert.match((await settled.textContent()) ?? '', /落实中.*20%/);
    const park = page.locator('[data-testid^="m-proposal-"]', { hasText: '利用闲置空地建设口袋公园' });
    await park.locator('[data-testid^="m-settled-"]').getByText('40%').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/delib-phone-notice.png`, fullPage: true });
    await page.context().close();
  });

  it('community1 sets up a tri-party council for the first grid with its members and schedules a meeting', async () => {
    const page = await staffPage();
    await page.getByTestId('delib-tab-councils').click();
    await page.getByTestId('cform-new').click();
    const form = page.getByRole('dialog');
    await form.getByTestId('cform-place').click();
    await option(page, '清河苑第1网格（网格/小区级）').click();
    await form.getByTestId('cform-kind').click();
    await option(page, '三方共议').click();
    await form.getByTestId('cform-days').click();
    for (const d of ['6', '16', '26']) {
      // The list is virtual (31 days): type the day to bring it into view.
      await page.keyboard.type(d);
      await option(page, new RegExp(`^${d} 日$`)).click();
    }
    await form.getByTestId('cform-name').click();
    await form.getByTestId('cform-name').fill(GRID_COUNCIL);
    await form.getByTestId('cform-quorum').fill('2');
    await form.getByTestId('cform-threshold').fill('5');
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-council-form.png` });
    await form.getByTestId('cform-save').click();
    await form.waitFor({ state: 'detached' });
    const council = page.locator('[data-testid^="council-"]', { hasText: GRID_COUNCIL });
    await council.getByText('网格/小区级').waitFor();
    for (const tag of ['三方共议', '一户一票', '法定人数 2']) await council.getByText(tag, { exact: true }).waitFor();
    assert.match((await council.textContent()) ?? '', /例会日 \d{4}-\d{2}-(06|16|26)、/);

    // Members with roles: the property company as chair (a unit), a resident of the registry as a member.
    await council.getByRole('button', { name: '添加成员' }).click();
    const add = page.getByRole('dialog');
    await add.getByTestId('member-role').click();
    await option(page, '召集人').click();
    await add.getByText('单位', { exact: true }).click();
    await add.getByTestId('member-org').click();
    await page.keyboard.type('安居物业');
    await option(page, '安居物业服务有限公司').first().click();
    assert.equal(await add.getByTestId('member-name').inputValue(), '安居物业服务有限公司');
    await add.getByTestId('member-save').click();
    await add.waitFor({ state: 'detached' });
    await council.getByText('召集人 安居物业服务有限公司').waitFor();
    const someone = (
      await apiGet<{ items: { name: string; householdName: string }[] }>(page, '/api/people/residents?limit=1')
    ).items[0]!;
    await council.getByRole('button', { name: '添加成员' }).click();
    await add.getByTestId('member-resident').click();
    await page.keyboard.type(someone.name);
    await option(page, someone.householdName).first().click();
    await add.getByTestId('member-name').fill(`${someone.name}（居民代表）`);
    await add.getByTestId('member-save').click();
    await add.waitFor({ state: 'detached' });
    await council.getByText(`成员 ${someone.name}（居民代表）`).waitFor();

    // A meeting on the next meeting day (the date is already the first one of the rule).
    await council.getByRole('button', { name: '安排会议' }).click();
    await council.locator('[data-testid^="mtg-place-"]').fill('清河苑第1网格党群服务站');
    await council.locator('[data-testid^="mtg-save-"]').click();
    await council
      .locator('[data-testid^="meeting-"]', { hasText: '清河苑第1网格党群服务站' })
      .getByText('待召开')
      .waitFor();
    await page.close();
  });

  it('on the meeting: a waiting proposal goes on the agenda, attendance and minutes, held; the matter is passed up', async () => {
    const page = await staffPage();
    await page.getByTestId('delib-tab-councils').click();
    const council = page.locator('[data-testid^="council-"]', { hasText: GRID_COUNCIL });
    const meeting = council.locator('[data-testid^="meeting-"]', { hasText: '清河苑第1网格党群服务站' });
    await meeting.locator('[data-testid^="agenda-pick-"]').click();
    await option(page, '小区增设电动自行车充电桩').click();
    await meeting.getByRole('button', { name: '列入议程' }).click();
    const matter = meeting.locator('[data-testid^="matter-"]', { hasText: '小区增设电动自行车充电桩' });
    await matter.getByText('待议').waitFor();
    // It left the triage queue.
    await page.getByTestId('delib-tab-queue').click();
    await page.getByText('暂无待分流的提案').waitFor();
    await page.getByTestId('delib-tab-councils').click();
    // Back on the tab, its lists refetch: tick the boxes once that has settled (a re-render would undo a tick).
    await matter.getByText('待议').waitFor();
    await page.waitForLoadState('networkidle');

    await meeting.getByRole('checkbox').first().waitFor();
    for (const box of await meeting.getByRole('checkbox').all()) await box.check();
    assert.equal(await meeting.getByRole('checkbox', { checked: true }).count(), 2);
    await meeting.getByRole('textbox', { name: '会议纪要' }).fill(MINUTES);
    await meeting.getByRole('button', { name: '标记为已召开' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await meeting.getByText('已召开', { exact: true }).waitFor();
    await meeting.getByText('出席 2/2 人').waitFor();
    assert.equal(await meeting.getByRole('textbox', { name: '会议纪要' }).inputValue(), MINUTES);

    // The grid cannot settle it: up to the community's council, with its record.
    await matter.getByRole('button', { name: '提交上级' }).click();
    const up = page.getByRole('dialog');
    await up.getByTestId('passup-council').click();
    await option(page, '清河苑社区居民议事会').click();
    await up.getByTestId('passup-record').fill(UP_RECORD);
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-pass-up.png` });
    await up.getByTestId('passup-save').click();
    await up.waitFor({ state: 'detached' });
    await matter.getByText('已提交上级').waitFor();
    const above = page.locator('[data-testid^="council-"]', { hasText: '清河苑社区居民议事会' });
    const arrived = above.locator('[data-testid^="matter-"]', { hasText: '小区增设电动自行车充电桩' });
    await arrived.getByText(`由${GRID_COUNCIL}提交，附原议事记录：${UP_RECORD}`).waitFor();
    // It can be voted on up there.
    await above.locator('[data-testid^="pending-"]', { hasText: '小区增设电动自行车充电桩' }).waitFor();
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-councils-after.png`, fullPage: true });
    await page.close();
  });

  it('the pages hold at the other size: the staff page on a phone, the residents’ page on a desktop', async () => {
    const phone = await phonePage(h);
    await login(phone, h.baseUrl, 'community1');
    for (const tab of ['queue', 'councils', 'resolutions']) {
      await phone.goto(`${h.baseUrl}/deliberation?tab=${tab}`);
      await phone.getByTestId(`delib-tab-${tab}`).waitFor();
      // A card, or the empty state once every proposal has been triaged.
      await phone.locator('.ant-card, .ant-empty').first().waitFor();
      const wide = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `/deliberation?tab=${tab} scrolls sideways on a phone by ${wide}px`);
      if (shots) await phone.screenshot({ path: `${shots}/delib-phone-staff-${tab}.png`, fullPage: true });
    }
    await phone.context().close();
    const desk = await onPhone('resident1', await newPage(h));
    await desk.locator('[data-testid^="m-notice-"]').first().waitFor();
    if (shots) await desk.screenshot({ path: `${shots}/delib-desktop-portal.png`, fullPage: true });
    await desk.close();
  });
});
