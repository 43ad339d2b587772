// The notification module: the notifier is built by the platform (cases use it); this mounts the centre's routes.
import type { FastifyInstance } from 'fastify';
import type { Notifier } from './service';
import { notificationRoutes } from './routes';

export async function notificationsModule(app: FastifyInstance, deps: { notifier: Notifier }) {
  await app.register(notificationRoutes, { prefix: '/api/notifications', notifier: deps.notifier });
}
