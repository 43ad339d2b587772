// Journey: a resident on a 390×844 phone applies online for temporary relief (临时救助) with photos; the community asks
// for one more material; the resident adds it; the community forwards it to civil affairs; the department approves;
// the resident is notified and rates it. Staff steps run in the browser at desktop size.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { seedServiceDemo } from '../server/seed/demo-services';
import {
  DEMO_PASSWORD,
  login,
  newPage,
  openHome,
  startHarness,
  type Harness,
  phonePage as newPhonePage,
} from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ extraSeed: seedServiceDemo });
});
after(async () => {
  await h?.close();
});

const phonePage = () => newPhonePage(h);

async function residentLogin(page: Page) {
  await openHome(page, h.baseUrl);
  await page.getByTestId('login-username').fill('resident1');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/m$/);
}

const photo = (colour: string) =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

describe('a resident applies for a subsidy on a phone and follows it to the end', () => {
  let id = 0;

  it('the resident finds temporary relief by pinyin, is told they may apply, and applies with photos', async () => {
    const page = await phonePage();
    try {
      await residentLogin(page);
      await page.getByTestId('portal-home-services').click();
      await page.getByTestId('svc-search').fill('lsjz');
      await page.getByTestId('svc-item-temp_relief').click();
      await page.getByTestId('svc-eligible').waitFor();
      await page.getByText('身份证正反面照片，四角完整、字迹清晰').waitFor();
      for (const [code, colour] of [
        ['id_card', '#336699'],
        ['hardship', '#996633'],
      ] as const) {
        const up = page.waitForResponse((r) => r.url().endsWith('/api/services/materials') && r.status() === 201);
        await page.getByTestId(`svc-file-${code}`).setInputFiles({
          name: `${code}.jpg`,
          mimeType: 'image/jpeg',
          buffer: await photo(colour),
        });
        await up;
      }
      await page.getByTestId('svc-note').fill('家中突发变故，请帮助');
      await page.getByTestId('svc-apply').click();
      await page.waitForURL(/\/m\/applications\/\d+$/);
      id = Number(new URL(page.url()).pathname.split('/').pop());
      await page.locator('[data-testid="svc-status"][data-status="submitted"]').waitFor();
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling');
      await page.screenshot({ path: '/tmp/svc-phone-applied.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('the community asks for one more material with a reason', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-services').click();
      await page.getByTestId(`svc-queue-${id}`).click();
      await page.getByTestId('svc-accept-hardship').click();
      await page.locator('[data-testid="svc-material-hardship"][data-status="accepted"]').waitFor();
      await page.getByTestId('svc-reason-input-id_card').fill('请补拍身份证背面');
      await page.getByTestId('svc-more-id_card').click();
      await page.locator('[data-testid="svc-status"][data-status="needs_material"]').waitFor();
      await page.screenshot({ path: '/tmp/svc-desktop-review.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('the resident sees the reason and adds the material', async () => {
    const page = await phonePage();
    try {
      await residentLogin(page);
      await page.goto(`${h.baseUrl}/m/applications/${id}`);
      await page.getByTestId('svc-reason-id_card').getByText('请补拍身份证背面').waitFor();
      const up = page.waitForResponse((r) => r.url().endsWith('/api/services/materials') && r.status() === 201);
      await page
        .getByTestId('svc-add-file-id_card')
        .setInputFiles({ name: 'back.jpg', mimeType: 'image/jpeg', buffer: await photo('#669933') });
      await up;
      await page.getByTestId('svc-add-send-id_card').click();
      await page.locator('[data-testid="svc-status"][data-status="submitted"]').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the community accepts the material and forwards the application to the civil affairs bureau', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.goto(`${h.baseUrl}/services/${id}`);
      await page.getByTestId('svc-accept-id_card').click();
      await page.locator('[data-testid="svc-material-id_card"][data-status="accepted"]').waitFor();
      await page.getByTestId('svc-forward-org').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '民政局' }).first().click();
      await page.getByTestId('svc-act-forward').click();
      await page.locator('[data-testid="svc-status"][data-status="forwarded"]').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the department handler finds it in their inbox and approves it', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'civil1');
      await page.getByTestId('menu-services').click();
      await page.getByTestId(`svc-queue-${id}`).click();
      await page.getByTestId('svc-act-decide').click();
      await page.locator('[data-testid="svc-status"][data-status="approved"]').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the resident is notified and rates the service', async () => {
    const page = await phonePage();
    try {
      await residentLogin(page);
      const notes = await page.evaluate(async () => (await fetch('/api/notifications')).json());
      assert.equal((notes as { items: { kind: string }[] }).items[0]!.kind, 'service_decided');
      await page.getByTestId('portal-home-services').click();
      await page.getByTestId('svc-my-applications').click();
      await page.getByTestId(`svc-application-${id}`).click();
      await page.waitForURL(new RegExp(`/m/applications/${id}$`));
      // The list stays on screen until the lazy detail page has loaded: wait for the detail before its status.
      await page.getByTestId('svc-rate-stars').waitFor();
      await page.locator('.jy-portal-card [data-testid="svc-status"][data-status="approved"]').waitFor();
      await page.getByTestId('svc-rate-stars').locator('li').nth(4).click();
      await page.getByTestId('svc-rate-submit').click();
      await page.getByTestId('svc-rated').waitFor();
      await page.screenshot({ path: '/tmp/svc-phone-rated.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('a grid worker records a service done at the door in one tap from the household page', async () => {
    const page = await newPage(h, 'phone');
    try {
      await login(page, h.baseUrl, 'grid1');
      const found = (await page.evaluate(async () =>
        (await fetch('/api/people/residents?q=' + encodeURIComponent('陈晨'))).json(),
      )) as { items: { id: number; householdNodeId: number }[] };
      const r = found.items[0]!;
      await page.goto(`${h.baseUrl}/people/households/${r.householdNodeId}`);
      await page.getByTestId(`svc-door-${r.id}`).click();
      await page.locator('.ant-modal .ant-select input').fill('养老金');
      await page.locator('.ant-select-dropdown .ant-select-item-option-active').waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '登记办结' }).click();
      await page.getByText('已登记上门办结').waitFor();
      // Offline (移动办公桌 in a cellar): the record waits in the outbox and is sent once when back online.
      const count = async () =>
        (
          (await page.evaluate(async () => (await fetch('/api/services/applications?mine=true&limit=100')).json())) as {
            items: unknown[];
          }
        ).items.length;
      const before = await count();
      await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
      await page.context().setOffline(true);
      await page.waitForTimeout(500);
      await page.getByTestId(`svc-door-${r.id}`).click();
      await page.locator('.ant-modal .ant-select input').fill('养老金');
      await page.locator('.ant-select-dropdown .ant-select-item-option-active').waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '登记办结' }).click();
      await page.getByText('暂无网络，已存入待发送，联网后自动补发').waitFor();
      await page.getByTestId('svc-door-outbox').waitFor();
      await page.context().setOffline(false);
      await page.getByText('已补发 1 条上门办结记录').waitFor();
      await page.getByTestId('svc-door-outbox').waitFor({ state: 'detached' });
      assert.equal(await count(), before + 1);
    } finally {
      await page.context().close();
    }
  });

  it('the community keeps its service list and duty lists', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.goto(`${h.baseUrl}/services/catalogue`);
      await page.getByText('出具无犯罪记录证明（公安机关职责）').waitFor();
      await page.getByRole('switch', { name: '在本社区开通“就业推荐”' }).click();
      await page.locator('[aria-label="在本社区开通“就业推荐”"][aria-checked="false"]').waitFor();
      await page.screenshot({ path: '/tmp/svc-desktop-catalogue.png' });
    } finally {
      await page.context().close();
    }
  });
});
