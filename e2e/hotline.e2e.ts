// Journey: a district administrator imports a 12345 export (CSV), sees the bad row explained, commits, places the order
// whose address matched nothing by picking its grid, and reads the three rates with their formulas.
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

/** Beijing wall-clock time an hour ago, as the hotline export writes it. */
function anHourAgo(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

describe('12345 hotline operator', () => {
  it('imports an export, settles the unresolved order and reads the rates', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'admin');
      await page.getByTestId('menu-hotline').click();
      await page.getByText('12345 热线工单').waitFor();

      await page.getByRole('tab', { name: '导入' }).click();
      const when = anHourAgo();
      const csv = [
        '工单编号,来电时间,诉求人,联系电话,诉求内容,地址,诉求类型,办理时限,承办单位',
        `E2E-1,${when},张三,13800000000,电梯停运两天,家园示范区锦绣小区1期1号楼,电梯故障,,清河街道`,
        `E2E-2,昨天下午,李四,,楼上噪音,家园示范区和园小区2期,噪音扰民,,`,
        `E2E-3,${when},王五,,门口垃圾堆积,某某大街100号,环境卫生,,`,
      ].join('\n');
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByText('可导入 2 行').waitFor();
      await page.getByText('地址未匹配 1 行（将进入待定位）').waitFor();
      const errorRow = page.locator('.ant-table-row', { hasText: '来电时间' });
      await errorRow.waitFor();
      assert.ok(((await errorRow.textContent()) ?? '').includes('3'), 'the bad row is named by its row number');
      await page.getByRole('button', { name: '导入 2 行' }).click();
      await page.getByText('导入完成：新工单 2 条，建案 1 件，待定位 1 条，跳过 0 条').waitFor();
      // Importing the same file again adds nothing.
      await page.getByRole('button', { name: '再导入一个文件' }).click();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByText('已导入过 2 行（将跳过）').waitFor();

      await page.getByRole('tab', { name: '待定位' }).click();
      const queued = page.locator('.ant-table-row', { hasText: 'E2E-3' });
      await queued.getByRole('button', { name: '指定位置' }).click();
      const dialog = page.locator('.ant-modal');
      await dialog.locator('.ant-select').first().click();
      await page.keyboard.type('清河苑第1网格');
      await page.locator('.ant-select-item-option', { hasText: '清河苑第1网格' }).first().click();
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByText('已建案').first().waitFor();
      await page.getByText('没有待定位的工单').waitFor();

      await page.getByRole('tab', { name: '工单' }).click();
      const created = page.locator('.ant-table-row', { hasText: 'E2E-3' });
      await created.locator('a[href^="/cases/"]').waitFor();

      await page.getByRole('tab', { name: '三率' }).click();
      for (const k of ['response', 'resolution', 'satisfaction']) await page.getByTestId(`hotline-rate-${k}`).waitFor();
      await page.getByText(/响应率 = 24 小时内立案/).waitFor();
      // The district administrator can change the formula choices here.
      await page.getByText('三率公式设置').waitFor();
    } finally {
      await page.context().close();
    }
  });
});
