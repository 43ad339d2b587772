// GeoReport v2 routes under /open311/v2: public (API key on POST only), .json or .xml, errors as [{code, description}].
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { Open311Common, Open311PostForm, Open311RequestsQuery, withoutBlanks } from '../../../contracts/open311';
import { AppError, messageFor } from '../../platform/errors';
import { auditCtx } from '../../platform/http';
import type { KeyService } from './keys';
import type { Open311Service } from './service';
import type { Submitter } from './submit';
import { listXml, objectXml } from './xml';

export type Open311Limits = { perIpPerMinute: number; postsPerKeyPerMinute: number; bodyLimit: number };
type Format = 'json' | 'xml';
type Kind = 'services' | 'requests' | 'errors';

const bad = (description: string) => new AppError('bad_request', undefined, undefined, description);

/** The format from the path's extension; anything else is an unknown resource. */
function formatOf(req: FastifyRequest): Format {
  const f = (req.params as { format?: string }).format;
  if (f === 'json' || f === 'xml') return f;
  throw new AppError('not_found', undefined, undefined, `unknown format ${String(f)}; use .json or .xml`);
}

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(withoutBlanks(raw));
  if (!r.success) throw bad(r.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  return r.data;
}

function sendList(reply: FastifyReply, format: Format, kind: Kind, items: object[]) {
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(listXml(kind, items));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
}

