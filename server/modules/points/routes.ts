// HTTP routes of the points time bank: the holder's account, shop and redemptions, household pooling; the staff's
// rules, shop items, accounts, movements, grants, reversals, the proof and the 积分台账.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  AccountList,
  CreateItemBody,
  GrantBody,
  GrantManyBody,
  GrantManyResult,
  HolderList,
  HolderQuery,
  HouseholdMembers,
  MovementList,
  MovementResult,
  MyPoints,
  PointsLedgerQuery,
  PointsRuleList,
  ProofResult,
  ProofStatus,
  PutRuleBody,
  RedeemBody,
  Redemption,
  ReverseBody,
  ShopItemList,
  TransferBody,
  UpdateItemBody,
} from '../../../contracts/points';
import { attachment, XLSX_TYPE } from '../../platform/ledgers';
import { actorOf, auditCtx } from '../../platform/http';
import type { PointsLedgers } from './ledgers';
import type { PointsService } from './service';

const tags = ['points'];
const Ok = z.object({ id: z.number().int() });

export const pointsRoutes: FastifyPluginAsyncZod<{ service: PointsService; ledgers: PointsLedgers }> = async (
  app,
  { service, ledgers },
) => {
  app.get(
    '/me',
    { schema: { tags, summary: 'My points: balance, the last 50 lines of my statement', response: { 200: MyPoints } } },
    (req) => service.me(actorOf(req)),
  );
  app.get(
    '/shop',
    {
      schema: {
        tags,
        summary: 'The shop: active items of every community in my district (通存通兑)',
        response: { 200: ShopItemList },
      },
    },
    (req) => service.shop(actorOf(req)),
  );
  app.post(
    '/redeem',
    {
      schema: {
        tags,
        summary: 'Redeem an item: points and stock in one transaction, once per client key',
        body: RedeemBody,
        response: { 200: Redemption },
      },
    },
    (req) => service.redeem(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/household',
    { schema: { tags, summary: 'The other members of my household', response: { 200: HouseholdMembers } } },
    (req) => service.householdMembers(actorOf(req)),
  );
  app.post(
    '/transfer',
    {
      schema: {
        tags,
        summary: 'Give points to a member of my household, where the community allows pooling',
        body: TransferBody,
        response: { 200: MovementResult },
      },
    },
    (req) => service.transfer(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/rules',
    { schema: { tags, summary: 'The rules of the communities I keep', response: { 200: PointsRuleList } } },
    (req) => service.rules(actorOf(req)),
  );
  app.put(
    '/rules/:id',
    { schema: { tags, summary: "Set a community's rule (audited)", params: IdParams, body: PutRuleBody } },
    async (req, reply) => {
      await service.putRule(actorOf(req), auditCtx(req), req.params.id, req.body);
      return reply.status(204).send();
    },
  );
  app.get(
    '/items',
    { schema: { tags, summary: 'Shop items of the communities I keep (with stock)', response: { 200: ShopItemList } } },
    (req) => service.items(actorOf(req)),
  );
  app.post(
    '/items',
    {
      schema: {
        tags,
        summary: "Add a partner merchant's item to a community's shop",
        body: CreateItemBody,
        response: { 200: Ok },
      },
    },
    (req) => service.createItem(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/items/:id',
    {
      schema: {
        tags,
        summary: 'Change price, add or withdraw stock, withdraw an item',
        params: IdParams,
        body: UpdateItemBody,
        response: { 200: Ok },
      },
    },
    (req) => service.updateItem(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/grants',
    {
      schema: {
        tags,
        summary: "A worker's participation grant to a person of the community (the rule's points, once per key)",
        body: GrantBody,
        response: { 200: MovementResult },
      },
    },
    (req) => service.grant(actorOf(req), auditCtx(req), req.body),
  );
  app.post(
    '/grants/batch',
    {
      schema: {
        tags,
        summary: 'Participation grants to everyone who took part in one event: all or none, once per person and key',
        body: GrantManyBody,
        response: { 200: GrantManyResult },
      },
    },
    (req) => service.grantMany(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/holders',
    {
      schema: {
        tags,
        summary: 'The people of a community a worker may grant to (residents, volunteers), with their balances',
        querystring: HolderQuery,
        response: { 200: HolderList },
      },
    },
    (req) => service.holders(actorOf(req), req.query),
  );
  app.get(
    '/accounts',
    { schema: { tags, summary: 'Accounts of the communities I keep', response: { 200: AccountList } } },
    (req) => service.accounts(actorOf(req)),
  );
  app.get(
    '/movements',
    { schema: { tags, summary: 'The last 100 movements of the communities I keep', response: { 200: MovementList } } },
    (req) => service.movements(actorOf(req)),
  );
  app.post(
    '/movements/:id/reverse',
    {
      schema: {
        tags,
        summary: 'Reverse a movement (a reversal movement naming it; with a reason, audited)',
        params: IdParams,
        body: ReverseBody,
        response: { 200: MovementResult },
      },
    },
    (req) => service.reverse(actorOf(req), auditCtx(req), req.params.id, req.body.reason),
  );
  app.get(
    '/proof',
    { schema: { tags, summary: "The last proof of the ledger (the nightly job's)", response: { 200: ProofStatus } } },
    (req) => service.proofStatus(actorOf(req)),
  );
  app.post('/proof', { schema: { tags, summary: 'Prove the ledger now', response: { 200: ProofResult } } }, (req) =>
    service.runProof(actorOf(req)),
  );
  app.get(
    '/ledger.xlsx',
    {
      config: { expensive: true },
      schema: {
        tags,
        summary: 'The points ledger (积分台账) of a node for [from, to), as .xlsx, names masked',
        querystring: PointsLedgerQuery,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await ledgers.export(actorOf(req), auditCtx(req), req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(filename, 'points-ledger.xlsx'))
        .send(stream);
    },
  );
};
