// HTTP routes of the resident portal. Anonymous and public routes carry per-IP limits, resident writes per-account ones.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Me } from '../../../contracts/auth';
import { IdParams } from '../../../contracts/common';
import {
  AddressList,
  AddressQuery,
  CommunityList,
  LinkDecisionBody,
  LinkRequest,
  LinkRequestBody,
  LinkRequestList,
  LinkRequestQuery,
  MyHousehold,
  MyReport,
  MyReportPage,
  MyReportQuery,
  OtpRequestBody,
  OtpSent,
  PortalReportBody,
  PublicReport,
  PublicReportList,
  PublicReportPage,
  PublicReportQuery,
  RateBody,
  SignupBody,
  SimilarQuery,
  GridAt,
  PointQuery,
} from '../../../contracts/portal';
import { actorOf, auditCtx, SESSION_COOKIE } from '../../platform/http';
import type { Household } from './household';
import type { Links } from './links';
import type { Reports } from './reports';
import type { Signup } from './signup';

const tags = ['portal'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

/** Per account when signed in, else per IP. */
const byAccount = (req: FastifyRequest) => (req.actor ? `u:${req.actor.userId}` : `ip:${req.ip}`);
const perIp = (max: number, timeWindow: string) => ({ public: true, rateLimit: { max, timeWindow } });
const perAccount = (max: number, timeWindow: string) => ({ rateLimit: { max, timeWindow, keyGenerator: byAccount } });

type Opts = {
  signup: Signup;
  links: Links;
  household: Household;
  reports: Reports;
  cookieSecure: boolean;
  sessionTtlMs: number;
};

export const portalRoutes: FastifyPluginAsyncZod<Opts> = async (
  app,
  { signup, links, household, reports, cookieSecure, sessionTtlMs },
) => {
  app.post(
    '/signup/code',
    {
      config: perIp(10, '1 hour'),
      bodyLimit: 1024,
      schema: {
        tags,
        summary: 'Send a one-time sign-up code to a phone',
        body: OtpRequestBody,
        response: { 200: OtpSent },
      },
    },
    (req) => signup.requestCode(req.body.phone, req.ip),
  );
  app.post(
    '/signup',
    {
      config: perIp(20, '1 hour'),
      bodyLimit: 2048,
      schema: {
        tags,
        summary: 'Sign up with the code and a password; logs in',
        body: SignupBody,
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      const { token, me } = await signup.signUp(req.body, {
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

  app.get(
    '/communities',
    {
      config: perIp(120, '1 minute'),
      schema: { tags, summary: 'Communities to pick from (public)', response: { 200: CommunityList } },
    },
    () => links.communities(),
  );
  app.get(
    '/addresses',
    {
      config: perAccount(60, '1 minute'),
      schema: {
        tags,
        summary: 'Household addresses of a community matching a text',
        querystring: AddressQuery,
        response: { 200: AddressList },
      },
    },
    (req) => links.addresses(req.query),
  );
  app.post(
    '/link-requests',
    {
      config: perAccount(5, '1 hour'),
      bodyLimit: 1024,
      schema: {
        tags,
        summary: 'Ask to be linked to a household',
        body: LinkRequestBody,
        response: { 200: LinkRequest },
      },
    },
    (req) => links.request(actorOf(req), auditCtx(req), req.body.householdId),
  );
  app.get(
    '/link-requests/mine',
    { schema: { tags, summary: 'My link requests', response: { 200: LinkRequestList } } },
    (req) => links.mine(actorOf(req)),
  );
  app.get(
    '/link-requests',
    {
      schema: {
        tags,
        summary: 'Link requests of my community (community workers)',
        querystring: LinkRequestQuery,
        response: { 200: LinkRequestList },
      },
    },
    (req) => links.inbox(actorOf(req), req.query.status),
  );
  app.post(
    '/link-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Confirm or refuse a link request',
        params: IdParams,
        body: LinkDecisionBody,
        response: { 200: LinkRequest },
      },
    },
    (req) => links.decide(actorOf(req), auditCtx(req), req.params.id, req.body),
  );

  app.get(
    '/household/mine',
    {
      schema: {
        tags,
        summary: 'My confirmed household: address, members (masked), grid workers; empty when not linked',
        response: { 200: MyHousehold },
      },
    },
    (req) => household.mine(actorOf(req)),
  );

  app.post(
    '/reports',
    {
      config: perAccount(20, '1 hour'),
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'Report a problem as a resident; Idempotency-Key makes retries safe',
        headers: IdempotencyHeaders,
        body: PortalReportBody,
        response: { 200: MyReport, 201: MyReport },
      },
    },
    async (req, reply) => {
      const r = await reports.report(actorOf(req), auditCtx(req), req.body, req.headers['idempotency-key']);
      return reply.status(r.created ? 201 : 200).send(r.report);
    },
  );
  app.get(
    '/reports/mine',
    {
      schema: {
        tags,
        summary: 'My reports, newest first',
        querystring: MyReportQuery,
        response: { 200: MyReportPage },
      },
    },
    (req) => reports.list(actorOf(req), req.query),
  );
  app.get(
    '/reports/mine/:id',
    {
      schema: {
        tags,
        summary: 'One of my reports with its steps in plain words',
        params: IdParams,
        response: { 200: MyReport },
      },
    },
    (req) => reports.get(actorOf(req), req.params.id),
  );
  app.post(
    '/reports/mine/:id/rate',
    {
      config: perAccount(20, '1 hour'),
      bodyLimit: 2048,
      schema: {
        tags,
        summary: 'Rate my closed report ("not fixed" is unsatisfied)',
        params: IdParams,
        body: RateBody,
        response: { 200: MyReport },
      },
    },
    (req) => reports.rate(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get(
    '/grid-at',
    {
      config: perAccount(120, '1 minute'),
      schema: { tags, summary: 'The grid a map point lies in', querystring: PointQuery, response: { 200: GridAt } },
    },
    (req) => reports.gridAt(req.query),
  );
  app.get(
    '/reports/similar',
    {
      config: perAccount(60, '1 minute'),
      schema: {
        tags,
        summary: 'Open reports nearby of the same category',
        querystring: SimilarQuery,
        response: { 200: PublicReportList },
      },
    },
    (req) => reports.similar(actorOf(req), req.query),
  );
  app.post(
    '/reports/:id/support',
    {
      config: perAccount(30, '1 hour'),
      schema: { tags, summary: '"Me too" on an open report', params: IdParams, response: { 200: PublicReport } },
    },
    (req) => reports.support(actorOf(req), auditCtx(req), req.params.id),
  );
  app.get(
    '/public/reports',
    {
      config: perIp(60, '1 minute'),
      schema: {
        tags,
        summary: 'Reports of a community for everyone: no personal data',
        querystring: PublicReportQuery,
        response: { 200: PublicReportPage },
      },
    },
    (req) => reports.publicList(req.query),
  );
};
