// Journey without a tile server: the territory is the base map. A resident's public map opens on their community's
// reports over its outlines and grid names, the report map shows the grids around the point, and a case page shows
// its place on a small map instead of raw coordinates; a grid named as markup stays text.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  IN_FIRST_GRID,
  login,
  newPage,
  openHome,
  startHarness,
  type Harness,
  phonePage as newPhonePage,
} from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const HOSTILE = '<script>window.__xss=1</script>东区';
type Point = { lat: number; lng: number };
type Node = { id: number; name: string; parentId: number | null; kind: string };

/** A staff session for the API steps: the cookie and CSRF token a browser would hold. */
async function staff(user: string) {
  const r = await fetch(`${h.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: DEMO_PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return async (method: string, url: string, body?: object) => {
    const res = await fetch(`${h.baseUrl}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.ok, `${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Screenshots for a person to look at, when E2E_SHOTS names a folder. */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The view of a map as its container reports it: south, west, north, east. */
async function viewOf(page: Page, testId: string) {
  const map = page.getByTestId(testId);
  await page.waitForFunction(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.hasAttribute('data-bounds'),
    testId,
  );
  const [s, w, n, e] = (await map.getAttribute('data-bounds'))!.split(',').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { contains: (p: Point) => p.lat >= s && p.lat <= n && p.lng >= w && p.lng <= e, s, w, n, e };
}

/** The outline paths drawn in a map's base, after they arrive. */
async function outlineCount(page: Page, testId: string) {
  await page.waitForFunction(
    (id) => (document.querySelector(`[data-testid="${id}"] .leaflet-jy-base-pane path`) ?? null) !== null,
    testId,
  );
  return page.locator(`[data-testid="${testId}"] .leaflet-jy-base-pane path`).count();
}

/** The names shown as labels on a map, visible ones only. */
async function visibleLabels(page: Page, testId: string) {
  const labels = page.locator(`[data-testid="${testId}"] .leaflet-tooltip.jy-grid-label`);
  await labels.first().waitFor({ state: 'visible' });
  const texts: string[] = [];
  for (let i = 0; i < (await labels.count()); i++)
    if (await labels.nth(i).isVisible()) texts.push((await labels.nth(i).innerText()).trim());
  return texts;
}

/** The place the public page's picker shows as chosen. */
async function chosenPlace(page: Page) {
  await page.waitForLoadState('networkidle');
  return (await page.getByTestId('public-community').locator('.ant-select-selection-item').innerText()).trim();
}

async function phonePage(): Promise<Page> {
  const page = await newPhonePage(h);
  page.on('pageerror', (e) => assert.fail(`page error: ${e}`));
  return page;
}

describe('maps without a tile server', () => {
  let community: Node;
  let grids: Node[] = [];
  let caseId = 0;
  const casePoint: Point = { lat: IN_FIRST_GRID.lat + 0.004, lng: IN_FIRST_GRID.lng + 0.002 };

  before(async () => {
    const admin = await staff('admin');
    const grid1 = await staff('grid1');
    const community1 = await staff('community1');
    const firstGrid = ((await grid1('GET', '/api/territory/nodes')) as { items: Node[] }).items[0]!;
    community = (await admin('GET', `/api/territory/nodes/${firstGrid.parentId}`)) as unknown as Node;
    grids = ((await admin('GET', `/api/territory/nodes?parentId=${community.id}&kind=grid`)) as { items: Node[] })
      .items;
    // A grid of the resident's community named as markup: it must show as these characters.
    await admin('PATCH', `/api/territory/nodes/${grids[1]!.id}`, { name: HOSTILE });
    grids[1]!.name = HOSTILE;
    // A taken-up case with a point in the first grid, so the public map has a report to open on.
    const c = (await grid1('POST', '/api/cases', {
      categoryCode: 'E0104',
      description: '地图测试：路灯不亮',
      location: casePoint,
    })) as { id: number; status: string; version: number };
    caseId = c.id;
    // The estate around the point has a known boundary: staff maps draw it, the public ones never.
    const estate = (
      (await admin('GET', `/api/territory/nodes?parentId=${firstGrid.id}&kind=estate`)) as { items: Node[] }
    ).items[0]!;
    const d = 0.001;
    const ring = [
      [casePoint.lng - d, casePoint.lat - d],
      [casePoint.lng + d, casePoint.lat - d],
      [casePoint.lng + d, casePoint.lat + d],
      [casePoint.lng - d, casePoint.lat + d],
      [casePoint.lng - d, casePoint.lat - d],
    ];
    await admin('PATCH', `/api/territory/nodes/${estate.id}`, { geometry: { type: 'Polygon', coordinates: [ring] } });
    if (c.status === 'reported')
      await community1('POST', `/api/cases/${c.id}/actions`, { action: 'register', version: c.version });
  });

  it("opens a resident's public map on their community's reports, over its outlines and grid names", async () => {
    const page = await phonePage();
    try {
      await openHome(page, h.baseUrl);
      await page.getByTestId('login-username').fill('resident1');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/m(\/|$)/);
      await page.getByTestId('portal-tab-public').click();
      await page.locator('[data-testid="public-map"][data-count]:not([data-count="0"])').waitFor();
      // The resident's own community is chosen, not the first in the list.
      assert.match(await chosenPlace(page), new RegExp(`${community.name}$`));
      assert.ok((await outlineCount(page, 'public-map')) >= 1 + grids.length, 'community and grid outlines');
      const labels = await visibleLabels(page, 'public-map');
      assert.ok(
        grids.some((g) => labels.includes(g.name)),
        `grid names as labels: ${JSON.stringify(labels)}`,
      );
      assert.equal(await page.locator('[data-testid="public-map"] script').count(), 0, 'no element made from a name');
      assert.equal(await page.locator('[data-testid="public-map"] .jy-outline-estate').count(), 0, 'no estates');
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
      // The view holds every public report of the community, at about their coarse points.
      const list = (await (
        await fetch(`${h.baseUrl}/api/portal/public/reports?communityId=${community.id}&limit=50`)
      ).json()) as { items: { location: Point | null }[] };
      const view = await viewOf(page, 'public-map');
      const points = list.items.flatMap((r) => (r.location ? [r.location] : []));
      assert.ok(points.length > 0, 'the community has public reports');
      for (const p of points)
        assert.ok(view.contains(p), `report at ${JSON.stringify(p)} in view ${JSON.stringify(view)}`);
      await shot(page, 'public-map-phone');
    } finally {
      await page.context().close();
    }
  });

  it("opens a visitor's public map on the whole district's reports", async () => {
    const page = await phonePage();
    try {
      await openHome(page, h.baseUrl);
      await page.goto(`${h.baseUrl}/m/public`);
      await page.locator('[data-testid="public-map"][data-count]:not([data-count="0"])').waitFor();
      assert.equal(await chosenPlace(page), '全区');
      assert.ok((await outlineCount(page, 'public-map')) > grids.length, 'the whole territory is drawn');
      const view = await viewOf(page, 'public-map');
      assert.ok(view.contains(casePoint), `the report in view: ${JSON.stringify(view)}`);
      await shot(page, 'public-map-visitor-phone');
    } finally {
      await page.context().close();
    }
  });

  it('shows the grids and their names around the point on the report map', async () => {
    const page = await phonePage();
    try {
      await openHome(page, h.baseUrl);
      await page.getByTestId('login-username').fill('resident1');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/m(\/|$)/);
      await page.getByTestId('portal-home-report').click();
      await page.getByTestId('portal-category-search').fill('wfjs');
      await page.getByTestId('portal-category-E0101').click();
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('report-map').waitFor();
      assert.ok((await outlineCount(page, 'report-map')) > grids.length, 'district, community and grid outlines');
      // Before a point is chosen the map shows the resident's community (narrower than the district), not a fixed centre.
      await page.waitForFunction(
        (points) => {
          const [south, west, north, east] = (
            document.querySelector('[data-testid="report-map"]')?.getAttribute('data-bounds') ?? ''
          )
            .split(',')
            .map(Number) as number[];
          // No named helpers in here: the page runs this function's source, without the test's transpiler helpers.
          return (
            east! - west! < 0.15 &&
            points.every((p) => p.lat >= south! && p.lat <= north! && p.lng >= west! && p.lng <= east!)
          );
        },
        [IN_FIRST_GRID, casePoint],
      );
      await shot(page, 'report-map-start-phone');
      await page.getByText('手动输入坐标').click();
      await page.getByTestId('report-lat').fill(String(IN_FIRST_GRID.lat));
      await page.getByTestId('report-lng').fill(String(IN_FIRST_GRID.lng));
      await page.getByTestId('report-lng').blur();
      await page.getByText(/所属网格：.*网格/).waitFor();
      await page.waitForFunction(() => {
        const b = document
          .querySelector('[data-testid="report-map"]')
          ?.getAttribute('data-bounds')
          ?.split(',')
          .map(Number);
        return b !== undefined && b[2]! - b[0]! < 0.05;
      });
      const close = await viewOf(page, 'report-map');
      assert.ok(close.contains(IN_FIRST_GRID), `the point in view: ${JSON.stringify(close)}`);
      await page
        .locator('[data-testid="report-map"] .jy-label-grid', { hasText: grids[0]!.name })
        .waitFor({ state: 'visible' });
      await shot(page, 'report-map-phone');
      const labels = await visibleLabels(page, 'report-map');
      assert.ok(labels.includes(grids[0]!.name), `the point's grid is named: ${JSON.stringify(labels)}`);
      assert.equal(await page.locator('[data-testid="report-map"] script').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  it("shows a case's place on a small map over its grid, coordinates only beneath", async () => {
    for (const size of ['desktop', 'phone'] as const) {
      const page = await newPage(h, size);
      try {
        await login(page, h.baseUrl, 'grid1');
        await page.goto(`${h.baseUrl}/cases/${caseId}`);
        await page.getByTestId('case-number').waitFor();
        assert.ok((await outlineCount(page, 'case-place-map')) >= 1 + grids.length, 'community and grid outlines');
        const view = await viewOf(page, 'case-place-map');
        assert.ok(view.contains(casePoint), `the case's point in view: ${JSON.stringify(view)}`);
        assert.ok(view.n - view.s < 0.05, 'close enough to see the place');
        await page.locator('[data-testid="case-place-map"] .leaflet-overlay-pane path').waitFor();
        await page.locator('[data-testid="case-place-map"] path.jy-outline-estate').waitFor();
        const labels = await visibleLabels(page, 'case-place-map');
        assert.ok(labels.includes(grids[0]!.name), `the grid is named: ${JSON.stringify(labels)}`);
        // The coordinates are no longer the answer to "where": no description row holds them.
        const coordinates = `${casePoint.lat.toFixed(5)}, ${casePoint.lng.toFixed(5)}`;
        assert.equal(await page.locator('.ant-descriptions-item', { hasText: coordinates }).count(), 0);
        await shot(page, `case-page-${size}`);
      } finally {
        await page.context().close();
      }
    }
  });

  it('draws the territory under the inbox map of open cases, fitted to them', async () => {
    const page = await newPage(h);
    try {
      await login(page, h.baseUrl, 'community1');
      await page.getByTestId('menu-cases').click();
      await page.getByTestId('case-tab-map').click();
      await page.locator('[data-testid="case-map"] .leaflet-overlay-pane path').first().waitFor();
      assert.ok((await outlineCount(page, 'case-map')) > grids.length, 'the territory is drawn');
      const view = await viewOf(page, 'case-map');
      assert.ok(view.contains(casePoint), `the case in view: ${JSON.stringify(view)}`);
      await visibleLabels(page, 'case-map');
      await shot(page, 'case-map-desktop');
      // The territory page's map is drawn on the same base: the community's grids, clickable, with their names.
      await page.getByTestId('menu-territory').click();
      await page.getByRole('tab', { name: /地图/ }).click();
      await page.locator('[data-testid="territory-map"] path.leaflet-interactive').first().waitFor();
      await visibleLabels(page, 'territory-map');
      await shot(page, 'territory-map-desktop');
    } finally {
      await page.context().close();
    }
  });
});
