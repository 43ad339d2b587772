// The case metrics module: figures, breakdowns, scores and the ledger export.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { CASE_LEDGER, createLedgerExport } from './ledger';
import { metricsRoutes } from './routes';
import { createMetricsService } from './service';

export async function metricsModule(app: FastifyInstance, deps: PlatformDeps) {
  const service = createMetricsService(deps);
  deps.ledgers.declare(CASE_LEDGER);
  const ledger = createLedgerExport({ ...deps, metrics: service });
  await app.register(metricsRoutes, { prefix: '/api/metrics', service, ledger });
}
