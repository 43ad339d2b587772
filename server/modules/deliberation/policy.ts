// Who may do what in deliberation: residents propose, support and read in the places above their household; staff
// of an area triage and run its councils; everyone in an area reads its published resolutions.
import type { PolicyTable } from '../../platform/policy';

export const deliberationPolicy: PolicyTable<'read' | 'propose' | 'triage' | 'manage'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    // Staff see the councils above them too: a matter is passed up to one.
    community_worker: { reach: 'subtree_and_ancestors' },
    grid_worker: { reach: 'subtree_and_ancestors' },
    volunteer: { reach: 'subtree' },
    // A resident's binding is their household: the places above it are theirs to read.
    resident: { reach: 'subtree_and_ancestors' },
  },
  propose: {
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree_and_ancestors' },
    street_officer: { reach: 'subtree' },
    resident: { reach: 'subtree_and_ancestors' },
  },
  triage: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  manage: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
};
