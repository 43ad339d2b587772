// SQL of the resident portal: one-time codes, places and addresses, link requests, the resident's bindings.
import { and, desc, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { roleBindings } from '../users';
import { portalLinkRequests, portalOtps } from './tables';

export type OtpRow = typeof portalOtps.$inferSelect;
export type LinkRow = typeof portalLinkRequests.$inferSelect;
export type LinkView = LinkRow & {
  address: string;
  communityName: string;
  residentName: string;
  phoneCipher: string | null;
};

/** The address of a household as people say it: estate, building and household names from its ancestors. */
const addressOf = (householdPath: SQL | string) =>
  sql<string>`(select string_agg(a.name, ' ' order by a.depth) from territory_nodes a
               where ${householdPath} like a.path || '%' and a.kind in ('estate', 'building', 'household'))`;
const communityNameOf = (path: SQL | string) =>
  sql<string>`(select c.name from territory_nodes c where ${path} like c.path || '%' and c.kind = 'community' limit 1)`;

/** The household path of a link request in `links()` queries, for policy scopes. */
export const linkPath = sql`l.node_path`;

export const portalRepo = {
  async insertOtp(exec: Exec, v: typeof portalOtps.$inferInsert): Promise<void> {
    await exec.insert(portalOtps).values(v);
  },

  /** The newest unused code sent to a phone. */
  async latestOtp(exec: Exec, phoneIndex: string): Promise<OtpRow | null> {
    const r = await exec
      .select()
      .from(portalOtps)
      .where(and(eq(portalOtps.phoneIndex, phoneIndex), isNull(portalOtps.consumedAt)))
      .orderBy(desc(portalOtps.id))
      .limit(1);
    return r[0] ?? null;
  },

  async countOtps(exec: Exec, by: { phoneIndex?: string; ip?: string }, since: Date): Promise<number> {
    const cond = by.phoneIndex ? eq(portalOtps.phoneIndex, by.phoneIndex) : eq(portalOtps.ip, by.ip ?? '');
    const r = await exec
      .select({ n: sql<number>`count(*)::int` })
      .from(portalOtps)
      .where(and(cond, gte(portalOtps.createdAt, since)));
    return r[0]?.n ?? 0;
  },

  async bumpAttempts(exec: Exec, id: number): Promise<void> {
    await exec
      .update(portalOtps)
      .set({ attempts: sql`${portalOtps.attempts} + 1` })
      .where(eq(portalOtps.id, id));
  },

  async consumeOtp(exec: Exec, id: number, at: Date): Promise<boolean> {
    const r = await exec
      .update(portalOtps)
      .set({ consumedAt: at })
      .where(and(eq(portalOtps.id, id), isNull(portalOtps.consumedAt)))
      .returning({ id: portalOtps.id });
    return r.length === 1;
  },

  async communities(exec: Exec) {
    return rows<{
      id: number;
      name: string;
      streetName: string;
      minLat: number | null;
      maxLat: number | null;
      minLng: number | null;
      maxLng: number | null;
    }>(
      exec,
      sql`select c.id, c.name, s.name as "streetName", c.min_lat as "minLat", c.max_lat as "maxLat", c.min_lng as "minLng", c.max_lng as "maxLng"
          from territory_nodes c join territory_nodes s on s.id = c.parent_id
          where c.kind = 'community' and c.retired_at is null order by s.code, c.code`,
    );
  },

  /** Households of a community whose address contains `q`: ids and addresses only. */
  async findAddresses(exec: Exec, communityPath: string, q: string) {
    const p = '%' + q.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    return rows<{ householdId: number; address: string }>(
      exec,
      sql`select * from (select h.id as "householdId", ${addressOf(sql`h.path`)} as address
            from territory_nodes h where h.kind = 'household' and h.retired_at is null and h.path like ${communityPath + '%'}) x
          where x.address like ${p} order by x.address limit 20`,
    );
  },

  async householdPlace(exec: Exec, householdPath: string) {
    const r = await rows<{ address: string | null; communityName: string | null }>(
      exec,
      sql`select ${addressOf(householdPath)} as address, ${communityNameOf(householdPath)} as "communityName"`,
    );
    return r[0] ?? { address: null, communityName: null };
  },

  /** The people living in a household (not moved out): names are masked by the caller. */
  householdMembers: (exec: Exec, householdId: number) =>
    rows<{ name: string; sex: string; userId: number | null }>(
      exec,
      sql`select name, sex, user_id as "userId" from residents where household_node_id = ${householdId} and moved_out_on is null order by id limit 50`,
    ),

  /** Grid workers bound to the grid (or grids) a household lies in, active accounts only. */
  gridWorkersOf: (exec: Exec, householdPath: string) =>
    rows<{ displayName: string; phoneCipher: string | null }>(
      exec,
      sql`select distinct u.id, u.display_name as "displayName", u.phone_cipher as "phoneCipher"
          from role_bindings b join users u on u.id = b.user_id join territory_nodes g on g.id = b.node_id
          where b.role = 'grid_worker' and g.kind = 'grid' and ${householdPath} like g.path || '%' and u.disabled_at is null
          order by u.id limit 10`,
    ),

  async insertLink(exec: Exec, v: typeof portalLinkRequests.$inferInsert): Promise<LinkRow> {
    const [row] = await exec.insert(portalLinkRequests).values(v).returning();
    return row!;
  },

  linksOfUser: (exec: Exec, userId: number, status?: string) =>
    portalRepo.links(exec, status ? sql`l.user_id = ${userId} and l.status = ${status}` : sql`l.user_id = ${userId}`),
  linkView: async (exec: Exec, id: number) => (await portalRepo.links(exec, sql`l.id = ${id}`))[0] ?? null,
  /** `scope` is the policy's predicate over `linkPath`. */
  linksInScope: (exec: Exec, scope: SQL, status: string) =>
    portalRepo.links(exec, sql`${scope} and l.status = ${status}`),

  async links(exec: Exec, where: SQL): Promise<LinkView[]> {
    return rows<LinkView>(
      exec,
      sql`select l.id, l.user_id as "userId", l.household_id as "householdId", l.node_path as "nodePath", l.status, l.note,
                 l.decided_by as "decidedBy", l.created_at as "createdAt", l.decided_at as "decidedAt",
                 ${addressOf(sql`l.node_path`)} as address, ${communityNameOf(sql`l.node_path`)} as "communityName",
                 u.display_name as "residentName", u.phone_cipher as "phoneCipher"
          from portal_link_requests l join users u on u.id = l.user_id
          where ${where} order by l.id desc limit 200`,
    );
  },

  async linkById(exec: Exec, id: number): Promise<LinkRow | null> {
    const r = await exec.select().from(portalLinkRequests).where(eq(portalLinkRequests.id, id)).for('update');
    return r[0] ?? null;
  },

  async decideLink(
    exec: Exec,
    id: number,
    v: { status: 'confirmed' | 'refused'; note: string | null; decidedBy: number; decidedAt: Date },
  ) {
    await exec.update(portalLinkRequests).set(v).where(eq(portalLinkRequests.id, id));
  },

  /** A resident binding: to a household, or (nodeId null) to no node, which reaches no node until a household is confirmed. */
  async addBinding(exec: Exec, v: { userId: number; role: 'resident'; nodeId: number | null }) {
    await exec
      .insert(roleBindings)
      .values({ ...v, organisationId: null })
      .onConflictDoNothing();
  },

  /**
   * Drops the resident's placeholder once they are bound to a household: the binding to no node, and a binding to a
   * district that accounts signed up before residents were bound to no node may still hold.
   */
  async removePlaceholderBindings(exec: Exec, userId: number) {
    await exec
      .delete(roleBindings)
      .where(
        and(
          eq(roleBindings.userId, userId),
          eq(roleBindings.role, 'resident'),
          sql`(${roleBindings.nodeId} is null or ${roleBindings.nodeId} in (select id from territory_nodes where kind = 'district'))`,
        ),
      );
  },
};
