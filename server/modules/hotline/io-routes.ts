// HTTP routes where work orders come in and replies go out: the signed webhook, the Excel/CSV import with its
// template, and the reply export.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  HotlineImportPreview,
  HotlineImportResult,
  ImportIdParams,
  RepliesQuery,
  WebhookOrder,
  WebhookRating,
  WebhookRatingResult,
  WebhookResult,
} from '../../../contracts/hotline';
import { readOneFile } from '../../platform/files/multipart';
import { actorOf, auditCtx } from '../../platform/http';
import { attachment, XLSX_TYPE } from '../../platform/ledgers';
import type { HotlineImporter } from './import';
import type { Replies } from './reply';
import { verifySignature, type WebhookReceiver } from './webhook';
import type { HotlineDeps } from './orders';

const tags = ['hotline'];
/** Long-period figures and exports: admitted through the platform's expensive-read gates (server/platform/expensive.ts). */
const heavy = { expensive: true };

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

type Opts = { deps: HotlineDeps; receiver: WebhookReceiver; importer: HotlineImporter; replies: Replies };

/** The webhook in a plugin of its own: JSON bodies here keep their raw text, which the signature covers. */
const webhookRoute: FastifyPluginAsyncZod<Opts> = async (app, { deps, receiver }) => {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    req.rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      // Still checked for a signature first (preValidation), so an unsigned caller learns nothing from a parse error.
      done(null, null);
    }
  });
  app.post(
    '/orders',
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Inbound 12345 work order (signed JSON: x-jiayuan-timestamp, x-jiayuan-signature: sha256=HMAC(secret, "ts.body"))',
        security: [],
        body: WebhookOrder,
        response: { 200: WebhookResult, 201: WebhookResult },
      },
      preValidation: async (req) =>
        verifySignature(deps.config.hotline.webhookSecret, req.headers, req.rawBody ?? '', deps.clock.now()),
    },
    async (req, reply) => {
      const r = await receiver.receive(req.body, req.id);
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );
  app.post(
    '/ratings',
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Inbound follow-up call result (回访) of a closed hotline case, signed like /orders',
        security: [],
        body: WebhookRating,
        response: { 200: WebhookRatingResult },
      },
      preValidation: async (req) =>
        verifySignature(deps.config.hotline.webhookSecret, req.headers, req.rawBody ?? '', deps.clock.now()),
    },
    (req) => receiver.rate(req.body, req.id),
  );
};

export const hotlineIoRoutes: FastifyPluginAsyncZod<Opts> = async (app, opts) => {
  const { importer, replies, deps, receiver } = opts;
  // Given field by field: passing `opts` on would carry the prefix along and double it.
  await app.register(webhookRoute, { deps, receiver, importer, replies });
  await app.register(multipart);
  app.get(
    '/import/template.xlsx',
    { schema: { tags, summary: 'The work-order import template' } },
    async (_req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment('12345工单导入模板.xlsx', 'hotline-template.xlsx'))
        .send(await importer.template()),
  );
  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Upload an export (.xlsx or .csv, multipart field "file"): every bad row explained, nothing saved yet',
        consumes: ['multipart/form-data'],
        response: { 200: HotlineImportPreview },
      },
    },
    async (req) => {
      const file = await readOneFile(req, { field: 'file', maxBytes: deps.config.maxUploadBytes });
      return importer.preview(actorOf(req), file, null);
    },
  );
  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'A pending import and its commit progress',
        params: ImportIdParams,
        response: { 200: HotlineImportPreview },
      },
    },
    (req) => importer.get(actorOf(req), req.params.id),
  );
  app.post(
    '/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Save the good rows, 500 per transaction; numbers already on record are skipped',
        params: ImportIdParams,
        response: { 200: HotlineImportResult },
      },
    },
    (req) => importer.commit(actorOf(req), auditCtx(req), req.params.id),
  );
  app.get(
    '/replies.xlsx',
    {
      config: heavy,
      schema: { tags, summary: 'Replies (回单) of a period as a workbook (audited)', querystring: RepliesQuery },
    },
    async (req, reply) => {
      const { filename, stream } = await replies.exportReplies(actorOf(req), auditCtx(req), req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(filename, 'hotline-replies.xlsx'))
        .send(stream);
    },
  );
};
