// The three hotline rates for a territory and period, and the stored formula choices behind them.
import type { HotlineRates, RateSettings } from '../../../contracts/hotline';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import { authorize, canAnywhere, scope, type Actor } from '../../platform/policy';
import { periodOf } from '../metrics';
import { DEFAULT_RATE_SETTINGS, ratePredicates, ratesOf } from './formulas';
import type { HotlineDeps } from './orders';
import { hotlinePolicy, orderScopeColumns } from './policy';
import { dictionaryRepo, orderFilters, ratesRepo, settingsRepo } from './repo';

export function createRates(deps: HotlineDeps) {
  const { db, clock, audit } = deps;
  const settings = async () => (await settingsRepo.rates(db)) ?? DEFAULT_RATE_SETTINGS;

  return {
    settings,

    async rates(actor: Actor, q: { nodeId?: number; from?: string; to?: string }): Promise<HotlineRates> {
      if (!canAnywhere(actor, hotlinePolicy, 'rates')) throw new AppError('forbidden');
      const p = periodOf(q, clock.now());
      const where = [scope(actor, hotlinePolicy, 'rates', orderScopeColumns)];
      if (q.nodeId) {
        const node = await dictionaryRepo.node(db, q.nodeId);
        if (!node) throw new AppError('not_found');
        authorize(actor, hotlinePolicy, 'rates', { path: node.path });
        where.push(orderFilters.under(node.path));
      }
      const s = await settings();
      const { excluded, ...counts } = await ratesRepo.counts(db, where, ratePredicates(p, s));
      return { from: p.fromDate, to: p.toDate, nodeId: q.nodeId ?? null, settings: s, excluded, ...ratesOf(counts, s) };
    },

    async putSettings(actor: Actor, ctx: AuditContext, next: RateSettings) {
      if (!canAnywhere(actor, hotlinePolicy, 'configure')) throw new AppError('forbidden');
      const before = await settings();
      await db.transaction(async (tx) => {
        await settingsRepo.putRates(tx, next, clock.now());
        await audit.record(tx, ctx, {
          action: 'hotline.rate_settings',
          entityKind: 'hotline_settings',
          entityId: 1,
          before,
          after: next,
        });
      });
      return next;
    },
  };
}
export type Rates = ReturnType<typeof createRates>;
