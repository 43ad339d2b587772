// HTTP routes of micro-wishes under /api/wishes: post, decide, the wall, lists, claim, deliver, confirm, photos,
// settings, figures and the ledger.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common';
import {
  DecideBody,
  DeliverBody,
  PostWishBody,
  SettingsBody,
  WallPage,
  WallQuery,
  Wish,
  WishFigures,
  WishFiguresQuery,
  WishListQuery,
  WishPage,
  WishSettings,
} from '../../../contracts/wishes';
import { AppError } from '../../platform/errors';
import { actorOf, auditCtx } from '../../platform/http';
import { attachment, XLSX_TYPE } from '../../platform/ledgers';
import type { FileService } from '../files';
import type { WishLedgers } from './ledgers';
import type { WishMeasures } from './measures';
import type { WishService } from './service';

const tags = ['wishes'];
const FileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.string().uuid() }).strict();
const NodeQuery = z.object({ nodeId: z.coerce.number().int().positive() }).strict();

export const wishRoutes: FastifyPluginAsyncZod<{
  wishes: WishService;
  files: FileService;
  measures: WishMeasures;
  ledgers: WishLedgers;
}> = async (app, { wishes, files, measures, ledgers }) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Post a micro-wish (for yourself, or for a resident of the registry)',
        body: PostWishBody,
        response: { 201: z.object({ id: z.number().int() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await wishes.post(actorOf(req), auditCtx(req), req.body, req.lang)),
  );
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'My wishes, my claims, or the wishes you may read',
        querystring: WishListQuery,
        response: { 200: WishPage },
      },
    },
    async (req) => wishes.list(actorOf(req), req.query),
  );
  app.get(
    '/wall',
    {
      schema: {
        tags,
        summary: 'The community’s wish wall: approved wishes without personal data',
        querystring: WallQuery,
        response: { 200: WallPage },
      },
    },
    async (req) => wishes.wall(actorOf(req), req.query),
  );
  app.get(
    '/settings',
    {
      schema: {
        tags,
        summary: 'A community’s value limit and lease',
        querystring: NodeQuery,
        response: { 200: WishSettings },
      },
    },
    async (req) => wishes.settings(actorOf(req), req.query.nodeId),
  );
  app.put(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Set a community’s value limit and lease',
        body: SettingsBody,
        response: { 200: WishSettings },
      },
    },
    async (req) => wishes.putSettings(actorOf(req), auditCtx(req), req.body),
  );
  app.get(
    '/figures',
    {
      schema: {
        tags,
        summary: 'Posted, approved, claimed, fulfilled, median days to fulfil',
        querystring: WishFiguresQuery,
        response: { 200: WishFigures },
      },
    },
    async (req) => measures.figures(actorOf(req), req.query),
  );
  app.get(
    '/ledger.xlsx',
    {
      config: { expensive: true },
      schema: {
        tags,
        summary: 'The micro-wish ledger (微心愿台账) of a node for [from, to), as .xlsx, names masked',
        querystring: WishFiguresQuery,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await ledgers.export(actorOf(req), auditCtx(req), req.query);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename, 'wish-ledger.xlsx')).send(stream);
    },
  );
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A wish you posted, were posted for, claimed, or may read',
        params: IdParams,
        response: { 200: Wish },
      },
    },
    async (req) => wishes.get(actorOf(req), req.params.id),
  );
  app.post(
    '/:id/decide',
    {
      schema: {
        tags,
        summary: 'Approve, or refuse with a reason',
        params: IdParams,
        body: DecideBody,
        response: { 200: Wish },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await wishes.decide(actor, auditCtx(req), req.params.id, req.body, req.lang);
      return wishes.get(actor, req.params.id);
    },
  );
  app.post(
    '/:id/claim',
    {
      schema: {
        tags,
        summary: 'Claim a wish from the wall (a lease until its date)',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await wishes.claim(actorOf(req), auditCtx(req), req.params.id, req.lang);
      return { ok: true as const };
    },
  );
  app.post(
    '/:id/deliver',
    {
      schema: {
        tags,
        summary: 'Record the delivery with photos',
        params: IdParams,
        body: DeliverBody,
        response: { 200: Wish },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await wishes.deliver(actor, auditCtx(req), req.params.id, req.body, req.lang);
      return wishes.get(actor, req.params.id);
    },
  );
  app.post(
    '/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the delivery (the resident or their grid worker)',
        params: IdParams,
        response: { 200: Wish },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await wishes.confirm(actor, auditCtx(req), req.params.id, req.lang);
      return wishes.get(actor, req.params.id);
    },
  );
  app.get(
    '/:id/photos/:fileId',
    { schema: { tags, summary: 'A delivery photo of a wish you may see', params: FileParams } },
    async (req, reply) => {
      if (!(await wishes.holdsPhoto(actorOf(req), req.params.id, req.params.fileId))) throw new AppError('not_found');
      const f = await files.unscopedRead(req.params.fileId.toLowerCase());
      return reply
        .type(f.mime)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(f.data);
    },
  );
};
