// Who sees the staff page of property supervision: the community side and the property companies (their own records).
import type { Me } from '../../lib/types';

const STAFF = ['district_admin', 'street_officer', 'community_worker', 'grid_worker', 'property_staff'];

export function canSeeSupervision(me: Pick<Me, 'bindings'>): boolean {
  return me.bindings.some((b) => STAFF.includes(b.role));
}
