// HTTP routes of deliberation under /api/deliberation: proposals and triage, councils, meetings, votes, resolutions.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  AddAgendaBody,
  AddMemberBody,
  CastBody,
  CastResult,
  Council,
  CouncilList,
  CreateCouncilBody,
  CreateMeetingBody,
  CreateProposalBody,
  CreateResolutionBody,
  CreateVoteBody,
  Meeting,
  MeetingBody,
  PassUpBody,
  ProgressBody,
  Proposal,
  ProposalPage,
  ProposalQuery,
  Resolution,
  ResolutionList,
  ResolutionToCaseBody,
  Roll,
  SupportBody,
  Tally,
  TriageBody,
  Vote,
  VoteList,
} from '../../../contracts/deliberation';
import { actorOf, auditCtx } from '../../platform/http';
import type { CouncilService } from './councils';
import type { ProposalService } from './proposals';
import type { ResolutionService } from './resolutions';
import type { VotingService } from './voting';

const tags = ['deliberation'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const Place = z.object({ id: z.number().int(), name: z.string(), kind: z.string() });
const MeetingsView = z.object({ meetings: z.array(Meeting), pending: z.array(Meeting.shape.agenda.element) });

export const deliberationRoutes: FastifyPluginAsyncZod<{
  proposals: ProposalService;
  councils: CouncilService;
  voting: VotingService;
  resolutions: ResolutionService;
  places: (actor: ReturnType<typeof actorOf>) => Promise<z.infer<typeof Place>[]>;
}> = async (app, { proposals, councils, voting, resolutions, places }) => {
  app.get(
    '/places',
    {
      schema: {
        tags,
        summary: 'Places the caller may propose about',
        response: { 200: z.object({ items: z.array(Place) }) },
      },
    },
    async (req) => ({ items: await places(actorOf(req)) }),
  );
  app.get(
    '/proposals',
    {
      schema: {
        tags,
        summary: 'Proposals in scope; queue=true: the triage queue, overdue first',
        querystring: ProposalQuery,
        response: { 200: ProposalPage },
      },
    },
    (req) => proposals.list(actorOf(req), req.query),
  );
  app.post(
    '/proposals',
    {
      schema: {
        tags,
        summary: 'Make a proposal or suggestion (staff may file one on paper for a resident)',
        body: CreateProposalBody,
        response: { 200: Proposal },
      },
    },
    (req) => proposals.create(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/proposals/:id',
    { schema: { tags, summary: 'One proposal', params: IdParams, response: { 200: Proposal } } },
    (req) => proposals.get(actorOf(req), req.params.id),
  );
  app.post(
    '/proposals/:id/support',
    {
      schema: {
        tags,
        summary: 'Support it (one per registry household)',
        params: IdParams,
        body: SupportBody,
        response: { 200: Proposal },
      },
    },
    (req) => proposals.support(actorOf(req), auditCtx(req), req.params.id, req.body.onBehalfOfResidentId),
  );
  app.post(
    '/proposals/:id/follow',
    { schema: { tags, summary: 'Follow what happens to it', params: IdParams, response: { 200: Proposal } } },
    (req) => proposals.follow(actorOf(req), req.params.id),
  );
  app.post(
    '/proposals/:id/triage',
    {
      schema: {
        tags,
        summary: 'Triage: to the case loop, onto an agenda, or answered',
        params: IdParams,
        body: TriageBody,
        response: { 200: Proposal },
      },
    },
    (req) => proposals.triage(actorOf(req), auditCtx(req), req.params.id, req.body),
  );

  app.get('/councils', { schema: { tags, summary: 'Councils in scope', response: { 200: CouncilList } } }, (req) =>
    councils.list(actorOf(req)),
  );
  app.post(
    '/councils',
    { schema: { tags, summary: 'Set up a council', body: CreateCouncilBody, response: { 200: Council } } },
    (req) => councils.create(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/councils/:id',
    { schema: { tags, summary: 'One council', params: IdParams, response: { 200: Council } } },
    (req) => councils.get(actorOf(req), req.params.id),
  );
  app.post(
    '/councils/:id/members',
    { schema: { tags, summary: 'Add a member', params: IdParams, body: AddMemberBody, response: { 200: Council } } },
    (req) => councils.addMember(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get(
    '/councils/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Meetings and pending matters of a council',
        params: IdParams,
        response: { 200: MeetingsView },
      },
    },
    (req) => councils.meetings(actorOf(req), req.params.id),
  );
  app.post(
    '/councils/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a meeting',
        params: IdParams,
        body: CreateMeetingBody,
        response: { 200: Meeting },
      },
    },
    (req) => councils.createMeeting(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.patch(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Attendance, minutes, held',
        params: IdParams,
        body: MeetingBody,
        response: { 200: Meeting },
      },
    },
    (req) => councils.updateMeeting(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary: 'Put a matter on the agenda',
        params: IdParams,
        body: AddAgendaBody,
        response: { 200: Meeting },
      },
    },
    (req) => councils.addAgenda(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/agenda-items/:id/pass-up',
    {
      schema: {
        tags,
        summary: 'Pass a matter up to a council above with its record',
        params: IdParams,
        body: PassUpBody,
        response: { 200: MeetingsView },
      },
    },
    (req) => councils.passUp(actorOf(req), auditCtx(req), req.params.id, req.body),
  );

  app.get(
    '/councils/:id/votes',
    {
      schema: {
        tags,
        summary: 'Votes of a council (results only once closed)',
        params: IdParams,
        response: { 200: VoteList },
      },
    },
    (req) => voting.list(actorOf(req), req.params.id),
  );
  app.post(
    '/votes',
    { schema: { tags, summary: 'Prepare a vote on an agenda item', body: CreateVoteBody, response: { 200: Vote } } },
    (req) => voting.create(actorOf(req), auditCtx(req), req.body),
  );
  app.get('/votes/:id', { schema: { tags, summary: 'One vote', params: IdParams, response: { 200: Vote } } }, (req) =>
    voting.one(actorOf(req), req.params.id),
  );
  app.post(
    '/votes/:id/open',
    { schema: { tags, summary: 'Open the vote', params: IdParams, response: { 200: Vote } } },
    (req) => voting.open(actorOf(req), auditCtx(req), req.params.id),
  );
  app.post(
    '/votes/:id/close',
    { schema: { tags, summary: 'Close the vote', params: IdParams, response: { 200: Vote } } },
    (req) => voting.close(actorOf(req), auditCtx(req), req.params.id),
  );
  app.post(
    '/votes/:id/ballots',
    {
      schema: {
        tags,
        summary: 'Cast a vote (one per household or member; proxy with its record); Idempotency-Key makes retries safe',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CastBody,
        response: { 200: CastResult },
      },
    },
    (req) => voting.cast(actorOf(req), auditCtx(req), req.params.id, req.body, req.headers['idempotency-key']),
  );
  app.get(
    '/votes/:id/tally',
    {
      schema: { tags, summary: 'The tally from the ballots, after close', params: IdParams, response: { 200: Tally } },
    },
    (req) => voting.tally(actorOf(req), req.params.id),
  );
  app.get(
    '/votes/:id/roll',
    {
      schema: {
        tags,
        summary: 'Who voted (choices only on an open ballot, after close)',
        params: IdParams,
        response: { 200: Roll },
      },
    },
    (req) => voting.roll(actorOf(req), req.params.id),
  );

  app.get(
    '/resolutions',
    { schema: { tags, summary: 'Resolutions of the councils in scope', response: { 200: ResolutionList } } },
    (req) => resolutions.list(actorOf(req), false),
  );
  app.get(
    '/public/resolutions',
    {
      schema: {
        tags,
        summary: 'Published resolutions (公示) of the councils over the caller, without personal data',
        response: { 200: ResolutionList },
      },
    },
    (req) => resolutions.list(actorOf(req), true),
  );
  app.post(
    '/resolutions',
    {
      schema: {
        tags,
        summary: 'Record a resolution of a passed vote',
        body: CreateResolutionBody,
        response: { 200: Resolution },
      },
    },
    (req) => resolutions.create(actorOf(req), auditCtx(req), req.body),
  );
  app.post(
    '/resolutions/:id/progress',
    {
      schema: {
        tags,
        summary: 'Record progress (100 or done: done)',
        params: IdParams,
        body: ProgressBody,
        response: { 200: Resolution },
      },
    },
    (req) => resolutions.progress(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/resolutions/:id/case',
    {
      schema: {
        tags,
        summary: 'Make the resolution a case (through the case intake)',
        params: IdParams,
        body: ResolutionToCaseBody,
        response: { 200: Resolution },
      },
    },
    (req) => resolutions.toCase(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
};
