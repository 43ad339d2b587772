// Journey: community1 registers a resident, finds them by pinyin initials, reveals the ID and marks them red for grid1;
// grid1 on a phone sees them due, records a visit and turns the finding into a case report; a visit recorded offline is
// queued and sent once when back online; a child without an ID is registered, edited and moved out; a field diary entry
// becomes a case and the grid's monthly ledger downloads.
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
      const grid = (await (
        await page.request.get(`${h.baseUrl}/api/territory/nodes?kind=grid&q=${encodeURIComponent('清河苑第1网格')}`)
      ).json()) as { items: { id: number }[] };
      const households = (await (
        await page.request.get(`${h.baseUrl}/api/territory/nodes?kind=household&under=${grid.items[0]!.id}&limit=1`)
      ).json()) as { items: { id: number; code: string; name: string }[] };
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
      await page
        .locator('.ant-select-item-option', { hasText: '(grid1)' })
        .or(page.locator('.ant-select-item-option', { hasText: '（grid1）' }))
        .first()
        .click();
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
      const saved = page.waitForResponse(
        (r) => /\/api\/people\/residents\/\d+\/visits$/.test(r.url()) && r.request().method() === 'POST',
      );
      await page.getByTestId('visit-submit').click();
      const visit = (await (await saved).json()) as { note: string };
      assert.match(visit.note, /楼道灯损坏/);

      await page.getByTestId('visit-to-case').click();
      await page.waitForURL(/\/cases\/new$/);
      const description = page.getByTestId('report-description');
      await description.waitFor();
      assert.match(await description.inputValue(), /楼道灯损坏/);
      // The description may become public: the resident is linked on the report, not named in its text or address.
      assert.doesNotMatch(await description.inputValue(), new RegExp(NAME));
      assert.equal(await page.getByTestId('report-address').inputValue(), '');
      const subject = page.getByTestId('report-subject');
      await subject.waitFor();
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="report-subject"]')?.textContent?.includes(name),
        NAME,
      );
    } finally {
      await page.context().close();
    }
  });

  it('grid1 records a visit offline on a phone; it waits on the device and is sent once when back online', async () => {
    const page = await newPage(h, 'phone');
    try {
      await login(page, h.baseUrl, 'grid1');
      const found = (await (await page.request.get(`${h.baseUrl}/api/people/residents?q=${INITIALS}`)).json()) as {
        items: { id: number }[];
      };
      const residentId = found.items[0]!.id;
      const visitCount = async () =>
        ((await (await page.request.get(`${h.baseUrl}/api/people/residents/${residentId}/visits`)).json()) as unknown[])
          .length;
      const before = await visitCount();
      await page.goto(`${h.baseUrl}/people/visits`);
      const item = page.locator(`[data-testid="visit-item"][data-name="${NAME}"]`);
      await item.waitFor();

      await page.context().setOffline(true);
      await item.getByRole('button').click();
      await page.getByTestId('visit-form').waitFor();
      await page.getByTestId('visit-look').fill('离线记录：精神好');
      await page.getByTestId('visit-submit').click();
      const pending = page.getByTestId('visit-pending');
      await pending.waitFor();
      assert.equal(await pending.getAttribute('data-count'), '1');
      assert.match((await pending.textContent()) ?? '', /1 条走访待上传/);

      const synced = page.waitForResponse(
        (r) =>
          r.url().endsWith(`/api/people/residents/${residentId}/visits`) && r.request().method() === 'POST' && r.ok(),
      );
      await page.context().setOffline(false);
      const sent = await synced;
      assert.ok(sent.request().headers()['idempotency-key'], 'the queued visit is sent with its idempotency key');
      await pending.waitFor({ state: 'detached' });
      assert.equal(await visitCount(), before + 1);
    } finally {
      await page.context().close();
    }
  });

  it('community1 registers a child without an ID, edits them and records the move out with its destination', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.goto(`${h.baseUrl}/people`);
      await page.getByTestId('people-table').waitFor();
      const households = (await (
        await page.request.get(`${h.baseUrl}/api/territory/nodes?kind=household&limit=1`)
      ).json()) as { items: { code: string }[] };
      await page.getByTestId('people-create').click();
      await page.getByTestId('create-name').fill('邝小宝');
      await page.getByTestId('create-id-kind').click();
      await page.locator('.ant-select-item-option', { hasText: '暂无证件' }).click();
      await page.getByLabel('无证件原因').fill('新生儿尚未办理');
      await page.getByLabel('男').check();
      await page.getByLabel('出生日期').fill('2025-06-01');
      await page.getByTestId('create-household').click();
      await page.keyboard.type(households.items[0]!.code);
      await page.locator('.ant-select-item-option', { hasText: households.items[0]!.code }).click();
      await page.getByTestId('create-submit').click();
      await page.getByText('已登记 邝小宝').waitFor();

      const search = page.getByTestId('people-search');
      await search.fill('邝小宝');
      await search.press('Enter');
      const row = page.locator('[data-testid="people-row"][data-name="邝小宝"]');
      await row.filter({ hasText: '暂无证件' }).waitFor();
      await row.click();
      await page.getByTestId('resident-drawer').waitFor();
      await page.getByTestId('resident-edit').click();
      await page.getByTestId('create-name').fill('邝小宝宝');
      await page.locator('.ant-modal').getByTestId('create-submit').click();
      await page.getByText('已保存').waitFor();
      await page.locator('[data-testid="resident-drawer"]').getByText('邝小宝宝').first().waitFor();

      await page.getByTestId('resident-move-out').click();
      await page.getByText('档案会保留').waitFor();
      await page.getByTestId('move-out-destination').fill('迁往杭州市');
      await page.locator('.ant-modal').getByTestId('create-submit').click();
      await page.getByText('已登记迁出').waitFor();
      await page.locator('[data-testid="resident-drawer"]').getByText('迁往杭州市').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('grid1 writes a field diary entry, turns it into a case and downloads the monthly ledger', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'grid1');
      await page.goto(`${h.baseUrl}/people/diary`);
      await page.getByTestId('diary-page').waitFor();
      await page.getByTestId('diary-new').click();
      await page.getByTestId('diary-content').fill('巡查发现小区东门路灯不亮');
      await page.getByTestId('diary-submit').click();
      await page.getByText('日记已保存').waitFor();
      const entry = page.locator('[data-testid="diary-item"]', { hasText: '东门路灯不亮' });
      await entry.waitFor();
      // The day assembles itself from what was recorded: the note is there without being typed again.
      await page.getByTestId('my-day').getByText('巡查发现小区东门路灯不亮').waitFor();

      await entry.getByTestId('diary-to-case').click();
      await page.getByTestId('category-class-C04').click();
      await page.getByTestId('category-sub-C0401').click();
      const made = page.waitForResponse((r) => /\/api\/people\/diary\/\d+\/case$/.test(r.url()));
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      const result = (await (await made).json()) as { caseId: number; created: boolean };
      assert.equal(result.created, true);
      await entry.getByText(`已转案件 #${result.caseId}`).waitFor();

      const download = page.waitForEvent('download');
      await page.getByTestId('diary-ledger').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^民情日记台账_.+_\d{4}-\d{2}\.xlsx$/);
    } finally {
      await page.context().close();
    }
  });
});
