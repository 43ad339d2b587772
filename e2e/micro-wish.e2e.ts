// Journey of a micro-wish: resident1 starts at `/` on a phone and posts a wish; community1 approves it on the staff
// page; volunteer1 claims it from the wish wall on a phone and delivers with a photo; resident1 confirms and the wish
// is fulfilled. The wall never shows the resident's full name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import { seedPointsDemo } from '../server/seed/demo-points';
import { seedWishDemo } from '../server/seed/demo-wishes';
import { login, newPage, openHome, startHarness, DEMO_PASSWORD, type Harness, phonePage } from './harness';
import type { Page } from 'playwright-core';

let h: Harness;
before(async () => {
  h = await startHarness({
    extraSeed: async (db) => {
      await seedWishDemo(db);
      await seedPointsDemo(db);
    },
  });
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;
const WISH = '想要一个大容量保温杯，冬天喝热水';
const two = (s: string) => new RegExp(`^${[...s].join('\\s?')}$`);

async function phoneLogin(user: string): Promise<Page> {
  const page = await phonePage(h);
  await openHome(page, h.baseUrl);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

describe('a micro-wish from posting to fulfilment', () => {
  let resident: Page;

  it('resident1 posts a wish on the phone', async () => {
    resident = await phoneLogin('resident1');
    await resident.waitForURL(/\/m(\/|$|\?)/);
    await resident.getByTestId('portal-home-wishes').click();
    await resident.waitForURL(/\/m\/wishes/);
    await resident.getByTestId('wish-wall').waitFor();
    await resident.getByRole('tab', { name: '许个微心愿' }).click();
    await resident.getByTestId('wish-text').fill(WISH);
    await resident.getByTestId('wish-value').fill('60');
    await resident.getByTestId('wish-submit').click();
    await resident.getByRole('tab', { name: '我的心愿', selected: true }).waitFor();
    await resident.getByRole('link', { name: WISH }).waitFor();
    if (shots) await resident.screenshot({ path: `${shots}/wishes-phone-mine.png`, fullPage: true });
  });

  it('community1 approves it from the queue', async () => {
    const page = await h.browser
      .newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' })
      .then((c) => c.newPage());
    page.setDefaultTimeout(15_000);
    await login(page, h.baseUrl, 'community1');
    await page.getByTestId('menu-wishes').click();
    await page.waitForURL(/\/wishes/);
    const row = page.getByRole('row').filter({ hasText: WISH });
    await row.getByRole('button', { name: two('通过') }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '统计' }).click();
    await page.getByTestId('wish-figures').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/wishes-desktop-figures.png`, fullPage: true });
    await page.context().close();
  });

  it('volunteer1 claims it from the wall and delivers with a photo', async () => {
    const page = await phoneLogin('volunteer1');
    await page.goto(`${h.baseUrl}/m/wishes`);
    const card = page.locator('[data-testid^="wish-wall-"]').filter({ hasText: WISH });
    await card.waitFor();
    const wall = (await page.getByTestId('wish-wall').textContent()) ?? '';
    assert.ok(wall.includes('陈*'), 'the wall shows the masked name');
    assert.ok(!wall.includes('陈晨') && !wall.includes('王秀英'), 'the wall never shows a full name');
    if (shots) await page.screenshot({ path: `${shots}/wishes-phone-wall.png`, fullPage: true });
    await card.getByRole('button', { name: two('认领') }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: two('认领') })
      .click();
    await page.waitForURL(/\/m\/wishes\/\d+/);
    await page.locator('[data-testid="wish-status"][data-status="claimed"]').waitFor();
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#aa6633' } })
      .jpeg()
      .toBuffer();
    await page
      .getByTestId('report-photo-input')
      .setInputFiles({ name: 'cup.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-testid="wish-photos"][data-count="1"]').waitFor();
    await page.getByTestId('wish-deliver').click();
    await page.locator('[data-testid="wish-status"][data-status="delivered"]').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/wishes-phone-delivered.png`, fullPage: true });
    await page.context().close();
  });

  it('resident1 confirms and the wish is fulfilled', async () => {
    await resident.goto(`${h.baseUrl}/m/wishes?tab=mine`);
    await resident.getByRole('link', { name: WISH }).click();
    await resident.waitForURL(/\/m\/wishes\/\d+/);
    await resident.getByRole('img').first().waitFor();
    await resident.getByTestId('wish-confirm').click();
    await resident.locator('.ant-modal-confirm').getByRole('button', { name: '确认已实现' }).click();
    await resident.locator('[data-testid="wish-status"][data-status="fulfilled"]').waitFor();
    await resident.goto(`${h.baseUrl}/m/wishes`);
    await resident.getByTestId('wish-wall').waitFor();
    const wall = (await resident.getByTestId('wish-wall').textContent()) ?? '';
    assert.ok(!wall.includes(WISH), 'a fulfilled wish is off the wall');
    assert.ok(!wall.includes('陈晨'));
    await resident.context().close();
  });

  it('volunteer1 is credited the points once and redeems a gift with them', async () => {
    // The award is a durable job the confirmation enqueued; the harness runs no worker, so the journey runs it.
    await h.deps.jobs.runDue(20);
    const page = await phoneLogin('volunteer1');
    await page.goto(`${h.baseUrl}/m`);
    await page.getByTestId('portal-home-points').click();
    await page.waitForURL(/\/m\/points/);
    await page.getByTestId('points-line').filter({ hasText: '微心愿：' }).first().waitFor();
    await h.deps.jobs.runDue(20);
    await page.reload();
    await page.getByTestId('points-line').first().waitFor();
    assert.equal(await page.getByTestId('points-line').filter({ hasText: '微心愿：想要一个大容量保温杯' }).count(), 1);
    const before = Number(await page.getByTestId('points-balance').textContent());
    const gift = page.getByTestId('points-shop-item').filter({ hasText: '洗衣液一瓶' }).first();
    await gift.getByTestId('points-redeem').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /^兑\s*换$/ })
      .click();
    await page.getByText('兑换成功').waitFor();
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="points-balance"]')?.textContent) < b,
      before,
    );
    await page.context().close();
  });

  it('community1 downloads the micro-wish ledger, which lists the fulfilled wish', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-ledgers').click();
      await page.getByTestId('ledger-card-wishes').waitFor();
      const download = page.waitForEvent('download');
      await page.getByTestId('ledger-download-wishes').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^微心愿台账_/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await file.path())!);
      const text = wb.worksheets[0]!.getSheetValues().flat().join(' ');
      assert.ok(text.includes('想要一个大容量保温杯'), 'the wish is a row of the ledger');
      assert.ok(!text.includes('陈晨'), 'the resident is masked in the ledger');
    } finally {
      await page.context().close();
    }
  });
});
