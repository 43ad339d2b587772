// Journey on a 390×844 phone: resident1 starts at `/`, opens "预约场地" in the portal, books the community hall, asks
// for the same slot again and is offered free alternatives (books one), then books a weekly series and sees them all
// under "我的预约"; then community1 on a desktop sees the bookings in the rooms page's week view.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemoRooms } from '../server/seed/demo-rooms';
import { login, openHome, startHarness, DEMO_PASSWORD, type Harness, phonePage as newPhonePage } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedDemoRooms(h.app);
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;

const phonePage = () => newPhonePage(h);

/** The first date at least 5 days ahead on which the hall opens, read from its month availability. */
async function openDay(spaceId: number, cookie: string): Promise<string> {
  for (let m = 0; m < 3; m++) {
    const d = new Date(Date.now() + 8 * 3_600_000);
    const month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1)).toISOString().slice(0, 7);
    const r = await fetch(`${h.baseUrl}/api/rooms/spaces/${spaceId}/availability?month=${month}`, {
      headers: { cookie },
    });
    const days = ((await r.json()) as { days: { date: string; open: boolean }[] }).days;
    const soon = new Date(Date.now() + 8 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
    const found = days.find((x) => x.open && x.date >= soon);
    if (found) return found.date;
  }
  throw new Error('no open day found');
}

describe('a resident books a room on the phone', () => {
  it('books, is offered alternatives on a conflict, books a weekly series', async () => {
    const page = await phonePage();
    await openHome(page, h.baseUrl);
    await page.getByTestId('login-username').fill('resident1');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/m(\/|$|\?)/);
    await page.getByTestId('portal-home-rooms').click();
    await page.waitForURL(/\/m\/rooms/);
    await page.getByTestId('room-book-form').waitFor();

    const cookies = await page.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const spaces = (await (await fetch(`${h.baseUrl}/api/rooms/spaces`, { headers: { cookie } })).json()) as {
      items: { id: number; name: string; canBook: boolean }[];
    };
    const hall = spaces.items.find((s) => s.canBook)!;
    assert.match(hall.name, /多功能厅/);
    const day = await openDay(hall.id, cookie);

    const fill = async (start: string, end: string, title: string) => {
      await page.getByTestId('room-book-date').fill(day);
      await page.getByTestId('room-book-start').fill(start);
      await page.getByTestId('room-book-end').fill(end);
      await page.getByTestId('room-book-title').fill(title);
      await page.getByTestId('room-book-attendees').fill('12');
    };
    await fill('14:00', '15:00', '楼栋议事');
    await page.getByTestId('room-book-submit').click();
    await page.getByTestId('room-booked').waitFor();
    assert.match((await page.getByTestId('room-booked').textContent()) ?? '', /预约成功/);

    // The same slot again: a clear conflict, offered as alternatives; one tap books the first of them.
    await fill('14:00', '15:00', '手工课');
    await page.getByTestId('room-book-submit').click();
    await page.getByTestId('room-book-problem').waitFor();
    assert.match((await page.getByTestId('room-book-problem').textContent()) ?? '', /已被预约/);
    await page.getByTestId('room-alternative').first().waitFor();
    if (shots) await page.screenshot({ path: `${shots}/rooms-phone-conflict.png`, fullPage: true });
    await page.getByTestId('room-alternative').first().click();
    await page.getByTestId('room-booked').waitFor();

    // A weekly series of four.
    await fill('16:00', '17:00', '每周书法课');
    await page.getByTestId('room-book-weekly').click();
    const until = new Date(Date.parse(`${day}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('room-book-until').fill(until);
    await page.getByTestId('room-book-submit').click();
    await page.getByTestId('room-booked').waitFor();
    const text = (await page.getByTestId('room-booked').textContent()) ?? '';
    assert.match(text, /预约成功，共 \d 次/);
    const count = Number(/共 (\d) 次/.exec(text)![1]);
    const skipped = /已跳过：(.*)/.exec(text)?.[1]?.split('、').length ?? 0;
    assert.equal(count + skipped, 4);

    await page
      .getByTestId('room-mine-item')
      .nth(1 + count)
      .waitFor();
    assert.ok((await page.getByTestId('room-mine-item').count()) >= 2 + count);
    if (shots) await page.screenshot({ path: `${shots}/rooms-phone.png`, fullPage: true });
    await page.context().close();
  });

  it('staff see the bookings in the week view on a desktop', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    await login(page, h.baseUrl, 'community1');
    await page.getByTestId('menu-rooms').click();
    await page.getByTestId('room-calendar').waitFor();
    await page.getByTestId('room-slot').first().waitFor();
    await page.getByTestId('room-utilisation').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/rooms-desktop.png`, fullPage: true });
    await page.close();
  });
});
