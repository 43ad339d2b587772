// HTTP routes of case metrics: summary, breakdown, scores, and the ledger workbook.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BreakdownQuery,
  BreakdownResult,
  LedgerQuery,
  ScoresQuery,
  ScoresResult,
  Summary,
  SummaryQuery,
} from '../../../contracts/metrics';
import { actorOf, auditCtx } from '../../platform/http';
import { XLSX_TYPE, type LedgerExport } from './ledger';
import type { MetricsService } from './service';

const tags = ['metrics'];
/** Long-period figures and exports: admitted through the platform's expensive-read gates (server/platform/expensive.ts). */
const heavy = { expensive: true };

/** A Content-Disposition header that keeps a Chinese file name (RFC 6266 / 5987) with an ASCII fallback. */
const attachment = (filename: string) =>
  `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export const metricsRoutes: FastifyPluginAsyncZod<{ service: MetricsService; ledger: LedgerExport }> = async (
  app,
  { service, ledger },
) => {
  app.get(
    '/summary',
    {
      config: heavy,
      schema: {
        tags,
        summary: 'Case figures of one scope and period',
        querystring: SummaryQuery,
        response: { 200: Summary },
      },
    },
    (req) => service.summary(actorOf(req), req.query),
  );
  app.get(
    '/breakdown',
    {
      config: heavy,
      schema: {
        tags,
        summary: 'Case figures per territory node, organisation, category, channel or month',
        querystring: BreakdownQuery,
        response: { 200: BreakdownResult },
      },
    },
    (req) => service.breakdown(actorOf(req), req.query),
  );
  app.get(
    '/scores',
    {
      config: heavy,
      schema: {
        tags,
        summary: 'Scores and grades of departments or communities',
        querystring: ScoresQuery,
        response: { 200: ScoresResult },
      },
    },
    (req) => service.scores(actorOf(req), req.query),
  );
  app.get(
    '/ledger.xlsx',
    {
      config: heavy,
      schema: { tags, summary: 'The case ledger (台账) as an Excel workbook, audited', querystring: LedgerQuery },
    },
    async (req, reply) => {
      const { filename, stream } = await ledger.export(actorOf(req), auditCtx(req), req.query);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(stream);
    },
  );
};
