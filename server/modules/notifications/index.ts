// The notification module: the notifier is built by the platform (cases use it); this mounts the centre's routes.
import type { FastifyInstance } from 'fastify';
import type { Notifier } from './service';
import { sql, type SQL } from 'drizzle-orm';
import { idsQuery, insertForQuery, nearestAboveQuery, usersAboveQuery } from './repo';
import { notificationRoutes } from './routes';

export async function notificationsModule(app: FastifyInstance, deps: { notifier: Notifier }) {
  await app.register(notificationRoutes, { prefix: '/api/notifications', notifier: deps.notifier });
}

/** The nearest node that holds both paths (their longest common prefix of whole segments): '/1/2/5/' and '/1/2/6/' → '/1/2/'. */
export function commonPath(a: string, b: string): string {
  const x = a.split('/').filter(Boolean);
  const y = b.split('/').filter(Boolean);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i ? `/${x.slice(0, i).join('/')}/` : '';
}

/**
 * The statement telling the community workers, street officers or district administrators on the nearest node above
 * both paths (who may see both records) that one ID number is registered twice. With `pair` null it tells nobody but
 * runs all the same, so a registration takes the same work whether the number was known or not.
 */
export function residentDuplicateNotice(
  pair: { newPath: string; existingPath: string; title: string } | null,
  at: Date,
): SQL {
  const path = pair ? commonPath(pair.newPath, pair.existingPath) : '';
  const recipients = nearestAboveQuery(path, ['community_worker', 'street_officer', 'district_admin']);
  return sql`${insertForQuery(recipients, { kind: 'resident_duplicate', caseId: null, title: pair?.title ?? 'resident_duplicate', createdAt: at }, null)}`;
}

// Public surface: what other modules may import (from '../notifications'); everything else in this folder is private.
/** Builds the notifier (the in-app centre and the signed outbound webhook) that the case loop talks to. */
export { createNotifier } from './service';
/** What createNotifier returns. */
export { type Notifier } from './service';
/** The signature a gateway checks on a webhook body (HMAC-SHA256 of `timestamp.body`). */
export { signWebhook } from './service';
/**
 * The statement notifying, about a record that is not a case (`title` carries its number): the given users, the
 * members of an organisation, and the holders of `roles` on the nodes of `path` (or above it); never `exceptUserId`.
 */
export function recordNotice(
  to: { userIds?: number[]; organisationId?: number | null; path?: string; roles?: string[] },
  v: { kind: string; title: string; createdAt: Date },
  exceptUserId: number | null,
): SQL {
  const parts: SQL[] = [];
  if (to.userIds?.length) parts.push(idsQuery(to.userIds));
  if (to.organisationId != null)
    parts.push(sql`select b.user_id as id from role_bindings b join users u on u.id = b.user_id and u.disabled_at is null
                   where b.organisation_id = ${to.organisationId}`);
  if (to.path && to.roles?.length) parts.push(usersAboveQuery(to.path, to.roles));
  const recipients = parts.length ? sql.join(parts, sql` union `) : sql`select null::int as id where false`;
  return insertForQuery(recipients, { ...v, caseId: null }, exceptUserId);
}
