// HTTP routes of the case loop: intake, inboxes, one case, actions, bulk dispatch, categories, similar reports.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActionBody,
  CaseDetail,
  CaseListQuery,
  CasePage,
  CategoryList,
  CategoryPatch,
  IntakeBody,
  MediatorList,
  MergeBody,
  RuleBody,
  RuleList,
  Triage,
} from '../../../contracts/cases';
import { IdParams, Ok } from '../../../contracts/common';
import { AppError } from '../../platform/errors';
import { actorOf, auditCtx } from '../../platform/http';
import type { Actions } from './act';
import type { CaseAdmin } from './admin';
import type { Intake } from './intake';
import type { CaseService } from './service';

const tags = ['cases'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const BulkDispatchBody = z
  .object({
    cases: z
      .array(z.object({ id: z.number().int().positive(), version: z.number().int() }).strict())
      .min(1)
      .max(100),
    triage: Triage,
    organisationId: z.number().int().positive().optional(),
    nodeId: z.number().int().positive().optional(),
    overrideReason: z.string().trim().max(500).optional(),
  })
  .strict();
const BulkResult = z.object({
  results: z.array(z.object({ id: z.number().int(), ok: z.boolean(), code: z.string().nullable() })),
});
const SimilarQuery = z
  .object({
    categoryCode: z.string().max(10),
    lat: z.coerce.number().min(-90).max(90),
    lng: z.coerce.number().min(-180).max(180),
    text: z
      .string()
      .max(2000)
      .optional()
      .describe('the draft description: reports that read alike count from further away'),
  })
  .strict();
const SimilarItem = CaseDetail.pick({
  id: true,
  number: true,
  description: true,
  status: true,
  supportCount: true,
  createdAt: true,
}).extend({
  similarity: z.number().describe('0–1, how alike the descriptions read'),
  distanceM: z.number().describe('metres from the draft point'),
});

export const caseRoutes: FastifyPluginAsyncZod<{
  service: CaseService;
  intake: Intake;
  actions: Actions;
  admin: CaseAdmin;
}> = async (app, { service, intake, actions, admin }) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Report a problem (any channel); Idempotency-Key makes retries safe',
        headers: IdempotencyHeaders,
        body: IntakeBody,
        response: { 200: CaseDetail, 201: CaseDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await intake.intake(actor, auditCtx(req), req.body, req.headers['idempotency-key']);
      // A new case is answered as written (no read back); a retry gets the case as it stands now.
      return r.detail ? reply.status(201).send(r.detail) : reply.status(200).send(await service.get(actor, r.id));
    },
  );
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Inbox: my to-do, due soon, overdue, done, all',
        querystring: CaseListQuery,
        response: { 200: CasePage },
      },
    },
    (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/categories',
    { schema: { tags, summary: 'The category tree with limits', response: { 200: CategoryList } } },
    () => service.categories(),
  );
  app.get(
    '/similar',
    {
      schema: {
        tags,
        summary: 'Open reports nearby of the same category',
        querystring: SimilarQuery,
        response: { 200: z.object({ items: z.array(SimilarItem) }) },
      },
    },
    (req) => service.similar(actorOf(req), req.query),
  );
  app.patch(
    '/categories/:code',
    {
      schema: {
        tags,
        summary: 'Change a category’s limits, triage default or required fields',
        params: z.object({ code: z.string().max(10) }),
        body: CategoryPatch,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await admin.updateCategory(actorOf(req), auditCtx(req), req.params.code, req.body);
      return { ok: true as const };
    },
  );
  app.get(
    '/responsibility-rules',
    { schema: { tags, summary: 'The responsibility list (权责清单)', response: { 200: RuleList } } },
    (req) => admin.listRules(actorOf(req)),
  );
  app.put(
    '/responsibility-rules',
    { schema: { tags, summary: 'Set who handles a category under a node', body: RuleBody, response: { 200: Ok } } },
    async (req) => {
      await admin.setRule(actorOf(req), auditCtx(req), req.body);
      return { ok: true as const };
    },
  );
  app.delete(
    '/responsibility-rules/:id',
    { schema: { tags, summary: 'Remove a rule', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await admin.removeRule(actorOf(req), auditCtx(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate report into the case it repeats',
        params: IdParams,
        body: MergeBody,
        response: { 200: CaseDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await admin.merge(actor, auditCtx(req), req.params.id, req.body.intoId);
      return service.get(actor, req.body.intoId);
    },
  );
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One case with its timeline and the actions you may take now',
        params: IdParams,
        response: { 200: CaseDetail },
      },
    },
    (req) => service.get(actorOf(req), req.params.id),
  );
  app.get(
    '/:id/suggested-handler',
    {
      schema: {
        tags,
        summary: 'The handler the responsibility list suggests',
        params: IdParams,
        response: { 200: z.object({ organisation: z.object({ id: z.number(), name: z.string() }).nullable() }) },
      },
    },
    (req) => service.suggestHandler(actorOf(req), req.params.id),
  );
  app.get(
    '/:id/mediators',
    {
      schema: {
        tags,
        summary: 'Mediators (和事佬) of the case’s grid and community, for a private matter',
        params: IdParams,
        response: { 200: MediatorList },
      },
    },
    (req) => service.mediators(actorOf(req), req.params.id),
  );
  app.post(
    '/:id/actions',
    {
      schema: {
        tags,
        summary: 'Take an action (409 lists the actions allowed now)',
        params: IdParams,
        body: ActionBody,
        response: { 200: CaseDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await actions.act(actor, auditCtx(req), req.params.id, req.body);
      return service.get(actor, req.params.id);
    },
  );
  app.post(
    '/:id/support',
    { schema: { tags, summary: '"Me too": support an open report', params: IdParams, response: { 200: CaseDetail } } },
    (req) => service.support(actorOf(req), auditCtx(req), req.params.id),
  );
  app.post(
    '/bulk-dispatch',
    {
      schema: {
        tags,
        summary: 'Dispatch several cases to one handler',
        body: BulkDispatchBody,
        response: { 200: BulkResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { cases, ...target } = req.body;
      const results = [];
      for (const c of cases) {
        try {
          await actions.act(actor, auditCtx(req), c.id, { action: 'dispatch', version: c.version, ...target });
          results.push({ id: c.id, ok: true, code: null });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ id: c.id, ok: false, code: err.code });
        }
      }
      return { results };
    },
  );
};
