// HTTP routes of the territory tree: schema, actor, one service call.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common';
import {
  CreateNodeBody,
  GeoJsonImportBody,
  GeoJsonImportResult,
  MoveNodeBody,
  NodeListQuery,
  NodePage,
  NodeWithAncestors,
  PublicOutlineList,
  PublicOutlineQuery,
  TerritoryNode,
  UpdateNodeBody,
} from '../../../contracts/territory';
import { actorOf, auditCtx } from '../../platform/http';
import { AppError } from '../../platform/errors';
import type { Outlines } from './outlines';
import { mayWriteGridsSomewhere, type TerritoryService } from './service';

const tags = ['territory'];

export const territoryRoutes: FastifyPluginAsyncZod<{ service: TerritoryService; outlines: Outlines }> = async (
  app,
  { service, outlines },
) => {
  app.get(
    '/outlines',
    {
      // Public: the resident portal's maps draw the territory as their base when no tile server is configured.
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Names and shapes of areas, for base maps (public)',
        querystring: PublicOutlineQuery,
        response: { 200: PublicOutlineList },
      },
    },
    (req) => outlines.list(req.query),
  );
  app.get(
    '/nodes',
    { schema: { tags, summary: 'List nodes in scope', querystring: NodeListQuery, response: { 200: NodePage } } },
    (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/nodes/:id',
    {
      schema: { tags, summary: 'One node with its ancestors', params: IdParams, response: { 200: NodeWithAncestors } },
    },
    (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/nodes',
    { schema: { tags, summary: 'Create a child node', body: CreateNodeBody, response: { 200: TerritoryNode } } },
    (req) => service.create(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/nodes/:id',
    {
      schema: {
        tags,
        summary: 'Rename or redraw a node',
        params: IdParams,
        body: UpdateNodeBody,
        response: { 200: TerritoryNode },
      },
    },
    (req) => service.update(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/nodes/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a node and its subtree',
        params: IdParams,
        body: MoveNodeBody,
        response: { 200: TerritoryNode },
      },
    },
    (req) => service.move(actorOf(req), auditCtx(req), req.params.id, req.body.newParentId),
  );
  app.post(
    '/nodes/:id/retire',
    { schema: { tags, summary: 'Retire a node', params: IdParams, response: { 200: TerritoryNode } } },
    (req) => service.setRetired(actorOf(req), auditCtx(req), req.params.id, true),
  );
  app.post(
    '/nodes/:id/restore',
    { schema: { tags, summary: 'Restore a retired node', params: IdParams, response: { 200: TerritoryNode } } },
    (req) => service.setRetired(actorOf(req), auditCtx(req), req.params.id, false),
  );
  app.delete(
    '/nodes/:id',
    { schema: { tags, summary: 'Delete a node with nothing attached', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await service.remove(actorOf(req), auditCtx(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/grids/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      // Before the body is read: whoever could not write a grid anywhere is refused without parsing a byte of it.
      onRequest: async (req) => {
        if (!mayWriteGridsSomewhere(actorOf(req))) throw new AppError('forbidden');
      },
      schema: {
        tags,
        summary: 'Import grid boundaries (GeoJSON)',
        body: GeoJsonImportBody,
        response: { 200: GeoJsonImportResult },
      },
    },
    (req) => service.importGrids(actorOf(req), auditCtx(req), req.body, req.lang),
  );
};
