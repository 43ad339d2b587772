// Who may read the audit log: administrators over their territory. Entries tied to no node are for the district only.
import type { PolicyTable } from '../../platform/policy';

export const auditPolicy: PolicyTable<'read'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
  },
};
