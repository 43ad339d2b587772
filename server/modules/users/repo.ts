// SQL for users and role bindings.
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { roleBindings, users } from './tables';

export type UserRow = typeof users.$inferSelect;
export type BindingView = {
  id: number;
  userId: number;
  role: string;
  nodeId: number | null;
  nodeName: string | null;
  organisationId: number | null;
  organisationName: string | null;
  path: string | null;
};

/** The territory path a binding reaches: its node's, or its organisation's seat. */
export const bindingPath = sql`coalesce(n.path, on_.path)`;

export const userRepo = {
  async byId(exec: Exec, id: number): Promise<UserRow | null> {
    const r = await exec.select().from(users).where(eq(users.id, id));
    return r[0] ?? null;
  },

  /** By username, or by the blind index of a whole phone (phone.ts wholePhoneIndex; null when the login is no phone). */
  async byLogin(exec: Exec, login: string, phoneHash: string | null): Promise<UserRow | null> {
    const r = await exec
      .select()
      .from(users)
      .where(phoneHash ? or(eq(users.username, login), eq(users.phoneHash, phoneHash)) : eq(users.username, login));
    return r[0] ?? null;
  },

  async byPhoneHash(exec: Exec, phoneHash: string): Promise<UserRow | null> {
    const r = await exec.select().from(users).where(eq(users.phoneHash, phoneHash));
    return r[0] ?? null;
  },

  async bindingsOf(exec: Exec, userIds: number[]): Promise<BindingView[]> {
    if (userIds.length === 0) return [];
    return rows<BindingView>(
      exec,
      sql`select b.id, b.user_id as "userId", b.role, b.node_id as "nodeId", n.name as "nodeName",
                 b.organisation_id as "organisationId", o.name as "organisationName", ${bindingPath} as path
          from role_bindings b
          left join territory_nodes n on n.id = b.node_id
          left join organisations o on o.id = b.organisation_id
          left join territory_nodes on_ on on_.id = o.node_id
          where b.user_id in (${sql.join(
            userIds.map((i) => sql`${i}`),
            sql`, `,
          )}) order by b.id`,
    );
  },

  /**
   * Users with at least one binding matching `bindingScope` (a predicate over `bindingPath`). `q` matches username and
   * name (contains); `phone` matches a whole phone's blind index or its last four digits, nothing in between.
   */
  async list(
    exec: Exec,
    bindingScope: SQL,
    opts: {
      afterId: number | null;
      limit: number;
      q?: string;
      phone?: { hash: string } | { tail: string } | null;
      role?: string;
    },
  ): Promise<UserRow[]> {
    const conds: SQL[] = [
      sql`exists (select 1 from role_bindings b
             left join territory_nodes n on n.id = b.node_id
             left join organisations o on o.id = b.organisation_id
             left join territory_nodes on_ on on_.id = o.node_id
             where b.user_id = ${users.id} and ${bindingScope} ${opts.role ? sql`and b.role = ${opts.role}` : sql``})`,
    ];
    if (opts.afterId) conds.push(gt(users.id, opts.afterId));
    if (opts.q) {
      const p = `%${opts.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      const phone = opts.phone
        ? 'hash' in opts.phone
          ? eq(users.phoneHash, opts.phone.hash)
          : eq(users.phoneTail, opts.phone.tail)
        : sql`false`;
      conds.push(sql`(${users.username} like ${p} or ${users.displayName} like ${p} or ${phone})`);
    }
    return exec
      .select()
      .from(users)
      .where(and(...conds))
      .orderBy(asc(users.id))
      .limit(opts.limit + 1);
  },

  async insert(exec: Exec, v: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await exec.insert(users).values(v).returning();
    return row!;
  },

  async update(exec: Exec, id: number, v: Partial<typeof users.$inferInsert>): Promise<UserRow> {
    const [row] = await exec.update(users).set(v).where(eq(users.id, id)).returning();
    return row!;
  },

  /**
   * Reserves one login attempt before the password is checked, in one statement so concurrent guesses each take their
   * own number: the count goes up (from 1 again once a lock has run out), and the attempt that reaches `max` also
   * starts the lock. No row while the account is locked: that guess is refused without being tried.
   */
  async reserveLoginAttempt(
    exec: Exec,
    id: number,
    opts: { now: Date; max: number; lockUntil: Date },
  ): Promise<number | null> {
    const expired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${opts.now})`;
    const next = sql`(case when ${expired} then 1 else ${users.failedLogins} + 1 end)`;
    const r = await exec
      .update(users)
      .set({
        failedLogins: next,
        lockedUntil: sql`case when ${next} >= ${opts.max} then ${opts.lockUntil}::timestamptz when ${expired} then null else ${users.lockedUntil} end`,
      })
      .where(and(eq(users.id, id), or(sql`${users.lockedUntil} is null`, sql`${users.lockedUntil} <= ${opts.now}`)))
      .returning({ n: users.failedLogins });
    return r[0]?.n ?? null;
  },

  async replaceBindings(
    exec: Exec,
    userId: number,
    bindings: { role: string; nodeId: number | null; organisationId: number | null }[],
  ) {
    await exec.delete(roleBindings).where(eq(roleBindings.userId, userId));
    if (bindings.length) await exec.insert(roleBindings).values(bindings.map((b) => ({ ...b, userId })));
  },

  async countByRole(exec: Exec, roles: string[]): Promise<number> {
    const r = await exec
      .select({ n: sql<number>`count(*)::int` })
      .from(roleBindings)
      .where(inArray(roleBindings.role, roles));
    return r[0]?.n ?? 0;
  },
};
