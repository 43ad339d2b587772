// Who sees which portal pages in the staff app, and where a signed-in person should land.
import type { Me } from '../../lib/types';

/** Community workers decide household link requests of their community. */
export const canDecideLinks = (me: Pick<Me, 'bindings'>) => me.bindings.some((b) => b.role === 'community_worker');

/** A person whose only role is resident belongs in the portal, not the staff app. */
export const isOnlyResident = (me: Pick<Me, 'bindings'>) =>
  me.bindings.length > 0 && me.bindings.every((b) => b.role === 'resident');

/** A resident bound to a household (a community confirmed the link) is not asked to link one again. */
export const hasHousehold = (me: Pick<Me, 'bindings'>) =>
  me.bindings.some((b) => b.role === 'resident' && b.nodeId != null);
