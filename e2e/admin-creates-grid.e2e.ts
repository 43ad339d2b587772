// Journey: an administrator draws a new grid and creates a grid worker for it; the worker logs in and sees only that grid.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { login, newPage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [116.42, 39.98],
      [116.43, 39.98],
      [116.43, 39.99],
      [116.42, 39.99],
      [116.42, 39.98],
    ],
  ],
};

/** Picks an option in an antd select by typing into it. */
async function pick(page: Page, trigger: ReturnType<Page['getByTestId']>, text: string) {
  await trigger.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

it('administrator creates a grid with a boundary and its grid worker, who then sees exactly that grid', async () => {
  const page = await newPage(h);
  try {
    await login(page, h.baseUrl, 'admin');
    await page.getByTestId('menu-territory').click();
    await pick(page, page.getByTestId('territory-search'), '星光社区');
    await page.getByTestId('node-detail-name').filter({ hasText: '星光社区' }).waitFor();

    await page.getByTestId('node-create').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('#name').fill('星光新建网格');
    await modal.locator('#geometry').fill(JSON.stringify(polygon));
    await modal.locator('.ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('node-children').getByText('星光新建网格').waitFor();

    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-create').click();
    const form = page.locator('.ant-modal:visible');
    await form.locator('#username').fill('xinggrid');
    await form.locator('#displayName').fill('新网格员');
    await form.locator('#password').fill('initial-password-1');
    await form.locator('.ant-select', { hasText: '角色' }).first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '网格员' }).first().click();
    await pick(page, form.locator('.ant-select').nth(1), '星光新建网格');
    await form.locator('.ant-btn-primary').click();
    await form.waitFor({ state: 'hidden' });
    await page.getByTestId('user-table').getByText('xinggrid').waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await login(page, h.baseUrl, 'xinggrid', 'initial-password-1');
    // A new account must first replace its initial password.
    await page.getByTestId('password-form').waitFor();
    await page.locator('#currentPassword').fill('initial-password-1');
    await page.locator('#newPassword').fill('my-own-password-1');
    await page.locator('#repeat').fill('my-own-password-1');
    await page.getByTestId('password-submit').click();
    // Until the changed password is confirmed the app keeps the account on this page: wait for it, then go on.
    await page.getByText('密码已修改').waitFor();
    await page.goto(`${h.baseUrl}/territory`);
    const tree = page.getByTestId('territory-tree');
    await tree.getByText('星光新建网格', { exact: true }).waitFor();
    assert.ok(!(await tree.innerText()).includes('星光社区'));
    // Anything else is refused, even when asked for directly.
    const other = await page.evaluate(async () => (await fetch('/api/territory/nodes/1')).status);
    assert.equal(other, 404);
  } catch (err) {
    await page.screenshot({ path: 'e2e/artifacts/admin-creates-grid.png', fullPage: true }).catch(() => undefined);
    throw err;
  } finally {
    await page.context().close();
  }
});
