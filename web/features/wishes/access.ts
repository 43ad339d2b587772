// Who sees the staff wish page (the community side, which decides) and who the wall's claim pages are for.
import type { Me } from '../../lib/types';

const STAFF = ['district_admin', 'street_officer', 'community_worker', 'grid_worker'];

export function canSeeWishDesk(me: Pick<Me, 'bindings'>): boolean {
  return me.bindings.some((b) => STAFF.includes(b.role));
}

export function isVolunteer(me: Pick<Me, 'bindings'>): boolean {
  return me.bindings.some((b) => b.role === 'volunteer');
}
