// Journey: a community worker opens 台账 from the menu, sees the ledgers her role may produce, downloads the case ledger
// of the month, and finds the diary ledger waiting for a grid; a grid worker sees only his own two.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, newPage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

describe('ledgers in one place', () => {
  it('community1 downloads the case ledger from the ledgers page', async () => {
    const page = await newPage(h);
    try {
      await page.setViewportSize({ width: 1366, height: 900 });
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-ledgers').click();
      await page.getByTestId('ledger-card-cases').waitFor();
      for (const id of ['residents', 'diary']) assert.ok(await page.getByTestId(`ledger-card-${id}`).isVisible());
      assert.equal(await page.getByTestId('ledger-card-hotline-replies').count(), 0);
      assert.ok(await page.getByTestId('ledger-download-diary').isDisabled(), 'the diary ledger waits for a grid');
      await page.screenshot({ path: '/tmp/ledgers-desktop.png', fullPage: true });

      const download = page.waitForEvent('download');
      await page.getByTestId('ledger-download-cases').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^案件台账_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    } finally {
      await page.context().close();
    }
  });

  it('grid1 on a phone sees the case and diary ledgers only', async () => {
    const page = await newPage(h, 'phone');
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await login(page, h.baseUrl, 'grid1');
      await page.goto(`${h.baseUrl}/ledgers`);
      await page.getByTestId('ledger-card-diary').waitFor();
      const cards = await page
        .locator('[data-testid^="ledger-card-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      assert.deepEqual(cards, ['ledger-card-cases', 'ledger-card-diary']);
      await page.screenshot({ path: '/tmp/ledgers-phone.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
