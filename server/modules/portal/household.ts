// My household for a resident: only the household a community confirmed (a binding to it), never another one.
import type { Db } from '../../platform/db';
import { maskedPhoneOf, type PersonalCrypto } from '../../platform/crypto';
import type { Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { portalRepo as repo } from './repo';

/** Keeps the first character of a name (the surname, as neighbours would say it) and hides the rest. */
export const maskName = (name: string) => {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
};

const EMPTY = { household: null, members: [], gridWorkers: [] };

export function createHousehold(deps: { db: Db; crypto: PersonalCrypto }) {
  const { db, crypto } = deps;
  return {
    async mine(actor: Actor) {
      // A resident bound to no node (link not confirmed yet) has no household to see.
      const nodeId = actor.bindings.find((b) => b.role === 'resident' && b.nodeId != null)?.nodeId;
      if (nodeId == null) return EMPTY;
      const node = await territoryRepo.byId(db, nodeId);
      if (!node || node.kind !== 'household' || node.retiredAt) return EMPTY;
      const [place, members, workers] = await Promise.all([
        repo.householdPlace(db, node.path),
        repo.householdMembers(db, node.id),
        repo.gridWorkersOf(db, node.path),
      ]);
      return {
        household: { id: node.id, address: place.address ?? node.name, communityName: place.communityName ?? '' },
        members: members.map((m) => ({
          nameMasked: m.userId === actor.userId ? m.name : maskName(m.name),
          sex: m.sex as 'male' | 'female',
          isMe: m.userId === actor.userId,
        })),
        gridWorkers: workers.map((w) => ({ name: w.displayName, phoneMasked: maskedPhoneOf(crypto, w.phoneCipher) })),
      };
    },
  };
}
export type Household = ReturnType<typeof createHousehold>;
