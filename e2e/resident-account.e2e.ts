// Journey on a 390×844 phone: resident1 (bound to a household) opens the account page, sees the household's members
// (masked) and the grid worker's card and no link prompt, changes the password, signs out and logs in with the new one;
// then "还没解决" on a closed report asks what is still wrong and confirms before sending.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, openHome, startHarness, type Harness, phonePage as newPhonePage } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const NEW_PASSWORD = 'new-resident-pass-9';

const phonePage = () => newPhonePage(h);

/** A session for the API steps: the cookie and CSRF token a browser would hold. */
async function session(user: string, password = DEMO_PASSWORD) {
  const r = await fetch(`${h.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password }),
  });
  assert.ok(r.ok, `login ${user}: ${r.status}`);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await r.json()) as { csrfToken: string; bindings: { role: string; nodeId: number | null }[] };
  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${h.baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { call, me };
}

async function loginAs(page: Page, user: string, password: string) {
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/m(\/account)?$/);
}

describe('a resident manages their account on a phone', () => {
  it('sees the household and the grid worker, no link prompt, changes the password, signs out and back in', async () => {
    // The community has registered two people in resident1's household.
    const resident = await session('resident1');
    const householdNodeId = resident.me.bindings.find((b) => b.role === 'resident')!.nodeId!;
    const admin = await session('admin');
    for (const name of ['欧阳小芳', '陈大伟'])
      await admin.call('POST', '/api/people/residents', {
        name,
        idKind: 'none',
        noIdReason: '演示',
        sex: 'female',
        birthDate: '1980-01-01',
        residenceType: 'registered',
        householdNodeId,
      });

    const page = await phonePage();
    try {
      await openHome(page, h.baseUrl);
      await loginAs(page, 'resident1', DEMO_PASSWORD);
      // Bound to a household: the home page does not ask to link one.
      await page.getByTestId('portal-home-report').waitFor();
      assert.equal(await page.getByText('关联我家（选填）').count(), 0);

      await page.getByTestId('portal-tab-account').click();
      await page.getByTestId('portal-account').waitFor();
      await page.getByTestId('account-household').waitFor();
      assert.equal(await page.getByTestId('account-member').count(), 2);
      await page.getByText('欧***').waitFor();
      await page.getByText('陈**').waitFor();
      assert.equal(await page.getByText('欧阳小芳').count(), 0, 'member names are masked');
      const card = page.getByTestId('account-grid-worker');
      await card.getByText('网格员 赵强').waitFor();
      await card.getByText('139****0004').waitFor();
      assert.equal(await page.getByText('关联我家（选填）').count(), 0, 'no link prompt on the account page either');
      assert.equal(await page.getByTestId('account-not-linked').count(), 0);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling');
      await page.screenshot({ path: '/tmp/portalacct-account.png', fullPage: true });

      await page.getByTestId('account-pw-current').fill(DEMO_PASSWORD);
      await page.getByTestId('account-pw-new').fill(NEW_PASSWORD);
      await page.getByTestId('account-pw-repeat').fill(NEW_PASSWORD);
      await page.getByTestId('account-pw-submit').click();
      await page.getByText('密码已修改').waitFor();

      await page.getByTestId('account-logout').click();
      await page.waitForURL(/\/login(\?|$)/);
      // The old password no longer opens the account; the new one does.
      await page.getByTestId('login-username').fill('resident1');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForTimeout(500);
      assert.match(page.url(), /\/login/);
      await loginAs(page, 'resident1', NEW_PASSWORD);
      await page.getByTestId('portal-tab-account').click();
      await page.getByTestId('account-household').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('"还没解决" asks what is still wrong and confirms before sending', async () => {
    const resident = await session('resident1', NEW_PASSWORD);
    const report = await resident.call('POST', '/api/portal/reports', {
      categoryCode: 'E0101',
      description: '北门外有人私搭彩钢房',
      location: { lat: 39.92, lng: 116.305 },
    });
    const id = report.id as number;
    const community = await session('community1');
    const dept = await session('dept1');
    const grid = await session('grid1');
    const v = async () => (await community.call('GET', `/api/cases/${id}`)).version as number;
    await community.call('POST', `/api/cases/${id}/actions`, { action: 'register', version: await v() });
    const { organisation } = (await community.call('GET', `/api/cases/${id}/suggested-handler`)) as {
      organisation: { id: number };
    };
    await community.call('POST', `/api/cases/${id}/actions`, {
      action: 'dispatch',
      version: await v(),
      triage: 'minor',
      organisationId: organisation.id,
    });
    await dept.call('POST', `/api/cases/${id}/actions`, { action: 'accept', version: await v() });
    await dept.call('POST', `/api/cases/${id}/actions`, { action: 'reply', version: await v(), result: '已责令拆除' });
    await grid.call('POST', `/api/cases/${id}/actions`, { action: 'verify', version: await v(), pass: true });

    const page = await phonePage();
    try {
      await openHome(page, h.baseUrl);
      await loginAs(page, 'resident1', NEW_PASSWORD);
      await page.getByTestId('portal-tab-mine').click();
      await page.locator(`[data-testid="mine-item"][data-id="${id}"]`).click();
      await page.locator('[data-testid="mine-status"][data-status="closed"]').waitFor();
      let rated = 0;
      page.on('request', (r) => void (r.url().endsWith('/rate') && rated++));
      await page.getByTestId('not-fixed').click();
      await page.getByText('还有什么没解决？').waitFor();
      assert.equal(rated, 0, 'nothing is sent before the resident confirms');
      // The reason is required.
      await page.getByTestId('not-fixed-confirm').click();
      await page.getByText('请写下还没解决的问题').waitFor();
      assert.equal(rated, 0);
      await page.getByTestId('not-fixed-reason').fill('彩钢房只拆了一半');
      await page.screenshot({ path: '/tmp/portalacct-notfixed.png' });
      await page.getByTestId('not-fixed-confirm').click();
      await page.locator('[data-testid="mine-rated"][data-rating="unsatisfied"]').waitFor();
      assert.equal(rated, 1);
      const after = await resident.call('GET', `/api/portal/reports/mine/${id}`);
      assert.equal(after.ratingComment, '彩钢房只拆了一半');
    } finally {
      await page.context().close();
    }
  });
});
