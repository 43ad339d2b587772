// Security headers on every answer (pages, API, assets, docs): a strict Content-Security-Policy and helmet's others.
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { Config } from './config';

/**
 * The CSP source for the configured map tile server: its scheme and host, with a `{s}` subdomain placeholder as
 * the `*.` wildcard CSP allows (e.g. `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png` → `https://*.tile.openstreetmap.org`).
 */
export function tileSource(mapTileUrl: string | undefined): string | null {
  if (!mapTileUrl) return null;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(mapTileUrl);
  if (!m) return null;
  const labels = m[2]!.split('.');
  if (labels[0]!.includes('{')) labels[0] = '*';
  const host = labels.join('.');
  // Anything else templated in the host cannot be written as a CSP source: allow nothing rather than too much.
  if (/[{}\s;,']/.test(host)) return null;
  return `${m[1]!.toLowerCase()}://${host}`;
}

/** The Content-Security-Policy directives of the app (and of /api/docs, which needs nothing more). */
export function cspDirectives(config: Pick<Config, 'mapTileUrl' | 'cookieSecure'>): Record<string, string[]> {
  const tiles = tileSource(config.mapTileUrl);
  return {
    'default-src': ["'self'"],
    // Only our own files: no inline script, no eval, no script from attributes (onerror=…). The web build and
    // swagger-ui load every script from a file.
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    // antd 5 writes its CSS-in-JS as <style> elements at run time, and index.html and swagger-ui carry inline styles;
    // without a per-request nonce in index.html (it is a static file) that needs 'unsafe-inline'. Styles cannot run
    // script, so the cost is limited to CSS-based tricks on a page that already shows only text.
    'style-src': ["'self'", "'unsafe-inline'"],
    // data: for the favicon, antd's and swagger-ui's inline SVG; blob: for photo previews (downscaleImage) and saved
    // downloads; the map tile server when one is configured.
    'img-src': ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Only behind HTTPS (COOKIE_SECURE=1): on a plain-HTTP install it would send the browser to https:// for every asset.
    ...(config.cookieSecure ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Registers @fastify/helmet with the app's policy. */
export async function securityHeaders(app: FastifyInstance, config: Pick<Config, 'mapTileUrl' | 'cookieSecure'>) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    frameguard: { action: 'deny' },
    // Tiles may need to know the site (OpenStreetMap's tile policy asks for a Referer), but a path can carry a
    // searched ID number or phone in its query: other sites get the origin only, never the path.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS only means something over HTTPS; a plain-HTTP install (the default, behind nothing) does not send it.
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
