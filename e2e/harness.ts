// Browser-journey harness: the real server on a fresh embedded database with demo data, and Debian's Chromium
// driven through playwright-core (never a downloaded browser).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/platform/config';
import { openEmbedded, type Database } from '../server/platform/db';
import { createPlatform } from '../server/platform';
import type { PlatformDeps } from '../server/platform/deps';
import type { Clock } from '../server/platform/clock';
import { seedDemo } from '../server/seed/demo';
import { seedDemoPeople } from '../server/seed/demo-people';
import { seedCalendar } from '../server/platform/calendar/seed';
import { A11yScanner } from './a11y';

export const DEMO_PASSWORD = 'jiayuan-demo';

/** Finds Chromium: CHROMIUM_PATH, then Debian's /usr/bin/chromium; explains how to install it when missing. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium not found. Install Debian's package: `apt-get install chromium fonts-wqy-zenhei`, or set CHROMIUM_PATH.",
    );
  }
  return found;
}

export type Harness = {
  baseUrl: string;
  app: FastifyInstance;
  /** The platform the server runs on (its jobs are not started: a journey runs them with `deps.jobs.runDue()`). */
  deps: PlatformDeps;
  browser: Browser;
  a11y: A11yScanner;
  /** Stops everything; fails (throws) when a page the journeys visited had serious or critical axe violations. */
  close(): Promise<void>;
};

/**
 * The server with the demo district; `people: true` adds the demo residents a first start loads (seed/demo-people.ts);
 * `extraSeed` runs after the demo district (a journey's own demo data, e.g. the service hall's); `clock` is the
 * server's clock (a journey that must reach a later day moves it).
 */
export async function startHarness(
  opts: {
    people?: boolean;
    extraSeed?: (db: PlatformDeps['db'], crypto: PlatformDeps['crypto']) => Promise<void>;
    clock?: Clock;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jiayuan-e2e-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_DIR: path.resolve('dist/web') });
  if (!existsSync(path.join(config.webDir, 'index.html')))
    throw new Error('dist/web is missing: run `npm run build:web` first');
  const database: Database = await openEmbedded(dataDir);
  const deps = createPlatform(config, database, { info() {}, error() {} }, opts.clock);
  await seedDemo(deps.db, deps.crypto);
  if (opts.people) await seedDemoPeople(deps.db, deps.crypto, deps.clock);
  await opts.extraSeed?.(deps.db, deps.crypto);
  await seedCalendar(deps.db);
  await deps.calendar.load();
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Every context the journeys open is scanned with axe-core (e2e/a11y.ts); close() fails the file on violations.
  const a11y = new A11yScanner(config.webDir);
  a11y.watch(browser);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    deps,
    browser,
    a11y,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      const problems = a11y.report();
      if (problems) throw new Error(problems);
    },
  };
}

/** A fresh browser context (own cookies) at a desktop or phone size. */
export async function newPage(h: Harness, viewport: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
  const context = await h.browser.newContext({
    viewport: viewport === 'phone' ? { width: 360, height: 740 } : { width: 1366, height: 860 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** A resident's phone (390×844, touch), the size the portal journeys use. */
export async function phonePage(h: Harness): Promise<Page> {
  const context = await h.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Opens the home page `/` (the README's address) as a person would, and waits for the app to send a signed-out
 * visitor on to the login page: every journey starts there, so `/` itself stays covered.
 */
export async function openHome(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login(\?|$)/);
  await page.getByTestId('login-username').waitFor();
}

/** Logs in from the home page (through the login page it leads to) and waits for the app shell. */
export async function login(page: Page, baseUrl: string, user: string, password = DEMO_PASSWORD) {
  await openHome(page, baseUrl);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** A point inside the demo's first grid, where the residents' journeys report. */
export const IN_FIRST_GRID = { lat: 39.92, lng: 116.305 };

/**
 * From the portal home on a phone: report an illegal building (违法建设, found by its pinyin initials) at a point in
 * the first grid, typed as coordinates, with `description`; stops before sending.
 */
export async function fillPortalReport(page: Page, description: string, at = IN_FIRST_GRID) {
  await page.getByTestId('portal-home-report').click();
  await page.getByTestId('portal-category-search').fill('wfjs');
  await page.getByTestId('portal-category-E0101').click();
  await page.getByTestId('portal-category-chosen').waitFor();
  await page.getByTestId('wizard-next').click();
  await page.getByText('手动输入坐标').click();
  await page.getByTestId('report-lat').fill(String(at.lat));
  await page.getByTestId('report-lng').fill(String(at.lng));
  await page.getByTestId('report-lng').blur();
  await page.getByText(/所属网格：.*网格/).waitFor();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('portal-description').fill(description);
}
