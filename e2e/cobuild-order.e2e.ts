// Journey of one order (点单 → 派单 → 接单 → 办结 → 评价): resident1 on a phone posts a need on /m/cobuild; community1 on
// a desktop dispatches it on /cobuild to the party member member1; member1 on a phone takes it and marks it done;
// resident1 rates it and sees it rated.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seedDemoCobuild } from '../server/seed/demo-cobuild';
import { login, openHome, startHarness, DEMO_PASSWORD, type Harness, phonePage } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedDemoCobuild(h.app);
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;
const NEED = '阳台水管漏水，想请人帮忙看看';

/** From `/` on a phone: log in as a resident and open the co-building page from the portal home. */
async function onPhone(user: string): Promise<Page> {
  const page = await phonePage(h);
  await openHome(page, h.baseUrl);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/m(\/|$|\?)/);
  await page.getByTestId('portal-home-cobuild').click();
  await page.waitForURL(/\/m\/cobuild/);
  return page;
}

describe('a need is ordered, dispatched, taken, done and rated', () => {
  it('resident1 posts a need on the phone', async () => {
    const page = await onPhone('resident1');
    await page.getByTestId('cob-need-title').fill(NEED);
    await page.getByTestId('cob-need-submit').click();
    const item = page.getByTestId('cob-my-needs').locator('li', { hasText: NEED });
    await item.getByText('待派单').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/cobuild-phone.png`, fullPage: true });
    await page.context().close();
  });

  it('community1 dispatches it to member1 on /cobuild', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, h.baseUrl, 'community1');
    await page.getByTestId('menu-cobuild').click();
    await page.waitForURL(/\/cobuild/);
    const row = page.getByRole('row', { name: new RegExp(NEED) });
    await row.getByRole('button', { name: /^派\s*单$/ }).click();
    await page.getByTestId('cob-owner').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '黄志刚' }).click();
    await page.getByTestId('cob-dispatch-ok').click();
    await row.getByText('已派单').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/cobuild-desktop.png`, fullPage: true });
    await page.close();
  });

  it('member1 takes it and marks it done on the phone', async () => {
    const page = await onPhone('member1');
    await page
      .getByTestId('cob-member')
      .getByText(/已向 清河苑社区 报到/)
      .waitFor();
    const order = page.getByTestId('cob-my-orders').locator('li', { hasText: NEED });
    await order.getByRole('button', { name: /^接\s*单$/ }).click();
    await order.getByText('已接单').waitFor();
    await order.getByRole('button', { name: /^办\s*结$/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await order.getByText('已办结').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/cobuild-member.png`, fullPage: true });
    await page.context().close();
  });

  it('resident1 rates it', async () => {
    const page = await onPhone('resident1');
    const item = page.getByTestId('cob-my-needs').locator('li', { hasText: NEED });
    await item.getByText('已办结').waitFor();
    await item.getByRole('button', { name: /^评\s*价$/ }).click();
    await item.getByText('已评价').waitFor();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const needs = (await (await fetch(`${h.baseUrl}/api/cobuild/needs?mine=true`, { headers: { cookie } })).json()) as {
      items: { title: string; projectStatus: string | null }[];
    };
    assert.equal(needs.items.find((n) => n.title === NEED)?.projectStatus, 'rated');
    await page.context().close();
  });
});
