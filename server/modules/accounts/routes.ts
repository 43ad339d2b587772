// HTTP routes for logging in and out, the current user and their sessions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, LoginBody, Me, SessionList } from '../../../contracts/auth';
import { Ok } from '../../../contracts/common';
import { actorOf, SESSION_COOKIE } from '../../platform/http';
import type { AccountService } from './service';

const tags = ['auth'];
/** The routes the password-change page needs; every other one waits until a must-change password is changed. */
const early = { beforePasswordChange: true };

export const accountRoutes: FastifyPluginAsyncZod<{
  service: AccountService;
  cookieSecure: boolean;
  sessionTtlMs: number;
  loginRatePerMinute: number;
}> = async (app, { service, cookieSecure, sessionTtlMs, loginRatePerMinute }) => {
  app.post(
    '/login',
    {
      config: { public: true, rateLimit: { max: loginRatePerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Log in with username or phone and password', body: LoginBody, response: { 200: Me } },
    },
    async (req, reply) => {
      const { token, me } = await service.login(req.body, {
        userAgent: req.headers['user-agent'] ?? null,
        ip: req.ip,
        requestId: req.id,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure,
        maxAge: Math.floor(sessionTtlMs / 1000),
      });
      return me;
    },
  );
  app.post(
    '/logout',
    { config: early, schema: { tags, summary: 'Log out of this session', response: { 200: Ok } } },
    async (req, reply) => {
      await service.logout(actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  app.get('/me', { config: early, schema: { tags, summary: 'The current user', response: { 200: Me } } }, (req) =>
    service.me(actorOf(req)),
  );
  app.post(
    '/password',
    { config: early, schema: { tags, summary: 'Change my password', body: ChangePasswordBody, response: { 200: Ok } } },
    async (req) => {
      await service.changePassword(actorOf(req), req.id, req.body);
      return { ok: true as const };
    },
  );
  app.get(
    '/sessions',
    { config: early, schema: { tags, summary: 'My open sessions', response: { 200: SessionList } } },
    (req) => service.listSessions(actorOf(req)),
  );
  app.delete(
    '/sessions/:id',
    {
      config: early,
      schema: {
        tags,
        summary: 'Revoke one of my sessions',
        params: z.object({ id: z.string().min(8).max(64) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.revokeSession(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
};
