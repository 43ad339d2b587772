// Journey of the rooms' staff screens: from `/`, community1 defines a space with two zones that needs approval
// (/rooms/spaces); resident1 on a phone books two slots there and a weekly series; community1 refuses one slot with a
// reason and approves the other (/rooms/approvals); the resident sees the refusal with its reason and the approval's
// notice, and moves one occurrence of the series; community1 reads the utilisation page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { login, newPage, openHome, phonePage, startHarness, DEMO_PASSWORD, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;
const NAME = '居民议事厅（测试）';
const REASON = '当天已安排消防检查，请改约其他日期';

const cookieOf = async (page: Page) => (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

/** The first `n` dates at least 5 days ahead on which the space opens, from its month availability. */
async function openDays(spaceId: number, cookie: string, n: number): Promise<string[]> {
  const out: string[] = [];
  const soon = new Date(Date.now() + 8 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
  for (let m = 0; m < 3 && out.length < n; m++) {
    const d = new Date(Date.now() + 8 * 3_600_000);
    const month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1)).toISOString().slice(0, 7);
    const r = await fetch(`${h.baseUrl}/api/rooms/spaces/${spaceId}/availability?month=${month}`, {
      headers: { cookie },
    });
    const days = ((await r.json()) as { days: { date: string; open: boolean }[] }).days;
    out.push(...days.filter((x) => x.open && x.date >= soon).map((x) => x.date));
  }
  return out.slice(0, n);
}

