// Reading the audit log with filters, scoped to the reader's territory.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditQuery } from '../../../contracts/audit';
import type { Db } from '../../platform/db';
import { decodeCursor, page } from '../../platform/pagination';
import { scope, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { maskPersonal } from '../../platform/audit/redact';
import { AppError } from '../../platform/errors';
import { can } from '../../platform/policy';
import { auditPolicy } from './policy';
import { auditColumns, auditRepo as repo, type AuditRow } from './repo';

const toDto = (r: AuditRow) => ({
  id: r.id,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorName: r.actorName,
  action: r.action,
  entityKind: r.entityKind,
  entityId: r.entityId,
  nodeId: r.nodeId,
  // Masked again on the way out: entries written before the writer masked may hold whole phones and ID numbers.
  before: maskPersonal(r.before ?? null),
  after: maskPersonal(r.after ?? null),
  requestId: r.requestId,
});

export function createAuditReadService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async list(actor: Actor, q: z.infer<typeof AuditQuery>) {
      const scoped = scope(actor, auditPolicy, 'read', auditColumns);
      // Entries about no node (logins, users without a place) are visible only from the top of the tree.
      const atRoot = actor.bindings.some(
        (b) => auditPolicy.read[b.role] && b.path != null && b.path.split('/').filter(Boolean).length === 1,
      );
      const where = [atRoot ? sql`(${scoped} or ${repo.unplaced})` : scoped];
      if (q.actorId) where.push(repo.actorIs(q.actorId));
      if (q.nodeId) {
        const node = await territoryRepo.byId(db, q.nodeId);
        if (!node || !can(actor, auditPolicy, 'read', node)) throw new AppError('not_found');
        where.push(repo.under(node.path));
      }
      if (q.entityKind) where.push(repo.kindIs(q.entityKind));
      if (q.action) where.push(repo.actionIs(q.action));
      if (q.from) where.push(repo.from(q.from));
      if (q.to) where.push(repo.to(q.to));
      const c = decodeCursor(q.cursor, 2);
      const r = await repo.list(db, where, { before: c ? [String(c[0]), Number(c[1])] : null, limit: q.limit });
      const p = page(r, q.limit, (x) => [x.at.toISOString(), x.id]);
      return { items: p.items.map(toDto), nextCursor: p.nextCursor };
    },
  };
}
export type AuditReadService = ReturnType<typeof createAuditReadService>;
