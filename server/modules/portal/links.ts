// Household link requests: a resident asks for a household, a worker of its community confirms (binding added) or refuses.
import type { AuditContext, Audit } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { maskedPhoneOf, type PersonalCrypto } from '../../platform/crypto';
import { can, scope, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { portalPolicy } from './policy';
import { linkPath, portalRepo as repo, type LinkView } from './repo';

const toDto = (crypto: PersonalCrypto, l: LinkView) => ({
  id: l.id,
  status: l.status as 'pending' | 'confirmed' | 'refused',
  householdId: l.householdId,
  address: l.address ?? '',
  communityName: l.communityName ?? '',
  residentName: l.residentName,
  phoneMasked: maskedPhoneOf(crypto, l.phoneCipher),
  note: l.note,
  createdAt: new Date(l.createdAt).toISOString(),
  decidedAt: l.decidedAt ? new Date(l.decidedAt).toISOString() : null,
});

const isResident = (actor: Actor) => actor.bindings.some((b) => b.role === 'resident');

export function createLinks(deps: { db: Db; clock: Clock; audit: Audit; crypto: PersonalCrypto }) {
  const { db, clock, audit } = deps;
  const view = (l: LinkView) => toDto(deps.crypto, l);

  return {
    async communities() {
      const r = await repo.communities(db);
      return {
        items: r.map((c) => ({
          id: c.id,
          name: c.name,
          streetName: c.streetName,
          centre:
            c.minLat != null && c.maxLat != null && c.minLng != null && c.maxLng != null
              ? { lat: (c.minLat + c.maxLat) / 2, lng: (c.minLng + c.maxLng) / 2 }
              : null,
        })),
      };
    },

    /** The narrow address lookup: household ids and addresses in one community, at most 20, nothing about people. */
    async addresses(q: { communityId: number; q: string }) {
      const community = await territoryRepo.byId(db, q.communityId);
      if (!community || community.kind !== 'community') throw new AppError('not_found');
      return { items: await repo.findAddresses(db, community.path, q.q) };
    },

    async request(actor: Actor, ctx: AuditContext, householdId: number) {
      if (!isResident(actor)) throw new AppError('forbidden');
      const h = await territoryRepo.byId(db, householdId);
      if (!h || h.kind !== 'household' || h.retiredAt) throw fieldError('householdId', 'not a household');
      if (actor.bindings.some((b) => b.role === 'resident' && b.nodeId === h.id))
        throw fieldError('householdId', 'already linked');
      const mine = await repo.linksOfUser(db, actor.userId, 'pending');
      if (mine.length)
        throw new AppError('conflict', [{ path: 'householdId', message: 'a request is already waiting' }]);
      const row = await db.transaction(async (tx) => {
        const l = await repo.insertLink(tx, {
          userId: actor.userId,
          householdId: h.id,
          nodePath: h.path,
          status: 'pending',
          createdAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'portal.link_request',
          entityKind: 'portal_link_request',
          entityId: l.id,
          nodeId: h.id,
          nodePath: h.path,
        });
        return l;
      });
      return view((await repo.linkView(db, row.id))!);
    },

    async mine(actor: Actor) {
      return { items: (await repo.linksOfUser(db, actor.userId)).map(view) };
    },

    /** Requests under the worker's community, by status. */
    async inbox(actor: Actor, status: 'pending' | 'confirmed' | 'refused') {
      return {
        items: (await repo.linksInScope(db, scope(actor, portalPolicy, 'decide_link', { path: linkPath }), status)).map(
          view,
        ),
      };
    },

    /** Confirming binds the resident to the household and drops their placeholder binding to no node. */
    async decide(actor: Actor, ctx: AuditContext, id: number, body: { confirm: boolean; note?: string }) {
      await db.transaction(async (tx) => {
        const l = await repo.linkById(tx, id);
        // Someone else's community: as if it did not exist.
        if (!l || !can(actor, portalPolicy, 'decide_link', { path: l.nodePath })) throw new AppError('not_found');
        if (l.status !== 'pending') throw new AppError('conflict');
        const now = clock.now();
        await repo.decideLink(tx, id, {
          status: body.confirm ? 'confirmed' : 'refused',
          note: body.note ?? null,
          decidedBy: actor.userId,
          decidedAt: now,
        });
        if (body.confirm) {
          await repo.removePlaceholderBindings(tx, l.userId);
          await repo.addBinding(tx, { userId: l.userId, role: 'resident', nodeId: l.householdId });
        }
        await audit.record(tx, ctx, {
          action: body.confirm ? 'portal.link_confirm' : 'portal.link_refuse',
          entityKind: 'portal_link_request',
          entityId: id,
          nodeId: l.householdId,
          nodePath: l.nodePath,
          after: { userId: l.userId, note: body.note ?? null },
        });
      });
      return view((await repo.linkView(db, id))!);
    },
  };
}
export type Links = ReturnType<typeof createLinks>;
