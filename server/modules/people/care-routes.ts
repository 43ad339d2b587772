// HTTP routes of care levels and home visits.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  Care,
  CareSettings,
  CreateVisitBody,
  DueItem,
  DueQuery,
  PutCareBody,
  Visit,
  VisitHeaders,
} from '../../../contracts/people';
import { actorOf, auditCtx } from '../../platform/http';
import type { CareService } from './care';

const tags = ['people'];

export const careRoutes: FastifyPluginAsyncZod<{ care: CareService }> = async (app, { care }) => {
  app.get(
    '/care/settings',
    { schema: { tags, summary: 'Days between visits per care level', response: { 200: CareSettings } } },
    () => care.settings(),
  );
  app.put(
    '/care/settings',
    {
      schema: {
        tags,
        summary: 'Set days between visits per care level (district administrators)',
        body: CareSettings,
        response: { 200: CareSettings },
      },
    },
    (req) => care.putSettings(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/care/due',
    {
      schema: {
        tags,
        summary: 'Residents due or overdue for a home visit',
        querystring: DueQuery,
        response: { 200: z.array(DueItem) },
      },
    },
    (req) => care.due(actorOf(req), req.query),
  );
  app.put(
    '/residents/:id/care',
    {
      schema: {
        tags,
        summary: "Set a resident's care level (red, yellow, blue) with a reason",
        params: IdParams,
        body: PutCareBody,
        response: { 200: Care },
      },
    },
    (req) => care.put(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/residents/:id/visits',
    {
      schema: {
        tags,
        summary: 'Record a home visit; Idempotency-Key makes an offline resend safe',
        params: IdParams,
        headers: VisitHeaders,
        body: CreateVisitBody,
        response: { 200: Visit },
      },
    },
    (req) => care.visit(actorOf(req), auditCtx(req), req.params.id, req.body, req.headers['idempotency-key']),
  );
  app.get(
    '/residents/:id/visits',
    {
      schema: {
        tags,
        summary: 'Home visits of a resident, newest first',
        params: IdParams,
        response: { 200: z.array(Visit) },
      },
    },
    (req) => care.visitsOf(actorOf(req), req.params.id),
  );
};
