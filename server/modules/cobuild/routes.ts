// HTTP routes of co-building under /api/cobuild: agreements, members, the three lists, the ordering flow, the ledger.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  AgreementList,
  Agreement,
  CobuildLedgerQuery,
  CreateAgreementBody,
  CreateNeedBody,
  DispatchBody,
  MemberList,
  MyMember,
  Need,
  NeedList,
  NoteBody,
  Project,
  ProjectList,
  ProjectQuery,
  RateBody,
  ReportInBody,
  ResourceList,
  UnitList,
  UnitRecord,
} from '../../../contracts/cobuild';
import { attachment, XLSX_TYPE } from '../../platform/ledgers';
import { actorOf, auditCtx } from '../../platform/http';
import type { createCobuildLedger } from './ledgers';
import type { Orders } from './orders';
import type { CobuildService } from './service';
import type { Units } from './units';
import { z } from 'zod';

const tags = ['cobuild'];
const MineQuery = z.object({ mine: z.stringbool().optional() }).strict();

export const cobuildRoutes: FastifyPluginAsyncZod<{
  service: CobuildService;
  orders: Orders;
  ledger: ReturnType<typeof createCobuildLedger>;
  units: Units;
}> = async (app, { service, orders, ledger, units }) => {
  app.get(
    '/agreements',
    {
      schema: {
        tags,
        summary: 'Co-building agreements in scope, with services done',
        response: { 200: AgreementList },
      },
    },
    (req) => service.agreements(actorOf(req)),
  );
  app.post(
    '/agreements',
    {
      schema: {
        tags,
        summary: 'Sign an agreement between a unit and a community',
        body: CreateAgreementBody,
        response: { 200: Agreement },
      },
    },
    (req) => service.createAgreement(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: "Partner units in scope with their records' figures (未开展服务 first)",
        response: { 200: UnitList },
      },
    },
    (req) => units.units(actorOf(req)),
  );
  app.get(
    '/units/:id',
    {
      schema: {
        tags,
        summary: "A unit's record: agreements, projects, wishes claimed, hours, members reported in",
        params: IdParams,
        response: { 200: UnitRecord },
      },
    },
    (req) => units.unit(actorOf(req), req.params.id),
  );
  app.get(
    '/members',
    { schema: { tags, summary: 'Party members reported in, with services done', response: { 200: MemberList } } },
    (req) => service.members(actorOf(req)),
  );
  app.get('/members/me', { schema: { tags, summary: 'My report-in, if any', response: { 200: MyMember } } }, (req) =>
    service.myMember(actorOf(req)),
  );
  app.post(
    '/members/report-in',
    {
      schema: {
        tags,
        summary: 'Report in to the community where I live',
        body: ReportInBody,
        response: { 200: MyMember },
      },
    },
    (req) => service.reportIn(actorOf(req), auditCtx(req), req.body),
  );
  app.get('/resources', { schema: { tags, summary: 'The resource list', response: { 200: ResourceList } } }, (req) =>
    service.resources(actorOf(req)),
  );
  app.get(
    '/needs',
    {
      schema: {
        tags,
        summary: 'The needs list (mine=true: the needs I posted)',
        querystring: MineQuery,
        response: { 200: NeedList },
      },
    },
    (req) => orders.needs(actorOf(req), req.query.mine ?? false),
  );
  app.post(
    '/needs',
    {
      schema: {
        tags,
        summary: 'Post a need: for myself, on behalf, or from a case',
        body: CreateNeedBody,
        response: { 200: Need },
      },
    },
    (req) => orders.postNeed(actorOf(req), auditCtx(req), req.body),
  );
  app.post(
    '/needs/:id/dispatch',
    {
      schema: {
        tags,
        summary: 'Dispatch a need to a member or a unit (派单)',
        params: IdParams,
        body: DispatchBody,
        response: { 200: Project },
      },
    },
    (req) => orders.dispatch(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'The project list (mine=true: handed to me or my unit)',
        querystring: ProjectQuery,
        response: { 200: ProjectList },
      },
    },
    (req) => orders.projects(actorOf(req), req.query),
  );
  app.get(
    '/projects/:id',
    { schema: { tags, summary: 'One project', params: IdParams, response: { 200: Project } } },
    (req) => orders.project(actorOf(req), req.params.id),
  );
  app.post(
    '/projects/:id/take',
    { schema: { tags, summary: 'Take the order (接单)', params: IdParams, response: { 200: Project } } },
    (req) => orders.take(actorOf(req), auditCtx(req), req.params.id),
  );
  app.post(
    '/projects/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a progress note or milestone',
        params: IdParams,
        body: NoteBody,
        response: { 200: Project },
      },
    },
    (req) => orders.note(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/projects/:id/done',
    { schema: { tags, summary: 'Mark the order done (办结)', params: IdParams, response: { 200: Project } } },
    (req) => orders.finish(actorOf(req), auditCtx(req), req.params.id),
  );
  app.post(
    '/projects/:id/rate',
    {
      schema: {
        tags,
        summary: 'Rate a done order (评价), by its requester only',
        params: IdParams,
        body: RateBody,
        response: { 200: Project },
      },
    },
    (req) => orders.rate(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get(
    '/ledger.xlsx',
    {
      config: { expensive: true },
      schema: {
        tags,
        summary: 'The dual-registration ledger (双报到台账) of a node for [from, to), names masked',
        querystring: CobuildLedgerQuery,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await ledger.export(actorOf(req), auditCtx(req), req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(filename, 'cobuild-ledger.xlsx'))
        .send(stream);
    },
  );
};
