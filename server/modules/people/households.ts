// The household page (the node, its housing, everyone in it) and housing edits.
import type { z } from 'zod';
import type { PutHousingBody } from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import { can, scope, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { peoplePolicy, residentScopeColumns } from './policy';
import { householdLabel } from './label';
import { residentDto } from './record';
import { housingRepo, residentRepo } from './repo';
import type { PeopleDeps } from './service';

const housingDto = (h: Awaited<ReturnType<typeof housingRepo.get>>) =>
  h
    ? {
        use: h.use as 'owner_occupied' | 'rented' | 'vacant',
        ownerResidentId: h.ownerResidentId,
        entrance: h.entrance,
        room: h.room,
      }
    : null;

export function createHouseholdService(deps: PeopleDeps) {
  const { db, clock, audit, crypto } = deps;

  async function householdNode(actor: Actor, nodeId: number, action: 'read' | 'write') {
    const node = await territoryRepo.byId(db, nodeId);
    if (!node || node.kind !== 'household' || !can(actor, peoplePolicy, 'read', { path: node.path }))
      throw new AppError('not_found');
    if (action === 'write' && !can(actor, peoplePolicy, 'write', { path: node.path })) throw new AppError('forbidden');
    return node;
  }

  return {
    async page(actor: Actor, nodeId: number) {
      const node = await householdNode(actor, nodeId, 'read');
      const where = [
        scope(actor, peoplePolicy, 'read', residentScopeColumns),
        residentRepo.household(node.id),
        residentRepo.living(),
      ];
      const people = await residentRepo.list(db, where, { afterId: null, limit: 500 });
      const building = node.parentId ? await territoryRepo.byId(db, node.parentId) : null;
      const estate = building?.parentId ? await territoryRepo.byId(db, building.parentId) : null;
      const name = householdLabel({
        estateName: estate?.kind === 'estate' ? estate.name : null,
        buildingName: building?.kind === 'building' ? building.name : null,
        householdName: node.name,
      });
      return {
        household: { id: node.id, code: node.code, name, path: node.path },
        housing: housingDto(await housingRepo.get(db, node.id)),
        residents: people.map((r) => residentDto(crypto, r)),
      };
    },

    async putHousing(actor: Actor, ctx: AuditContext, nodeId: number, body: z.infer<typeof PutHousingBody>) {
      const node = await householdNode(actor, nodeId, 'write');
      if (body.ownerResidentId) {
        const owner = await residentRepo.byId(db, body.ownerResidentId);
        if (!owner || !can(actor, peoplePolicy, 'read', { path: owner.nodePath, userId: owner.userId }))
          throw new AppError('validation_failed', [{ path: 'ownerResidentId', message: '找不到该居民' }]);
      }
      return db.transaction(async (tx) => {
        const before = await housingRepo.get(tx, node.id);
        const row = await housingRepo.put(tx, {
          householdNodeId: node.id,
          use: body.use,
          ownerResidentId: body.ownerResidentId ?? null,
          entrance: body.entrance ?? null,
          room: body.room ?? null,
          updatedAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'housing.put',
          entityKind: 'housing',
          entityId: node.id,
          nodeId: node.id,
          nodePath: node.path,
          before,
          after: row,
        });
        return housingDto(row)!;
      });
    },
  };
}
export type HouseholdService = ReturnType<typeof createHouseholdService>;
