// Journey: a resident on a 390×844 phone applies for a residence certificate (居住证明) by booking a slot at the hall
// (预约到厅办理), sees the appointment on the application, moves it to another day, cancels it and books again; the
// community sees it in its queue (today's appointments at a tick) and changes the hall's windows on the catalogue page;
// hours that drop the booked slot ask first, and the resident is told to move it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seedServiceDemo } from '../server/seed/demo-services';
import { DEMO_PASSWORD, login, newPage, openHome, phonePage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ extraSeed: seedServiceDemo });
});
after(async () => {
  await h?.close();
});

async function residentLogin(page: Page) {
  await openHome(page, h.baseUrl);
  await page.getByTestId('login-username').fill('resident1');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/m$/);
}

/** Clicks the first slot with a seat left on the day shown and answers its start. */
async function pickFreeSlot(page: Page): Promise<string> {
  const slot = page.locator('[data-testid^="svc-time-"]:not([disabled])').first();
  await slot.waitFor();
  await slot.click();
  await page.locator('[data-testid^="svc-time-"][aria-pressed="true"]').waitFor();
  return (await slot.getAttribute('data-testid'))!.replace('svc-time-', '');
}

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const chinaDateOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

describe('a resident books a slot at the hall on a phone, moves it and cancels it', () => {
  let id = 0;
  let bookedAt = '';

  it('the resident finds the residence certificate, chooses the hall and a free slot, and applies', async () => {
    const page = await phonePage(h);
    try {
      await residentLogin(page);
      await page.getByTestId('portal-home-services').click();
      await page.getByTestId('svc-search').fill('jzzm');
      await page.getByTestId('svc-item-residence_cert').click();
      await page.getByTestId('svc-channel-hall').click();
      await page.getByTestId('svc-slot-picker').waitFor();
      // Until a slot is chosen the button asks for one.
      await page.getByTestId('svc-apply').getByText('请选择一个到厅时段').waitFor();
      assert.equal(await page.getByTestId('svc-apply').isDisabled(), true);
      const time = await pickFreeSlot(page);
      assert.match(time, /^\d\d:\d\d$/);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling');
      await page.screenshot({ path: '/tmp/hall-phone-slots.png', fullPage: true, animations: 'disabled' });
      await page.getByTestId('svc-apply').click();
      await page.waitForURL(/\/m\/applications\/\d+$/);
      id = Number(new URL(page.url()).pathname.split('/').pop());
      const at = page.getByTestId('svc-appointment-at');
      await at.getByText(time).waitFor();
      bookedAt = (await at.getAttribute('data-starts-at'))!;
      assert.ok(bookedAt, 'the appointment is on the application');
      await page.screenshot({ path: '/tmp/hall-phone-booked.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('the resident moves the appointment to another day, then cancels it and books again', async () => {
    const page = await phonePage(h);
    try {
      await residentLogin(page);
      await page.goto(`${h.baseUrl}/m/applications/${id}`);
      await page.getByTestId('svc-appointment-pick').click();
      await page.getByTestId('svc-slot-picker').waitFor();
      await page.locator('[data-testid^="svc-day-"]').nth(1).click();
      await page.locator('[data-testid^="svc-day-"]').nth(1).and(page.locator('[aria-pressed="true"]')).waitFor();
      await pickFreeSlot(page);
      await page.getByTestId('svc-appointment-confirm').click();
      const at = page.getByTestId('svc-appointment-at');
      await page.getByTestId('svc-slot-picker').waitFor({ state: 'detached' });
      const moved = (await at.getAttribute('data-starts-at'))!;
      assert.notEqual(chinaDateOf(moved), chinaDateOf(bookedAt), 'moved to another day');
      await page.getByText('改约到厅时段').first().waitFor();

      await page.getByTestId('svc-appointment-cancel').click();
      await page
        .locator('.ant-popconfirm-buttons button')
        .filter({ hasText: /取消预约/ })
        .click();
      await at.getByText('尚未预约到厅时段').waitFor();
      await page.getByText('取消到厅预约').first().waitFor();

      await page
        .getByTestId('svc-appointment-pick')
        .getByText(/^预约时段$/)
        .click();
      const time = await pickFreeSlot(page);
      await page.getByTestId('svc-appointment-confirm').click();
      await at.getByText(time).waitFor();
      bookedAt = (await at.getAttribute('data-starts-at'))!;
      await page.screenshot({ path: '/tmp/hall-phone-rebooked.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('the community sees the appointment in its queue and sets the hall to three windows', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-services').click();
      await page.getByTestId(`svc-queue-appointment-${id}`).waitFor();
      await page.screenshot({ path: '/tmp/hall-desktop-queue-all.png', animations: 'disabled' });
      const filtered = page.waitForResponse((r) => r.url().includes(`appointmentOn=${chinaToday()}`) && r.ok());
      await page.getByTestId('svc-queue-today').click();
      const body = (await (await filtered).json()) as { items: { id: number; appointmentAt: string | null }[] };
      // Only applications with a hall appointment today stay (the journey's own is there only if booked for today).
      assert.ok(body.items.every((a) => a.appointmentAt && chinaDateOf(a.appointmentAt) === chinaToday()));
      assert.equal(
        body.items.some((a) => a.id === id),
        chinaDateOf(bookedAt) === chinaToday(),
      );
      await page.locator(`[data-testid^="svc-queue-"][href]`).nth(body.items.length).waitFor({ state: 'detached' });
      const shown = await page.locator('[data-testid^="svc-queue-appointment-"]').count();
      const rows = await page.locator('[data-testid^="svc-queue-"][href]').count();
      assert.equal(shown, rows, 'every application listed under the tick has an appointment');
      await page.screenshot({ path: '/tmp/hall-desktop-queue.png', fullPage: true });

      await page.goto(`${h.baseUrl}/services/catalogue`);
      await page.getByTestId('svc-hall-hours').getByText('当前为默认设置，社区尚未修改').waitFor();
      await page.getByTestId('svc-hall-capacity').fill('3');
      await page.getByTestId('svc-hall-save').click();
      await page.getByText('已保存').waitFor();
      const hours = (await page.evaluate(async () => (await fetch('/api/services/hall/hours')).json())) as {
        capacity: number;
        custom: boolean;
      };
      assert.deepEqual([hours.capacity, hours.custom], [3, true]);
      await page.screenshot({ path: '/tmp/hall-desktop-hours.png' });
    } finally {
      await page.context().close();
    }
  });

  it('new hours that drop the booked slot ask the community first, then the resident sees they must move', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.goto(`${h.baseUrl}/services/catalogue`);
      const card = page.getByTestId('svc-hall-hours');
      await card.getByTestId('svc-hall-start-0').waitFor();
      // One early half hour: every booked slot from 09:00 on falls outside it.
      while ((await card.getByLabel(/删除时段/).count()) > 0)
        await card
          .getByLabel(/删除时段/)
          .last()
          .click();
      await card.getByTestId('svc-hall-start-0').fill('08:00');
      await card.getByTestId('svc-hall-end-0').fill('08:30');
      await card.getByTestId('svc-hall-save').click();
      const dialog = page.locator('.ant-modal-confirm:visible');
      await dialog.getByText(/个已预约的时段不在新的大厅时间内/).waitFor();
      await page.screenshot({ path: '/tmp/hall-desktop-affected.png' });
      await dialog.getByRole('button', { name: '保存并通知改约' }).click();
      await page.getByText(/已保存，已通知 \d+ 位居民改约/).waitFor();
    } finally {
      await page.context().close();
    }
    const phone = await phonePage(h);
    try {
      await residentLogin(phone);
      await phone.goto(`${h.baseUrl}/m/applications/${id}`);
      await phone.getByTestId('svc-appointment-unfit').getByText('大厅预约时间已调整').waitFor();
      await phone.getByText('大厅时间调整，原预约时段需改约').first().waitFor();
      await phone.screenshot({ path: '/tmp/hall-phone-unfit.png', fullPage: true });
    } finally {
      await phone.context().close();
    }
  });
});
