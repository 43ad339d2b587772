// Who may see and act in co-building: staff manage their area (agreements, dispatch, reports); a unit's staff see their
// own agreements, members and orders and work their orders; a party member works the orders handed to them; a resident
// sees the needs they posted; a unit's record is read by the staff of its area and by the unit.
import type { PolicyTable } from '../../platform/policy';

export const cobuildPolicy: PolicyTable<'read' | 'manage' | 'post' | 'work' | 'records'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree_and_ancestors' },
    // A unit's party organisation reads its own agreements, its members' records and its orders.
    department_handler: { reach: 'own_org' },
    resident: { reach: 'self' },
  },
  manage: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  // Posting a need for a resident (a worker on behalf, or from a case); residents post their own through the portal rule.
  post: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree_and_ancestors' },
  },
  // A unit's record (what it did, who of it reported in): staff of the area, and the unit's own party organisation.
  records: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree_and_ancestors' },
    department_handler: { reach: 'own_org' },
  },
  // Taking and finishing an order: the member it was handed to, or the staff of the unit it was handed to.
  work: {
    resident: { reach: 'assigned' },
    department_handler: { reach: 'own_org' },
  },
};
