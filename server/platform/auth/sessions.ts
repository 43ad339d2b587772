// Session storage: create, resolve a cookie token to an actor, list and revoke.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock';
import { rows, rowsNamed, type Db } from '../db';
import type { Actor, Binding } from '../policy';
import { sessions } from './tables';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// The role bindings of a user with the territory path each one reaches (an organisation reaches from its seat). A binding
// to no node at all (a signed-up resident before their household is confirmed) comes with a null path: it reaches no
// node. A binding whose node or seat cannot be found is left out.
const bindingsOf = (userId: SQL) => sql`
  select coalesce(json_agg(json_build_object('id', b.id, 'role', b.role, 'nodeId', b.node_id, 'organisationId', b.organisation_id,
                                             'path', coalesce(n.path, on_.path)) order by b.id), '[]'::json)
  from role_bindings b
  left join territory_nodes n on n.id = b.node_id
  left join organisations o on o.id = b.organisation_id
  left join territory_nodes on_ on on_.id = o.node_id
  where b.user_id = ${userId} and (coalesce(n.path, on_.path) is not null or (b.node_id is null and b.organisation_id is null))`;

const parseBindings = (v: unknown): Binding[] => (typeof v === 'string' ? JSON.parse(v) : v) as Binding[];

/** Loads the role bindings of a user with the territory path each one reaches. */
export async function loadBindings(db: Db, userId: number): Promise<Binding[]> {
  const r = await rows<{ bindings: unknown }>(db, sql`select (${bindingsOf(sql`${userId}`)}) as bindings`);
  return parseBindings(r[0]?.bindings);
}

export function createSessionStore(db: Db, clock: Clock, ttlMs: number) {
  return {
    /** Opens a session and returns the cookie token (only its hash is stored). */
    async create(
      userId: number,
      userAgent: string | null,
      ip: string | null,
    ): Promise<{ token: string; id: string; csrfToken: string }> {
      const token = randomBytes(32).toString('base64url');
      const id = hashToken(token);
      const csrfToken = randomBytes(24).toString('base64url');
      const now = clock.now();
      await db.insert(sessions).values({
        id,
        userId,
        csrfToken,
        userAgent: userAgent?.slice(0, 300) ?? null,
        ip,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      });
      return { token, id, csrfToken };
    },

    /** The actor behind a cookie token, or null when the session is unknown, expired, revoked or the user disabled. */
    async resolve(token: string): Promise<Actor | null> {
      const id = hashToken(token);
      const now = clock.now();
      // One round trip per request: the session, its user and the user's bindings together.
      const r = await rowsNamed<{
        user_id: number;
        username: string;
        display_name: string;
        must_change_password: boolean;
        csrf_token: string;
        last_seen_at: Date | string;
        bindings: unknown;
      }>(
        db,
        sql`select s.user_id, u.username, u.display_name, u.must_change_password, s.csrf_token, s.last_seen_at, (${bindingsOf(sql`s.user_id`)}) as bindings
            from sessions s join users u on u.id = s.user_id
            where s.id = ${id} and s.revoked_at is null and s.expires_at > ${now} and u.disabled_at is null`,
      );
      const s = r[0];
      if (!s) return null;
      // Sliding expiry, written at most once a minute so reads stay reads.
      if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
        await db
          .update(sessions)
          .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + ttlMs) })
          .where(eq(sessions.id, id));
      }
      return {
        userId: s.user_id,
        username: s.username,
        displayName: s.display_name,
        bindings: parseBindings(s.bindings),
        sessionId: id,
        csrfToken: s.csrf_token,
        mustChangePassword: s.must_change_password,
      };
    },

    async list(userId: number) {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, clock.now())))
        .orderBy(sessions.createdAt);
    },

    /** Revokes one of the user's own sessions; false when there is no such session. */
    async revoke(userId: number, id: string): Promise<boolean> {
      const r = await db
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return r.length > 0;
    },

    async revokeAllExcept(userId: number, keepId: string | null): Promise<void> {
      await db.execute(
        sql`update sessions set revoked_at = ${clock.now()} where user_id = ${userId} and revoked_at is null
            and (${keepId}::text is null or id <> ${keepId})`,
      );
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
