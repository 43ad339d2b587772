// The web app over HTTP: `/` and every app path answer index.html, assets are files, and every answer (page, API,
// asset, docs) carries the security headers with a Content-Security-Policy that allows no inline or eval'd script.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing';
import { cspDirectives, tileSource } from './platform/security-headers';

let t: TestApp;
let webDir: string;
beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), 'jy-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>家园</title><div id="root"></div>');
  writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
  t = await createTestApp({ config: { webDir, mapTileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' } });
});
afterAll(async () => {
  await t?.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('the web app', () => {
  it('answers `/` (the README address, F5 on the home page) with index.html, with and without a query', async () => {
    for (const url of ['/', '/?from=readme', '/assets/', '/login', '/m']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/text\/html/);
      expect(r.body, url).toContain('<div id="root">');
    }
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
  });
});

describe('security headers', () => {
  it('are on the page, an API answer, an asset, an error and the API docs, with a CSP that allows no inline or eval script', async () => {
    const s = await t.login('admin');
    const answers = {
      page: await t.app.inject({ method: 'GET', url: '/' }),
      api: await t.as(s, { method: 'GET', url: '/api/auth/me' }),
      asset: await t.app.inject({ method: 'GET', url: '/assets/app.js' }),
      notFound: await t.app.inject({ method: 'GET', url: '/api/nothing-here' }),
      docs: await t.app.inject({ method: 'GET', url: '/api/docs/static/index.html' }),
    };
    for (const [name, r] of Object.entries(answers)) {
      expect(r.statusCode, name).toBeLessThan(name === 'notFound' ? 500 : 400);
      const csp = String(r.headers['content-security-policy']);
      const directive = (d: string) =>
        csp
          .split(';')
          .map((x) => x.trim())
          .find((x) => x.startsWith(`${d} `)) ?? '';
      expect(directive('script-src'), name).toBe("script-src 'self'");
      expect(directive('script-src-attr'), name).toBe("script-src-attr 'none'");
      expect(directive('object-src'), name).toBe("object-src 'none'");
      expect(directive('frame-ancestors'), name).toBe("frame-ancestors 'none'");
      expect(directive('img-src'), name).toBe("img-src 'self' data: blob: https://tiles.example.org");
      expect(csp, name).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
      expect(r.headers['x-content-type-options'], name).toBe('nosniff');
      expect(r.headers['x-frame-options'], name).toBe('DENY');
      expect(r.headers['referrer-policy'], name).toBe('strict-origin-when-cross-origin');
      expect(r.headers['cross-origin-opener-policy'], name).toBe('same-origin');
      expect(r.headers['strict-transport-security'], name).toBeUndefined();
    }
  });
});

describe('the tile server in the policy', () => {
  it('is the configured host, with a {s} subdomain as the one wildcard CSP allows, and nothing for a host CSP cannot name', () => {
    expect(tileSource('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://*.tile.openstreetmap.org');
    expect(tileSource('http://tiles.local:8080/{z}/{x}/{y}.png')).toBe('http://tiles.local:8080');
    expect(tileSource('https://webrd0{s}.is.example.com/x')).toBe('https://*.is.example.com');
    expect(tileSource("https://a.example.com;script-src 'unsafe-inline'/x")).toBeNull();
    expect(tileSource(undefined)).toBeNull();
    expect(cspDirectives({ mapTileUrl: undefined, cookieSecure: true })['upgrade-insecure-requests']).toEqual([]);
  });
});
