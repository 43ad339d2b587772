// SQL for notifications and for finding who should hear about a case.
import { and, desc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { notifications } from './tables';

export type NotificationRow = typeof notifications.$inferSelect;

/** The node ids of a materialised path, root first: '/1/2/3/' → '{1,2,3}'. */
function pathIds(path: string): string {
  return `{${path.split('/').filter(Boolean).join(',')}}`;
}

/** Active users holding one of `roles` on a node of `path` (the node itself or one above it), as `select id`. */
export function usersAboveQuery(path: string, roles: string[]): SQL {
  return sql`select distinct b.user_id as id from role_bindings b
             join users u on u.id = b.user_id and u.disabled_at is null
             where b.role in (${sql.join(
               roles.map((x) => sql`${x}`),
               sql`, `,
             )}) and b.node_id = any(${pathIds(path)}::int[])`;
}

/**
 * Active users holding one of `roles` on the deepest node of `path` that has any (the nearest above it), as `select id`;
 * an empty path selects nobody.
 */
export function nearestAboveQuery(path: string, roles: string[]): SQL {
  return sql`with n as (select id, depth from unnest(${pathIds(path)}::int[]) with ordinality as p(id, depth)),
             c as (select b.user_id, n.depth from role_bindings b join users u on u.id = b.user_id and u.disabled_at is null
                   join n on n.id = b.node_id where b.role in (${sql.join(
                     roles.map((x) => sql`${x}`),
                     sql`, `,
                   )}))
             select user_id as id from c where depth = (select max(depth) from c)`;
}

/** Given user ids as a `select id` subquery. */
export function idsQuery(ids: number[]): SQL {
  return sql`select unnest(${`{${ids.join(',')}}`}::int[]) as id`;
}

/**
 * One notification for each recipient of a `select id` subquery but `exceptUserId`, as one INSERT … SELECT that
 * returns what the webhook job carries (id, user_id, case_id, title).
 */
export function insertForQuery(
  recipients: SQL,
  v: { kind: string; caseId: number | null; title: string; createdAt: Date },
  exceptUserId: number | null,
): SQL {
  return sql`insert into notifications (user_id, kind, case_id, title, created_at)
             select r.id, ${v.kind}, ${v.caseId}::int, ${v.title}, ${v.createdAt.toISOString()}::timestamptz
             from (select distinct id from (${recipients}) x) r where r.id is distinct from ${exceptUserId}::int
             returning id, user_id, case_id, title`;
}

export const notificationRepo = {
  async list(exec: Exec, userId: number, opts: { unread: boolean; beforeId: number | null; limit: number }) {
    const conds: SQL[] = [eq(notifications.userId, userId)];
    if (opts.unread) conds.push(isNull(notifications.readAt));
    if (opts.beforeId) conds.push(lt(notifications.id, opts.beforeId));
    return exec
      .select()
      .from(notifications)
      .where(and(...conds))
      .orderBy(desc(notifications.id))
      .limit(opts.limit + 1);
  },

  async unreadCount(exec: Exec, userId: number): Promise<number> {
    const r = await exec
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return r[0]?.n ?? 0;
  },

  async markRead(exec: Exec, userId: number, id: number | null, at: Date): Promise<number> {
    const r = await exec
      .update(notifications)
      .set({ readAt: at })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          id == null ? sql`true` : eq(notifications.id, id),
        ),
      )
      .returning({ id: notifications.id });
    return r.length;
  },

  /** Active users holding one of `roles` on a node whose path is a prefix of `path` (the case's grid path). */
  /** Users bound with one of `roles` to the node of `path` or one of its ancestors (the path lists their ids). */
  async usersAbove(exec: Exec, path: string, roles: string[]): Promise<number[]> {
    return (await rows<{ id: number }>(exec, usersAboveQuery(path, roles))).map((x) => x.id);
  },

  async usersOfOrganisation(exec: Exec, organisationIds: number[]): Promise<number[]> {
    if (organisationIds.length === 0) return [];
    const r = await rows<{ id: number }>(
      exec,
      sql`select distinct b.user_id as id from role_bindings b join users u on u.id = b.user_id and u.disabled_at is null
          where b.organisation_id in (${sql.join(
            organisationIds.map((x) => sql`${x}`),
            sql`, `,
          )})`,
    );
    return r.map((x) => x.id);
  },

  /** People following a case's progress: its reporter, reporters of duplicates merged into it, and "me too" supporters. */
  async followers(exec: Exec, caseId: number): Promise<number[]> {
    const r = await rows<{ id: number }>(
      exec,
      sql`select reporter_user_id as id from cases where (id = ${caseId} or merged_into = ${caseId}) and reporter_user_id is not null
          union select actor_id from case_events where case_id = ${caseId} and action = 'support' and actor_id is not null`,
    );
    return r.map((x) => x.id);
  },

  async usersOfNode(exec: Exec, nodeId: number): Promise<number[]> {
    const r = await rows<{ id: number }>(
      exec,
      sql`select distinct b.user_id as id from role_bindings b join users u on u.id = b.user_id and u.disabled_at is null
          where b.node_id = ${nodeId} and b.role in ('street_officer', 'community_worker', 'grid_worker')`,
    );
    return r.map((x) => x.id);
  },
};
