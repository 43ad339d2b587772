// Journeys of the first hour around the case loop: a summoned partner unit and the handling department find the whistle
// case in their to-do and report in; a resident's "me too" is in their reports and opens; 私事 goes to a named mediator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, fillPortalReport, newPage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const inGrid0 = { lat: 39.92, lng: 116.305 };

/** Opens the product at its address, as a person does, and logs in from there. */
async function loginFromHome(page: Page, user: string) {
  await page.goto(`${h.baseUrl}/`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-username').waitFor({ state: 'detached' });
}

/** A staff session for the setup steps through the API. */
async function staff(user: string) {
  const r = await fetch(`${h.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: DEMO_PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await r.json()) as { csrfToken: string; bindings: { organisationId: number | null }[] };
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
  return Object.assign(call, { organisationId: me.bindings[0]?.organisationId ?? null });
}

/** A registered case reported by grid1 in the first grid. */
async function registeredCase(categoryCode: string, description: string): Promise<{ id: number; number: string }> {
  const grid = await staff('grid1');
  const community = await staff('community1');
  const c = await grid('POST', '/api/cases', { categoryCode, description, location: inGrid0 });
  await community('POST', `/api/cases/${c.id}/actions`, { action: 'register', version: c.version });
  return { id: c.id as number, number: c.number as string };
}

/** The row of a case in an inbox list (a table on a desktop, cards on a phone). */
const rowOf = (page: Page, number: string) => page.locator(`[data-testid="case-row"][data-number="${number}"]`).first();

/** No Latin words inside the Chinese interface (numbers, codes and units aside). */
async function assertNoEnglish(page: Page, testId: string) {
  const text = await page.getByTestId(testId).first().innerText();
  const words = text.match(/[A-Za-z]{3,}/g) ?? [];
  assert.deepEqual(words, [], `English in ${testId}: ${text}`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/loop-${name}.png`, fullPage: true });
}

