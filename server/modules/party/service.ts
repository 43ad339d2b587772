// The party organisation tree: street committee → community committee → grid branch → building group → member household.
import type { z } from 'zod';
import type { CreatePartyOrgBody, PartyOrgQuery, UpdatePartyOrgBody } from '../../../contracts/organisations';
import { PARTY_CHILD_KINDS, PARTY_NODE_KIND, type PartyOrgKind } from '../../../contracts/domain';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { partyPolicy } from './policy';
import { partyColumns, partyRepo as repo, type PartyOrgRow } from './repo';

const toDto = (r: PartyOrgRow) => ({
  id: r.id,
  kind: r.kind as PartyOrgKind,
  name: r.name,
  parentId: r.parentId,
  nodeId: r.nodeId,
  nodeName: r.nodeName,
  secretary: r.secretary,
  childCount: r.childCount,
  retiredAt: r.retiredAt ? new Date(r.retiredAt).toISOString() : null,
});

export function createPartyService(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  async function visible(actor: Actor, id: number) {
    const r = await repo.byId(db, id);
    if (!r || !can(actor, partyPolicy, 'read', { path: r.nodePath })) throw new AppError('not_found');
    return r;
  }

  return {
    get: async (actor: Actor, id: number) => toDto(await visible(actor, id)),

    async list(actor: Actor, q: z.infer<typeof PartyOrgQuery>) {
      const where = [scope(actor, partyPolicy, 'read', partyColumns)];
      if (q.parentId) where.push(repo.parentIs(q.parentId));
      const after = decodeCursor(q.cursor, 1);
      if (!q.parentId) where.push(repo.rootsFor(actor.bindings.flatMap((b) => (b.path ? [b.path] : []))));
      const r = await repo.list(db, where, {
        afterId: after ? Number(after[0]) : null,
        limit: q.limit,
        includeRetired: q.includeRetired,
      });
      const p = page(r, q.limit, (x) => [x.id]);
      return { items: p.items.map(toDto), nextCursor: p.nextCursor };
    },

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreatePartyOrgBody>) {
      const node = await territoryRepo.byId(db, body.nodeId);
      if (!node || !can(actor, partyPolicy, 'write', { path: node.path }))
        throw new AppError('forbidden', [{ path: 'nodeId', message: 'outside your scope' }]);
      if (node.kind !== PARTY_NODE_KIND[body.kind])
        throw fieldError('nodeId', `a ${body.kind} is attached to a ${PARTY_NODE_KIND[body.kind]}`);
      let parentPath: string | null = null;
      if (body.parentId != null) {
        const parent = await visible(actor, body.parentId);
        if (!PARTY_CHILD_KINDS[parent.kind as PartyOrgKind].includes(body.kind))
          throw fieldError('kind', `a ${body.kind} cannot sit under a ${parent.kind}`);
        if (!node.path.startsWith(parent.nodePath))
          throw fieldError('nodeId', 'the node must lie within the parent organisation’s territory');
        parentPath = parent.path;
      } else if (body.kind !== 'street_committee') {
        throw fieldError('parentId', 'only a street committee has no parent');
      }
      return db.transaction(async (tx) => {
        const now = clock.now();
        const id = await repo.insert(
          tx,
          {
            kind: body.kind,
            name: body.name,
            parentId: body.parentId,
            nodeId: node.id,
            secretary: body.secretary ?? null,
            createdAt: now,
            updatedAt: now,
          },
          parentPath,
        );
        const row = (await repo.byId(tx, id))!;
        await audit.record(tx, ctx, {
          action: 'party.create',
          entityKind: 'party_org',
          entityId: id,
          nodeId: node.id,
          nodePath: node.path,
          after: row,
        });
        return toDto(row);
      });
    },

    async update(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof UpdatePartyOrgBody>) {
      const before = await visible(actor, id);
      if (!can(actor, partyPolicy, 'write', { path: before.nodePath })) throw new AppError('forbidden');
      if (body.retired && before.childCount > 0) throw new AppError('has_children');
      return db.transaction(async (tx) => {
        const patch: Record<string, unknown> = { updatedAt: clock.now() };
        if (body.name !== undefined) patch.name = body.name;
        if (body.secretary !== undefined) patch.secretary = body.secretary;
        if (body.retired !== undefined) patch.retiredAt = body.retired ? clock.now() : null;
        await repo.update(tx, id, patch);
        const row = (await repo.byId(tx, id))!;
        await audit.record(tx, ctx, {
          action: 'party.update',
          entityKind: 'party_org',
          entityId: id,
          nodeId: before.nodeId,
          nodePath: before.nodePath,
          before,
          after: row,
        });
        return toDto(row);
      });
    },
  };
}
export type PartyService = ReturnType<typeof createPartyService>;
