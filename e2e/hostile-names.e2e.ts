// Journey: a street officer names a grid, and the district administrator a category, as markup that would run
// script; the administrator opens the grid map, a resident the public map: the names show as the typed
// characters, no script runs, and the Content-Security-Policy reports nothing against the app's own pages
// (nor against /api/docs).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, login, newPage, openHome, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const HOSTILE_GRID = '<img src=x onerror="window.__xss=1">';
const HOSTILE_CATEGORY = '<img src=y onerror="window.__xss=2">';
const inGrid0 = { lat: 39.92, lng: 116.305 };

/** A staff session for the API steps: the cookie and CSRF token a browser would hold. */
async function staff(user: string) {
  const r = await fetch(`${h.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: DEMO_PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: object) => {
    const res = await fetch(`${h.baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Collects CSP violations and console errors of a page from before its first script runs. */
async function watch(page: Page) {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  return {
    async check(where: string) {
      const { xss, csp } = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: number }).__xss,
        csp: (window as unknown as { __csp: string[] }).__csp,
      }));
      assert.equal(xss, undefined, `${where}: injected script ran`);
      assert.deepEqual(csp, [], `${where}: CSP violations`);
      assert.deepEqual(
        consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)),
        [],
        `${where}: CSP console errors`,
      );
    },
  };
}

/** Hovers every shape of a Leaflet map and answers the tooltip texts seen. */
async function tooltipTexts(page: Page, map: string): Promise<string[]> {
  const shapes = page.locator(`${map} path.leaflet-interactive`);
  await shapes.first().waitFor();
  const texts = new Set<string>();
  for (let i = 0; i < (await shapes.count()); i++) {
    await shapes
      .nth(i)
      .hover({ force: true })
      .catch(() => {});
    for (const t of await page.locator(`${map} .leaflet-tooltip`).allInnerTexts()) texts.add(t.trim());
  }
  return [...texts];
}

it('names typed as markup stay text on the grid map and the public map, and no CSP violation is reported', async () => {
  const street = await staff('street1');
  const admin = await staff('admin');
  const grid = await staff('grid1');
  const community = await staff('community1');
  type Nodes = { items: { id: number; name: string }[] };
  const communities = (await street(
    'GET',
    `/api/territory/nodes?kind=community&q=${encodeURIComponent('清河苑社区')}`,
  )) as Nodes;
  const grids = ((await street('GET', `/api/territory/nodes?kind=grid&under=${communities.items[0]!.id}`)) as Nodes)
    .items;
  assert.ok(grids.length > 0, 'the street officer sees grids');
  await street('PATCH', `/api/territory/nodes/${grids[0]!.id}`, { name: HOSTILE_GRID });
  await admin('PATCH', '/api/cases/categories/C0101', { name: HOSTILE_CATEGORY });
  // A taken-up case with a point, so the public map of the community shows the category name.
  const c = (await grid('POST', '/api/cases', {
    categoryCode: 'C0101',
    description: '公共地图测试',
    location: inGrid0,
  })) as { id: number; status: string; version: number };
  if (c.status === 'reported')
    await community('POST', `/api/cases/${c.id}/actions`, { action: 'register', version: c.version });

  const page = await newPage(h);
  try {
    const watcher = await watch(page);
    await login(page, h.baseUrl, 'admin');
    await page.getByTestId('menu-territory').click();
    const search = page.getByTestId('territory-search');
    await search.click();
    await page.keyboard.type('清河苑社区');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '清河苑社区' })
      .first()
      .click();
    await page.getByTestId('node-detail-name').filter({ hasText: '清河苑社区' }).waitFor();
    await page.getByRole('tab', { name: /地图/ }).click();
    await page.getByTestId('territory-map').waitFor();
    const labels = await tooltipTexts(page, '[data-testid="territory-map"]');
    assert.ok(labels.includes(HOSTILE_GRID), `the grid's name shows as typed: ${JSON.stringify(labels)}`);
    assert.equal(
      await page.locator('[data-testid="territory-map"] .leaflet-tooltip img').count(),
      0,
      'no element made from the name',
    );
    await watcher.check('grid map');
  } finally {
    await page.context().close();
  }

  const phone = await newPage(h, 'phone');
  try {
    const watcher = await watch(phone);
    await openHome(phone, h.baseUrl);
    await phone.goto(`${h.baseUrl}/m/public`);
    await phone.locator('.jy-portal-map').waitFor();
    // The map opens at zoom 15 on the community's centre, about 2 km from the grid's point: zoom out as a person would.
    for (let i = 0; i < 2; i++) {
      await phone.locator('.jy-portal-map .leaflet-control-zoom-out').click();
      await phone.waitForTimeout(400);
    }
    const labels = await tooltipTexts(phone, '.jy-portal-map');
    assert.ok(labels.includes(HOSTILE_CATEGORY), `the category's name shows as typed: ${JSON.stringify(labels)}`);
    assert.equal(
      await phone.locator('.jy-portal-map .leaflet-tooltip img').count(),
      0,
      'no element made from the name',
    );
    await watcher.check('public map');
  } finally {
    await phone.context().close();
  }

  const docs = await newPage(h);
  try {
    const watcher = await watch(docs);
    await docs.goto(`${h.baseUrl}/api/docs`);
    await docs.locator('.swagger-ui .opblock').first().waitFor();
    await watcher.check('API docs');
  } finally {
    await docs.context().close();
  }
});
