// Journey: community1 registers a resident, finds them by pinyin initials, reveals the ID and marks them red for grid1;
// grid1 on a phone sees them due, records a visit and turns the finding into a case report.
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

/** A valid-format fictional GB 11643 number: region 990101 (no such region), a birth date, a sequence and the check character. */
function fictionalId(birth: string, seq: number): string {
  const first17 = `990101${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

const NAME = '邝秋萍';
const INITIALS = 'kqp';
const ID_NUMBER = fictionalId('19560314', 482);

describe('residents, care and visits', () => {
  it('community1 registers a resident, finds them by initials, reveals the ID and marks them red for grid1', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-people').click();
      await page.getByTestId('people-table').waitFor();

      // A household inside grid1 (清河苑第1网格), so that grid1 may visit the resident.
      const grid = (await (await page.request.get(`${h.baseUrl}/api/territory/nodes?kind=grid&q=${encodeURIComponent('清河苑第1网格')}`)).json()) as { items: { id: number }[] };
      const households = (await (await page.request.get(`${h.baseUrl}/api/territory/nodes?kind=household&under=${grid.items[0]!.id}&limit=1`)).json()) as { items: { id: number; code: string; name: string }[] };
      const household = households.items[0]!;

      await page.getByTestId('people-create').click();
      await page.getByTestId('create-name').fill(NAME);
      await page.getByTestId('create-id').fill(ID_NUMBER);
      await page.getByTestId('create-household').click();
      await page.keyboard.type(household.code);
      await page.locator('.ant-select-item-option', { hasText: household.code }).click();
      await page.getByTestId('create-submit').click();
      await page.getByText(`已登记 ${NAME}`).waitFor();

      const search = page.getByTestId('people-search');
      await search.fill(INITIALS);
      await search.press('Enter');
      const row = page.locator(`[data-testid="people-row"][data-name="${NAME}"]`);
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      assert.ok(text.includes(`9901${'*'.repeat(10)}${ID_NUMBER.slice(-4)}`), 'the ID is masked in the list');
      assert.ok(!text.includes(ID_NUMBER), 'the full ID is not in the list');
      await row.click();

      await page.getByTestId('resident-drawer').waitFor();
      await page.getByTestId('resident-reveal').click();
      await page.getByTestId('resident-id').filter({ hasText: ID_NUMBER }).waitFor();

      await page.getByTestId('resident-set-care').click();
      await page.locator('.ant-radio-button-wrapper', { has: page.getByTestId('care-level-red') }).click();
      await page.getByTestId('care-reason').fill('独居老人，行动不便');
      await page.getByTestId('care-assignee').click();
      await page.keyboard.type('grid1');
      await page.locator('.ant-select-item-option', { hasText: '(grid1)' }).or(page.locator('.ant-select-item-option', { hasText: '（grid1）' })).first().click();
      await page.getByTestId('care-submit').click();
      await page.getByText('已设置关怀等级').waitFor();
      await page.locator('[data-testid="resident-drawer"] [data-care="red"]').waitFor();

      // The household page lists them.
      await page.getByTestId('resident-household-link').click();
      await page.getByTestId('household-page').waitFor();
      await page.locator(`[data-testid="household-members"] [data-name="${NAME}"]`).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('grid1 on a phone sees them due, records a visit and turns the finding into a case report', async () => {
    const page = await newPage(h, 'phone');
    try {
      await login(page, h.baseUrl, 'grid1');
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('menu-people').click();
      await page.getByTestId('people-visits').click();
      const item = page.locator(`[data-testid="visits-due"] [data-testid="visit-item"][data-name="${NAME}"]`);
      await item.waitFor();
      await item.getByRole('button').click();

      await page.getByTestId('visit-form').waitFor();
      await page.getByTestId('visit-walk').fill('入户');
      await page.getByTestId('visit-look').fill('室内整洁，楼道灯不亮');
      await page.getByTestId('visit-listen').fill('晚上上下楼不方便');
      await page.getByTestId('visit-findings').fill('3号楼2单元楼道灯损坏');
      await page.getByTestId('visit-next').fill('下周回访');
      await page.getByTestId('visit-needs-action').check();
      const saved = page.waitForResponse((r) => /\/api\/people\/residents\/\d+\/visits$/.test(r.url()) && r.request().method() === 'POST');
      await page.getByTestId('visit-submit').click();
      const visit = (await (await saved).json()) as { note: string };
      assert.match(visit.note, /楼道灯损坏/);

      await page.getByTestId('visit-to-case').click();
      await page.waitForURL(/\/cases\/new$/);
      const description = page.getByTestId('report-description');
      await description.waitFor();
      assert.match(await description.inputValue(), /楼道灯损坏/);
    } finally {
      await page.context().close();
    }
  });
});
