// Who manages Open311 API keys, and the actor an Open311 client acts as when it reports through the case intake.
import type { Actor, PolicyTable } from '../../platform/policy';

/** Keys report anywhere in the district, so only a binding that covers the whole district may issue or revoke them. */
export const open311Policy: PolicyTable<'manage'> = {
  manage: { district_admin: { reach: 'subtree' } },
};

/**
 * The actor of an Open311 client: its service account with one in-memory binding, never stored in role_bindings.
 * The intake asks `can(actor, casePolicy, 'report', { path: grid.path })`; of the roles holding 'report'
 * (district_admin, street_officer, community_worker, grid_worker), grid_worker grants the least besides it
 * (read and verify, which this actor never reaches: it is handed to the intake only). Bound at the district node,
 * its 'subtree' reach covers every grid of the district and nothing outside it. The intake falls back to a grid
 * worker's own grid when a report has no place; Open311 always passes a point or a grid, so that never happens.
 */
export function clientActor(
  key: { userId: number; username: string; displayName: string },
  district: { id: number; path: string },
): Actor {
  return {
    userId: key.userId,
    username: key.username,
    displayName: key.displayName,
    bindings: [{ id: 0, role: 'grid_worker', nodeId: district.id, organisationId: null, path: district.path }],
    sessionId: '',
    csrfToken: '',
  };
}
