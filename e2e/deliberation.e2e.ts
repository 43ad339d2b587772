// Journey of one proposal to a published resolution (议事协商): resident1 on a phone proposes a matter on
// /m/proposals; community1 on a desktop puts it on the next meeting's agenda on /deliberation, prepares a secret
// vote and opens it; resident1 and member1 vote once per household on their phones (no result while it is open);
// community1 closes it, sees it passed and records the resolution, then its progress; resident1 reads the result and
// the resolution on the public notice (公示).
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
    await vote.getByRole('button', { name: '结束表决' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await vote.getByText('同意 2，反对 0，弃权 0').waitFor();
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
    if (shots) await page.screenshot({ path: `${shots}/delib-desktop-resolutions.png`, fullPage: true });
    await page.close();
  });

  it('resident1 sees the result and the resolution on the public notice', async () => {
    const page = await onPhone('resident1');
    await voteCard(page)
      .getByText(/同意 2，反对 0，弃权 0 · 通过/)
      .waitFor();
    await voteCard(page).getByText('表决已结束').waitFor();
    const notice = page.locator('[data-testid^="m-notice-"]', { hasText: '在小区南门增设无障碍坡道' });
    await notice.getByText('已完成现场测量和方案设计').waitFor();
    assert.match((await notice.textContent()) ?? '', /清河苑社区居委会、安居物业/);
    assert.match((await notice.textContent()) ?? '', /20%/);
    if (shots) await page.screenshot({ path: `${shots}/delib-phone-notice.png`, fullPage: true });
    await page.context().close();
  });

  it('the pages hold at the other size: the staff page on a phone, the residents’ page on a desktop', async () => {
    const phone = await phonePage(h);
    await login(phone, h.baseUrl, 'community1');
    for (const tab of ['queue', 'councils', 'resolutions']) {
      await phone.goto(`${h.baseUrl}/deliberation?tab=${tab}`);
      await phone.getByTestId(`delib-tab-${tab}`).waitFor();
      await phone.locator('.ant-card').first().waitFor();
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
