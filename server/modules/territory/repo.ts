// SQL for the territory tree. The only file of this module that touches tables.
import { and, asc, eq, gt, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Geometry } from '../../../contracts/common';
import { rows, type Exec } from '../../platform/db';
import { territoryNodes } from './tables';

export type NodeRow = typeof territoryNodes.$inferSelect;

/** The bounding-box columns that go with a geometry (all null without one). */
export function bboxOf(g: Geometry | null | undefined) {
  if (!g) return { minLng: null, minLat: null, maxLng: null, maxLat: null };
  const pts = (g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2)) as [number, number][];
  return {
    minLng: Math.min(...pts.map((p) => p[0])),
    minLat: Math.min(...pts.map((p) => p[1])),
    maxLng: Math.max(...pts.map((p) => p[0])),
    maxLat: Math.max(...pts.map((p) => p[1])),
  };
}
export type NodeRowWithCount = NodeRow & { childCount: number };

const childCount = sql<number>`(select count(*)::int from territory_nodes c where c.parent_id = territory_nodes.id and c.retired_at is null)`;

export const territoryRepo = {
  async byId(exec: Exec, id: number): Promise<NodeRow | null> {
    const r = await exec.select().from(territoryNodes).where(eq(territoryNodes.id, id));
    return r[0] ?? null;
  },

  /** The district a resident bound to no node yet reports in: the oldest district in service. */
  async homeDistrict(exec: Exec): Promise<NodeRow | null> {
    const r = await exec
      .select()
      .from(territoryNodes)
      .where(and(eq(territoryNodes.kind, 'district'), isNull(territoryNodes.retiredAt)))
      .orderBy(asc(territoryNodes.id))
      .limit(1);
    return r[0] ?? null;
  },

  async byIds(exec: Exec, ids: number[]): Promise<NodeRow[]> {
    if (ids.length === 0) return [];
    return exec
      .select()
      .from(territoryNodes)
      .where(
        sql`${territoryNodes.id} in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      );
  },

  async byCode(exec: Exec, code: string): Promise<NodeRow | null> {
    const r = await exec.select().from(territoryNodes).where(eq(territoryNodes.code, code));
    return r[0] ?? null;
  },

  /** One page of nodes matching `where` (already scoped by the caller), ordered by code. */
  async list(
    exec: Exec,
    where: SQL[],
    opts: { afterCode: string | null; limit: number; includeRetired: boolean; q?: string; withGeometry: boolean },
  ): Promise<NodeRowWithCount[]> {
    const conds = [...where];
    if (!opts.includeRetired) conds.push(isNull(territoryNodes.retiredAt));
    if (opts.afterCode) conds.push(gt(territoryNodes.code, opts.afterCode));
    if (opts.q) {
      const pattern = `%${opts.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      conds.push(or(like(territoryNodes.name, pattern), like(territoryNodes.code, pattern)) as SQL);
    }
    const r = await exec
      .select({
        id: territoryNodes.id,
        kind: territoryNodes.kind,
        code: territoryNodes.code,
        name: territoryNodes.name,
        parentId: territoryNodes.parentId,
        path: territoryNodes.path,
        depth: territoryNodes.depth,
        gridKind: territoryNodes.gridKind,
        geometry: opts.withGeometry ? territoryNodes.geometry : sql<null>`null`,
        retiredAt: territoryNodes.retiredAt,
        createdAt: territoryNodes.createdAt,
        updatedAt: territoryNodes.updatedAt,
        childCount,
      })
      .from(territoryNodes)
      .where(and(...conds))
      .orderBy(asc(territoryNodes.code))
      .limit(opts.limit + 1);
    return r as NodeRowWithCount[];
  },

  async childCountOf(exec: Exec, id: number): Promise<number> {
    const r = await rows<{ n: number }>(
      exec,
      sql`select count(*)::int as n from territory_nodes where parent_id = ${id} and retired_at is null`,
    );
    return r[0]?.n ?? 0;
  },

  /** The next free code under a parent: parent code + zero-padded sequence of `width` digits. */
  async nextCode(exec: Exec, parentId: number, parentCode: string, width: number): Promise<string> {
    const r = await rows<{ max: string | null }>(
      exec,
      sql`select max(code) as max from territory_nodes where parent_id = ${parentId} and length(code) = ${parentCode.length + width}`,
    );
    const last = r[0]?.max ? Number(r[0].max.slice(parentCode.length)) : 0;
    return parentCode + String(last + 1).padStart(width, '0');
  },

  async insert(
    exec: Exec,
    v: Omit<typeof territoryNodes.$inferInsert, 'path' | 'depth'>,
    parent: NodeRow | null,
  ): Promise<NodeRow> {
    const [row] = await exec
      .insert(territoryNodes)
      .values({ ...v, ...bboxOf(v.geometry), path: 'pending', depth: parent ? parent.depth + 1 : 0 })
      .returning();
    const path = `${parent ? parent.path : '/'}${row!.id}/`;
    const [done] = await exec.update(territoryNodes).set({ path }).where(eq(territoryNodes.id, row!.id)).returning();
    return done!;
  },

  async update(exec: Exec, id: number, v: Partial<typeof territoryNodes.$inferInsert>): Promise<NodeRow> {
    const patch = v.geometry !== undefined ? { ...v, ...bboxOf(v.geometry) } : v;
    const [row] = await exec.update(territoryNodes).set(patch).where(eq(territoryNodes.id, id)).returning();
    return row!;
  },

  /** Grids whose bounding box holds the point; the caller tests the polygon itself. */
  async gridsAround(exec: Exec, lat: number, lng: number): Promise<NodeRow[]> {
    return exec.select().from(territoryNodes).where(territoryRepo.gridsAroundWhere(lat, lng));
  },

  /** Live grids whose bounding box holds the point (the polygon test is the caller's). */
  gridsAroundWhere(lat: number, lng: number): SQL {
    return and(
      eq(territoryNodes.kind, 'grid'),
      isNull(territoryNodes.retiredAt),
      sql`${territoryNodes.minLat} <= ${lat} and ${territoryNodes.maxLat} >= ${lat} and ${territoryNodes.minLng} <= ${lng} and ${territoryNodes.maxLng} >= ${lng}`,
    )!;
  },

  /** Moves a subtree: rewrites path, depth and code prefix of the node and all its descendants in one statement. */
  async moveSubtree(exec: Exec, node: NodeRow, newParent: NodeRow, newCode: string, now: Date): Promise<void> {
    const newPath = `${newParent.path}${node.id}/`;
    const depthDelta = newParent.depth + 1 - node.depth;
    await exec.execute(sql`
      update territory_nodes set
        path = ${newPath} || substr(path, ${node.path.length + 1}),
        code = ${newCode} || substr(code, ${node.code.length + 1}),
        depth = depth + ${depthDelta},
        parent_id = case when id = ${node.id} then ${newParent.id} else parent_id end,
        updated_at = ${now}
      where path like ${node.path + '%'}`);
  },

  /** Counts what still hangs on a node: children (retired too), party organisations, organisations, role bindings. */
  async dependents(exec: Exec, id: number): Promise<number> {
    const r = await rows<{ n: number }>(
      exec,
      sql`select (select count(*) from territory_nodes where parent_id = ${id})
               + (select count(*) from party_orgs where node_id = ${id})
               + (select count(*) from organisations where node_id = ${id})
               + (select count(*) from role_bindings where node_id = ${id}) as n`,
    );
    return Number(r[0]?.n ?? 0);
  },

  async remove(exec: Exec, id: number): Promise<void> {
    await exec.delete(territoryNodes).where(eq(territoryNodes.id, id));
  },

  /**
   * Live nodes of `kinds` that have a boundary, under `pathPrefix` when given: id, kind, name, parent and shape only,
   * coarsest first (by depth, then code), at most `limit` + 1 so the caller can tell there were more.
   */
  async outlines(exec: Exec, opts: { kinds: readonly string[]; pathPrefix: string | null; limit: number }) {
    const conds: SQL[] = [
      inArray(territoryNodes.kind, [...opts.kinds]),
      isNull(territoryNodes.retiredAt),
      isNotNull(territoryNodes.geometry),
    ];
    if (opts.pathPrefix) conds.push(like(territoryNodes.path, opts.pathPrefix + '%'));
    return exec
      .select({
        id: territoryNodes.id,
        kind: territoryNodes.kind,
        name: territoryNodes.name,
        parentId: territoryNodes.parentId,
        geometry: territoryNodes.geometry,
      })
      .from(territoryNodes)
      .where(and(...conds))
      .orderBy(asc(territoryNodes.depth), asc(territoryNodes.code))
      .limit(opts.limit + 1);
  },

  /** Grids under a community, keyed for matching imported features by code and by name. */
  async gridsUnder(exec: Exec, community: NodeRow): Promise<NodeRow[]> {
    return exec
      .select()
      .from(territoryNodes)
      .where(and(eq(territoryNodes.parentId, community.id), eq(territoryNodes.kind, 'grid')));
  },
};

export const nodeColumns = { path: territoryNodes.path, kind: territoryNodes.kind };
export { territoryNodes };
