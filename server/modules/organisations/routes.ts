// HTTP routes of organisations.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  CreateOrganisationBody,
  Organisation,
  OrganisationPage,
  OrganisationQuery,
  UpdateOrganisationBody,
} from '../../../contracts/organisations';
import { actorOf, auditCtx } from '../../platform/http';
import type { OrganisationService } from './service';

const tags = ['organisations'];

export const organisationRoutes: FastifyPluginAsyncZod<{ service: OrganisationService }> = async (app, { service }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List organisations in scope',
        querystring: OrganisationQuery,
        response: { 200: OrganisationPage },
      },
    },
    (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/:id',
    { schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: Organisation } } },
    (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an organisation',
        body: CreateOrganisationBody,
        response: { 200: Organisation },
      },
    },
    (req) => service.create(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit or retire an organisation',
        params: IdParams,
        body: UpdateOrganisationBody,
        response: { 200: Organisation },
      },
    },
    (req) => service.update(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
};
