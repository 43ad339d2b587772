// Who may see and manage the party organisation tree (scoped by the territory node each organisation is attached to).
import type { PolicyTable } from '../../platform/policy';

export const partyPolicy: PolicyTable<'read' | 'write'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
  },
  write: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
};
