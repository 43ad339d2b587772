// HTTP plumbing shared by every module: request language, the actor from the session cookie, CSRF, and the error handler.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../contracts/errors';
import { AppError, langOf, messageFor, statusFor, type FieldIssue, type Lang } from './errors';
import { detailMessage, zodMessage } from './detail-messages';
import type { Actor } from './policy';
import type { SessionStore } from './auth/sessions';

export const SESSION_COOKIE = 'jy_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, docs). */
    public?: boolean;
    /** Answers while the user must still change their password (the change itself, me, logout, sessions). */
    beforePasswordChange?: boolean;
  }
}

/** The logged-in actor of a request; the auth hook guarantees one on non-public routes. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated');
  return req.actor;
}

/** The audit context of a request. */
export function auditCtx(req: FastifyRequest) {
  return { actorId: req.actor?.userId ?? null, actorName: req.actor?.displayName ?? null, requestId: req.id };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const sameString = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function send(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  extra: { details?: FieldIssue[]; allowed?: string[]; message?: string } = {},
) {
  return reply.status(statusFor(code)).send({
    error: {
      code,
      message: extra.message ?? messageFor(code, req.lang ?? 'zh-CN'),
      requestId: req.id,
      ...(extra.details ? { details: extra.details } : {}),
      ...(extra.allowed ? { allowed: extra.allowed } : {}),
    },
  });
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);
/**
 * PostgreSQL data exceptions a request's own values cause (a NUL character, a number out of an integer's range,
 * text that is no date): the input is bad, so 400, not 500; the transaction has already rolled back. Logged as a
 * warning because each one is a hole in a Zod schema that should have refused the value first.
 */
const BAD_INPUT_ERRORS = new Set(['22021', '22P05', '22003', '22001', '22P02', '22007', '22008']);

function classify(err: FastifyError): ErrorCode | null {
  const pgCode = err.code ?? (err.cause as { code?: string } | undefined)?.code;
  if (pgCode === '23505') return 'conflict';
  if (pgCode === '23503') return 'conflict';
  if (pgCode === '40001') return 'conflict';
  if (pgCode && CONNECTION_ERRORS.has(pgCode)) return 'unavailable';
  if (pgCode && BAD_INPUT_ERRORS.has(pgCode)) return 'bad_request';
  // Drizzle wraps driver errors ("Failed query: …"), so look at the cause's message too.
  const messages = `${err.message ?? ''} ${(err.cause as { message?: string } | undefined)?.message ?? ''}`;
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(messages))
    return 'unavailable';
  const status = err.statusCode ?? 0;
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status >= 400 && status < 500) return 'bad_request';
  return null;
}

/** Whether a parsed JSON body holds a NUL character in any string or key (bounded depth: the parser limits nesting). */
function holdsNul(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (!v || typeof v !== 'object' || depth > 64) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || holdsNul(x, depth + 1)) return true;
  return false;
}

export type AuthHookDeps = { sessions: SessionStore };

/** Registers the language, session and CSRF hooks and the error and not-found handlers. */
export const httpPlatform = fp(async (app: FastifyInstance, deps: AuthHookDeps) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req.headers['accept-language']);
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.actor = token ? await deps.sessions.resolve(token) : null;
    const isPublic = req.routeOptions.config?.public === true;
    if (!req.actor && !isPublic) throw new AppError('unauthenticated');
    if (req.actor && !isPublic && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameString(sent, req.actor.csrfToken)) throw new AppError('csrf_failed');
    }
    // The API, not only the web app, holds a first or reset password to being changed before anything else.
    if (req.actor?.mustChangePassword && !isPublic && req.routeOptions.config?.beforePasswordChange !== true)
      throw new AppError('password_change_required');
    // PostgreSQL text cannot hold a NUL character, so no valid request carries one; refuse it before any handler
    // (a streamed download has already sent its headers when the database would refuse it).
    if (/%00/.test(req.url)) throw new AppError('bad_request');
  });
  app.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && holdsNul(req.body, 0))
      throw new AppError('bad_request');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'app error');
      const details = err.details?.map((d) => ({ path: d.path, message: detailMessage(d.message, req.lang) }));
      return send(reply, req, err.code, { details, allowed: err.allowed });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v) => ({
        // Body fields are named as in the body ('bindings.0.nodeId'); query and params keep their prefix.
        path: [...(where === 'body' ? [] : [where]), ...v.instancePath.split('/').filter(Boolean)].join('.') || where,
        // The provider passes the Zod issue as keyword + message + params; put it back together to re-word it.
        message: zodMessage(
          { ...(v.params as object), code: v.keyword, message: v.message },
          v.message ?? 'invalid',
          req.lang,
        ),
      }));
      return send(reply, req, 'validation_failed', { details });
    }
    const code = classify(err);
    if (code === 'unavailable') req.log.warn({ err }, 'database unavailable');
    else if (code === 'bad_request' && err.statusCode == null) req.log.warn({ err }, 'input the database refused');
    else if (!code) req.log.error({ err }, 'unhandled error');
    return send(reply, req, code ?? 'internal');
  });
});

/** 404 for unknown API routes; everything else is left to the web app's fallback. */
export function apiNotFound(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, req, 'not_found');
}
