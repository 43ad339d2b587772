// HTTP routes of the resident workbook: template, upload to preview, commit, bulk import, and export of the current filter.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportCommitResult, ImportIdParams, ImportPreview, ResidentQuery } from '../../../contracts/people';
import { readOneFile } from '../../platform/files/multipart';
import { actorOf, auditCtx } from '../../platform/http';
import {
  BulkImportQuery,
  BulkImportResult,
  BulkJobParams,
  BulkProgress,
  openUpload,
  type BulkImporter,
} from './bulk-import';
import type { Exporter } from './export';
import type { Importer } from './import';
import { attachment, importTemplate, XLSX_TYPE } from './workbook';

const tags = ['people'];
/** Long-period figures and exports: admitted through the platform's expensive-read gates (server/platform/expensive.ts). */
const heavy = { expensive: true };

export const peopleIoRoutes: FastifyPluginAsyncZod<{
  importer: Importer;
  exporter: Exporter;
  bulk: BulkImporter;
  maxBytes: number;
  bulkMaxBytes: number;
}> = async (app, { importer, exporter, bulk, maxBytes, bulkMaxBytes }) => {
  // Registered here, so multipart bodies are understood by these routes only.
  await app.register(multipart);
  app.get('/import/template.xlsx', { schema: { tags, summary: 'The resident import template' } }, async (_req, reply) =>
    reply
      .type(XLSX_TYPE)
      .header('content-disposition', attachment('居民导入模板.xlsx', 'residents-template.xlsx'))
      .send(await importTemplate()),
  );
  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Upload a workbook (multipart, field "file"): every bad row explained, nothing saved yet',
        consumes: ['multipart/form-data'],
        response: { 200: ImportPreview },
      },
    },
    async (req) => {
      const file = await readOneFile(req, { field: 'file', maxBytes });
      return importer.preview(actorOf(req), file, null);
    },
  );
  app.post(
    '/imports/bulk',
    {
      schema: {
        tags,
        summary:
          'Bulk import of a CSV or XLSX roster (multipart, field "file"), streamed and written in batches; progress at GET /imports/bulk/:job (admins)',
        consumes: ['multipart/form-data'],
        querystring: BulkImportQuery,
        response: { 200: BulkImportResult },
      },
    },
    async (req) => {
      bulk.assertAllowed(actorOf(req));
      const { stream, fileName, truncated } = await openUpload(req, bulkMaxBytes);
      const format = req.query.format ?? (/\.csv$/i.test(fileName) ? 'csv' : 'xlsx');
      return bulk.run(actorOf(req), auditCtx(req), {
        stream,
        format,
        fileName,
        job: req.query.job,
        truncated,
        maxBytes: bulkMaxBytes,
      });
    },
  );
  app.get(
    '/imports/bulk/:job',
    {
      schema: {
        tags,
        summary: 'Progress of a running bulk import',
        params: BulkJobParams,
        response: { 200: BulkProgress },
      },
    },
    (req) => bulk.progress(actorOf(req), req.params.job),
  );
  app.get(
    '/imports/:id',
    { schema: { tags, summary: 'A pending import preview', params: ImportIdParams, response: { 200: ImportPreview } } },
    (req) => importer.get(actorOf(req), req.params.id),
  );
  app.post(
    '/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Save the good rows of an import: all or nothing, idempotent, audited',
        params: ImportIdParams,
        response: { 200: ImportCommitResult },
      },
    },
    (req) => importer.commit(actorOf(req), auditCtx(req), req.params.id),
  );
  app.get(
    '/export.xlsx',
    {
      config: heavy,
      schema: {
        tags,
        summary: 'The current resident list filter as a masked workbook (community workers and above; audited)',
        querystring: ResidentQuery.omit({ cursor: true, limit: true }),
      },
    },
    async (req, reply) => {
      const { filename, stream } = await exporter.exportList(actorOf(req), auditCtx(req), req.query);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename, 'residents.xlsx')).send(stream);
    },
  );
};
