// HTTP routes of residents and households.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  CreatePersonTagBody,
  CreateResidentBody,
  TagCodeParams,
  UpdatePersonTagBody,
  HouseholdPage,
  Housing,
  MoveOutBody,
  NodeIdParams,
  PersonTag,
  PutHousingBody,
  Resident,
  ResidentPage,
  ResidentQuery,
  RevealBody,
  Revealed,
  UpdateResidentBody,
} from '../../../contracts/people';
import { actorOf, auditCtx } from '../../platform/http';
import type { HouseholdService } from './households';
import type { ResidentService } from './service';
import type { TagService } from './tags';

const tags = ['people'];

export const peopleRoutes: FastifyPluginAsyncZod<{
  residents: ResidentService;
  households: HouseholdService;
  tagService: TagService;
}> = async (app, { residents, households, tagService }) => {
  app.get(
    '/residents',
    {
      schema: {
        tags,
        summary:
          'Residents in scope (masked); q searches name, pinyin, initials, the last 4 or the whole ID/phone number (audited), household',
        querystring: ResidentQuery,
        response: { 200: ResidentPage },
      },
    },
    (req) => residents.list(actorOf(req), auditCtx(req), req.query),
  );
  app.get(
    '/residents/:id',
    { schema: { tags, summary: 'One resident (masked)', params: IdParams, response: { 200: Resident } } },
    (req) => residents.get(actorOf(req), req.params.id),
  );
  app.post(
    '/residents',
    {
      schema: {
        tags,
        summary: 'Register a resident in a household',
        body: CreateResidentBody,
        response: { 200: Resident },
      },
    },
    (req) => residents.create(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/residents/:id',
    {
      schema: {
        tags,
        summary: 'Edit a resident',
        params: IdParams,
        body: UpdateResidentBody,
        response: { 200: Resident },
      },
    },
    (req) => residents.update(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/residents/:id/move-out',
    {
      schema: {
        tags,
        summary: 'Record that a resident moved out, when and where to (the record is kept)',
        params: IdParams,
        body: MoveOutBody,
        response: { 200: Resident },
      },
    },
    (req) => residents.moveOut(actorOf(req), auditCtx(req), req.params.id, req.body.movedOutOn, req.body.destination),
  );
  app.post(
    '/residents/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Show a full ID number or phone (community workers and above; audited)',
        params: IdParams,
        body: RevealBody,
        response: { 200: Revealed },
      },
    },
    (req) => residents.reveal(actorOf(req), auditCtx(req), req.params.id, req.body.field),
  );
  app.get(
    '/households/:nodeId',
    {
      schema: {
        tags,
        summary: 'A household: the node, its housing and everyone living in it',
        params: NodeIdParams,
        response: { 200: HouseholdPage },
      },
    },
    (req) => households.page(actorOf(req), req.params.nodeId),
  );
  app.put(
    '/households/:nodeId/housing',
    {
      schema: {
        tags,
        summary: 'Set how a household dwelling is used',
        params: NodeIdParams,
        body: PutHousingBody,
        response: { 200: Housing },
      },
    },
    (req) => households.putHousing(actorOf(req), auditCtx(req), req.params.nodeId, req.body),
  );
  app.get(
    '/tags',
    { schema: { tags, summary: 'The person-tag catalogue', response: { 200: z.array(PersonTag) } } },
    () => tagService.list(),
  );
  app.post(
    '/tags',
    {
      schema: {
        tags,
        summary: 'Add a person tag (district administrators)',
        body: CreatePersonTagBody,
        response: { 200: PersonTag },
      },
    },
    (req) => tagService.create(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/tags/:code',
    {
      schema: {
        tags,
        summary: 'Rename, retire or restore a person tag (district administrators)',
        params: TagCodeParams,
        body: UpdatePersonTagBody,
        response: { 200: PersonTag },
      },
    },
    (req) => tagService.update(actorOf(req), auditCtx(req), req.params.code, req.body),
  );
};
