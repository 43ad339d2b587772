// Territory tree operations: read within scope, create, rename, move, retire, delete, import grid boundaries.
import { eq, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateNodeBody, GeoJsonImportBody, NodeListQuery, UpdateNodeBody } from '../../../contracts/territory';
import { CHILD_KINDS, CODE_SEGMENT, type NodeKind } from '../../../contracts/domain';
import type { Geometry } from '../../../contracts/common';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import { detailMessage } from '../../platform/detail-messages';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { boundedVertices, checkShape, RING_MESSAGES } from './geometry';
import { GEOMETRY_LIMITS, type GeometryLimits } from './limits';
import { territoryPolicy } from './policy';
import type { TopologyChecker } from './topology-pool';
import { nodeColumns, territoryNodes, territoryRepo as repo, type NodeRow, type NodeRowWithCount } from './repo';

export type TerritoryDeps = { db: Db; clock: Clock; audit: Audit; topology: TopologyChecker; limits?: GeometryLimits };

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

export function toNode(r: NodeRowWithCount) {
  return {
    id: r.id,
    kind: r.kind as NodeKind,
    code: r.code,
    name: r.name,
    parentId: r.parentId,
    depth: r.depth,
    gridKind: (r.gridKind as 'general' | 'dedicated' | null) ?? null,
    geometry: r.geometry ?? null,
    childCount: r.childCount,
    retiredAt: iso(r.retiredAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

/** Whether any of the actor's grants could write a grid somewhere: the coarse check before a grid import's body is read. */
export function mayWriteGridsSomewhere(actor: Actor): boolean {
  return actor.bindings.some((b) => {
    const g = territoryPolicy.write[b.role];
    return g != null && (!g.kinds || g.kinds.includes('grid'));
  });
}

export function createTerritoryService(deps: TerritoryDeps) {
  const { db, clock, audit, topology } = deps;
  const limits = deps.limits ?? GEOMETRY_LIMITS;

  /** One boundary checked: bounds and shape here, topology in the worker. */
  async function checkGeometry(g: unknown, path = 'geometry'): Promise<Geometry> {
    boundedVertices(g, path, limits);
    const geometry = checkShape(g, path);
    const [valid] = await topology.check([geometry]);
    if (!valid) throw new AppError('invalid_geometry', [{ path, message: RING_MESSAGES.crossing }]);
    return geometry;
  }

  const readable = (actor: Actor, n: NodeRow) => can(actor, territoryPolicy, 'read', n);
  const writable = (actor: Actor, n: { path: string; kind: string }) => can(actor, territoryPolicy, 'write', n);

  /** A node the actor may read, or not_found (existence outside scope is not revealed). */
  async function visible(actor: Actor, id: number): Promise<NodeRow> {
    const n = await repo.byId(db, id);
    if (!n || !readable(actor, n)) throw new AppError('not_found');
    return n;
  }

  async function withCount(exec: Exec, n: NodeRow) {
    return toNode({ ...n, childCount: await repo.childCountOf(exec, n.id) });
  }

  /** Checks a parent can take a child of `kind` for this actor, and returns the child's code. */
  async function placeChild(
    exec: Exec,
    actor: Actor,
    parent: NodeRow,
    kind: NodeKind,
    code: string | undefined,
    field = 'kind',
  ) {
    if (parent.retiredAt) throw fieldError('parentId', 'parent is retired');
    if (!CHILD_KINDS[parent.kind as NodeKind].includes(kind)) {
      throw new AppError('invalid_move', [{ path: field, message: `a ${kind} cannot sit under a ${parent.kind}` }]);
    }
    if (!writable(actor, { path: `${parent.path}0/`, kind })) throw new AppError('forbidden');
    const width = CODE_SEGMENT[kind];
    if (code === undefined) return repo.nextCode(exec, parent.id, parent.code, width);
    if (!code.startsWith(parent.code) || code.length !== parent.code.length + width) {
      throw fieldError('code', `code must be the parent code ${parent.code} followed by ${width} digits`);
    }
    if (await repo.byCode(exec, code)) throw new AppError('duplicate_code', [{ path: 'code', message: code }]);
    return code;
  }

  return {
    async get(actor: Actor, id: number) {
      const n = await visible(actor, id);
      const ancestorIds = n.path
        .split('/')
        .filter(Boolean)
        .map(Number)
        .filter((x) => x !== n.id);
      const ancestors = (await repo.byIds(db, ancestorIds)).sort((a, b) => a.depth - b.depth);
      return {
        ...(await withCount(db, n)),
        ancestors: ancestors.map((a) => ({ id: a.id, kind: a.kind as NodeKind, name: a.name, code: a.code })),
      };
    },

    async list(actor: Actor, q: z.infer<typeof NodeListQuery>) {
      const where = [scope(actor, territoryPolicy, 'read', nodeColumns)];
      if (q.parentId) where.push(eq(territoryNodes.parentId, q.parentId));
      if (q.under) where.push(like(territoryNodes.path, (await visible(actor, q.under)).path + '%'));
      if (q.kind) where.push(eq(territoryNodes.kind, q.kind));
      if (!q.parentId && !q.under && !q.kind && !q.q) {
        // The roots of the actor's scope: the nodes their read grants are bound to.
        const ids = actor.bindings.flatMap((b) =>
          territoryPolicy.read[b.role] && b.path ? [Number(b.path.split('/').at(-2))] : [],
        );
        where.push(
          ids.length
            ? sql`${territoryNodes.id} in (${sql.join(
                ids.map((i) => sql`${i}`),
                sql`, `,
              )})`
            : sql`false`,
        );
      }
      const after = decodeCursor(q.cursor, 1);
      const r = await repo.list(db, where, {
        afterCode: after ? String(after[0]) : null,
        limit: q.limit,
        includeRetired: q.includeRetired,
        q: q.q,
        withGeometry: q.withGeometry,
      });
      const p = page(r, q.limit, (x) => [x.code]);
      return { items: p.items.map(toNode), nextCursor: p.nextCursor };
    },

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateNodeBody>) {
      const parent = await visible(actor, body.parentId);
      const geometry = body.geometry ? await checkGeometry(body.geometry) : null;
      if (body.gridKind && body.kind !== 'grid') throw fieldError('gridKind', 'only grids have a grid kind');
      return db.transaction(async (tx) => {
        const code = await placeChild(tx, actor, parent, body.kind, body.code);
        const now = clock.now();
        const row = await repo.insert(
          tx,
          {
            kind: body.kind,
            code,
            name: body.name,
            parentId: parent.id,
            gridKind: body.kind === 'grid' ? (body.gridKind ?? 'general') : null,
            geometry,
            createdAt: now,
            updatedAt: now,
          },
          parent,
        );
        await audit.record(tx, ctx, {
          action: 'territory.create',
          entityKind: 'territory_node',
          entityId: row.id,
          nodeId: row.id,
          nodePath: row.path,
          after: row,
        });
        return toNode({ ...row, childCount: 0 });
      });
    },

    async update(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof UpdateNodeBody>) {
      const n = await visible(actor, id);
      if (!writable(actor, n)) throw new AppError('forbidden');
      if (body.gridKind && n.kind !== 'grid') throw fieldError('gridKind', 'only grids have a grid kind');
      const patch: Partial<NodeRow> = { updatedAt: clock.now() };
      if (body.name !== undefined) patch.name = body.name;
      if (body.gridKind !== undefined) patch.gridKind = body.gridKind;
      if (body.geometry !== undefined)
        patch.geometry = body.geometry === null ? null : await checkGeometry(body.geometry);
      return db.transaction(async (tx) => {
        const row = await repo.update(tx, id, patch);
        await audit.record(tx, ctx, {
          action: 'territory.update',
          entityKind: 'territory_node',
          entityId: id,
          nodeId: id,
          nodePath: n.path,
          before: n,
          after: row,
        });
        return withCount(tx, row);
      });
    },

    async move(actor: Actor, ctx: AuditContext, id: number, newParentId: number) {
      const n = await visible(actor, id);
      if (!writable(actor, n)) throw new AppError('forbidden');
      const target = await visible(actor, newParentId);
      if (target.path.startsWith(n.path)) {
        throw new AppError('invalid_move', [
          { path: 'newParentId', message: 'cannot move a node under itself or its descendants' },
        ]);
      }
      if (target.id === n.parentId) return withCount(db, n);
      return db.transaction(async (tx) => {
        const code = await placeChild(tx, actor, target, n.kind as NodeKind, undefined, 'newParentId');
        await repo.moveSubtree(tx, n, target, code, clock.now());
        const row = (await repo.byId(tx, id))!;
        await audit.record(tx, ctx, {
          action: 'territory.move',
          entityKind: 'territory_node',
          entityId: id,
          nodeId: id,
          nodePath: row.path,
          before: n,
          after: row,
        });
        return toNode({ ...row, childCount: await repo.childCountOf(tx, id) });
      });
    },

    async setRetired(actor: Actor, ctx: AuditContext, id: number, retired: boolean) {
      const n = await visible(actor, id);
      if (!writable(actor, n)) throw new AppError('forbidden');
      if (retired && (await repo.childCountOf(db, id)) > 0) throw new AppError('has_children');
      if (!retired && n.parentId) {
        const parent = await repo.byId(db, n.parentId);
        if (parent?.retiredAt) throw fieldError('parentId', 'restore the parent first');
      }
      return db.transaction(async (tx) => {
        const row = await repo.update(tx, id, { retiredAt: retired ? clock.now() : null, updatedAt: clock.now() });
        await audit.record(tx, ctx, {
          action: retired ? 'territory.retire' : 'territory.restore',
          entityKind: 'territory_node',
          entityId: id,
          nodeId: id,
          nodePath: n.path,
          before: n,
          after: row,
        });
        return toNode({ ...row, childCount: 0 });
      });
    },

    async remove(actor: Actor, ctx: AuditContext, id: number) {
      const n = await visible(actor, id);
      if (!writable(actor, n) || n.parentId == null) throw new AppError('forbidden');
      await db.transaction(async (tx) => {
        if ((await repo.dependents(tx, id)) > 0) throw new AppError('has_children');
        await repo.remove(tx, id);
        await audit.record(tx, ctx, {
          action: 'territory.delete',
          entityKind: 'territory_node',
          entityId: id,
          nodeId: id,
          nodePath: n.path,
          before: n,
        });
      });
    },

    /**
     * Creates or updates the grids of a community from a GeoJSON FeatureCollection; a dry run rolls back. The order is
     * the point: permission on the community first, then bounds by counting, then shapes, then topology in the worker,
     * so nobody can spend the server's CPU on boundaries they may not write, and nobody blocks the event loop.
     */
    async importGrids(actor: Actor, ctx: AuditContext, body: z.infer<typeof GeoJsonImportBody>, lang: Lang = 'zh-CN') {
      const community = await visible(actor, body.communityId);
      if (community.kind !== 'community') throw fieldError('communityId', 'not a community');
      if (!writable(actor, { path: `${community.path}0/`, kind: 'grid' })) throw new AppError('forbidden');
      const features = body.featureCollection.features;
      if (features.length > limits.featuresPerFile)
        throw fieldError('featureCollection.features', `at most ${limits.featuresPerFile} features per file`);
      let vertices = 0;
      for (const [index, f] of features.entries())
        vertices += boundedVertices(f.geometry, `featureCollection.features.${index}.geometry`, limits);
      if (vertices > limits.verticesPerFile)
        throw fieldError('featureCollection.features', `at most ${limits.verticesPerFile} vertices per file`);

      const result = {
        created: 0,
        updated: 0,
        errors: [] as { index: number; message: string }[],
        dryRun: body.dryRun,
      };
      const failed = (index: number, err: AppError) =>
        result.errors.push({ index, message: detailMessage(err.details?.[0]?.message ?? err.code, lang) });
      const shapes = new Map<number, Geometry>();
      for (const [index, f] of features.entries()) {
        try {
          shapes.set(index, checkShape(f.geometry, `features.${index}.geometry`));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          failed(index, err);
        }
      }
      const valid = await topology.check([...shapes.values()]);
      [...shapes.keys()].forEach((index, k) => {
        if (valid[k]) return;
        shapes.delete(index);
        failed(
          index,
          new AppError('invalid_geometry', [{ path: `features.${index}.geometry`, message: RING_MESSAGES.crossing }]),
        );
      });

      const rollback = new Error('dry run');
      try {
        await db.transaction(async (tx) => {
          const existing = await repo.gridsUnder(tx, community);
          for (const [index, f] of features.entries()) {
            const geometry = shapes.get(index);
            if (!geometry) continue;
            try {
              const props = f.properties ?? {};
              const code = props.code != null ? String(props.code) : undefined;
              const name = props.name != null ? String(props.name).trim().slice(0, 100) : undefined;
              const match = existing.find((g) => (code && g.code === code) || (!code && name && g.name === name));
              if (match) {
                if (!writable(actor, match)) throw new AppError('forbidden');
                const row = await repo.update(tx, match.id, {
                  geometry,
                  name: name ?? match.name,
                  updatedAt: clock.now(),
                });
                await audit.record(tx, ctx, {
                  action: 'territory.update',
                  entityKind: 'territory_node',
                  entityId: row.id,
                  nodeId: row.id,
                  nodePath: row.path,
                  before: match,
                  after: row,
                });
                result.updated++;
              } else {
                if (!name) throw fieldError(`features.${index}.properties.name`, 'a new grid needs a name');
                const c = await placeChild(tx, actor, community, 'grid', code);
                const now = clock.now();
                const row = await repo.insert(
                  tx,
                  {
                    kind: 'grid',
                    code: c,
                    name,
                    parentId: community.id,
                    gridKind: 'general',
                    geometry,
                    createdAt: now,
                    updatedAt: now,
                  },
                  community,
                );
                existing.push(row);
                await audit.record(tx, ctx, {
                  action: 'territory.create',
                  entityKind: 'territory_node',
                  entityId: row.id,
                  nodeId: row.id,
                  nodePath: row.path,
                  after: row,
                });
                result.created++;
              }
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              failed(index, err);
            }
          }
          if (body.dryRun) throw rollback;
        });
      } catch (err) {
        if (err !== rollback) throw err;
      }
      result.errors.sort((a, b) => a.index - b.index);
      return result;
    },
  };
}
export type TerritoryService = ReturnType<typeof createTerritoryService>;
