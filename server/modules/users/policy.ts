// Who may see and manage user accounts: judged by where the target's role bindings point.
import { ROLE_RANK, type Role } from '../../../contracts/domain';
import { can, type Actor, type PolicyTable } from '../../platform/policy';

export const userPolicy: PolicyTable<'read' | 'write'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  write: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
  },
};

/**
 * Whether the actor may grant (or take away) `role` at territory `path`: they need a write grant reaching the
 * path through a binding that outranks the role; only a district administrator may create peers.
 */
export function canGrant(actor: Actor, role: Role, path: string): boolean {
  return actor.bindings.some(
    (b) =>
      userPolicy.write[b.role] &&
      b.path != null &&
      path.startsWith(b.path) &&
      (b.role === 'district_admin' || ROLE_RANK[role] < ROLE_RANK[b.role]) &&
      can({ ...actor, bindings: [b] }, userPolicy, 'write', { path }),
  );
}
