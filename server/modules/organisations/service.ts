// Organisations: list in scope, create and edit, retire.
import type { z } from 'zod';
import type {
  CreateOrganisationBody,
  OrganisationQuery,
  UpdateOrganisationBody,
} from '../../../contracts/organisations';
import type { OrganisationKind } from '../../../contracts/domain';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/mask';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { organisationPolicy } from './policy';
import { organisationColumns, organisationRepo as repo, type OrganisationRow } from './repo';

const toDto = (r: OrganisationRow) => ({
  id: r.id,
  kind: r.kind as OrganisationKind,
  name: r.name,
  nodeId: r.nodeId,
  nodeName: r.nodeName,
  contactName: r.contactName,
  contactPhoneMasked: maskPhone(r.contactPhone),
  retiredAt: r.retiredAt ? new Date(r.retiredAt).toISOString() : null,
  createdAt: new Date(r.createdAt).toISOString(),
});

export function createOrganisationService(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;
  const rec = (r: OrganisationRow) => ({ path: r.path, organisationId: r.id });

  async function visible(actor: Actor, id: number) {
    const r = await repo.byId(db, id);
    if (!r || !can(actor, organisationPolicy, 'read', rec(r))) throw new AppError('not_found');
    return r;
  }

  return {
    get: async (actor: Actor, id: number) => toDto(await visible(actor, id)),

    async list(actor: Actor, q: z.infer<typeof OrganisationQuery>) {
      const where = [scope(actor, organisationPolicy, 'read', organisationColumns)];
      if (q.kind) where.push(repo.kindIs(q.kind));
      const after = decodeCursor(q.cursor, 1);
      const r = await repo.list(db, where, {
        afterId: after ? Number(after[0]) : null,
        limit: q.limit,
        q: q.q,
        includeRetired: q.includeRetired,
      });
      const p = page(r, q.limit, (x) => [x.id]);
      return { items: p.items.map(toDto), nextCursor: p.nextCursor };
    },

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateOrganisationBody>) {
      const node = await territoryRepo.byId(db, body.nodeId);
      if (!node || !can(actor, organisationPolicy, 'write', { path: node.path }))
        throw new AppError('forbidden', [{ path: 'nodeId', message: 'outside your scope' }]);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const row = await repo.insert(tx, {
          kind: body.kind,
          name: body.name,
          nodeId: node.id,
          contactName: body.contactName ?? null,
          contactPhone: body.contactPhone ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await audit.record(tx, ctx, {
          action: 'organisation.create',
          entityKind: 'organisation',
          entityId: row.id,
          nodeId: node.id,
          nodePath: node.path,
          after: row,
        });
        return toDto((await repo.byId(tx, row.id))!);
      });
    },

    async update(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof UpdateOrganisationBody>) {
      const before = await visible(actor, id);
      if (!can(actor, organisationPolicy, 'write', { path: before.path })) throw new AppError('forbidden');
      return db.transaction(async (tx) => {
        const patch: Record<string, unknown> = { updatedAt: clock.now() };
        if (body.name !== undefined) patch.name = body.name;
        if (body.contactName !== undefined) patch.contactName = body.contactName;
        if (body.contactPhone !== undefined) patch.contactPhone = body.contactPhone;
        if (body.retired !== undefined) patch.retiredAt = body.retired ? clock.now() : null;
        const row = await repo.update(tx, id, patch);
        await audit.record(tx, ctx, {
          action: 'organisation.update',
          entityKind: 'organisation',
          entityId: id,
          nodeId: before.nodeId,
          nodePath: before.path,
          before,
          after: row,
        });
        return toDto((await repo.byId(tx, id))!);
      });
    },
  };
}
export type OrganisationService = ReturnType<typeof createOrganisationService>;
