// What the request log may say about a URL: the path and the parameter names, and values only where they can hold
// nothing secret or personal. Done once in the logger's request serializer, so no route can forget it.
import type { FastifyRequest } from 'fastify';

const REDACTED = '[redacted]';

/**
 * Query parameters whose values are paging, ids or enums: kept in the log because they help to follow a request.
 * Any other value (q, name, address, phone, api_key, description, a new parameter nobody listed) is redacted: a
 * list of what is safe fails closed when a route gains a parameter, a list of what is secret would not.
 */
const KEPT = new Set([
  'action', 'actorId', 'by', 'categoryCode', 'channel', 'cursor', 'end_date', 'entityKind', 'format', 'from', 'householdId',
  'householdNodeId', 'id', 'idKind', 'includeMovedOut', 'includeRetired', 'jurisdiction_id', 'kind', 'lang', 'limit', 'months',
  'nodeId', 'order', 'organisationId', 'overdue', 'page', 'parentId', 'residenceType', 'role', 'service_code',
  'service_request_id', 'sort', 'start_date', 'status', 'tag', 'to', 'under', 'unreasonable', 'version', 'withGeometry',
]);

/** Eleven digits in a row: a mainland mobile number, or part of a 15/18-character ID number. */
const PERSONAL_DIGITS = /\d{11}/;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** The URL as the log may show it. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const rawPath = at < 0 ? url : url.slice(0, at);
  const path = rawPath.split('/').map((seg) => (PERSONAL_DIGITS.test(decode(seg)) ? REDACTED : seg)).join('/');
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const name = decode(rawName);
      if (PERSONAL_DIGITS.test(name) || /[^\w.[\]-]/.test(name)) return REDACTED;
      if (eq < 0) return pair;
      const value = decode(pair.slice(eq + 1));
      return KEPT.has(name) && !PERSONAL_DIGITS.test(value) ? pair : `${rawName}=${REDACTED}`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** The logger's `req` serializer: Fastify's default fields, with the URL redacted. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
