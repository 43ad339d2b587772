// Who may read case metrics and export the ledger, and over which cases: territorial roles their area, handlers their organisation's.
import { can, canAnywhere, type Actor, type Grant, type PolicyTable, type Scoped } from '../../platform/policy';
import { ORGANISATION_ROLES, type Role } from '../../../contracts/domain';

const territorial: Grant = { reach: 'subtree' };
const ownOrganisation: Grant = { reach: 'own_org' };

// Grid workers keep the ledger of their own grid (DOMAIN.md §7: ledgers are generated, not typed again);
// volunteers and residents see no metrics.
const readers: Partial<Record<Role, Grant>> = {
  district_admin: territorial,
  street_officer: territorial,
  community_worker: territorial,
  grid_worker: territorial,
  department_handler: ownOrganisation,
  property_staff: ownOrganisation,
};

/** Applied to cases with the columns { path: cases.nodePath, organisationId: cases.assigneeOrganisationId }. */
export const metricsPolicy: PolicyTable<'read' | 'export'> = {
  read: readers,
  export: readers,
};

/**
 * Which territory nodes a reader may name in a query (`nodeId`): the nodes they may read in the territory tree.
 * Organisation-bound readers may name any node, since every figure they get holds only their organisation's cases.
 */
export const metricsNodePolicy: PolicyTable<'name'> = {
  name: {
    district_admin: territorial,
    street_officer: territorial,
    community_worker: territorial,
    grid_worker: territorial,
  },
};

/** Whether the reader may name `node` in a query: organisation-bound readers any node, territorial readers their area. */
export function mayNameNode(actor: Actor, node: Scoped): boolean {
  const organisationBound = actor.bindings.some(
    (b) => ORGANISATION_ROLES.includes(b.role) && metricsPolicy.read[b.role],
  );
  return organisationBound || can(actor, metricsNodePolicy, 'name', node);
}

/** Whether the reader may export the case ledger at all, and for `node` when given. */
export const mayExportLedger = (actor: Actor, node?: Scoped) =>
  canAnywhere(actor, metricsPolicy, 'export') && (!node || mayNameNode(actor, node));
