// The only SQL of micro-wishes.
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { wishEvents, wishes, wishSettings } from './tables';

export type WishRow = typeof wishes.$inferSelect;
export type WishInsert = typeof wishes.$inferInsert;
export type EventInsert = typeof wishEvents.$inferInsert;

export const wishRepo = {
  async node(exec: Exec, id: number): Promise<{ id: number; kind: string; name: string; path: string } | null> {
    const r = await rows<{ id: number; kind: string; name: string; path: string }>(
      exec,
      sql`select id, kind, name, path from territory_nodes where id = ${id}`,
    );
    return r[0] ?? null;
  },
  /** The community a territory path lies in, if any. */
  async communityOf(exec: Exec, path: string): Promise<{ id: number; name: string; path: string } | null> {
    const r = await rows<{ id: number; name: string; path: string }>(
      exec,
      sql`select id, name, path from territory_nodes where kind = 'community' and ${path} like path || '%' limit 1`,
    );
    return r[0] ?? null;
  },
  async communityName(exec: Exec, id: number): Promise<string> {
    const r = await rows<{ name: string }>(exec, sql`select name from territory_nodes where id = ${id}`);
    return r[0]?.name ?? '';
  },
  async settings(exec: Exec, nodeId: number) {
    const [r] = await exec.select().from(wishSettings).where(eq(wishSettings.nodeId, nodeId));
    return r ?? null;
  },
  async putSettings(exec: Exec, v: typeof wishSettings.$inferInsert) {
    await exec
      .insert(wishSettings)
      .values(v)
      .onConflictDoUpdate({
        target: wishSettings.nodeId,
        set: { valueLimit: v.valueLimit, leaseDays: v.leaseDays },
      });
  },
  async insert(exec: Exec, v: WishInsert): Promise<WishRow> {
    const [r] = await exec.insert(wishes).values(v).returning();
    return r!;
  },
  async byId(exec: Exec, id: number): Promise<WishRow | null> {
    const [r] = await exec.select().from(wishes).where(eq(wishes.id, id));
    return r ?? null;
  },
  async lock(exec: Exec, id: number): Promise<WishRow | null> {
    const [r] = await exec.select().from(wishes).where(eq(wishes.id, id)).for('update');
    return r ?? null;
  },
  async update(exec: Exec, id: number, v: Partial<WishInsert>) {
    await exec.update(wishes).set(v).where(eq(wishes.id, id));
  },
  /**
   * The guard against two holders: the claim is one conditional update of an open wish, so of concurrent claims
   * exactly one finds it open (the others see the row claimed once the first commits). Null when it was not open.
   */
  async claimIfOpen(
    exec: Exec,
    id: number,
    v: { claimerUserId: number; claimerName: string; claimedAt: Date; leaseUntil: Date },
  ): Promise<WishRow | null> {
    const [r] = await exec
      .update(wishes)
      .set({
        status: 'claimed',
        claimerUserId: v.claimerUserId,
        claimerName: v.claimerName,
        claimedAt: v.claimedAt,
        firstClaimedAt: sql`coalesce(${wishes.firstClaimedAt}, ${v.claimedAt})`,
        leaseUntil: v.leaseUntil,
        updatedAt: v.claimedAt,
      })
      .where(and(eq(wishes.id, id), eq(wishes.status, 'open')))
      .returning();
    return r ?? null;
  },
  /** Returns a still-claimed wish whose lease is exactly `leaseUntil` to the wall; whether it did. */
  async releaseIfLapsed(exec: Exec, id: number, leaseUntil: Date, now: Date): Promise<WishRow | null> {
    const [r] = await exec
      .update(wishes)
      .set({
        status: 'open',
        claimerUserId: null,
        claimerName: null,
        claimedAt: null,
        leaseUntil: null,
        updatedAt: now,
      })
      .where(and(eq(wishes.id, id), eq(wishes.status, 'claimed'), eq(wishes.leaseUntil, leaseUntil)))
      .returning();
    return r ?? null;
  },
  async addEvent(exec: Exec, v: EventInsert) {
    await exec.insert(wishEvents).values(v);
  },
  async events(exec: Exec, wishId: number) {
    return exec.select().from(wishEvents).where(eq(wishEvents.wishId, wishId)).orderBy(wishEvents.id);
  },
  /** Open wishes of a community, newest first (keyset on id). */
  async wall(exec: Exec, nodeId: number, before: number | null, limit: number): Promise<WishRow[]> {
    const where = [eq(wishes.nodeId, nodeId), eq(wishes.status, 'open')];
    if (before != null) where.push(lt(wishes.id, before));
    return exec
      .select()
      .from(wishes)
      .where(and(...where))
      .orderBy(desc(wishes.id))
      .limit(limit + 1);
  },
  async list(exec: Exec, where: SQL, before: number | null, limit: number): Promise<WishRow[]> {
    const w = before != null ? and(where, lt(wishes.id, before))! : where;
    return exec
      .select()
      .from(wishes)
      .where(w)
      .orderBy(desc(wishes.id))
      .limit(limit + 1);
  },
  async communityNames(exec: Exec, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const r = await rows<{ id: number; name: string }>(
      exec,
      sql`select id, name from territory_nodes where id in (${sql.join(
        [...new Set(ids)].map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
    return new Map(r.map((x) => [x.id, x.name]));
  },
};
