// Who may see, book and manage spaces: everyone sees the spaces of the places above them; staff manage their area,
// a partner unit's staff manage the halls it lends; whether a person may book is also the space's own `bookers`.
import type { BookerKind } from '../../../contracts/rooms';
import type { Role } from '../../../contracts/domain';
import type { Actor, PolicyTable } from '../../platform/policy';

export const roomPolicy: PolicyTable<'read' | 'manage'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree_and_ancestors' },
    community_worker: { reach: 'subtree_and_ancestors' },
    grid_worker: { reach: 'subtree_and_ancestors' },
    volunteer: { reach: 'subtree_and_ancestors' },
    mediator: { reach: 'subtree_and_ancestors' },
    department_handler: { reach: 'subtree_and_ancestors' },
    property_staff: { reach: 'subtree_and_ancestors' },
    // A resident's binding is their household: the spaces of its community are above it.
    resident: { reach: 'subtree_and_ancestors' },
  },
  manage: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    department_handler: { reach: 'own_org' },
  },
};

const KIND_OF_ROLE: Record<Role, BookerKind> = {
  district_admin: 'staff',
  street_officer: 'staff',
  community_worker: 'staff',
  grid_worker: 'staff',
  volunteer: 'staff',
  mediator: 'staff',
  department_handler: 'organisation',
  property_staff: 'organisation',
  resident: 'resident',
};

/** The kinds of booker the actor counts as through their bindings (a space lists the kinds it takes). */
export function bookerKinds(actor: Actor): Set<BookerKind> {
  return new Set(actor.bindings.map((b) => KIND_OF_ROLE[b.role]));
}
