// Who sees the staff pages of the service hall: the community side and the departments that decide.
import type { Me } from '../../lib/types';

const STAFF = ['district_admin', 'street_officer', 'community_worker', 'grid_worker', 'department_handler'];

export function canSeeServices(me: Pick<Me, 'bindings'>): boolean {
  return me.bindings.some((b) => STAFF.includes(b.role));
}
