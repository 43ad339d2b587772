// Who sees the people pages and actions: from Me.permissions (computed from the server's people policy), never role lists.
import type { Me } from '../../lib/types';

type Viewer = Pick<Me, 'permissions'>;

/** May browse residents (the 居民 menu and pages). */
export const canSeePeople = (me: Viewer) => me.permissions.includes('people.read');
/** May register and edit residents, housing, visits and the field diary somewhere. */
export const canEditPeople = (me: Viewer) => me.permissions.includes('people.write');
/** May reveal a full ID number (community workers and above); the server still decides per record. */
export const canRevealPeople = (me: Viewer) => me.permissions.includes('people.reveal');
/** May export a resident workbook. */
export const canExportPeople = (me: Viewer) => me.permissions.includes('people.export');
