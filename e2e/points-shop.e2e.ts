// Journey on a 390×844 phone: resident1 starts at `/`, opens "我的积分", redeems an item from the shop after a
// confirmation and sees the balance fall; then community1 on a desktop sees the item's stock fall on the points page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedPointsDemo } from '../server/seed/demo-points';
import {
  login,
  newPage,
  openHome,
  startHarness,
  DEMO_PASSWORD,
  type Harness,
  phonePage as newPhonePage,
} from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ extraSeed: (db) => seedPointsDemo(db) });
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;

describe('a resident redeems points in the shop', () => {
  it('redeems an item, sees the balance fall; the community worker sees the stock fall', async () => {
    const page = await newPhonePage(h);
    await openHome(page, h.baseUrl);
    await page.getByTestId('login-username').fill('resident1');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/m(\/|$|\?)/);
    await page.getByTestId('portal-home-points').click();
    await page.waitForURL(/\/m\/points/);
    await page.getByTestId('points-shop-item').first().waitFor();
    await page.getByTestId('points-line').first().waitFor();
    const balance = async () => Number(await page.getByTestId('points-balance').textContent());
    const before = await balance();
    assert.ok(before > 0, `resident1 starts with points (${before})`);
    if (shots) await page.screenshot({ path: `${shots}/points-phone.png`, fullPage: true });

    const first = page.getByTestId('points-shop-item').filter({ hasText: '洗衣液一瓶' }).first();
    const stockBefore = Number(((await first.textContent()) ?? '').match(/剩余 (\d+) 件/)![1]);
    await first.getByTestId('points-redeem').click();
    // The confirmation's own button (clicking "the last 兑换 button" raced the popover under load).
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /^兑\s*换$/ })
      .click();
    await page.getByText('兑换成功').waitFor();
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="points-balance"]')?.textContent) < b,
      before,
    );
    assert.equal(await balance(), before - 30);
    await page.getByTestId('points-line').filter({ hasText: '兑换：洗衣液一瓶' }).first().waitFor();

    const desk = await newPage(h, 'desktop');
    await login(desk, h.baseUrl, 'community1');
    await desk.getByTestId('menu-points').click();
    await desk.waitForURL(/\/points/);
    const row = desk.locator('tr', { hasText: '洗衣液一瓶' }).first();
    await row.waitFor();
    assert.equal(Number(await row.locator('[data-testid^="points-stock-"]').textContent()), stockBefore - 1);
    await desk.getByTestId('points-proof').or(desk.getByText('尚未核对')).first().waitFor();
    if (shots) await desk.screenshot({ path: `${shots}/points-desktop.png`, fullPage: true });
  });
});
