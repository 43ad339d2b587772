// Who sees the people pages: territorial roles (there is no people permission in Me; the server judges by binding role).
import type { Me } from '../../lib/types';

type Viewer = Pick<Me, 'bindings'>;
const READERS = new Set(['district_admin', 'street_officer', 'community_worker', 'grid_worker']);
const REVEALERS = new Set(['district_admin', 'street_officer', 'community_worker']);

/** May read residents (the 居民 menu and pages). */
export const canSeePeople = (me: Viewer) => me.bindings.some((b) => READERS.has(b.role));
/** May reveal a full ID number and export a workbook (community workers and above); the server still decides. */
export const canRevealPeople = (me: Viewer) => me.bindings.some((b) => REVEALERS.has(b.role));
