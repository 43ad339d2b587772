// HTTP route of the audit log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../../contracts/audit';
import { actorOf } from '../../platform/http';
import type { AuditReadService } from './service';

export const auditRoutes: FastifyPluginAsyncZod<{ service: AuditReadService }> = async (app, { service }) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries in scope, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    (req) => service.list(actorOf(req), req.query),
  );
};
