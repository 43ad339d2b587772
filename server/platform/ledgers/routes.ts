// GET /api/ledgers: the ledgers (台账) the signed-in person may produce, so the web shows them in one place.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LedgerList } from '../../../contracts/ledgers';
import { actorOf } from '../http';
import type { LedgerRegistry } from './registry';

export const ledgerRoutes: FastifyPluginAsyncZod<{ registry: LedgerRegistry }> = async (app, { registry }) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['ledgers'],
        summary: 'The ledgers (台账) the actor may produce, with their download path, node and period parameters',
        response: { 200: LedgerList },
      },
    },
    async (req) => ({ ledgers: registry.list(actorOf(req)) }),
  );
};
