// HTTP routes of property supervision and the evaluation from below, under /api/supervision.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  AnnualReview,
  AnswerBody,
  AppealBody,
  CallbackList,
  ComplaintRateQuery,
  ComplaintRates,
  ContractList,
  CreateContractBody,
  CreateRuleBody,
  CreateSurveyBody,
  DecisionList,
  Decision,
  EvaluateBody,
  FundEntryBody,
  FundLedger,
  FundQuery,
  ListRuleList,
  PublicList,
  RateUnitBody,
  ResolveBody,
  Scorecard,
  ScorecardQuery,
  SurveyList,
  SurveyResults,
} from '../../../contracts/supervision';
import { actorOf, auditCtx } from '../../platform/http';
import type { SupervisionService } from './service';

const tags = ['supervision'];
const Created = z.object({ id: z.number().int() });
const Ok = z.object({ ok: z.literal(true) });

export const supervisionRoutes: FastifyPluginAsyncZod<{ service: SupervisionService }> = async (
  app,
  { service: s },
) => {
  app.get(
    '/contracts',
    { schema: { tags, summary: 'Estates with their property company and contract', response: { 200: ContractList } } },
    (req) => s.contracts(actorOf(req)),
  );
  app.post(
    '/contracts',
    {
      schema: {
        tags,
        summary: 'Record an estate’s property contract',
        body: CreateContractBody,
        response: { 200: Created },
      },
    },
    (req) => s.createContract(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/complaint-rates',
    {
      schema: {
        tags,
        summary: 'Complaints per 10,000 households (万户比) per company and month',
        querystring: ComplaintRateQuery,
        response: { 200: ComplaintRates },
      },
    },
    (req) => s.complaintRates(actorOf(req), req.query),
  );
  app.get(
    '/surveys',
    {
      schema: {
        tags,
        summary: 'Surveys: open ones for a resident, those in scope for staff',
        response: { 200: SurveyList },
      },
    },
    (req) => s.surveys(actorOf(req)),
  );
  app.post(
    '/surveys',
    { schema: { tags, summary: 'Open a survey', body: CreateSurveyBody, response: { 200: Created } } },
    (req) => s.createSurvey(actorOf(req), auditCtx(req), req.body),
  );
  app.post(
    '/surveys/:id/answers',
    {
      schema: {
        tags,
        summary: 'Answer a survey (one per household, anonymous)',
        params: IdParams,
        body: AnswerBody,
        response: { 200: Ok },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    (req) => s.answer(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/surveys/:id/results',
    {
      schema: { tags, summary: 'Results, shrunk, with intervals', params: IdParams, response: { 200: SurveyResults } },
    },
    (req) => s.results(actorOf(req), req.params.id),
  );
  app.get(
    '/surveys/:id/callbacks',
    {
      schema: {
        tags,
        summary: 'A random call-back list of households that answered',
        params: IdParams,
        querystring: z.object({ size: z.coerce.number().int().min(1).max(100).default(10) }),
        response: { 200: CallbackList },
      },
    },
    (req) => s.callbacks(actorOf(req), req.params.id, req.query.size),
  );
  app.get('/rules', { schema: { tags, summary: 'Red/black list rules', response: { 200: ListRuleList } } }, (req) =>
    s.rules(actorOf(req)),
  );
  app.post(
    '/rules',
    { schema: { tags, summary: 'Add a red/black list rule', body: CreateRuleBody, response: { 200: Created } } },
    (req) => s.createRule(actorOf(req), auditCtx(req), req.body),
  );
  app.get('/decisions', { schema: { tags, summary: 'List decisions', response: { 200: DecisionList } } }, (req) =>
    s.decisions(actorOf(req)),
  );
  app.post(
    '/decisions/evaluate',
    {
      schema: {
        tags,
        summary: 'Apply the rules to a month',
        body: EvaluateBody,
        response: { 200: z.object({ created: z.number().int() }) },
      },
    },
    (req) => s.evaluate(actorOf(req), auditCtx(req), req.body.period),
  );
  app.post(
    '/decisions/:id/appeal',
    {
      schema: {
        tags,
        summary: 'Appeal within the window',
        params: IdParams,
        body: AppealBody,
        response: { 200: Decision },
      },
    },
    (req) => s.appeal(actorOf(req), auditCtx(req), req.params.id, req.body.reason),
  );
  app.post(
    '/decisions/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Uphold or withdraw an appealed decision',
        params: IdParams,
        body: ResolveBody,
        response: { 200: Decision },
      },
    },
    (req) => s.resolve(actorOf(req), auditCtx(req), req.params.id, req.body.uphold),
  );
  app.post(
    '/decisions/:id/publish',
    { schema: { tags, summary: 'Publish after the appeal window', params: IdParams, response: { 200: Decision } } },
    (req) => s.publish(actorOf(req), auditCtx(req), req.params.id),
  );
  app.get(
    '/public/lists',
    {
      schema: {
        tags,
        summary: 'The published red/black list (public, no personal data)',
        response: { 200: PublicList },
      },
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    () => s.publicList(),
  );
  app.get(
    '/fund',
    {
      schema: {
        tags,
        summary: 'The special fund ledger of an estate',
        querystring: FundQuery,
        response: { 200: FundLedger },
      },
    },
    (req) => s.fund(actorOf(req), req.query.estateNodeId),
  );
  app.post(
    '/fund',
    {
      schema: {
        tags,
        summary: 'Book income or approved spending',
        body: FundEntryBody,
        response: { 200: z.object({ id: z.number().int(), balanceCents: z.number().int() }) },
      },
    },
    (req) => s.addFundEntry(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/scorecards',
    {
      schema: {
        tags,
        summary: 'Scorecards of departments and partner units',
        querystring: ScorecardQuery,
        response: { 200: Scorecard },
      },
    },
    (req) => s.scorecard(actorOf(req), req.query),
  );
  app.post(
    '/ratings',
    {
      schema: {
        tags,
        summary: 'A community rates a department or partner unit',
        body: RateUnitBody,
        response: { 200: Ok },
      },
    },
    (req) => s.rateUnit(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/reviews/:year',
    {
      schema: {
        tags,
        summary: 'The annual review per department and unit (from December)',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: AnnualReview },
      },
    },
    (req) => s.annualReview(actorOf(req), req.params.year),
  );
};
