// Who may see and do what with volunteers: staff manage the volunteers, teams and activities of their area; a
// volunteer sees the activities of their community (and the places above it) and signs up; a team leader organises
// activities for their own team (checked in the service); attendance is confirmed by the activity's organiser only.
import type { PolicyTable } from '../../platform/policy';

export const volunteerPolicy: PolicyTable<'read' | 'manage' | 'join'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    volunteer: { reach: 'subtree_and_ancestors' },
  },
  manage: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  join: {
    volunteer: { reach: 'subtree_and_ancestors' },
  },
};
