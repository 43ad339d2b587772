// Journey of one volunteer shift: volunteer1 starts at `/` on a phone, opens "我的志愿服务" and signs up for a free
// shift of the lunch service; volunteer2 meets a full shift and joins its waitlist, and is promoted when volunteer3
// cancels. The server's clock then moves past the shift; its organiser community1 confirms attendance and hours on the
// desktop staff page; the points award runs; volunteer1 sees the hours credited and the points on the phone, and
// finds the volunteer page again from the phone portal's home.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { z } from 'zod';
import type { ActivityList, ShiftAttendance } from '../contracts/volunteers';
import type { MyPoints } from '../contracts/points';
import { seedPointsDemo } from '../server/seed/demo-points';
import { seedDemoVolunteers } from '../server/seed/demo-volunteers';
import { login, openHome, startHarness, DEMO_PASSWORD, type Harness, phonePage } from './harness';

/** The server's clock: real time plus an offset the journey moves forward once the shift is over. */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };

let h: Harness;
before(async () => {
  h = await startHarness({ clock, extraSeed: (db) => seedPointsDemo(db) });
  await seedDemoVolunteers(h.app, h.deps);
  // The demo's past shifts enqueued their points awards; run them as the worker would.
  await h.deps.jobs.runDue(100);
});
after(async () => {
  await h?.close();
});

const shots = process.env.SCREENSHOT_DIR;
const LUNCH = '长者食堂助餐';
type Activities = z.infer<typeof ActivityList>;

/** Starts on a phone at `/`, logs in and opens "我的志愿服务" from the home page's links. */
async function onPhone(user: string): Promise<Page> {
  const page = await phonePage(h);
  // After the clock moved, the phone's own clock agrees with the server's (the page hides sign-up for past shifts).
  if (offset) await page.clock.setFixedTime(clock.now());
  await openHome(page, h.baseUrl);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('link', { name: /我的志愿服务/ }).click();
  await page.waitForURL(/\/m\/volunteer$/);
  await page.getByTestId('vol-hours-total').waitFor();
  return page;
}

const get = async <T>(page: Page, url: string): Promise<T> => {
  const r = await page.request.get(`${h.baseUrl}${url}`);
  assert.equal(r.status(), 200, `${url} answered ${r.status()}`);
  return (await r.json()) as T;
};

/** The lunch service's shifts as `page`'s user sees them, first shift first. */
async function lunchShifts(page: Page) {
  const all = await get<Activities>(page, '/api/volunteers/activities?scope=open');
  const lunch = all.items.find((a) => a.title === LUNCH);
  assert.ok(lunch, 'the lunch service is open');
  return lunch.shifts;
}

/** The card of the lunch service and its n-th shift on the phone page. */
const lunchShift = (page: Page, n: number) =>
  page.getByTestId('vol-activity').filter({ hasText: LUNCH }).getByTestId('vol-shift').nth(n);

