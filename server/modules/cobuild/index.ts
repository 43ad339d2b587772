// The co-building module (共驻共建, 双报到): partner units' agreements, party members reporting in, the needs, resources
// and projects lists with the ordering flow 点单 → 派单 → 接单 → 办结 → 评价, and the 双报到台账, under /api/cobuild.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { COBUILD_LEDGER, createCobuildLedger } from './ledgers';
import { createOrders, registerCobuildJobs } from './orders';
import { cobuildRoutes } from './routes';
import { createCobuildService } from './service';
import { createUnits } from './units';

export async function cobuildModule(app: FastifyInstance, deps: PlatformDeps) {
  registerCobuildJobs(deps);
  deps.ledgers.declare(COBUILD_LEDGER);
  await app.register(cobuildRoutes, {
    prefix: '/api/cobuild',
    service: createCobuildService(deps),
    orders: createOrders(deps),
    ledger: createCobuildLedger(deps),
    units: createUnits(deps),
  });
}

// Public surface: what other modules may import (from '../cobuild'); everything else in this folder is private.
/** Who may see and act in co-building (staff manage their area, units their own, members their orders, residents their needs). */
export { cobuildPolicy } from './policy';
