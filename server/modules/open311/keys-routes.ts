// Session API for district administrators: list, create (plain key returned once) and revoke Open311 API keys.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common';
import { ApiKeyList, CreateApiKeyBody, CreatedApiKey } from '../../../contracts/open311';
import { actorOf, auditCtx } from '../../platform/http';
import type { KeyService } from './keys';

const tags = ['open311'];

export const open311KeyRoutes: FastifyPluginAsyncZod<{ keys: KeyService }> = async (app, { keys }) => {
  app.get(
    '/',
    { schema: { tags, summary: 'Open311 API keys (no key is ever shown again)', response: { 200: ApiKeyList } } },
    (req) => keys.list(actorOf(req)),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Issue a key; the answer holds the plain key, once',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey },
      },
    },
    async (req, reply) => {
      return reply.status(201).send(await keys.create(actorOf(req), auditCtx(req), req.body.name));
    },
  );
  app.post(
    '/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a key: its client is refused from then on',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await keys.revoke(actorOf(req), auditCtx(req), req.params.id);
      return { ok: true as const };
    },
  );
};
