// SQL for the party organisation tree.
import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Exec } from '../../platform/db';
import { territoryNodes } from '../territory';
import { partyOrgs } from './tables';

const select = {
  id: partyOrgs.id,
  kind: partyOrgs.kind,
  name: partyOrgs.name,
  parentId: partyOrgs.parentId,
  path: partyOrgs.path,
  nodeId: partyOrgs.nodeId,
  nodeName: territoryNodes.name,
  nodePath: territoryNodes.path,
  secretary: partyOrgs.secretary,
  retiredAt: partyOrgs.retiredAt,
  childCount: sql<number>`(select count(*)::int from party_orgs c where c.parent_id = party_orgs.id and c.retired_at is null)`,
};
export type PartyOrgRow = {
  id: number;
  kind: string;
  name: string;
  parentId: number | null;
  path: string;
  nodeId: number;
  nodeName: string;
  nodePath: string;
  secretary: string | null;
  retiredAt: Date | null;
  childCount: number;
};

export const partyColumns = { path: territoryNodes.path };

export const partyRepo = {
  async byId(exec: Exec, id: number): Promise<PartyOrgRow | null> {
    const r = await exec
      .select(select)
      .from(partyOrgs)
      .innerJoin(territoryNodes, eq(territoryNodes.id, partyOrgs.nodeId))
      .where(eq(partyOrgs.id, id));
    return (r[0] as PartyOrgRow | undefined) ?? null;
  },

  async list(
    exec: Exec,
    where: SQL[],
    opts: { afterId: number | null; limit: number; includeRetired: boolean },
  ): Promise<PartyOrgRow[]> {
    const conds = [...where];
    if (!opts.includeRetired) conds.push(isNull(partyOrgs.retiredAt));
    if (opts.afterId) conds.push(gt(partyOrgs.id, opts.afterId));
    const r = await exec
      .select(select)
      .from(partyOrgs)
      .innerJoin(territoryNodes, eq(territoryNodes.id, partyOrgs.nodeId))
      .where(and(...conds))
      .orderBy(asc(partyOrgs.id))
      .limit(opts.limit + 1);
    return r as PartyOrgRow[];
  },

  async insert(exec: Exec, v: Omit<typeof partyOrgs.$inferInsert, 'path'>, parentPath: string | null) {
    const [row] = await exec
      .insert(partyOrgs)
      .values({ ...v, path: 'pending' })
      .returning();
    await exec
      .update(partyOrgs)
      .set({ path: `${parentPath ?? '/'}${row!.id}/` })
      .where(eq(partyOrgs.id, row!.id));
    return row!.id;
  },

  async update(exec: Exec, id: number, v: Partial<typeof partyOrgs.$inferInsert>) {
    await exec.update(partyOrgs).set(v).where(eq(partyOrgs.id, id));
  },

  parentIs: (id: number) => eq(partyOrgs.parentId, id),
  /** Top organisations for an actor: tree roots, or those attached to the very nodes the actor is bound to. */
  rootsFor: (paths: string[]) =>
    paths.length
      ? sql`(${partyOrgs.parentId} is null or ${territoryNodes.path} in (${sql.join(
          paths.map((p) => sql`${p}`),
          sql`, `,
        )}))`
      : isNull(partyOrgs.parentId),
};
