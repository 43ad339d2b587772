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

// Public surface: what other modules may import (from '../metrics'); everything else in this folder is private.
/** Each count of DOMAIN.md §3 as a SQL predicate on a case for a period (defined once, here). */
export { countPredicates } from './formulas';
/** A share that is null when nothing is in the denominator. */
export { ratio } from './formulas';
/** A half-open period [from, to). */
export { type Period } from './formulas';
/** The reporting period asked for, in whole Shanghai days (the current month by default). */
export { periodOf } from './period';
/** A Shanghai wall-clock Date for spreadsheets, which store times without a zone. */
export { shanghaiWallClock } from './period';
