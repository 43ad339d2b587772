// HTTP routes of the field diary (民情日记): entries, turning one into a case, and the monthly ledger of a grid.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  CreateDiaryBody,
  DiaryCaseResult,
  DiaryDay,
  DiaryDayQuery,
  DiaryEntry,
  DiaryQuery,
  DiaryToCaseBody,
  LedgerQuery,
} from '../../../contracts/people';
import { actorOf, auditCtx } from '../../platform/http';
import type { DiaryService } from './diary';
import type { DiaryLedger } from './diary-ledger';
import { attachment, XLSX_TYPE } from './workbook';

const tags = ['people'];
/** Long-period figures and exports: admitted through the platform's expensive-read gates (server/platform/expensive.ts). */
const heavy = { expensive: true };

export const diaryRoutes: FastifyPluginAsyncZod<{ diary: DiaryService; ledger: DiaryLedger }> = async (
  app,
  { diary, ledger },
) => {
  app.get(
    '/diary',
    {
      schema: {
        tags,
        summary: 'Field diary entries of a month in scope',
        querystring: DiaryQuery,
        response: { 200: z.array(DiaryEntry) },
      },
    },
    (req) => diary.list(actorOf(req), req.query),
  );
  app.get(
    '/diary/day',
    {
      schema: {
        tags,
        summary: 'My day: the visits, reports, case steps and notes I recorded on a date',
        querystring: DiaryDayQuery,
        response: { 200: DiaryDay },
      },
    },
    (req) => diary.day(actorOf(req), req.query),
  );
  app.post(
    '/diary',
    { schema: { tags, summary: 'Record a field diary entry', body: CreateDiaryBody, response: { 200: DiaryEntry } } },
    (req) => diary.create(actorOf(req), auditCtx(req), req.body),
  );
  app.post(
    '/diary/:id/case',
    {
      schema: {
        tags,
        summary: 'Turn a diary entry into a case through the case intake (once)',
        params: IdParams,
        body: DiaryToCaseBody,
        response: { 200: DiaryCaseResult },
      },
    },
    (req) => diary.toCase(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get(
    '/diary/ledger.xlsx',
    {
      config: heavy,
      schema: {
        tags,
        summary: "A grid's monthly diary ledger, generated from entries and visits (audited)",
        querystring: LedgerQuery,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await ledger.ledger(actorOf(req), auditCtx(req), req.query.gridId, req.query.month);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(filename, `diary-ledger-${req.query.month}.xlsx`))
        .send(stream);
    },
  );
};
