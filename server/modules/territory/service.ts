// Territory tree operations: read within scope, create, rename, move, retire, delete, import grid boundaries.
import { booleanValid } from '@turf/boolean-valid';
import { kinks } from '@turf/kinks';
import { eq, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateNodeBody, GeoJsonImportBody, NodeListQuery, UpdateNodeBody } from '../../../contracts/territory';
import { CHILD_KINDS, CODE_SEGMENT, type NodeKind } from '../../../contracts/domain';
import { Geometry } from '../../../contracts/common';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { territoryPolicy } from './policy';
import { nodeColumns, territoryNodes, territoryRepo as repo, type NodeRow, type NodeRowWithCount } from './repo';

export type TerritoryDeps = { db: Db; clock: Clock; audit: Audit };

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

/** Validates a boundary: shape by Zod, topology (closed rings, no self-intersection) by Turf. */
export function checkGeometry(g: unknown, path = 'geometry'): z.infer<typeof Geometry> {
  const parsed = Geometry.safeParse(g);
  if (!parsed.success) throw new AppError('invalid_geometry', [{ path, message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  let valid = false;
  try {
    // booleanValid checks closure and ring relations; kinks finds a ring crossing itself (a bow-tie).
    valid = booleanValid(parsed.data as never) && kinks(parsed.data as never).features.length === 0;
  } catch {
    valid = false;
  }
  if (!valid) throw new AppError('invalid_geometry', [{ path, message: 'ring not closed or self-intersecting' }]);
  return parsed.data;
}

export function createTerritoryService(deps: TerritoryDeps) {
  const { db, clock, audit } = deps;

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
  async function placeChild(exec: Exec, actor: Actor, parent: NodeRow, kind: NodeKind, code: string | undefined, field = 'kind') {
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
      const ancestorIds = n.path.split('/').filter(Boolean).map(Number).filter((x) => x !== n.id);
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
        const ids = actor.bindings.flatMap((b) => (territoryPolicy.read[b.role] && b.path ? [Number(b.path.split('/').at(-2))] : []));
        where.push(ids.length ? sql`${territoryNodes.id} in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})` : sql`false`);
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
      const geometry = body.geometry ? checkGeometry(body.geometry) : null;
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
        await audit.record(tx, ctx, { action: 'territory.create', entityKind: 'territory_node', entityId: row.id, nodeId: row.id, nodePath: row.path, after: row });
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
      if (body.geometry !== undefined) patch.geometry = body.geometry === null ? null : checkGeometry(body.geometry);
      return db.transaction(async (tx) => {
        const row = await repo.update(tx, id, patch);
        await audit.record(tx, ctx, { action: 'territory.update', entityKind: 'territory_node', entityId: id, nodeId: id, nodePath: n.path, before: n, after: row });
        return withCount(tx, row);
      });
    },

    async move(actor: Actor, ctx: AuditContext, id: number, newParentId: number) {
      const n = await visible(actor, id);
      if (!writable(actor, n)) throw new AppError('forbidden');
      const target = await visible(actor, newParentId);
      if (target.path.startsWith(n.path)) {
        throw new AppError('invalid_move', [{ path: 'newParentId', message: 'cannot move a node under itself or its descendants' }]);
      }
      if (target.id === n.parentId) return withCount(db, n);
      return db.transaction(async (tx) => {
        const code = await placeChild(tx, actor, target, n.kind as NodeKind, undefined, 'newParentId');
        await repo.moveSubtree(tx, n, target, code, clock.now());
        const row = (await repo.byId(tx, id))!;
        await audit.record(tx, ctx, { action: 'territory.move', entityKind: 'territory_node', entityId: id, nodeId: id, nodePath: row.path, before: n, after: row });
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
        await audit.record(tx, ctx, { action: retired ? 'territory.retire' : 'territory.restore', entityKind: 'territory_node', entityId: id, nodeId: id, nodePath: n.path, before: n, after: row });
        return toNode({ ...row, childCount: 0 });
      });
    },

    async remove(actor: Actor, ctx: AuditContext, id: number) {
      const n = await visible(actor, id);
      if (!writable(actor, n) || n.parentId == null) throw new AppError('forbidden');
      await db.transaction(async (tx) => {
        if ((await repo.dependents(tx, id)) > 0) throw new AppError('has_children');
        await repo.remove(tx, id);
        await audit.record(tx, ctx, { action: 'territory.delete', entityKind: 'territory_node', entityId: id, nodeId: id, nodePath: n.path, before: n });
      });
    },

    /** Creates or updates the grids of a community from a GeoJSON FeatureCollection; a dry run rolls back. */
    async importGrids(actor: Actor, ctx: AuditContext, body: z.infer<typeof GeoJsonImportBody>) {
      const community = await visible(actor, body.communityId);
      if (community.kind !== 'community') throw fieldError('communityId', 'not a community');
      const result = { created: 0, updated: 0, errors: [] as { index: number; message: string }[], dryRun: body.dryRun };
      const rollback = new Error('dry run');
      try {
        await db.transaction(async (tx) => {
          const existing = await repo.gridsUnder(tx, community);
          for (const [index, f] of body.featureCollection.features.entries()) {
            try {
              const geometry = checkGeometry(f.geometry, `features.${index}.geometry`);
              const props = f.properties ?? {};
              const code = props.code != null ? String(props.code) : undefined;
              const name = props.name != null ? String(props.name).trim().slice(0, 100) : undefined;
              const match = existing.find((g) => (code && g.code === code) || (!code && name && g.name === name));
              if (match) {
                if (!writable(actor, match)) throw new AppError('forbidden');
                const row = await repo.update(tx, match.id, { geometry, name: name ?? match.name, updatedAt: clock.now() });
                await audit.record(tx, ctx, { action: 'territory.update', entityKind: 'territory_node', entityId: row.id, nodeId: row.id, nodePath: row.path, before: match, after: row });
                result.updated++;
              } else {
                if (!name) throw fieldError(`features.${index}.properties.name`, 'a new grid needs a name');
                const c = await placeChild(tx, actor, community, 'grid', code);
                const now = clock.now();
                const row = await repo.insert(tx, { kind: 'grid', code: c, name, parentId: community.id, gridKind: 'general', geometry, createdAt: now, updatedAt: now }, community);
                existing.push(row);
                await audit.record(tx, ctx, { action: 'territory.create', entityKind: 'territory_node', entityId: row.id, nodeId: row.id, nodePath: row.path, after: row });
                result.created++;
              }
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              result.errors.push({ index, message: err.details?.[0]?.message ?? err.code });
            }
          }
          if (body.dryRun) throw rollback;
        });
      } catch (err) {
        if (err !== rollback) throw err;
      }
      return result;
    },
  };
}
export type TerritoryService = ReturnType<typeof createTerritoryService>;
