// Who may see, register, reveal and export residents: territorial roles under their binding, a resident only themselves.
import type { PolicyTable } from '../../platform/policy';
import { residents } from './tables';

export const peoplePolicy: PolicyTable<'read' | 'browse' | 'write' | 'reveal' | 'export' | 'configure'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    resident: { reach: 'self' },
  },
  /** The registry as lists and search (the 居民 menu, Me's people.read): territorial roles; a resident reads only their own record. */
  browse: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
  },
  /** Registering and editing residents and housing, and importing workbooks: grid workers keep the household files. */
  write: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
  },
  /** Seeing a full ID number or phone: community workers and above only, and every time audited. */
  reveal: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  export: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  /** The tag catalogue is district-wide. */
  configure: {
    district_admin: { reach: 'subtree' },
  },
};

export const residentScopeColumns = { path: residents.nodePath, userId: residents.userId };
