// Journey of one order (点单 → 派单 → 接单 → 办结 → 评价): resident1 on a phone posts a need on /m/cobuild; community1 on
// a desktop dispatches it on /cobuild to the party member member1; member1 on a phone takes it and marks it done;
// resident1 rates it and sees it rated. Then community1 registers a partner unit, signs its 共驻共建 agreement and reads
// the units' records (a unit that never showed up marked 未开展服务), on a desktop and at phone width.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seedDemoCobuild } from '../server/seed/demo-cobuild';
import { login, newPage, openHome, startHarness, DEMO_PASSWORD, type Harness, phonePage } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedDemoCobuild(h.app);
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;
const NEED = '阳台水管漏水，想请人帮忙看看';

/** From `/` on a phone: log in as a resident and open the co-building page from the portal home. */
async function onPhone(user: string): Promise<Page> {
  const page = await phonePage(h);
  await openHome(page, h.baseUrl);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/m(\/|$|\?)/);
  await page.getByTestId('portal-home-cobuild').click();
  await page.waitForURL(/\/m\/cobuild/);
  return page;
}

describe('a need is ordered, dispatched, taken, done and rated', () => {
  it('resident1 posts a need on the phone', async () => {
    const page = await onPhone('resident1');
    await page.getByTestId('cob-need-title').fill(NEED);
    await page.getByTestId('cob-need-submit').click();
    const item = page.getByTestId('cob-my-needs').locator('li', { hasText: NEED });
    await item.getByText('待派单').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/cobuild-phone.png`, fullPage: true });
    await page.context().close();
  });

  it('community1 dispatches it to member1 on /cobuild', async () => {
    // A context of its own (newPage), so closing it lets the accessibility sweep open its pages.
    const page = await newPage(h, 'desktop');
    await login(page, h.baseUrl, 'community1');
    await page.getByTestId('menu-cobuild').click();
    await page.waitForURL(/\/cobuild/);
    const row = page.getByRole('row', { name: new RegExp(NEED) });
    await row.getByRole('button', { name: /^派\s*单$/ }).click();
    await page.getByTestId('cob-owner').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '黄志刚' }).click();
    await page.getByTestId('cob-dispatch-ok').click();
    await row.getByText('已派单').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/cobuild-desktop.png`, fullPage: true });
    await page.context().close();
  });

  it('member1 takes it and marks it done on the phone', async () => {
    const page = await onPhone('member1');
    await page
      .getByTestId('cob-member')
      .getByText(/已向 清河苑社区 报到/)
      .waitFor();
    const order = page.getByTestId('cob-my-orders').locator('li', { hasText: NEED });
    await order.getByRole('button', { name: /^接\s*单$/ }).click();
    await order.getByText('已接单').waitFor();
    await order.getByRole('button', { name: /^办\s*结$/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await order.getByText('已办结').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/cobuild-member.png`, fullPage: true });
    await page.context().close();
  });

  it('resident1 rates it', async () => {
    const page = await onPhone('resident1');
    const item = page.getByTestId('cob-my-needs').locator('li', { hasText: NEED });
    await item.getByText('已办结').waitFor();
    await item.getByRole('button', { name: /^评\s*价$/ }).click();
    await item.getByText('已评价').waitFor();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const needs = (await (await fetch(`${h.baseUrl}/api/cobuild/needs?mine=true`, { headers: { cookie } })).json()) as {
      items: { title: string; projectStatus: string | null }[];
    };
    assert.equal(needs.items.find((n) => n.title === NEED)?.projectStatus, 'rated');
    await page.context().close();
  });

  it('community1 registers a partner unit, signs its agreement and reads the units’ records', async () => {
    const page = await newPage(h, 'desktop');
    await login(page, h.baseUrl, 'community1');
    await page.getByTestId('menu-cobuild').click();
    await page.waitForURL(/\/cobuild/);
    const option = (text: string) =>
      page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();

    await page.getByTestId('cob-unit-new').click();
    await page.getByTestId('cob-unit-form').waitFor();
    // Without a name the form says what is missing and sends nothing.
    await page.getByTestId('cob-unit-save').click();
    await page.getByTestId('cob-unit-form').getByText('必填').first().waitFor();
    await page.getByTestId('cob-unit-name').fill('清河法律服务所');
    // community1 keeps one community: it is chosen for them.
    await page.getByTestId('cob-unit-form').locator('.ant-select-selection-item', { hasText: '清河苑社区' }).waitFor();
    await page.waitForTimeout(400);
    if (shots) await page.screenshot({ path: `${shots}/cobuild-unit-desktop.png` });
    await page.getByTestId('cob-unit-save').click();
    await page.getByText('单位已登记，请签订共建协议').waitFor();

    // The agreement opens with the new unit chosen.
    const form = page.getByTestId('cob-agreement-form');
    await form.waitFor();
    await form.getByText('清河法律服务所').first().waitFor();
    await form.locator('.ant-select-selection-item', { hasText: '清河苑社区' }).waitFor();
    await page.getByTestId('cob-agreement-party').fill('清河法律服务所党支部');
    await page.getByTestId('cob-commitment-0').fill('每月一次免费法律咨询');
    await form
      .locator('.ant-select', { has: page.getByRole('combobox', { name: '资源类别' }) })
      .first()
      .click();
    await option('法律咨询');
    await page.getByTestId('cob-commitment-add').click();
    await page.getByTestId('cob-commitment-1').fill('周末开放调解室');
    await page.waitForTimeout(400);
    if (shots) await page.screenshot({ path: `${shots}/cobuild-agreement-desktop.png` });
    await page.getByTestId('cob-agreement-save').click();
    await page.getByText('共建协议已签订，承诺资源已列入资源清单').waitFor();

    // The units and their records: the new unit and the power office have not shown up yet.
    await page.getByTestId('cob-tab-units').click();
    const units = page.getByTestId('cob-units');
    const lawRow = units.locator('tr', { hasText: '清河法律服务所' });
    await lawRow.getByText('未开展服务').waitFor();
    const powerRow = units.locator('tr', { hasText: '清河供电所' });
    await powerRow.getByText('未开展服务').waitFor();
    await powerRow.getByRole('button', { name: '履职记录' }).click();
    const record = page.getByTestId('cob-unit-record');
    await record.waitFor();
    await record.getByText('入户用电安全检查').waitFor();
    await record.getByText('独居老人家中电线老化').waitFor();
    assert.equal(await page.getByTestId('cob-record-done').textContent(), '0');
    await page.waitForTimeout(400);
    if (shots) await page.screenshot({ path: `${shots}/cobuild-record-desktop.png` });
    await page.context().close();

    // At phone width: the register form and a record.
    const small = await newPage(h, 'phone');
    await login(small, h.baseUrl, 'community1');
    await small.goto(`${h.baseUrl}/cobuild`);
    await small.getByTestId('cob-agreement-new').click();
    await small.getByTestId('cob-agreement-form').waitFor();
    await small.waitForTimeout(400);
    if (shots) await small.screenshot({ path: `${shots}/cobuild-agreement-phone.png` });
    await small.keyboard.press('Escape');
    await small.getByTestId('cob-tab-units').click();
    await small
      .getByTestId('cob-units')
      .locator('tr', { hasText: '清河法律服务所' })
      .getByRole('button', { name: '履职记录' })
      .click();
    await small.getByTestId('cob-unit-record').getByText('每月一次免费法律咨询').waitFor();
    await small.waitForTimeout(400);
    if (shots) await small.screenshot({ path: `${shots}/cobuild-record-phone.png`, fullPage: true });
    await small.context().close();
  });
});
