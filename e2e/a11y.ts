// Accessibility scans of every page the browser journeys visit: axe-core run inside the page at the journey's own
// viewport and at the other one (phone 390x844, desktop 1366x860); serious and critical violations fail the file.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 860 };
const FAILING_IMPACTS = new Set(['serious', 'critical']);

type Viewport = 'phone' | 'desktop';
export type A11yViolation = {
  rule: string;
  impact: string;
  page: string;
  viewport: Viewport;
  selector: string;
  help: string;
  /** axe's own explanation for this element, e.g. the two colours and the ratio of a contrast failure. */
  detail: string;
};

/** One page kind: the path with numeric ids folded (`/cases/17` and `/cases/18` are one page), no query. */
export function pageKind(url: string): string | null {
  const u = new URL(url);
  if (!/^https?:$/.test(u.protocol)) return null;
  // The Swagger UI under /api/docs is a third-party page served for developers, not part of the web app.
  if (u.pathname.startsWith('/api/')) return null;
  return u.pathname.replace(/\/\d+(?=\/|$)/g, '/:id');
}

/**
 * Waits until the page's DOM has been quiet for 250 ms (React rendered, data arrived) and its finite CSS animations
 * (antd's motion) have ended, at most about 3 s.
 * A string, not a function: tsx would wrap the inner functions in a `__name` helper the page does not have.
 */
const SETTLE = `(async () => {
  const cap = Date.now() + 3000;
  const quiet = () => new Promise((resolve) => {
    let timer;
    const done = () => { observer.disconnect(); clearTimeout(stop); resolve(); };
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 250); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    timer = setTimeout(done, 250);
    const stop = setTimeout(done, Math.max(0, cap - Date.now()));
  });
  await quiet();
  // Fades and slides (a toast coming or going) would be measured half-transparent: let the finite ones end.
  const moving = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
  if (moving.length > 0) {
    await Promise.race([Promise.all(moving.map((a) => a.finished.catch(() => {}))), new Promise((r) => setTimeout(r, Math.max(0, cap - Date.now())))]);
    await quiet();
  }
})()`;

async function settle(page: Page) {
  await page.evaluate(SETTLE);
}

/**
 * Collects the serious and critical violations of every page kind the journeys of one test file reach. Each kind is
 * scanned once per viewport: when a journey arrives (page.goto, page.waitForURL) at its own size and, resized for a
 * moment, at the other; kinds reached otherwise (a click that changes the route) are scanned when the context
 * closes, in a fresh tab of the same session.
 *
 * Across the test files of one run (one `node --test` runner) the scans are shared: a kind another file of the run
 * already scanned on the same build of the web app (a note in the temp directory named by the runner's pid and the
 * hash of dist/web/index.html, which names every bundle) is not scanned again, so the login page and home are not
 * scanned twelve times. Its violations failed that other file; a new run scans everything afresh.
 */
export class A11yScanner {
  readonly violations: A11yViolation[] = [];
  private readonly scanned = new Set<string>();
  private readonly earlier: Set<string>;
  private readonly notes: string;
  private readonly unreached = new Set<string>();
  /** Time spent scanning and sweeping, in ms: what the scans add to the journeys. */
  private spent = 0;
  private depth = 0;

  /** Runs `work`, adding its time to `spent` unless it runs inside other timed work (a sweep's scans). */
  private async timed(work: () => Promise<void>) {
    const started = performance.now();
    this.depth += 1;
    try {
      await work();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.spent += performance.now() - started;
    }
  }

  constructor(webDir: string) {
    const build = createHash('sha256')
      .update(readFileSync(path.join(webDir, 'index.html')))
      .digest('hex')
      .slice(0, 16);
    // process.ppid is the `node --test` runner, which starts one process per test file: one note per run and build.
    this.notes = path.join(tmpdir(), `jiayuan-a11y-${process.ppid}-${build}.txt`);
    this.earlier = new Set(existsSync(this.notes) ? readFileSync(this.notes, 'utf8').split('\n').filter(Boolean) : []);
  }

  private done(key: string) {
    return this.scanned.has(key) || this.earlier.has(key);
  }

