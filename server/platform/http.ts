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

function send(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, extra: { details?: FieldIssue[]; allowed?: string[]; message?: string } = {}) {
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

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

function classify(err: FastifyError): ErrorCode | null {
  const pgCode = err.code ?? (err.cause as { code?: string } | undefined)?.code;
  if (pgCode === '23505') return 'conflict';
  if (pgCode === '23503') return 'conflict';
  if (pgCode === '40001') return 'conflict';
  if (pgCode && CONNECTION_ERRORS.has(pgCode)) return 'unavailable';
  // Drizzle wraps driver errors ("Failed query: …"), so look at the cause's message too.
  const messages = `${err.message ?? ''} ${(err.cause as { message?: string } | undefined)?.message ?? ''}`;
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(messages)) return 'unavailable';
  const status = err.statusCode ?? 0;
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status >= 400 && status < 500) return 'bad_request';
  return null;
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
        message: zodMessage({ ...(v.params as object), code: v.keyword, message: v.message }, v.message ?? 'invalid', req.lang),
      }));
      return send(reply, req, 'validation_failed', { details });
    }
    const code = classify(err);
    if (code === 'unavailable') req.log.warn({ err }, 'database unavailable');
    else if (!code) req.log.error({ err }, 'unhandled error');
    return send(reply, req, code ?? 'internal');
  });
});

/** 404 for unknown API routes; everything else is left to the web app's fallback. */
export function apiNotFound(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, req, 'not_found');
}
