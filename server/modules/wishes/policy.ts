// Who may post, decide, read, claim and confirm micro-wishes (the state decides when: see service.ts).
import { sql } from 'drizzle-orm';
import { can, type Actor, type PolicyTable, type ScopeColumns } from '../../platform/policy';
import { wishes } from './tables';

export const wishPolicy: PolicyTable<'post_for' | 'decide' | 'read' | 'claim' | 'confirm_for' | 'measure'> = {
  /** Post a wish for a resident of the registry (an elderly resident without a phone): the record says so. */
  post_for: { community_worker: { reach: 'subtree' }, grid_worker: { reach: 'subtree' } },
  /** Approve or refuse wishes, set the community's value limit and lease. */
  decide: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    // A resident reads the wishes posted for them.
    resident: { reach: 'self' },
  },
  /**
   * Claim from the wall: a volunteer of the community. A party member living in the community (a resident whose
   * registry record carries the party_member tag) may too; service.ts checks that fact.
   */
  claim: { volunteer: { reach: 'subtree' } },
  /** Confirm a delivery for the resident: their grid worker (or the community), when the resident has no account or asks. */
  confirm_for: { community_worker: { reach: 'subtree' }, grid_worker: { reach: 'subtree' } },
  measure: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
};

export const wishScopeColumns: ScopeColumns = {
  path: wishes.nodePath,
  userId: sql`${wishes.residentUserId}`,
};

/**
 * Whether the actor belongs to the community at `path`: lives, volunteers or works in it, or is staff above it; a unit
 * (an organisation binding) only when it sits in the community. Its wall is theirs.
 */
export function belongsTo(actor: Actor, communityPath: string): boolean {
  return actor.bindings.some(
    (b) =>
      b.path != null &&
      (b.path.startsWith(communityPath) || (b.organisationId == null && communityPath.startsWith(b.path))),
  );
}

export type WishFacts = { nodePath: string; residentUserId: number | null; postedByUserId: number };

export function canReadWish(actor: Actor, w: WishFacts): boolean {
  return (
    w.postedByUserId === actor.userId || can(actor, wishPolicy, 'read', { path: w.nodePath, userId: w.residentUserId })
  );
}
