// Who sees the hotline page: the operators, district administrators and street officers (the server still decides each call).
import type { Me } from '../../lib/types';

const OPERATORS = new Set(['district_admin', 'street_officer']);

export const canSeeHotline = (me: Pick<Me, 'bindings'>) => me.bindings.some((b) => OPERATORS.has(b.role));
