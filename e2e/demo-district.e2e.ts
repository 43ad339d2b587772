// Journey: the demo district on first login. grid1 on a phone sees visits due on the home screen; community1 finds the
// two households numbered 1号楼 1单元101室 in two estates, told apart by estate; admin reads how each figure and score
// on the metrics page is computed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { login, newPage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ people: true });
});
after(async () => {
  await h?.close();
});

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `/tmp/demo-${name}.png`, fullPage: true });
}

describe('demo district', () => {
  it('grid1 on a phone has visits due on the home screen', async () => {
    const page = await newPage(h, 'phone');
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await login(page, h.baseUrl, 'grid1');
      const count = page.getByTestId('home-count-visits');
      await count.waitFor();
      assert.ok(Number(await count.innerText()) > 0, 'visits due');
      await shot(page, 'grid1-home-phone');
    } finally {
      await page.context().close();
    }
  });

  it('community1 tells apart 1号楼 1单元101室 of two estates in the people list', async () => {
    const page = await newPage(h);
    await page.setViewportSize({ width: 1366, height: 900 });
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-people').click();
      await page.getByTestId('people-table').waitFor();
      assert.ok((await page.getByTestId('people-row').count()) > 10, 'the list is full on first login');
      const search = page.getByTestId('people-search');
      await search.fill('1号楼 1单元101室');
      await search.press('Enter');
      const table = page.getByTestId('people-table');
      await table.getByText('锦绣小区1期 1号楼 1单元101室').first().waitFor();
      await table.getByText('和园小区2期 1号楼 1单元101室').first().waitFor();
      await shot(page, 'people-desktop');
    } finally {
      await page.context().close();
    }
  });

  for (const viewport of ['desktop', 'phone'] as const)
    it(`admin reads each figure's formula and the score's weights on the metrics page (${viewport})`, async () => {
      const page = await newPage(h, viewport);
      await page.setViewportSize(viewport === 'phone' ? { width: 390, height: 844 } : { width: 1366, height: 900 });
      try {
        await login(page, h.baseUrl, 'admin');
        if (viewport === 'phone') await page.goto(`${h.baseUrl}/metrics`);
        else await page.getByTestId('menu-metrics').click();
        const extension = page.getByTestId('metric-formula-extensionRate');
        await extension.getByText(/延期数 \/ 应结案数/).waitFor();
        assert.match(await extension.innerText(), /\d+ \/ \d+/, 'the counts it divides');
        await page.getByTestId('metric-formula-satisfactionRate').getByText('（满意 + 基本满意）/ 评价数').waitFor();
        const score = page.getByTestId('metrics-score-formula');
        await score.getByText(/工作量得分 × 10% \+ 结案率 × 30% \+ 按期结案率 × 30% \+ \(1 − 返工率\) × 30%/).waitFor();
        await score.getByText(/满意率、退回率、延期率不计入得分/).waitFor();
        await shot(page, `metrics-${viewport}`);
      } finally {
        await page.context().close();
      }
    });
});