describe('the first hour around the case loop', () => {
  it('a summoned partner unit and the handling department find the whistle in 待办 and report in', async () => {
    const { id, number } = await registeredCase('E0101', '主干道电缆井盖破损，需供电所与城管到场会商');
    const community = await staff('community1');
    const dept = await staff('dept1');
    const power = await staff('power1');
    const v = async () => (await community('GET', `/api/cases/${id}`)).version;
    await community('POST', `/api/cases/${id}/actions`, {
      action: 'dispatch',
      version: await v(),
      triage: 'major',
      organisationId: dept.organisationId,
      overrideReason: '城管牵头',
    });
    await dept('POST', `/api/cases/${id}/actions`, { action: 'accept', version: await v() });

    // The community blows the whistle in the browser, choosing a partner unit beside the handling department.
    const cw = await newPage(h, 'desktop');
    try {
      await loginFromHome(cw, 'community1');
      await cw.getByTestId('user-menu').waitFor();
      await cw.goto(`${h.baseUrl}/cases/${id}`);
      await cw.getByTestId('case-action-whistle').click();
      await cw.getByTestId('action-submit').waitFor();
      await cw.getByTestId('whistle-orgs').click();
      await cw.getByTestId('whistle-orgs').locator('input').fill('供电所');
      await cw.locator('.ant-select-item-option', { hasText: '清河供电所' }).click();
      await cw.getByTestId('whistle-orgs').locator('input').fill('城市管理');
      await cw.locator('.ant-select-item-option', { hasText: '城市管理' }).first().click();
      await cw.getByTestId('action-note').fill('请供电所、城管局到场会商');
      await cw.getByTestId('action-submit').click();
      await cw
        .locator(`[data-testid="case-summons"] [data-org="${power.organisationId}"][data-reported="no"]`)
        .waitFor();
      await cw
        .locator(`[data-testid="case-summons"] [data-org="${dept.organisationId}"][data-reported="no"]`)
        .waitFor();
      await assertNoEnglish(cw, 'case-summons');
      await shot(cw, 'summons-desktop');
    } finally {
      await cw.context().close();
    }

    for (const [user, viewport] of [
      ['power1', 'phone'],
      ['dept1', 'desktop'],
    ] as const) {
      const page = await newPage(h, viewport);
      try {
        await loginFromHome(page, user);
        // The web opens on the to-do inbox; the summons waits there.
        await page.waitForURL(/\/cases(\?|$)|\/$/);
        await page.goto(`${h.baseUrl}/cases`);
        const row = rowOf(page, number);
        await row.waitFor();
        // The row says the summons waits for this organisation.
        await row.getByTestId('case-summons-tag').waitFor();
        if (user === 'power1') await shot(page, 'todo-phone');
        await row.click();
        await page.waitForURL(new RegExp(`/cases/${id}$`));
        await page.getByTestId('case-action-report_in').click();
        await page.getByTestId('action-note').fill(user === 'power1' ? '供电所已到场' : '城管局已到场');
        await page.getByTestId('action-submit').click();
        const org = user === 'power1' ? power.organisationId : dept.organisationId;
        await page.locator(`[data-testid="case-summons"] [data-org="${org}"][data-reported="yes"]`).waitFor();
        assert.equal(await page.getByTestId('case-action-report_in').count(), 0);
        await shot(page, `reported-${viewport}`);
      } finally {
        await page.context().close();
      }
    }
    // Reported in: gone from the partner unit's to-do.
    const todo = (await power('GET', '/api/cases?box=todo')).items as { id: number }[];
    assert.ok(!todo.some((x) => x.id === id));
  });

  it('a resident presses "me too", finds the report in 我的反映 and opens it', async () => {
    const { id } = await registeredCase('E0101', '小区北门外有人私搭彩钢房');
    const page = await newPage(h, 'phone');
    try {
      await loginFromHome(page, 'resident1');
      await fillPortalReport(page, '北门有违建', inGrid0);
      await page.getByTestId('portal-submit').click();
      await page.locator(`[data-testid="portal-similar-item"][data-id="${id}"]`).waitFor();
      await page.locator(`[data-testid="portal-similar-item"][data-id="${id}"]`).getByTestId('portal-me-too').click();
      await page.getByText('共有 1 位居民也遇到').waitFor();
      await shot(page, 'metoo-done-phone');
      await page.getByTestId('me-too-follow').click();
      await page.waitForURL(new RegExp(`/m/mine/${id}$`));
      await page.getByTestId('mine-supporter').waitFor();
      await page.locator('[data-testid="mine-status"][data-status="registered"]').waitFor();
      await page.getByText('小区北门外有人私搭彩钢房').waitFor();
      await shot(page, 'metoo-report-phone');
      await page.getByTestId('portal-tab-mine').click();
      await page.locator(`[data-testid="mine-item"][data-id="${id}"][data-relation="supporter"]`).waitFor();
      await shot(page, 'metoo-mine-phone');
    } finally {
      await page.context().close();
    }
  });

  it('a worker chooses 私事: the handler becomes a named mediator, in Chinese, who finds it in 待办', async () => {
    const { id, number } = await registeredCase('C0101', '楼上楼下漏水，邻里争执');
    const page = await newPage(h, 'desktop');
    try {
      await loginFromHome(page, 'community1');
      await page.getByTestId('user-menu').waitFor();
      await page.goto(`${h.baseUrl}/cases/${id}`);
      await page.getByTestId('case-action-dispatch').click();
      await page.getByTestId('action-submit').waitFor();
      await page.getByTestId('dispatch-triage').getByText('大事').click();
      await page.getByTestId('dispatch-triage').getByText('私事').click();
      // The form switches the handler itself: the grid's mediator, chosen; no department, no override reason.
      await page.getByTestId('dispatch-mediator').getByText('调解员 刘德厚').waitFor();
      assert.equal(await page.getByTestId('dispatch-override').count(), 0);
      assert.equal(await page.getByTestId('dispatch-org').count(), 0);
      await assertNoEnglish(page, 'action-modal');
      await shot(page, 'private-dispatch-desktop');
      await page.getByTestId('action-submit').click();
      await page.locator('[data-testid="case-status"][data-status="dispatched"]').waitFor();
      assert.equal((await page.getByTestId('case-assignee').innerText()).trim(), '调解员 刘德厚');
    } finally {
      await page.context().close();
    }

    const phone = await newPage(h, 'phone');
    try {
      await loginFromHome(phone, 'mediator1');
      await phone.goto(`${h.baseUrl}/cases`);
      const row = rowOf(phone, number);
      await row.waitFor();
      await shot(phone, 'mediator-todo-phone');
      await row.click();
      await phone.getByTestId('case-action-accept').waitFor();
      await shot(phone, 'mediator-case-phone');
    } finally {
      await phone.context().close();
    }
  });
});