  /** Instruments every context the browser makes from now on. */
  watch(browser: Browser) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
      const context = await newContext(...args);
      this.watchContext(context);
      return context;
    };
  }

  private watchContext(context: BrowserContext) {
    const visited = new Map<string, string>();
    context.on('page', (page) => this.watchPage(page, visited));
    const close = context.close.bind(context);
    context.close = async (...args: Parameters<BrowserContext['close']>) => {
      await this.sweep(context, visited).catch((e: unknown) => {
        this.unreached.add(`(sweep failed: ${String(e)})`);
      });
      return close(...args);
    };
  }

  private watchPage(page: Page, visited: Map<string, string>) {
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const kind = pageKind(frame.url());
      if (kind && !visited.has(kind)) visited.set(kind, frame.url());
    });
    const goto = page.goto.bind(page);
    page.goto = async (...args: Parameters<Page['goto']>) => {
      const response = await goto(...args);
      await this.scan(page);
      return response;
    };
    const waitForURL = page.waitForURL.bind(page);
    page.waitForURL = async (...args: Parameters<Page['waitForURL']>) => {
      await waitForURL(...args);
      await this.scan(page);
    };
  }

  /** Scans the page where it stands, at its size and then at the other, unless this kind was scanned already. */
  async scan(page: Page) {
    await this.timed(() => this.scanNow(page));
  }

  private async scanNow(page: Page) {
    const kind = pageKind(page.url());
    const size = page.viewportSize();
    if (!kind || !size) return;
    const own: Viewport = size.width < 768 ? 'phone' : 'desktop';
    const other: Viewport = own === 'phone' ? 'desktop' : 'phone';
    if (!this.done(`${own} ${kind}`)) await this.run(page, kind, own);
    if (!this.done(`${other} ${kind}`)) {
      await page.setViewportSize(other === 'phone' ? PHONE : DESKTOP);
      try {
        await this.run(page, kind, other);
      } finally {
        await page.setViewportSize(size);
      }
      await settle(page);
    }
  }

  private async run(page: Page, kind: string, viewport: Viewport) {
    await settle(page);
    // The app may have moved on meanwhile (the login page sends a signed-in person home): not this kind any more.
    if (pageKind(page.url()) !== kind) return;
    // Injected with evaluate rather than a <script> tag: the app's Content-Security-Policy refuses inline scripts,
    // and the journeys keep testing that policy.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    // Toasts (antd message and notification) leave on a timer: one caught mid-fade is measured half-transparent.
    // They are left out of the scan; their colours are antd's text on white, which the pages themselves show.
    const results = await page.evaluate(() =>
      (window as unknown as { axe: { run(c: object, o: object): Promise<unknown> } }).axe.run(
        { exclude: ['.ant-message', '.ant-notification'] },
        { resultTypes: ['violations'] },
      ),
    );
    this.scanned.add(`${viewport} ${kind}`);
    appendFileSync(this.notes, `${viewport} ${kind}\n`);
    for (const v of (results as AxeResults).violations) {
      if (!v.impact || !FAILING_IMPACTS.has(v.impact)) continue;
      for (const node of v.nodes)
        this.violations.push({
          rule: v.id,
          impact: v.impact,
          page: kind,
          viewport,
          selector: node.target.join(' '),
          help: v.help,
          detail: node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? '',
        });
    }
  }

  /** Before a context closes: the kinds it reached but never scanned, opened again in a fresh tab. */
  private async sweep(context: BrowserContext, visited: Map<string, string>) {
    await this.timed(() => this.sweepNow(context, visited));
  }

  private async sweepNow(context: BrowserContext, visited: Map<string, string>) {
    const missing = [...visited].filter(([kind]) => !this.done(`phone ${kind}`) || !this.done(`desktop ${kind}`));
    if (missing.length === 0) return;
    const page = await context.newPage();
    try {
      for (const [kind, url] of missing) {
        await page.goto(url);
        // A page the session can no longer open (signed out, deleted record) lands elsewhere: say so, do not guess.
        if (pageKind(page.url()) !== kind) this.unreached.add(kind);
      }
    } finally {
      await page.close();
    }
  }

  /** The violations as one readable message, or null when there are none. */
  report(): string | null {
    if (this.unreached.size > 0)
      console.error(`a11y: not scanned (unreachable when swept): ${[...this.unreached].join(', ')}`);
    console.error(`a11y: scanned ${this.scanned.size} page/viewport pairs in ${(this.spent / 1000).toFixed(1)} s`);
    if (this.violations.length === 0) return null;
    const groups = new Map<string, A11yViolation[]>();
    for (const v of this.violations) {
      const key = `[${v.impact}] ${v.rule} on ${v.page} (${v.viewport})`;
      groups.set(key, [...(groups.get(key) ?? []), v]);
    }
    const lines = [...groups].map(([key, vs]) => {
      const shown = vs.slice(0, 3).map((v) => `\n      ${v.selector}\n        ${v.detail}`);
      return `  ${key}: ${vs.length} element(s) — ${vs[0]!.help}${shown.join('')}`;
    });
    return `${this.violations.length} serious or critical accessibility violations:\n${lines.join('\n')}`;
  }
}