describe('a volunteer shift from sign-up to credited hours', () => {
  let pointsBefore = 0;

  it('volunteer1 signs up for a free shift on the phone', async () => {
    const page = await onPhone('volunteer1');
    // The demo's two past shifts were confirmed: 3 + 2 hours.
    assert.equal(await page.getByTestId('vol-hours-total').textContent(), '累计 5 小时');
    pointsBefore = (await get<z.infer<typeof MyPoints>>(page, '/api/points/me')).balance;
    // The first shift already has volunteer1's place; the second is free.
    await lunchShift(page, 0).getByText('已报名').waitFor();
    const second = lunchShift(page, 1);
    await second.getByText('名额 0/2').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/volunteer-phone-before.png`, fullPage: true });
    await second.getByTestId('vol-signup').click();
    await page.getByText('报名成功').waitFor();
    await second.getByText('已报名').waitFor();
    await second.getByText('名额 1/2').waitFor();
    await second.getByTestId('vol-signup').waitFor({ state: 'detached' });
    const shifts = await lunchShifts(page);
    assert.equal(shifts[1]!.mine, 'confirmed');
    assert.equal(shifts[1]!.taken, 1);
    // Signing up again is harmless: the same answer, no second place.
    const again = await page.request.post(`${h.baseUrl}/api/volunteers/shifts/${shifts[1]!.id}/signup`, {
      headers: { 'x-csrf-token': await csrf(page) },
    });
    assert.equal(again.status(), 200);
    assert.equal(((await again.json()) as { status: string }).status, 'confirmed');
    assert.equal((await lunchShifts(page))[1]!.taken, 1);
    if (shots) await page.screenshot({ path: `${shots}/volunteer-phone.png`, fullPage: true });
    await page.context().close();
  });

  it('volunteer2 joins the waitlist of the full shift and is promoted when volunteer3 cancels', async () => {
    const v2 = await onPhone('volunteer2');
    const full = lunchShift(v2, 0);
    await full.getByText('名额 2/2').waitFor();
    await full.getByTestId('vol-signup').getByText('加入候补').click();
    await v2.getByText('名额已满，已加入候补').waitFor();
    await full.getByText('候补第 1 位').waitFor();
    await full.getByText('候补 1 人').waitFor();
    assert.equal((await lunchShifts(v2))[0]!.mine, 'waitlisted');
    if (shots) await v2.screenshot({ path: `${shots}/volunteer-phone-waitlist.png`, fullPage: true });
    // The first-aid cover needs a certificate volunteer2 has not got: refused, in Chinese, and no place taken.
    const cover = v2.getByTestId('vol-activity').filter({ hasText: '社区运动会医疗保障' });
    await cover.getByTestId('vol-signup').click();
    const refusal = v2.locator('.ant-message-error');
    await refusal.getByText(/证书/).waitFor();
    assert.doesNotMatch((await refusal.textContent()) ?? '', /[a-z]{4,}/i, 'the refusal is in Chinese');
    await cover.getByText('名额 0/3').waitFor();

    const v3 = await onPhone('volunteer3');
    const mine = lunchShift(v3, 0);
    await mine.getByText('已报名').waitFor();
    await mine.getByTestId('vol-cancel').click();
    await v3
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /取消报名/ })
      .click();
    await v3.getByText('已取消报名').waitFor();
    await mine.getByTestId('vol-signup').waitFor();
    await v3.context().close();

    const shift = (await lunchShifts(v2))[0]!;
    assert.equal(shift.mine, 'confirmed', 'the first on the waitlist takes the freed place');
    assert.equal(shift.taken, 2);
    assert.equal(shift.waitlisted, 0);
    await v2.reload();
    await lunchShift(v2, 0).getByText('已报名').waitFor();
    await v2.context().close();
  });

  it('after the shift, its organiser community1 confirms attendance and hours on /volunteers', async () => {
    const desk = await h.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(desk, h.baseUrl, 'community1');
    const second = (await get<Activities>(desk, '/api/volunteers/activities?scope=managed')).items
      .find((a) => a.title === LUNCH)!
      .shifts.at(1)!;
    // An hour after the second shift ended (the desk's session was made before; a new one is made after).
    offset = Date.parse(second.endsAt) + 3_600_000 - Date.now();
    await desk.context().close();

    const page = await h.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await page.clock.setFixedTime(clock.now());
    await login(page, h.baseUrl, 'community1');
    await page.getByTestId('menu-volunteers').click();
    await page.waitForURL(/\/volunteers$/);
    // A shift still to come offers its sign-up list; one that has begun, the attendance.
    await page
      .getByRole('row', { name: /社区运动会医疗保障/ })
      .getByTestId('vol-attendance-open')
      .getByText('报名名单')
      .waitFor();
    const row = page.getByRole('row', { name: new RegExp(LUNCH) });
    await row.getByTestId(`vol-shift-${second.id}`).getByTestId('vol-attendance-open').getByText('确认出勤').click();
    const dialog = page.getByRole('dialog');
    const person = dialog.getByTestId('vol-attendance-row').filter({ hasText: '郑洁' });
    await person.waitFor();
    assert.equal(await dialog.getByTestId('vol-attendance-row').count(), 1, 'only volunteer1 holds a place');
    assert.equal(await person.getByRole('checkbox').isChecked(), true);
    // The shift's length is offered as the hours.
    assert.equal(await person.getByTestId('vol-attendance-hours').inputValue(), '2.5');
    assert.equal(await dialog.getByText('班次开始后才能确认出勤').count(), 0);
    // A first confirmation is no correction: no reason is asked for.
    assert.equal(await dialog.getByPlaceholder(/更正原因/).count(), 0);
    if (shots) {
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      await page.screenshot({ path: `${shots}/volunteer-desktop-attendance.png` });
    }
    await dialog.getByRole('button', { name: /确认时长/ }).click();
    await page.getByText('出勤与时长已确认').waitFor();
    await dialog.waitFor({ state: 'detached' });

    const att = await get<z.infer<typeof ShiftAttendance>>(page, `/api/volunteers/shifts/${second.id}/attendance`);
    const v1 = att.items.find((r) => r.displayName.includes('郑洁'));
    assert.equal(v1?.attended, true);
    assert.equal(v1?.hours, 2.5);
    if (shots) await page.screenshot({ path: `${shots}/volunteer-desktop.png`, fullPage: true });
    for (const tab of ['服务队', '志愿者']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel', { name: tab }).locator('.ant-table-row').first().waitFor();
      if (shots) await page.screenshot({ path: `${shots}/volunteer-desktop-${tab}.png`, fullPage: true });
    }
    if (shots) {
      // The same staff page on a phone.
      await page.setViewportSize({ width: 390, height: 844 });
      for (const tab of ['志愿活动', '志愿者']) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel', { name: tab }).locator('.ant-table-row').first().waitFor();
        await page.screenshot({ path: `${shots}/volunteer-staff-phone-${tab}.png`, fullPage: true });
      }
    }
    await page.context().close();
  });

  it('volunteer1 sees the hours credited and the points', async () => {
    // The points award was enqueued with the confirmation; the worker runs it.
    assert.ok((await h.deps.jobs.runDue(20)) >= 1, 'the points award ran');
    const page = await onPhone('volunteer1');
    await page
      .getByTestId('vol-hours-item')
      .filter({ hasText: `${LUNCH} · 2.5 小时` })
      .waitFor();
    assert.equal(await page.getByTestId('vol-hours-total').textContent(), '累计 7.5 小时');
    // Both lunch shifts are over: the activity moved to the past ones, the shift shows its credited hours.
    const lunch = page.getByTestId('vol-activity').filter({ hasText: LUNCH });
    await lunch.getByTestId('vol-shift').nth(1).getByText('已记 2.5 小时').waitFor();
    await lunch.getByTestId('vol-signup').or(lunch.getByTestId('vol-cancel')).waitFor({ state: 'detached' });
    if (shots) await page.screenshot({ path: `${shots}/volunteer-phone-after.png`, fullPage: true });
    await page.getByRole('link', { name: '查看我的积分' }).click();
    await page.waitForURL(/\/m\/points/);
    await page
      .getByTestId('points-line')
      .filter({ hasText: `志愿服务：${LUNCH}` })
      .first()
      .waitFor();
    const balance = Number(await page.getByTestId('points-balance').textContent());
    // 2.5 hours at the rate of a community without its own rule (10 points an hour).
    assert.equal(balance, pointsBefore + 25);
    if (shots) await page.screenshot({ path: `${shots}/volunteer-phone-points.png`, fullPage: true });
    // A second run of the worker credits nothing more.
    await h.deps.jobs.runDue(20);
    assert.equal((await get<z.infer<typeof MyPoints>>(page, '/api/points/me')).balance, balance);
    // The phone portal's own home leads back to the volunteer page too.
    await page.locator('a.jy-brand').click();
    await page.waitForURL(/\/m$/);
    await page.getByTestId('portal-home-volunteer').click();
    await page.waitForURL(/\/m\/volunteer$/);
    await page.getByTestId('vol-hours-total').getByText('累计 7.5 小时').waitFor();
    await page.context().close();
  });

  it('the team leader volunteer2 reads the roll of an activity they organised, on the phone', async () => {
    const page = await onPhone('volunteer2');
    const row = page.getByTestId('vol-organised').locator('li', { hasText: '小区环境大扫除' });
    await row.getByRole('button', { name: '确认出勤' }).click();
    const dialog = page.locator('.ant-modal');
    // The seeded roll: volunteer1 and volunteer2 came, volunteer3 did not.
    assert.equal(await dialog.getByTestId('vol-attendance-row').count(), 3);
    await dialog.getByText('志愿者 冯秀英').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/volunteer-organiser-phone.png`, fullPage: true });
    await page.context().close();
  });
});

/** The CSRF token of `page`'s session, as the web app sends it. */
async function csrf(page: Page): Promise<string> {
  const me = await get<{ csrfToken?: string }>(page, '/api/auth/me');
  return me.csrfToken ?? '';
}
