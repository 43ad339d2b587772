// Journey on a 390×844 phone: resident A signs up and reports with a photo, resident B says "me too", the case is
// dispatched, handled and closed (staff steps through the API), and A logs in again, lands in the portal and rates it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import {
  DEMO_PASSWORD,
  fillPortalReport,
  openHome,
  startHarness,
  type Harness,
  phonePage as newPhonePage,
} from './harness';

let h: Harness;
const codes = new Map<string, string>();
before(async () => {
  h = await startHarness();
  // Test-only: capture the one-time codes instead of logging them.
  h.app.portalOtp.sender = { send: async (phone, code) => void codes.set(phone, code), notify: async () => {} };
});
after(async () => {
  await h?.close();
});

const phonePage = () => newPhonePage(h);

/** A staff session for the API steps: the cookie and CSRF token a browser would hold. */
async function staff(user: string) {
  const r = await fetch(`${h.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: DEMO_PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${h.baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return call;
}

async function signUp(page: Page, phone: string, name: string) {
  await openHome(page, h.baseUrl);
  await page.getByText('居民注册').click();
  await page.waitForURL(/\/m\/signup$/);
  await page.getByTestId('signup-phone').fill(phone);
  await page.getByTestId('signup-send-code').click();
  await page.getByText('验证码已发送').waitFor();
  await page.getByTestId('signup-code').fill(codes.get(phone)!);
  await page.getByTestId('signup-name').fill(name);
  await page.getByTestId('signup-password').fill('resident-pass-1');
  await page.getByTestId('signup-submit').click();
  await page.getByText(`${name}，您好`).waitFor();
}

/** The three steps up to the send button: category by pinyin, the point by coordinates (grid shown), the words. */

describe('residents report and follow a problem on a phone', () => {
  let caseId = 0;

  it('resident A signs up and reports an illegal building with a photo', async () => {
    const page = await phonePage();
    try {
      await signUp(page, '17700001111', '居民甲');
      await fillPortalReport(page, '北门外有人私搭彩钢房');
      const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#334455' } })
        .jpeg()
        .toBuffer();
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/files') && r.request().method() === 'POST');
      await page
        .getByTestId('report-photo-input')
        .setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: photo });
      const attachment = (await (await uploaded).json()) as { width: number; height: number };
      assert.ok(
        attachment.width <= 1600 && attachment.height <= 1600,
        `downscaled: ${attachment.width}×${attachment.height}`,
      );
      await page.locator('[data-testid="report-photos"][data-count="1"]').waitFor();
      await page.getByTestId('portal-submit').click();
      await page.waitForURL(/\/m\/mine\/\d+$/);
      caseId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.locator('[data-testid="mine-status"][data-status="reported"]').waitFor();
      await page.getByText('您反映了这个问题').waitFor();
      // Nothing of the admin shell on the phone layout.
      assert.equal(await page.getByTestId('user-menu').count(), 0);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling');
    } finally {
      await page.context().close();
    }
  });

  it('resident B meets the same problem and presses "me too" instead of sending a duplicate', async () => {
    const page = await phonePage();
    try {
      // Only a report on the public list (taken up by the community) is offered for "me too".
      const community = await staff('community1');
      await community('POST', `/api/cases/${caseId}/actions`, {
        action: 'register',
        version: (await community('GET', `/api/cases/${caseId}`)).version,
      });
      await signUp(page, '17700002222', '居民乙');
      await fillPortalReport(page, '北门有违建');
      await page.getByTestId('portal-submit').click();
      await page.locator(`[data-testid="portal-similar-item"][data-id="${caseId}"]`).waitFor();
      await page.getByTestId('portal-me-too').first().click();
      await page.getByText('共有 1 位居民也遇到').waitFor();
      // The supported report is in "my reports", marked as someone else's, and opens.
      await page.getByTestId('portal-tab-mine').click();
      await page.locator(`[data-testid="mine-item"][data-id="${caseId}"][data-relation="supporter"]`).click();
      await page.getByTestId('mine-supporter').waitFor();
      await page.locator('[data-testid="mine-status"][data-status="registered"]').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the community dispatches it, the department handles it, the grid worker closes it', async () => {
    const community = await staff('community1');
    const dept = await staff('dept1');
    const grid = await staff('grid1');
    const v = async () => (await community('GET', `/api/cases/${caseId}`)).version as number;
    assert.equal((await community('GET', `/api/cases/${caseId}`)).supportCount, 1);
    const { organisation } = (await community('GET', `/api/cases/${caseId}/suggested-handler`)) as {
      organisation: { id: number };
    };
    await community('POST', `/api/cases/${caseId}/actions`, {
      action: 'dispatch',
      version: await v(),
      triage: 'minor',
      organisationId: organisation.id,
    });
    await dept('POST', `/api/cases/${caseId}/actions`, { action: 'accept', version: await v() });
    await dept('POST', `/api/cases/${caseId}/actions`, { action: 'reply', version: await v(), result: '已责令拆除' });
    const closed = await grid('POST', `/api/cases/${caseId}/actions`, {
      action: 'verify',
      version: await v(),
      pass: true,
    });
    assert.equal(closed.status, 'closed');
  });

  it('resident A logs in through the login page, lands in the portal, follows the steps and rates the result', async () => {
    const page = await phonePage();
    try {
      await openHome(page, h.baseUrl);
      await page.getByTestId('login-username').fill('17700001111');
      await page.getByTestId('login-password').fill('resident-pass-1');
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/m$/);
      assert.ok(
        (await page.evaluate(() => document.documentElement.scrollWidth)) <= 390,
        'no sideways scrolling on the portal home',
      );
      await page.getByTestId('portal-tab-mine').click();
      await page
        .getByText(/已关闭|办结/)
        .first()
        .waitFor();
      await page.locator(`[data-testid="mine-item"][data-id="${caseId}"]`).click();
      await page.locator('[data-testid="mine-status"][data-status="closed"]').waitFor();
      for (const step of [
        '已交给处理单位',
        '处理单位已处理',
        '已责令拆除',
        '网格员现场核实，已办结',
        '又有一位居民也遇到了',
      ])
        await page.getByText(step).first().waitFor();
      await page.getByTestId('rate-satisfied').click();
      await page.getByTestId('rate-comment').fill('修得很快');
      await page.getByTestId('rate-submit').click();
      await page.locator('[data-testid="mine-rated"][data-rating="satisfied"]').waitFor();
      await page.getByText('您的评价：满意').waitFor();
      assert.equal(await page.getByTestId('rate-submit').count(), 0);
    } finally {
      await page.context().close();
    }
  });
});
