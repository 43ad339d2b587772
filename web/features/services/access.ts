// Who sees the staff pages of the service hall: the community side and the departments that decide.
import type { Me } from '../../lib/types';

const STAFF = ['district_admin', 'street_officer', 'community_worker', 'grid_worker', 'department_handler'];

export function canSeeServices(me: Pick<Me, 'bindings'>): boolean {
  return me.bindings.some((b) => STAFF.includes(b.role));
}

/** Grid and community workers apply on a resident's behalf (the server's apply_for policy). */
export function mayApplyFor(me: Pick<Me, 'bindings'>): boolean {
  return me.bindings.some((b) => b.role === 'grid_worker' || b.role === 'community_worker');
}

/** The community side reads the figures (the server's measure policy). */
export function mayMeasure(me: Pick<Me, 'bindings'>): boolean {
  return me.bindings.some((b) => ['district_admin', 'street_officer', 'community_worker'].includes(b.role));
}
