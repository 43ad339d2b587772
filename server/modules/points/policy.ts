// Who may do what with the time bank: staff of a community (and the street and district above it) keep its rules,
// its shop and its accounts, grant participation points and reverse movements; everyone reads their own account.
import type { PolicyTable } from '../../platform/policy';

export const pointsPolicy: PolicyTable<'manage' | 'proof'> = {
  /** Rules, shop items and stock, manual grants, reversals, accounts and movements of a community. */
  manage: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  /** The nightly proof's status (the whole ledger): the district's administrators. */
  proof: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
};
