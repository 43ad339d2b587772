// Who may read and change which territory nodes.
import type { PolicyTable } from '../../platform/policy';

export const territoryPolicy: PolicyTable<'read' | 'write'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    property_staff: { reach: 'subtree' },
    // Volunteers work across their community but do not browse households.
    volunteer: { reach: 'subtree', kinds: ['community', 'grid', 'estate', 'building'] },
    resident: { reach: 'subtree' },
  },
  write: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'below' },
    community_worker: { reach: 'below', kinds: ['estate', 'building', 'household'] },
    grid_worker: { reach: 'below', kinds: ['building', 'household'] },
  },
};
