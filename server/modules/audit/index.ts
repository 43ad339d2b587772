// The audit-log reading module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { auditRoutes } from './routes';
import { createAuditReadService } from './service';

export async function auditModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(auditRoutes, { prefix: '/api/audit', service: createAuditReadService(deps) });
}

// Public surface: what other modules may import (from '../audit'); everything else in this folder is private.
/** Who may read the audit log (for the permission summary of /api/auth/me). */
export { auditPolicy } from './policy';
