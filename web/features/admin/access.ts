// Who sees the administration pages (tags, calendar, categories): district administrators; the server still decides.
import type { Me } from '../../lib/types';

export const isDistrictAdmin = (me: Pick<Me, 'bindings'>) => me.bindings.some((b) => b.role === 'district_admin');
