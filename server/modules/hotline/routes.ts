// HTTP routes of work orders: the list and one order, settling the unresolved queue, unreasonable requests,
// the three rates with their formula settings, and the type → category mapping.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  CategoryMapEntry,
  CategoryMapList,
  DecideBody,
  HotlineRates,
  OrderDetail,
  OrderPage,
  OrderQuery,
  ProposeBody,
  RateSettings,
  RatesQuery,
  ResolveBody,
} from '../../../contracts/hotline';
import { actorOf, auditCtx } from '../../platform/http';
import type { Rates } from './rates';
import type { HotlineService } from './service';

const tags = ['hotline'];
/** Long-period figures and exports: admitted through the platform's expensive-read gates (server/platform/expensive.ts). */
const heavy = { expensive: true };

export const hotlineRoutes: FastifyPluginAsyncZod<{ service: HotlineService; rates: Rates }> = async (
  app,
  { service, rates },
) => {
  app.get(
    '/orders',
    {
      schema: {
        tags,
        summary: 'Work orders in scope, newest first (filters: status, unreasonable, text, area)',
        querystring: OrderQuery,
        response: { 200: OrderPage },
      },
    },
    (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'One work order with its audited history',
        params: IdParams,
        response: { 200: OrderDetail },
      },
    },
    (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/orders/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Settle a queued order (grid, estate or building; category if unknown): it becomes a case',
        params: IdParams,
        body: ResolveBody,
        response: { 200: OrderDetail },
      },
    },
    (req) => service.resolve(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/orders/:id/unreasonable',
    {
      schema: {
        tags,
        summary: 'Propose that the request is unreasonable (不合理诉求), with the reason',
        params: IdParams,
        body: ProposeBody,
        response: { 200: OrderDetail },
      },
    },
    (req) => service.propose(actorOf(req), auditCtx(req), req.params.id, req.body.reason),
  );
  app.post(
    '/orders/:id/unreasonable/decision',
    {
      schema: {
        tags,
        summary: 'Approve (excluded from the rates) or refuse a proposal; audited',
        params: IdParams,
        body: DecideBody,
        response: { 200: OrderDetail },
      },
    },
    (req) => service.decide(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get(
    '/rates',
    {
      config: heavy,
      schema: {
        tags,
        summary: 'Response, resolution and satisfaction rates with their formulas',
        querystring: RatesQuery,
        response: { 200: HotlineRates },
      },
    },
    (req) => rates.rates(actorOf(req), req.query),
  );
  app.get(
    '/settings/rates',
    { schema: { tags, summary: 'The formula choices behind the rates', response: { 200: RateSettings } } },
    () => rates.settings(),
  );
  app.put(
    '/settings/rates',
    {
      schema: {
        tags,
        summary: 'Change the formula choices (district administrators; audited)',
        body: RateSettings,
        response: { 200: RateSettings },
      },
    },
    (req) => rates.putSettings(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/category-map',
    {
      schema: {
        tags,
        summary: 'Hotline request types and the category each maps to',
        response: { 200: CategoryMapList },
      },
    },
    () => service.categoryMap(),
  );
  app.put(
    '/category-map',
    {
      schema: {
        tags,
        summary: 'Map a request type to a category (district administrators; audited)',
        body: CategoryMapEntry,
        response: { 200: CategoryMapList },
      },
    },
    (req) => service.putCategoryMap(actorOf(req), auditCtx(req), req.body),
  );
};
