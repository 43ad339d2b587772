// HTTP routes of the service hall: catalogue, switches, duty lists, eligibility, materials, applications and steps.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common';
import {
  ActionBody,
  ApplicationDetail,
  ApplicationListQuery,
  ApplicationPage,
  ApplyBody,
  Catalogue,
  CatalogueQuery,
  ClassBody,
  DutyBody,
  DutyPatch,
  DutyEntry,
  DutyQuery,
  EligibilityQuery,
  EligibilityResult,
  ItemCreate,
  ItemPatch,
  ServiceClassRow,
  ServiceLedgerQuery,
  ServiceFile,
  ServiceItem,
  ServiceMetrics,
  ServiceMetricsQuery,
  SwitchBody,
} from '../../../contracts/services';
import { AppError } from '../../platform/errors';
import { readOneFile } from '../../platform/files/multipart';
import { actorOf, auditCtx } from '../../platform/http';
import type { FileService } from '../files';
import type { ServiceActions } from './act';
import type { Apply } from './apply';
import type { ServiceLedgers } from './ledgers';
import { attachment, XLSX_TYPE } from '../../platform/ledgers';
import type { ServiceMeasures } from './measures';
import type { ApplicationReader, ServiceCatalogue } from './service';

const tags = ['services'];
const CodeParams = z.object({ code: z.string().max(40) }).strict();
const FileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.string().uuid() }).strict();
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

