// HTTP routes of the party organisation tree.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  CreatePartyOrgBody,
  PartyOrg,
  PartyOrgPage,
  PartyOrgQuery,
  UpdatePartyOrgBody,
} from '../../../contracts/organisations';
import { actorOf, auditCtx } from '../../platform/http';
import type { PartyService } from './service';

const tags = ['party'];

export const partyRoutes: FastifyPluginAsyncZod<{ service: PartyService }> = async (app, { service }) => {
  app.get(
    '/orgs',
    {
      schema: {
        tags,
        summary: 'List party organisations in scope',
        querystring: PartyOrgQuery,
        response: { 200: PartyOrgPage },
      },
    },
    (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/orgs/:id',
    { schema: { tags, summary: 'One party organisation', params: IdParams, response: { 200: PartyOrg } } },
    (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/orgs',
    { schema: { tags, summary: 'Create a party organisation', body: CreatePartyOrgBody, response: { 200: PartyOrg } } },
    (req) => service.create(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/orgs/:id',
    {
      schema: {
        tags,
        summary: 'Rename or retire a party organisation',
        params: IdParams,
        body: UpdatePartyOrgBody,
        response: { 200: PartyOrg },
      },
    },
    (req) => service.update(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
};
