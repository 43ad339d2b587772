// HTTP routes of the notification centre: my notifications, mark one or all read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common';
import { NotificationPage, NotificationQuery } from '../../../contracts/notifications';
import { actorOf } from '../../platform/http';
import type { Notifier } from './service';

const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncZod<{ notifier: Notifier }> = async (app, { notifier }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first',
        querystring: NotificationQuery,
        response: { 200: NotificationPage },
      },
    },
    (req) => notifier.list(actorOf(req), req.query),
  );
  app.post(
    '/:id/read',
    { schema: { tags, summary: 'Mark one read', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await notifier.markRead(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post('/read-all', { schema: { tags, summary: 'Mark all read', response: { 200: Ok } } }, async (req) => {
    await notifier.markRead(actorOf(req), null);
    return { ok: true as const };
  });
};
