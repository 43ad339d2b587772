// Who may read and change the business calendar: it is district-wide, so grants are checked with `canAnywhere`.
import type { PolicyTable } from '../../platform/policy';

const anyStaff = { reach: 'subtree' } as const;

export const calendarPolicy: PolicyTable<'read' | 'write'> = {
  // Every staff role counts time limits on it; residents do not see the back office.
  read: {
    district_admin: anyStaff,
    street_officer: anyStaff,
    community_worker: anyStaff,
    grid_worker: anyStaff,
    department_handler: anyStaff,
    property_staff: anyStaff,
    volunteer: anyStaff,
  },
  write: { district_admin: anyStaff },
};
