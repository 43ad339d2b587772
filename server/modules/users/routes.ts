// HTTP routes of user accounts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import { CreateUserBody, UpdateUserBody, User, UserPage, UserQuery } from '../../../contracts/users';
import { actorOf, auditCtx } from '../../platform/http';
import type { UserService } from './service';

const tags = ['users'];

export const userRoutes: FastifyPluginAsyncZod<{ service: UserService }> = async (app, { service }) => {
  app.get(
    '/',
    { schema: { tags, summary: 'List users in scope', querystring: UserQuery, response: { 200: UserPage } } },
    (req) => service.list(actorOf(req), auditCtx(req), req.query),
  );
  app.get('/:id', { schema: { tags, summary: 'One user', params: IdParams, response: { 200: User } } }, (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/',
    { schema: { tags, summary: 'Create a user with role bindings', body: CreateUserBody, response: { 200: User } } },
    (req) => service.create(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit, disable, re-bind or reset a user',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User },
      },
    },
    (req) => service.update(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
};