describe('staff define a space and decide its bookings; the resident sees the outcome', () => {
  let staff: Page;
  let resident: Page;

  it('community1 defines a space with two zones that needs approval', async () => {
    staff = await newPage(h, 'desktop');
    await login(staff, h.baseUrl, 'community1');
    await staff.getByTestId('menu-room-spaces').click();
    await staff.waitForURL(/\/rooms\/spaces/);
    await staff.getByTestId('space-new').click();
    await staff.getByTestId('space-name').fill(NAME);
    await staff.getByTestId('space-capacity').fill('60');
    for (const [i, zone] of ['东区', '西区'].entries()) {
      await staff.getByTestId('space-zone-add').click();
      await staff.getByTestId('space-zone-name').nth(i).fill(zone);
      await staff.getByTestId('space-zone-capacity').nth(i).fill('30');
    }
    await staff.getByTestId('space-needs-approval').click();
    if (shots) await staff.screenshot({ path: `${shots}/rooms-space-form.png`, fullPage: true });
    await staff.getByTestId('space-save').click();
    const row = staff.getByTestId('space-table').locator('tr', { hasText: NAME });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /东区、西区/);
    assert.match(text, /需审核/);
    if (shots) await staff.screenshot({ path: `${shots}/rooms-spaces.png`, fullPage: true });
  });

  let days: string[] = [];
  it('resident1 books two slots and a weekly series there on the phone; they wait for approval', async () => {
    resident = await phonePage(h);
    await openHome(resident, h.baseUrl);
    await resident.getByTestId('login-username').fill('resident1');
    await resident.getByTestId('login-password').fill(DEMO_PASSWORD);
    await resident.getByTestId('login-submit').click();
    await resident.waitForURL(/\/m(\/|$|\?)/);
    await resident.getByTestId('portal-home-rooms').click();
    await resident.getByTestId('room-book-form').waitFor();
    await resident.getByTestId('room-space-select').click();
    await resident.locator('.ant-select-item-option', { hasText: NAME }).click();
    const spaces = (await (
      await fetch(`${h.baseUrl}/api/rooms/spaces`, { headers: { cookie: await cookieOf(resident) } })
    ).json()) as { items: { id: number; name: string }[] };
    const space = spaces.items.find((s) => s.name === NAME)!;
    days = await openDays(space.id, await cookieOf(resident), 2);
    const book = async (day: string, start: string, end: string, title: string, weekly = false) => {
      await resident.getByTestId('room-book-date').fill(day);
      await resident.getByTestId('room-book-start').fill(start);
      await resident.getByTestId('room-book-end').fill(end);
      await resident.getByTestId('room-book-title').fill(title);
      await resident.getByTestId('room-book-attendees').fill('12');
      if (weekly) {
        await resident.getByTestId('room-book-weekly').click();
        const until = new Date(Date.parse(`${day}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
        await resident.getByTestId('room-book-until').fill(until);
      }
      await resident.getByTestId('room-book-submit').click();
      await resident.getByTestId('room-booked').waitFor();
      assert.match((await resident.getByTestId('room-booked').textContent()) ?? '', /审核/);
    };
    await book(days[0]!, '10:00', '11:00', '楼道清理动员会');
    await book(days[1]!, '10:00', '11:00', '亲子读书会');
    await book(days[0]!, '15:00', '16:00', '每周手工课', true);
  });

  it('community1 refuses one with a reason (a reason is required) and approves the other', async () => {
    await staff.getByTestId('menu-room-approvals').click();
    await staff.waitForURL(/\/rooms\/approvals/);
    const rowOf = (title: string) => staff.getByTestId('approval-table').locator('tr', { hasText: title }).first();
    await rowOf('楼道清理动员会').waitFor();
    if (shots) await staff.screenshot({ path: `${shots}/rooms-approvals.png`, fullPage: true });
    await rowOf('楼道清理动员会').getByTestId('approval-refuse').click();
    await staff.getByTestId('refuse-submit').click();
    await staff.getByText('请填写驳回原因').waitFor();
    await staff.getByTestId('refuse-reason').fill(REASON);
    await staff.getByTestId('refuse-submit').click();
    await rowOf('楼道清理动员会').waitFor({ state: 'detached' });
    await rowOf('亲子读书会').getByTestId('approval-approve').click();
    await staff
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await rowOf('亲子读书会').waitFor({ state: 'detached' });
    // The series still waits.
    await rowOf('每周手工课').waitFor();
  });

  it('the resident sees the refusal with its reason and the approval’s notice, and moves one occurrence', async () => {
    await resident.reload();
    const refused = resident.getByTestId('room-mine-item').filter({ hasText: '楼道清理动员会' });
    await refused.getByTestId('room-mine-refused').waitFor();
    assert.match((await refused.getByTestId('room-mine-reason').textContent()) ?? '', new RegExp(REASON));
    const approved = resident.getByTestId('room-mine-item').filter({ hasText: '亲子读书会' });
    assert.equal(await approved.getByText('待审核').count(), 0);
    const notices = (await (
      await fetch(`${h.baseUrl}/api/notifications`, { headers: { cookie: await cookieOf(resident) } })
    ).json()) as { items: { kind: string; title: string }[] };
    const kinds = notices.items.filter((n) => n.title.startsWith(NAME)).map((n) => n.kind);
    assert.ok(kinds.includes('room_refused') && kinds.includes('room_approved'), kinds.join());

    // The second occurrence of the series moves to 17:30–18:30, alone.
    const series = resident.getByTestId('room-mine-item').filter({ hasText: '每周手工课' });
    assert.equal(await series.count(), 3);
    await series.nth(1).getByTestId('room-mine-move').click();
    await resident.getByTestId('move-start').fill('17:30');
    await resident.getByTestId('move-end').fill('18:30');
    await resident.getByTestId('move-submit').click();
    await resident.getByTestId('room-mine-item').filter({ hasText: '17:30–18:30' }).waitFor();
    const texts = await series.allTextContents();
    assert.equal(texts.filter((x) => x.includes('15:00–16:00')).length, 2);
    if (shots) await resident.screenshot({ path: `${shots}/rooms-phone-mine.png`, fullPage: true });
    await resident.context().close();
  });

  it('community1 approves the whole waiting series in one decision, then reads the utilisation', async () => {
    await staff.reload();
    const series = staff.getByTestId('approval-table').locator('tr', { hasText: '每周手工课' });
    await series.nth(2).waitFor();
    assert.equal(await series.count(), 3);
    await series.first().getByTestId('approval-approve').click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: '这次及以后' }).click();
    await series.first().waitFor({ state: 'detached' });
    await staff.getByTestId('util-link').click();
    await staff.waitForURL(/\/rooms\/utilisation/);
    const rows = staff.getByTestId('util-table').locator('tr', { hasText: NAME });
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3);
    // The whole room counts the confirmed bookings (the refused slot does not): at least the approved one.
    const whole = rows.filter({ hasText: '整间' });
    assert.ok(Number((await whole.locator('td').nth(4).textContent()) ?? 0) >= 1);
    if (shots) await staff.screenshot({ path: `${shots}/rooms-utilisation.png`, fullPage: true });
  });

  it('community1 cannot take the space out of use while its bookings are to come (told how many)', async () => {
    await staff.goto(`${h.baseUrl}/rooms/spaces`);
    await staff.getByTestId('space-table').locator('tr', { hasText: NAME }).getByTestId('space-edit').click();
    await staff.getByTestId('space-retire').click();
    await staff.locator('.ant-popconfirm:visible').getByRole('button', { name: '停用场地' }).click();
    await staff
      .getByText(/该场地还有 \d+ 个未开始的预约，请先取消/)
      .first()
      .waitFor();
    await staff.keyboard.press('Escape');
    await staff.goto(`${h.baseUrl}/rooms/spaces`);
    await staff.getByTestId('space-table').locator('tr', { hasText: NAME }).waitFor();
    await staff.close();
  });
});
