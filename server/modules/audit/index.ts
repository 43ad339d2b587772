// The audit-log reading module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { auditRoutes } from './routes';
import { createAuditReadService } from './service';

export async function auditModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(auditRoutes, { prefix: '/api/audit', service: createAuditReadService(deps) });
}
