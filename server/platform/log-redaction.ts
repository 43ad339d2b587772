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
  'action',
  'actorId',
  'by',
  'categoryCode',
  'channel',
  'cursor',
  'end_date',
  'entityKind',
  'format',
  'from',
  'householdId',
  'householdNodeId',
  'id',
  'idKind',
  'includeMovedOut',
  'includeRetired',
  'jurisdiction_id',
  'kind',
  'lang',
  'limit',
  'months',
  'nodeId',
  'order',
  'organisationId',
  'overdue',
  'page',
  'parentId',
  'residenceType',
  'role',
  'service_code',
  'service_request_id',
  'sort',
  'start_date',
  'status',
  'tag',
  'to',
  'under',
  'unreasonable',
  'version',
  'withGeometry',
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
  const path = rawPath
    .split('/')
    .map((seg) => (PERSONAL_DIGITS.test(decode(seg)) ? REDACTED : seg))
    .join('/');
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

/** A failed query's message ends with its bound values (`params: …`): a searched name or number. */
const PARAMS_LINE = /\nparams: [\s\S]*$/;
const scrubText = (s: unknown) => (typeof s === 'string' ? s.replace(PARAMS_LINE, '\nparams: [redacted]') : s);

/**
 * The logger's `err` serializer: type, message, stack, code and the other plain fields of the error and its causes,
 * with the bound values of a failed query (Drizzle's `params`, and the params line of its message) left out, so a
 * logged database error cannot carry what a user searched for or typed.
 */
/** The serialized form pino expects of an error. */
export type SerializedError = { [key: string]: unknown; type: string; message: string; stack: string };

export function serializeError(err: Error): SerializedError {
  return serializeCause(err, 0) as SerializedError;
}

function serializeCause(err: unknown, depth: number): unknown {
  if (!(err instanceof Error) || depth > 4) return err;
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? 'Error',
    message: scrubText(err.message),
    stack: scrubText(err.stack),
  };
  for (const [k, v] of Object.entries(err)) {
    if (k === 'params' || k === 'parameters' || k === 'cause' || typeof v === 'function') continue;
    out[k] = typeof v === 'string' ? scrubText(v) : v;
  }
  if (err.cause !== undefined) out.cause = serializeCause(err.cause, depth + 1);
  return out;
}
