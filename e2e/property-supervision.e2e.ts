// Journey: resident1 starts at `/` on a phone, opens "满意度测评", rates the property company on every dimension and
// submits; a second answer from the same household is refused (409 naming the household); the public red/black list
// shows a company on each list. Then community1 on a desktop opens "物业监管与评议" and sees 万户比 by company and month
// and the scorecard of departments with the residents' rating of the community.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedSupervisionDemo } from '../server/seed/demo-supervision';
import { login, newPage, openHome, phonePage, startHarness, DEMO_PASSWORD, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ extraSeed: (db) => seedSupervisionDemo(db) });
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;

describe('property supervision', () => {
  it('a resident answers the satisfaction survey once per household', async () => {
    const page = await phonePage(h);
    await openHome(page, h.baseUrl);
    await page.getByTestId('login-username').fill('resident1');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/m(\/|$|\?)/);
    await page.getByTestId('portal-home-surveys').click();
    await page.waitForURL(/\/m\/surveys/);
    const card = page.locator('[data-testid^="survey-"]', { hasText: '物业服务满意度' }).first();
    await card.waitFor();
    for (const d of ['cleaning', 'security', 'repairs', 'greenery'])
      await card.getByTestId(`rate-${d}`).locator('[role="radio"]').nth(3).click();
    if (shots) await page.screenshot({ path: `${shots}/supervision-survey-phone.png`, fullPage: true });
    await card.getByTestId('survey-submit').click();
    await card.getByTestId('survey-answered').waitFor();

    // The same household again, straight at the API as a second phone would: refused, nothing stored.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const me = (await (await fetch(`${h.baseUrl}/api/auth/me`, { headers: { cookie } })).json()) as {
      csrfToken: string;
    };
    const surveys = (await (await fetch(`${h.baseUrl}/api/supervision/surveys`, { headers: { cookie } })).json()) as {
      items: { id: number; kind: string; answered: boolean }[];
    };
    const prop = surveys.items.find((s) => s.kind === 'property')!;
    assert.equal(prop.answered, true);
    const again = await fetch(`${h.baseUrl}/api/supervision/surveys/${prop.id}/answers`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ scores: { cleaning: 1, security: 1, repairs: 1, greenery: 1 } }),
    });
    assert.equal(again.status, 409);
    const body = (await again.json()) as { error: { details: { path: string }[] } };
    assert.equal(body.error.details[0]!.path, 'household');

    await page.goto(`${h.baseUrl}/m/lists`);
    await page.getByTestId('list-red').waitFor();
    assert.match((await page.getByTestId('list-red').textContent()) ?? '', /安居物业/);
    assert.match((await page.getByTestId('list-black').textContent()) ?? '', /宜家物业/);
    if (shots) await page.screenshot({ path: `${shots}/supervision-lists-phone.png`, fullPage: true });
    await page.context().close();
  });

  it('community1 sees 万户比 and the scorecard', async () => {
    const page = await newPage(h);
    await login(page, h.baseUrl, 'community1');
    await page.getByTestId('menu-supervision').click();
    await page.waitForURL(/\/supervision/);
    await page.getByTestId('sup-tab-rates').click();
    await page.getByTestId('sup-rates').getByText('安居物业服务有限公司').waitFor();
    await page.getByTestId('sup-rate-formula').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/supervision-rates-desktop.png`, fullPage: true });
    await page.getByTestId('sup-tab-scorecards').click();
    await page.getByTestId('sup-community-rating').waitFor();
    await page.getByTestId('sup-scorecard').locator('tr.ant-table-row').first().waitFor();
    assert.match((await page.getByTestId('sup-scorecard').textContent()) ?? '', /样本过少不排名/);
    if (shots) await page.screenshot({ path: `${shots}/supervision-scorecard-desktop.png`, fullPage: true });
    await page.getByTestId('sup-tab-fund').click();
    // The fund of 锦绣小区1期 (安居物业's estate; the list is in territory order, so pick it by name).
    await page.getByTestId('fund-estate').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '锦绣小区1期' })
      .first()
      .click();
    await page
      .getByTestId('fund-balance')
      .filter({ hasText: /11,500\.00/ })
      .waitFor();
    if (shots) await page.screenshot({ path: `${shots}/supervision-fund-desktop.png`, fullPage: true });
    await page.context().close();
  });
});
