// Who may work with 12345 work orders: operators (district and street) import and settle them, handlers propose
// unreasonable requests, street and district decide; and the service actor through which the hotline reports.
import { sql } from 'drizzle-orm';
import type { Actor, PolicyTable } from '../../platform/policy';
import { hotlineOrders } from './tables';

export const hotlinePolicy: PolicyTable<'read' | 'operate' | 'propose' | 'decide' | 'rates' | 'configure'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    department_handler: { reach: 'own_org' },
  },
  /** Import exports, settle the unresolved queue, export replies. */
  operate: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
  },
  /** Say an order is unreasonable (不合理诉求): whoever handles or dispatches it. */
  propose: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    department_handler: { reach: 'own_org' },
  },
  decide: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
  },
  rates: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  /** The type → category mapping and the rate formulas apply district-wide. */
  configure: {
    district_admin: { reach: 'subtree' },
  },
};

/** Scope columns: a department sees the orders whose case it holds or held. */
export const orderScopeColumns = {
  path: hotlineOrders.nodePath,
  organisationId: sql`any(select cp.organisation_id from case_participants cp where cp.case_id = ${hotlineOrders.caseId})`,
};

export const SERVICE_USERNAME = 'hotline-12345';

/**
 * The actor the hotline reports as. Intake checks `can(actor, casePolicy, 'report', { path: grid.path })`; the narrowest
 * actor that passes is the service account holding the lowest reporting role (grid_worker) bound to exactly the one
 * grid of this order, so the outside system can never report anywhere else, and holds no other grant that matters
 * (a grid worker binding reaches only that grid's subtree). It lives for one intake call and is never stored.
 */
export function serviceActor(userId: number, grid: { id: number; path: string }): Actor {
  return {
    userId,
    username: SERVICE_USERNAME,
    displayName: '12345热线',
    bindings: [{ id: 0, role: 'grid_worker', nodeId: grid.id, organisationId: null, path: grid.path }],
    sessionId: '',
    csrfToken: '',
  };
}
