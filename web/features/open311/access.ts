// Who sees the Open311 API keys page: district administrators (the keys report anywhere in the district); the server still decides.
import type { Me } from '../../lib/types';

export const canManageOpen311Keys = (me: Pick<Me, 'bindings'>) => me.bindings.some((b) => b.role === 'district_admin');
