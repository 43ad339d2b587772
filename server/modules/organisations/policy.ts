// Who may see and manage departments, partner units and property companies.
import type { PolicyTable } from '../../platform/policy';

export const organisationPolicy: PolicyTable<'read' | 'write'> = {
  read: {
    district_admin: { reach: 'subtree' },
    // Workers below the district must see the district's departments to dispatch to them.
    street_officer: { reach: 'subtree_and_ancestors' },
    community_worker: { reach: 'subtree_and_ancestors' },
    grid_worker: { reach: 'subtree_and_ancestors' },
    volunteer: { reach: 'subtree_and_ancestors' },
    department_handler: { reach: 'own_org' },
    property_staff: { reach: 'own_org' },
  },
  write: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
};
