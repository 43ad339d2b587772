// Journey: the district administrator changes a catalogue item (its time limit and fee), the community worker switches
// it on for their community, a grid worker applies for a resident (陈晨, resident1) on their behalf, and the resident
// sees it on their phone marked as applied for them; the staff's figures page shows the formulas and a total row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedServiceDemo } from '../server/seed/demo-services';
import { DEMO_PASSWORD, login, newPage, openHome, phonePage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ extraSeed: seedServiceDemo });
});
after(async () => {
  await h?.close();
});

const ITEM = 'job_referral';

describe('keeping the catalogue and applying on a resident’s behalf', () => {
  it('the administrator edits an item; a bad limit is refused on its field', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'admin');
      await page.getByTestId('menu-services').click();
      await page.getByTestId('svc-link-catalogue').click();
      await page.getByTestId(`svc-edit-${ITEM}`).click();
      const form = page.getByTestId('svc-item-form');
      await form.waitFor();
      await page.getByTestId('svc-item-name').fill('就业岗位推荐');
      await form.getByLabel('收费').fill('不收费');
      await form.getByRole('spinbutton', { name: '工作日' }).fill('3');
      // Who may apply: households anywhere in the demo district (the territory condition, chosen by name).
      await form.getByTestId('svc-territory-pick').click();
      await page.keyboard.type('示范区');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: '示范区' })
        .first()
        .click();
      await form
        .locator('[data-testid^="svc-territory-"][data-testid$="0"], [data-testid^="svc-territory-"]')
        .filter({ hasText: '示范区' })
        .first()
        .waitFor();
      const saved = page.waitForResponse(
        (r) => r.url().endsWith(`/api/services/items/${ITEM}`) && r.request().method() === 'PATCH',
      );
      await page.getByTestId('svc-item-save').click();
      const res = await saved;
      assert.equal(res.status(), 200);
      const sent = res.request().postDataJSON() as { eligibility: { fact: string; nodeIds?: number[] }[] };
      assert.equal(sent.eligibility.find((c) => c.fact === 'territory')?.nodeIds?.length, 1);
      await page.getByText('就业岗位推荐').first().waitFor();
      await page.getByText('3 个工作日内办结').first().waitFor();
      await page.screenshot({ path: '/tmp/svc-catalogue-admin.png', fullPage: false });
    } finally {
      await page.context().close();
    }
  });

  it('the community worker switches it on for their community', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-services').click();
      await page.getByTestId('svc-link-catalogue').click();
      await page.getByTestId('svc-duties').waitFor();
      const sw = page.getByTestId(`svc-switch-${ITEM}`);
      await sw.waitFor();
      if ((await sw.getAttribute('aria-checked')) === 'true') {
        const off = page.waitForResponse((r) => r.url().includes(`/items/${ITEM}/switch`));
        await sw.click();
        await off;
        await page.waitForFunction(
          (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('aria-checked') === 'false',
          `svc-switch-${ITEM}`,
        );
      }
      const on = page.waitForResponse((r) => r.url().includes(`/items/${ITEM}/switch`));
      await sw.click();
      assert.equal((await on).status(), 200);
      await page.waitForFunction(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('aria-checked') === 'true',
        `svc-switch-${ITEM}`,
      );
      await page.screenshot({ path: '/tmp/svc-catalogue-community.png', fullPage: false });
    } finally {
      await page.context().close();
    }
  });

  let id = 0;
  it('a grid worker finds the resident and applies for them', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'grid1');
      await page.getByTestId('menu-services').click();
      await page.getByTestId('svc-link-apply').click();
      const resident = page.getByTestId('svc-for-resident');
      await resident.click();
      await page.keyboard.type('陈晨');
      await page.locator('.ant-select-item-option', { hasText: '陈晨' }).first().click();
      await page.getByTestId('svc-for-item').click();
      await page.keyboard.type('就业岗位');
      await page.locator('.ant-select-item-option', { hasText: '就业岗位推荐' }).first().click();
      await page.getByPlaceholder('补充说明（选填）').fill('居民腿脚不便，网格员代为申请');
      const made = page.waitForResponse(
        (r) => r.url().endsWith('/api/services/applications') && r.request().method() === 'POST',
      );
      await page.getByTestId('svc-for-submit').click();
      const res = await made;
      assert.equal(res.status(), 201);
      id = ((await res.json()) as { id: number }).id;
      await page.waitForURL(new RegExp(`/services/${id}$`));
      await page.screenshot({ path: '/tmp/svc-apply-for.png', fullPage: false });
    } finally {
      await page.context().close();
    }
  });

  it('the resident sees it on their phone, marked as applied for them and by whom', async () => {
    const page = await phonePage(h);
    try {
      await openHome(page, h.baseUrl);
      await page.getByTestId('login-username').fill('resident1');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/m$/);
      await page.getByTestId('portal-home-services').click();
      await page.getByTestId('svc-my-applications').click();
      await page.getByTestId(`svc-on-behalf-${id}`).waitFor();
      await page.getByTestId(`svc-application-${id}`).click();
      const who = await page.getByTestId('svc-on-behalf').textContent();
      assert.match(who ?? '', /网格员/);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling');
      await page.screenshot({ path: '/tmp/svc-resident-on-behalf.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('the figures page shows the formulas and a total row', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-services').click();
      await page.getByTestId('svc-link-figures').click();
      await page.getByTestId('svc-figures-total').waitFor();
      assert.match((await page.getByTestId('svc-figures-total').textContent()) ?? '', /合计/);
      assert.match((await page.getByTestId('svc-formula-ontime').textContent()) ?? '', /按时办结率 =/);
      await page.getByTestId('svc-formula-door').waitFor();
      await page.screenshot({ path: '/tmp/svc-figures.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
