// The hotline module: 12345 work orders in (webhook, Excel/CSV import), one case each, replies back, the three rates.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import type { CaseNotifier } from '../cases';
import { createHotlineImporter } from './import';
import { hotlineIoRoutes } from './io-routes';
import { createOrderPipeline, seedCategoryMap } from './orders';
import { createRates } from './rates';
import { createReplies, REPLY_LEDGER } from './reply';
import { hotlineRoutes } from './routes';
import { createHotlineService } from './service';
import { createWebhookReceiver } from './webhook';

export async function hotlineModule(app: FastifyInstance, deps: PlatformDeps & { notifier: CaseNotifier }) {
  await seedCategoryMap(deps.db);
  const pipeline = createOrderPipeline(deps);
  deps.ledgers.declare(REPLY_LEDGER);
  const replies = createReplies(deps);
  await replies.scheduleSweep();
  await app.register(hotlineRoutes, {
    prefix: '/api/hotline',
    service: createHotlineService(deps, pipeline),
    rates: createRates(deps),
  });
  await app.register(hotlineIoRoutes, {
    prefix: '/api/hotline',
    deps,
    receiver: createWebhookReceiver(deps, pipeline),
    importer: createHotlineImporter(deps, pipeline),
    replies,
  });
}

// Public surface: what other modules may import (from '../hotline'); everything else in this folder is private.
/** The 12345 work orders (`unreasonable = 'approved'` marks a confirmed unreasonable request), for reporting joins. */
export { hotlineOrders } from './tables';