function sendObject(reply: FastifyReply, format: Format, root: string, value: object) {
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(objectXml(root, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

/** `attribute[CODE]=value` pairs of a form. */
function attributesIn(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const m = /^attribute\[([\w-]{1,50})\]$/.exec(k);
    if (m && typeof v === 'string' && v.trim()) out[m[1]!] = v.trim().slice(0, 1000);
  }
  return out;
}

export const open311Routes: FastifyPluginAsyncZod<{
  open311: Open311Service;
  keys: KeyService;
  submitter: Submitter;
  limits: Open311Limits;
}> = async (app, { open311, keys, submitter, limits }) => {
  // Open311 POSTs are form-encoded; this parser serves this plugin's routes only.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: limits.bodyLimit },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  // GeoReport's error body, in the format the path asked for; 5xx never leak internals.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status =
      err instanceof AppError ? err.status : hasZodFastifySchemaValidationErrors(err) ? 400 : (err.statusCode ?? 500);
    if (status < 400 || status > 599) status = 500;
    let description: string;
    if (status >= 500) {
      req.log.error({ err }, 'open311 error');
      description = `${messageFor('internal', req.lang)} (${req.id})`;
    } else if (err instanceof AppError) {
      description = err.details?.length
        ? err.details.map((d) => `${d.path}: ${d.message}`).join('; ')
        : err.message !== err.code
          ? err.message
          : messageFor(err.code, req.lang);
    } else description = err.message;
    const format: Format = /\.xml(\?|$)/.test(req.url) ? 'xml' : 'json';
    reply.status(status);
    return sendList(reply, format, 'errors', [{ code: status, description }]);
  });
  app.setNotFoundHandler((req, reply) => {
    const format: Format = /\.xml(\?|$)/.test(req.url) ? 'xml' : 'json';
    reply.status(404);
    return sendList(reply, format, 'errors', [{ code: 404, description: 'no such Open311 resource' }]);
  });

  const perIp = { max: limits.perIpPerMinute, timeWindow: 60_000 };
  const config = { public: true, rateLimit: perIp };
  const tags = ['open311'];
  const jurisdiction = (req: FastifyRequest) => parse(Open311Common, req.query).jurisdiction_id;

  app.get('/discovery.:format', { config, schema: { tags, summary: 'GeoReport v2 discovery' } }, async (req, reply) => {
    const format = formatOf(req);
    return sendObject(reply, format, 'discovery', await open311.discovery(`${req.protocol}://${req.host}`));
  });

  app.get(
    '/services.:format',
    { config, schema: { tags, summary: 'Services: the sub-classes of the case category tree' } },
    async (req, reply) => {
      const format = formatOf(req);
      await open311.checkJurisdiction(jurisdiction(req), 404);
      return sendList(reply, format, 'services', await open311.services(req.lang));
    },
  );

  app.get(
    '/services/:code.:format',
    { config, schema: { tags, summary: 'A service definition (attributes from the category’s required fields)' } },
    async (req, reply) => {
      const format = formatOf(req);
      await open311.checkJurisdiction(jurisdiction(req), 404);
      const code = (req.params as { code: string }).code;
      return sendObject(reply, format, 'service_definition', await open311.definition(code, req.lang));
    },
  );

  app.get(
    '/requests.:format',
    { config, schema: { tags, summary: 'Requests (public fields only), at most 90 days or 1000 at once' } },
    async (req, reply) => {
      const format = formatOf(req);
      const q = parse(Open311RequestsQuery, req.query);
      await open311.checkJurisdiction(q.jurisdiction_id, 400);
      return sendList(reply, format, 'requests', await open311.list(q, req.lang));
    },
  );

  app.get(
    '/requests/:id.:format',
    { config, schema: { tags, summary: 'One request (as an array of one)' } },
    async (req, reply) => {
      const format = formatOf(req);
      await open311.checkJurisdiction(jurisdiction(req), 400);
      return sendList(reply, format, 'requests', await open311.get((req.params as { id: string }).id, req.lang));
    },
  );

  app.get(
    '/tokens/:token.:format',
    { config, schema: { tags, summary: 'The request id behind a token' } },
    async (req, reply) => {
      const format = formatOf(req);
      await open311.checkJurisdiction(jurisdiction(req), 400);
      return sendList(reply, format, 'requests', await open311.token((req.params as { token: string }).token));
    },
  );

  // A client is limited per IP before the body is read, and per API key once it is (many clients share a NAT).
  const keyOf = (req: FastifyRequest) => {
    const k = (req.body as { api_key?: unknown } | undefined)?.api_key ?? (req.query as { api_key?: unknown }).api_key;
    return typeof k === 'string' && k
      ? `open311-key:${createHash('sha256').update(k).digest('hex')}`
      : `open311-ip:${req.ip}`;
  };
  // createRateLimit, not rateLimit: the latter does nothing once the route's per-IP limiter has run on the request.
  const perKey = app.createRateLimit({ max: limits.postsPerKeyPerMinute, timeWindow: 60_000, keyGenerator: keyOf });
  app.post(
    '/requests.:format',
    {
      config,
      bodyLimit: limits.bodyLimit,
      preHandler: async (req) => {
        const r = await perKey(req);
        // The limiter answers isAllowed only for allow-listed keys; a limited one is told by isExceeded.
        if (!r.isAllowed && r.isExceeded)
          throw new AppError(
            'rate_limited',
            undefined,
            undefined,
            'too many requests for this api_key; retry in a minute',
          );
      },
      schema: {
        tags,
        summary: 'Submit a request (form-encoded, api_key required); Idempotency-Key makes retries safe',
      },
    },
    async (req, reply) => {
      const format = formatOf(req);
      const raw = { ...withoutBlanks(req.query), ...withoutBlanks(req.body) };
      const client = await keys.authenticate(typeof raw.api_key === 'string' ? raw.api_key : undefined);
      const form = parse(Open311PostForm, raw);
      await open311.checkJurisdiction(form.jurisdiction_id, 400);
      const idem = req.headers['idempotency-key'];
      if (idem !== undefined && (typeof idem !== 'string' || idem.length < 8 || idem.length > 100))
        throw bad('Idempotency-Key must be 8 to 100 characters');
      const r = await submitter.submit(
        client,
        { ...auditCtx(req), actorId: client.userId, actorName: client.displayName },
        form,
        attributesIn(raw),
        idem,
        req.lang,
      );
      return sendList(reply, format, 'requests', r.body);
    },
  );
};
