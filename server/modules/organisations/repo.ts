// SQL for organisations.
import { and, asc, eq, gt, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { Exec } from '../../platform/db';
import { territoryNodes } from '../territory';
import { organisations } from './tables';

const select = {
  id: organisations.id,
  kind: organisations.kind,
  name: organisations.name,
  nodeId: organisations.nodeId,
  nodeName: territoryNodes.name,
  path: territoryNodes.path,
  contactName: organisations.contactName,
  contactPhone: organisations.contactPhone,
  retiredAt: organisations.retiredAt,
  createdAt: organisations.createdAt,
};
export type OrganisationRow = {
  id: number;
  kind: string;
  name: string;
  nodeId: number;
  nodeName: string;
  path: string;
  contactName: string | null;
  contactPhone: string | null;
  retiredAt: Date | null;
  createdAt: Date;
};

export const organisationColumns = { path: territoryNodes.path, organisationId: organisations.id };

export const organisationRepo = {
  async byId(exec: Exec, id: number): Promise<OrganisationRow | null> {
    const r = await exec
      .select(select)
      .from(organisations)
      .innerJoin(territoryNodes, eq(territoryNodes.id, organisations.nodeId))
      .where(eq(organisations.id, id));
    return (r[0] as OrganisationRow) ?? null;
  },

  async list(
    exec: Exec,
    where: SQL[],
    opts: { afterId: number | null; limit: number; q?: string; includeRetired: boolean },
  ) {
    const conds = [...where];
    if (!opts.includeRetired) conds.push(isNull(organisations.retiredAt));
    if (opts.afterId) conds.push(gt(organisations.id, opts.afterId));
    if (opts.q) conds.push(like(organisations.name, `%${opts.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
    const r = await exec
      .select(select)
      .from(organisations)
      .innerJoin(territoryNodes, eq(territoryNodes.id, organisations.nodeId))
      .where(and(...conds))
      .orderBy(asc(organisations.id))
      .limit(opts.limit + 1);
    return r as OrganisationRow[];
  },

  async insert(exec: Exec, v: typeof organisations.$inferInsert) {
    const [row] = await exec.insert(organisations).values(v).returning();
    return row!;
  },

  async update(exec: Exec, id: number, v: Partial<typeof organisations.$inferInsert>) {
    const [row] = await exec.update(organisations).set(v).where(eq(organisations.id, id)).returning();
    return row!;
  },

  kindIs: (kind: string) => eq(organisations.kind, kind),
  none: sql`false`,
};
