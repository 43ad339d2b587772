// Journey on a 390×844 phone: resident1 starts at `/`, opens "我的积分", redeems an item from the shop after a
// confirmation and sees the balance fall; then community1 on a desktop sees the item's stock fall on the points page.
// Then the staff's side: community1 edits the community's rule, adds a shop item from a partner merchant, and grants
// an event's participation points to resident1 (confirmed), who sees them on the phone; the forms also at phone width.
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
    await desk.context().close();
    await page.context().close();
  });

  it('community1 edits the rule, adds a shop item and grants participation points; resident1 sees them', async () => {
    const desk = await newPage(h, 'desktop');
    await login(desk, h.baseUrl, 'community1');
    await desk.getByTestId('menu-points').click();
    await desk.waitForURL(/\/points/);

    // The rule: participation 5 → 8 points, with a rate for elderly care.
    await desk.getByRole('tab', { name: '积分规则' }).click();
    const rule = desk.getByTestId('points-rules').locator('tr', { hasText: '清河苑社区' });
    await rule.getByRole('button', { name: /编\s*辑/ }).click();
    const form = desk.getByTestId('points-rule-form');
    await form.waitFor();
    await desk.getByTestId('points-rule-participation').fill('8');
    await desk.getByTestId('points-rule-add-type').click();
    await form.getByRole('combobox', { name: '活动类型' }).click();
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '助老服务' }).click();
    await form.getByRole('spinbutton', { name: '分/小时' }).last().fill('15');
    if (shots) await desk.screenshot({ path: `${shots}/points-rule-desktop.png` });
    await desk.getByTestId('points-rule-save').click();
    await desk.getByText('积分规则已保存').waitFor();
    await rule.getByText(/助老服务: 15/).waitFor();
    assert.match((await rule.textContent()) ?? '', /8/);

    // A shop item from the partner merchant; a missing price is refused before it is sent.
    await desk.getByTestId('points-item-new').click();
    const item = desk.getByTestId('points-item-form');
    await item.waitFor();
    await desk.getByTestId('points-item-merchant').click();
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '清河邻里互助会' }).click();
    await desk.getByTestId('points-item-name').fill('毛巾一条');
    await desk.getByTestId('points-item-save').click();
    await item.getByText('必填').first().waitFor();
    await desk.getByTestId('points-item-price').fill('15');
    if (shots) await desk.screenshot({ path: `${shots}/points-item-desktop.png` });
    await desk.getByTestId('points-item-save').click();
    await desk.getByText('兑换物品已上架').waitFor();
    await desk.getByRole('tab', { name: '兑换物品' }).click();
    await desk.locator('tr', { hasText: '毛巾一条' }).first().waitFor();

    // Participation points of a clean-up for resident1, confirmed.
    await desk.getByTestId('points-grant-open').click();
    const grant = desk.getByTestId('points-grant-form');
    await grant.waitFor();
    await desk.getByTestId('points-grant-memo').fill('12月清洁家园活动');
    await desk.getByTestId('points-grant-people').click();
    await desk.keyboard.type('陈晨');
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '陈晨' }).click();
    await grant.getByText('每人 8 积分，合计 8 积分').waitFor();
    if (shots) await desk.screenshot({ path: `${shots}/points-grant-desktop.png` });
    await desk.getByTestId('points-grant-submit').click();
    await desk
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /^发\s*放$/ })
      .click();
    await desk.getByText('已向 1 人发放参与积分').waitFor();
    await desk.getByRole('tab', { name: '流水' }).click();
    await desk.locator('tr', { hasText: '12月清洁家园活动' }).first().waitFor();
    // From a personal account, the grant starts with its holder chosen.
    await desk.getByRole('tab', { name: '账户' }).click();
    await desk
      .locator('tr', { hasText: '居民 陈晨' })
      .getByRole('button', { name: /发放积分/ })
      .click();
    await desk
      .getByTestId('points-grant-form')
      .locator('.ant-select-selection-item', { hasText: '居民 陈晨' })
      .waitFor();
    await desk.context().close();

    // The forms at phone width.
    const small = await newPage(h, 'phone');
    await login(small, h.baseUrl, 'community1');
    await small.goto(`${h.baseUrl}/points`);
    await small.getByTestId('points-grant-open').click();
    await small.getByTestId('points-grant-form').waitFor();
    await small.waitForTimeout(400); // the drawer's slide-in
    if (shots) await small.screenshot({ path: `${shots}/points-grant-phone.png` });
    await small.keyboard.press('Escape');
    await small.getByTestId('points-item-new').click();
    await small.getByTestId('points-item-form').waitFor();
    await small.waitForTimeout(400);
    if (shots) await small.screenshot({ path: `${shots}/points-item-phone.png` });
    await small.context().close();

    const phone = await newPhonePage(h);
    await openHome(phone, h.baseUrl);
    await phone.getByTestId('login-username').fill('resident1');
    await phone.getByTestId('login-password').fill(DEMO_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.waitForURL(/\/m(\/|$|\?)/);
    await phone.getByTestId('portal-home-points').click();
    await phone.waitForURL(/\/m\/points/);
    await phone.getByTestId('points-line').filter({ hasText: '12月清洁家园活动' }).first().waitFor();
    await phone.context().close();
  });
});