export const serviceRoutes: FastifyPluginAsyncZod<{
  catalogue: ServiceCatalogue;
  reader: ApplicationReader;
  apply: Apply;
  actions: ServiceActions;
  files: FileService;
  measures: ServiceMeasures;
  ledgers: ServiceLedgers;
}> = async (app, { catalogue, reader, apply, actions, files, measures, ledgers }) => {
  await app.register(multipart);

  app.get(
    '/catalogue',
    {
      schema: {
        tags,
        summary: 'Service classes and items switched on in a community (search by Chinese or pinyin)',
        querystring: CatalogueQuery,
        response: { 200: Catalogue },
      },
    },
    async (req) => catalogue.catalogue(actorOf(req), req.query),
  );
  app.get(
    '/items/:code',
    {
      schema: {
        tags,
        summary: 'One service item: materials with examples, who may apply, time limit, channels',
        params: CodeParams,
        response: { 200: ServiceItem },
      },
    },
    async (req) => catalogue.item(actorOf(req), req.params.code),
  );
  app.patch(
    '/items/:code',
    {
      schema: {
        tags,
        summary: 'Change a catalogue item (district administrators)',
        params: CodeParams,
        body: ItemPatch,
        response: { 200: ServiceItem },
      },
    },
    async (req) => catalogue.updateItem(actorOf(req), auditCtx(req), req.params.code, req.body, req.lang),
  );
  app.post(
    '/items',
    {
      schema: {
        tags,
        summary:
          'Add a catalogue item (district administrators); switched off everywhere until a community switches it on',
        body: ItemCreate,
        response: { 201: ServiceItem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await catalogue.createItem(actorOf(req), auditCtx(req), req.body, req.lang)),
  );
  app.get(
    '/classes',
    {
      schema: {
        tags,
        summary: 'The service classes in catalogue order',
        response: { 200: z.object({ items: z.array(ServiceClassRow) }) },
      },
    },
    async () => catalogue.classes(),
  );
  app.post(
    '/classes',
    {
      schema: {
        tags,
        summary: 'Add a service class (district administrators)',
        body: ClassBody,
        response: { 201: ServiceClassRow },
      },
    },
    async (req, reply) => reply.status(201).send(await catalogue.createClass(actorOf(req), auditCtx(req), req.body)),
  );
  app.put(
    '/items/:code/switch',
    {
      schema: {
        tags,
        summary: 'Switch an item on or off in a community',
        params: CodeParams,
        body: SwitchBody,
        response: { 200: Ok },
      },
    },
    async (req) => catalogue.setSwitch(actorOf(req), auditCtx(req), req.params.code, req.body.nodeId, req.body.enabled),
  );
  app.get(
    '/items/:code/eligibility',
    {
      schema: {
        tags,
        summary: 'Whether the applicant may apply, and which condition fails, in plain words',
        params: CodeParams,
        querystring: EligibilityQuery,
        response: { 200: EligibilityResult },
      },
    },
    async (req) => catalogue.eligibility(actorOf(req), req.params.code, req.query.residentId, req.lang),
  );
  app.get(
    '/duties',
    {
      schema: {
        tags,
        summary: "A community's three duty lists (依法履职 / 协助 / 负面清单)",
        querystring: DutyQuery,
        response: { 200: z.object({ items: z.array(DutyEntry) }) },
      },
    },
    async (req) => catalogue.duties(actorOf(req), req.query.nodeId),
  );
  app.post(
    '/duties',
    { schema: { tags, summary: 'Add an entry to a duty list', body: DutyBody, response: { 201: DutyEntry } } },
    async (req, reply) => reply.status(201).send(await catalogue.addDuty(actorOf(req), auditCtx(req), req.body)),
  );
  app.patch(
    '/duties/:id',
    {
      schema: {
        tags,
        summary: 'Change an entry of a duty list',
        params: IdParams,
        body: DutyPatch,
        response: { 200: DutyEntry },
      },
    },
    async (req) => catalogue.updateDuty(actorOf(req), auditCtx(req), req.params.id, req.body, req.lang),
  );
  app.delete(
    '/duties/:id',
    { schema: { tags, summary: 'Remove an entry from a duty list', params: IdParams, response: { 200: Ok } } },
    async (req) => catalogue.removeDuty(actorOf(req), auditCtx(req), req.params.id),
  );

  app.post(
    '/materials',
    {
      config: {
        rateLimit: {
          max: 60,
          timeWindow: '1 minute',
          keyGenerator: (req) => `svcfiles:${req.actor?.userId ?? req.ip}`,
        },
      },
      schema: {
        tags,
        summary: 'Upload one material (a photo or a PDF) as multipart/form-data in the field "file"',
        consumes: ['multipart/form-data'],
        response: { 201: ServiceFile },
      },
    },
    async (req, reply) => {
      const data = await readOneFile(req, { field: 'file', maxBytes: files.maxUploadBytes });
      return reply.status(201).send(await files.uploadDocument(actorOf(req), auditCtx(req), data, req.lang));
    },
  );

  app.get(
    '/applications',
    {
      schema: {
        tags,
        summary: 'Applications the actor may see, newest first (the queue)',
        querystring: ApplicationListQuery,
        response: { 200: ApplicationPage },
      },
    },
    async (req) => reader.list(actorOf(req), req.query),
  );
  app.post(
    '/applications',
    {
      schema: {
        tags,
        summary: 'Apply for a service (idempotent with Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: ApplyBody,
        response: { 201: ApplicationDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { id } = await apply.apply(actor, auditCtx(req), req.body, req.headers['idempotency-key'], req.lang);
      return reply.status(201).send(await reader.get(actor, id));
    },
  );
  app.get(
    '/applications/:id',
    {
      schema: {
        tags,
        summary: 'One application with its materials, timeline and the steps open to you',
        params: IdParams,
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => reader.get(actorOf(req), req.params.id),
  );
  app.post(
    '/applications/:id/actions',
    {
      schema: {
        tags,
        summary: 'Take a step on an application',
        params: IdParams,
        body: ActionBody,
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await actions.act(actor, auditCtx(req), req.params.id, req.body, req.lang);
      return reader.get(actor, req.params.id);
    },
  );
  app.get(
    '/applications/:id/files/:fileId',
    { schema: { tags, summary: 'A material of an application you may see', params: FileParams } },
    async (req, reply) => {
      if (!(await reader.holdsFile(actorOf(req), req.params.id, req.params.fileId))) throw new AppError('not_found');
      const f = await files.unscopedRead(req.params.fileId);
      return reply
        .type(f.mime)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(f.data);
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags,
        summary: 'Received, handled, on time, at the door, median time, satisfaction',
        querystring: ServiceMetricsQuery,
        response: { 200: ServiceMetrics },
      },
    },
    async (req) => measures.figures(actorOf(req), req.query),
  );
  for (const kind of ['service', 'proxy'] as const)
    app.get(
      `/ledger/${kind}.xlsx`,
      {
        config: { expensive: true },
        schema: {
          tags,
          summary:
            kind === 'service'
              ? 'The service ledger (服务台账) of a node for [from, to), as .xlsx, names masked'
              : 'The proxy-errand ledger (红色代办台账) of a node for [from, to), as .xlsx, names masked',
          querystring: ServiceLedgerQuery,
        },
      },
      async (req, reply) => {
        const { filename, stream } = await ledgers.export(actorOf(req), auditCtx(req), kind, req.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(filename, `${kind}-ledger.xlsx`))
          .send(stream);
      },
    );
};
