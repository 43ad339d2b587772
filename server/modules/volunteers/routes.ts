// HTTP routes of volunteers under /api/volunteers.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  Activity,
  ActivityList,
  ActivityQuery,
  AddCertificateBody,
  CancelResult,
  Certificate,
  ConfirmAttendanceBody,
  ConfirmResult,
  CreateActivityBody,
  CreateTeamBody,
  MyHours,
  Profile,
  ShiftAttendance,
  SignupResult,
  Team,
  TeamList,
  UpdateProfileBody,
  VolunteerLedgerQuery,
  VolunteerList,
} from '../../../contracts/volunteers';
import { attachment, XLSX_TYPE } from '../../platform/ledgers';
import { actorOf, auditCtx } from '../../platform/http';
import type { VolunteerLedger } from './ledgers';
import type { VolunteerService } from './service';

const tags = ['volunteers'];

export const volunteerRoutes: FastifyPluginAsyncZod<{ service: VolunteerService; ledger: VolunteerLedger }> = async (
  app,
  { service, ledger },
) => {
  app.get(
    '/me',
    { schema: { tags, summary: 'My volunteer profile, certificates, teams and hours', response: { 200: Profile } } },
    (req) => service.me(actorOf(req)),
  );
  app.put(
    '/me',
    {
      schema: {
        tags,
        summary: 'Update my skills and availability',
        body: UpdateProfileBody,
        response: { 200: Profile },
      },
    },
    (req) => service.updateMe(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/me/hours',
    { schema: { tags, summary: 'My credited hours per shift', response: { 200: MyHours } } },
    (req) => service.myHours(actorOf(req)),
  );
  app.get(
    '/people',
    { schema: { tags, summary: 'Volunteers of my area (staff)', response: { 200: VolunteerList } } },
    (req) => service.volunteers(actorOf(req)),
  );
  app.post(
    '/people/:id/certificates',
    {
      schema: {
        tags,
        summary: "Record a volunteer's certificate (staff)",
        params: IdParams,
        body: AddCertificateBody,
        response: { 200: z.object({ items: z.array(Certificate) }) },
      },
    },
    (req) => service.addCertificate(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get('/teams', { schema: { tags, summary: 'Teams I can see', response: { 200: TeamList } } }, (req) =>
    service.teams(actorOf(req)),
  );
  app.post(
    '/teams',
    { schema: { tags, summary: 'Create a team', body: CreateTeamBody, response: { 200: Team } } },
    (req) => service.createTeam(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Open, my or managed activities',
        querystring: ActivityQuery,
        response: { 200: ActivityList },
      },
    },
    (req) => service.activities(actorOf(req), req.query),
  );
  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Organise an activity with shifts',
        body: CreateActivityBody,
        response: { 200: Activity },
      },
    },
    (req) => service.createActivity(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/activities/:id',
    { schema: { tags, summary: 'One activity', params: IdParams, response: { 200: Activity } } },
    (req) => service.activity(actorOf(req), req.params.id),
  );
  app.post(
    '/shifts/:id/signup',
    {
      schema: {
        tags,
        summary: 'Sign up for a shift (a place or the waitlist); idempotent',
        params: IdParams,
        response: { 200: SignupResult },
      },
    },
    (req) => service.signUp(actorOf(req), auditCtx(req), req.params.id),
  );
  app.post(
    '/shifts/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel my sign-up; the first on the waitlist is promoted',
        params: IdParams,
        response: { 200: CancelResult },
      },
    },
    (req) => service.cancel(actorOf(req), auditCtx(req), req.params.id),
  );
  app.get(
    '/shifts/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Sign-ups and attendance of a shift (organiser, staff)',
        params: IdParams,
        response: { 200: ShiftAttendance },
      },
    },
    (req) => service.attendance(actorOf(req), req.params.id),
  );
  app.post(
    '/shifts/:id/attendance',
    {
      schema: {
        tags,
        summary: 'The organiser confirms who came and the hours (corrections appended, audited)',
        params: IdParams,
        body: ConfirmAttendanceBody,
        response: { 200: ConfirmResult },
      },
    },
    (req) => service.confirm(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.get(
    '/ledger.xlsx',
    {
      config: { expensive: true },
      schema: {
        tags,
        summary: 'The volunteer-service ledger (志愿服务台账) of a node for [from, to), names masked',
        querystring: VolunteerLedgerQuery,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await ledger.export(actorOf(req), auditCtx(req), req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(filename, 'volunteer-ledger.xlsx'))
        .send(stream);
    },
  );
};
