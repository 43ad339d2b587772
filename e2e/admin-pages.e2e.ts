// Journey: the district administrator, from the home address, manages a person tag, adds a holiday override to the
// business calendar, changes a category's time limit, and finds those changes in the audit log by their own name and
// an action picked from the list; on a phone the case tabs show 全部 and 地图 on the bar, not behind "…", and a photo
// the phone cannot read is explained in Chinese.
// Screenshots of each page at desktop (1366x900) and phone (390x844) size go to /tmp/admin-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

async function open(size: 'desktop' | 'phone'): Promise<Page> {
  const context = await h.browser.newContext({
    viewport: size === 'phone' ? { width: 390, height: 844 } : { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Opens the README's address and logs in on the login page it leads to. */
async function loginFromHome(page: Page, user: string) {
  await page.goto(`${h.baseUrl}/`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** Picks an option of an antd Select by typing into it and choosing the option with exactly `label`. */
async function pick(page: Page, testId: string, text: string, label: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/admin-${name}.png`, fullPage: true });

describe('administration pages', () => {
  it('the district administrator manages a tag, a calendar day, a category limit, and finds them in the audit log', async () => {
    const page = await open('desktop');
    try {
      await loginFromHome(page, 'admin');

      // Person tags: the standard ones are there; add one, rename it, retire it after confirming.
      await page.getByTestId('menu-tags').click();
      const tags = page.getByTestId('tags-table');
      await tags.getByText('独居老人', { exact: true }).waitFor();
      await tags.getByText('高龄(80岁以上)', { exact: true }).waitFor();
      await page.getByTestId('tag-add').click();
      await page.getByTestId('tag-name').fill('孕产妇');
      await page.getByTestId('tag-save').click();
      await tags.getByText('yun_chan_fu').waitFor();
      await page.getByTestId('tag-rename-yun_chan_fu').click();
      await page.getByTestId('tag-name').fill('孕产期妇女');
      await page.getByTestId('tag-save').click();
      await tags.getByText('孕产期妇女', { exact: true }).waitFor();
      await page.getByTestId('tag-retire-yun_chan_fu').click();
      await page.getByTestId('tag-retire-ok').click();
      await page.getByTestId('tag-restore-yun_chan_fu').waitFor();
      const row = tags.locator('tr', { hasText: 'yun_chan_fu' });
      assert.match(await row.innerText(), /已停用/);
      await shot(page, 'tags-desktop');

      // Business calendar: working hours shown; a typhoon day off added as an override.
      await page.getByTestId('menu-calendar').click();
      await page.getByTestId('calendar-hours').getByText('09:00–12:00').waitFor();
      const year = Number((await page.getByTestId('calendar-year').innerText()).match(/\d{4}/)![0]);
      const date = `${year}-11-18`;
      await page.getByTestId('calendar-add').click();
      const dateInput = page
        .locator('.ant-modal input[data-testid=calendar-date], .ant-modal [data-testid=calendar-date] input')
        .first();
      await dateInput.click();
      await dateInput.fill(date);
      await dateInput.press('Enter');
      await page.getByTestId('calendar-name').fill('台风停工');
      await page.getByTestId('calendar-save').click();
      const dayRow = page.getByTestId('calendar-table').locator('tr', { hasText: date });
      await dayRow.getByText('台风停工').waitFor();
      assert.match(await dayRow.innerText(), /休息日[\s\S]*手动调整/);
      await shot(page, 'calendar-desktop');

      // Categories: 暴露垃圾 (E0102) gets a handling limit of 6 working hours.
      await page.getByTestId('menu-categories').click();
      await page.getByTestId('category-edit-E0102').click();
      const amount = page
        .locator('input[data-testid=limit-handle-amount], [data-testid=limit-handle-amount] input')
        .first();
      await amount.fill('6');
      await page.getByTestId('category-save').click();
      await page.getByTestId('categories-table').locator('tr', { hasText: 'E0102' }).getByText('6 工作小时').waitFor();
      await shot(page, 'categories-desktop');
      await page.getByTestId('rules-tab').click();
      await page.getByTestId('rules-table').locator('tbody tr.ant-table-row').first().waitFor();
      await shot(page, 'rules-desktop');

      // Audit log: by name and by an action picked from the list, shown with Chinese names.
      await page.getByTestId('menu-audit').click();
      await pick(page, 'audit-actor', '李明', '区管理员 李明（admin）');
      await pick(page, 'audit-action', '类别', '修改案件类别');
      await page.getByTestId('audit-filter-submit').click();
      const audit = page.getByTestId('audit-table');
      await audit.locator('tbody tr', { hasText: '修改案件类别' }).first().waitFor();
      const texts = await audit.locator('tbody tr.ant-table-row').allInnerTexts();
      assert.ok(texts.length >= 1);
      for (const t of texts) assert.match(t, /区管理员 李明[\s\S]*修改案件类别[\s\S]*案件类别 #E0102/);
      await pick(page, 'audit-action', '标签', '停用人员标签');
      await page.getByTestId('audit-filter-submit').click();
      await audit.locator('tbody tr', { hasText: '人员标签 #yun_chan_fu' }).first().waitFor();
      await shot(page, 'audit-desktop');
    } finally {
      await page.context().close();
    }
  });

  it('on a phone the pages fit and the case tabs show 全部 and 地图 without "…"', async () => {
    const page = await open('phone');
    try {
      await loginFromHome(page, 'admin');
      for (const [path, name, ready] of [
        ['/admin/tags', 'tags', 'tags-table'],
        ['/admin/calendar', 'calendar', 'calendar-table'],
        ['/admin/categories', 'categories', 'categories-table'],
        ['/audit', 'audit', 'audit-table'],
      ] as const) {
        await page.goto(`${h.baseUrl}${path}`);
        await page.getByTestId(ready).locator('tbody tr.ant-table-row').first().waitFor();
        // Nothing wider than the phone: the page itself never scrolls sideways (tables scroll inside their card).
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
          `${path} is wider than the phone`,
        );
        await shot(page, `${name}-phone`);
      }

      await page.goto(`${h.baseUrl}/cases`);
      await page.getByTestId('case-tab-todo').waitFor();
      for (const box of ['all', 'map']) {
        const tab = page.getByTestId(`case-tab-${box}`);
        const b = await tab.boundingBox();
        assert.ok(b && b.x >= 0 && b.x + b.width <= 390, `the ${box} tab is on the visible bar`);
      }
      assert.equal(await page.getByTestId('case-tab-all').innerText(), '全部');
      assert.equal(await page.getByTestId('case-tab-map').innerText(), '地图');
      // antd marks its "…" overflow menu hidden when every tab fits.
      assert.equal(await page.locator('.ant-tabs-nav-operations:not(.ant-tabs-nav-operations-hidden)').count(), 0);
      await shot(page, 'cases-phone');

      // A photo the phone cannot decode is explained in Chinese from the catalogue, not the browser's English error.
      await page.goto(`${h.baseUrl}/cases/new`);
      await page
        .getByTestId('report-photo-input')
        .setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.from('not really a photo') });
      const toast = page.locator('.ant-message-notice', { hasText: '照片上传失败' });
      await toast.waitFor();
      assert.match(await toast.innerText(), /HEIC\/HEIF 格式（苹果手机默认）/);
      assert.doesNotMatch(await toast.innerText(), /[Dd]ecod|source image/);
    } finally {
      await page.context().close();
    }
  });
});
