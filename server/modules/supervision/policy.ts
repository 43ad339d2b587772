// Who may see and keep property supervision and the evaluation from below (scoped by the estate's or community's node).
import type { Role } from '../../../contracts/domain';
import type { PolicyTable } from '../../platform/policy';

export const supervisionPolicy: PolicyTable<'read' | 'manage' | 'rules' | 'appeal' | 'rate_unit'> = {
  /** Contracts, 万户比, decisions, the fund ledger and scorecards. A property company sees its own. */
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    property_staff: { reach: 'own_org' },
  },
  /** Contracts, surveys, evaluating and publishing decisions, fund entries. */
  manage: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  /** The red/black list rules are the district's. */
  rules: { district_admin: { reach: 'subtree' } },
  /** A company appeals a decision about itself within the window. */
  appeal: { property_staff: { reach: 'own_org' } },
  /** A community rates the departments and partner units that served it (each December). */
  rate_unit: { community_worker: { reach: 'subtree' }, street_officer: { reach: 'subtree' } },
};

/** Roles that work for the platform or a unit: none of them may answer a residents' survey. */
export const STAFF_ROLES: readonly Role[] = [
  'district_admin',
  'street_officer',
  'community_worker',
  'grid_worker',
  'department_handler',
  'property_staff',
];
