// Who may see a case and which actions each person may take on it (the state machine decides when).
import { sql } from 'drizzle-orm';
import { actionsAllowedByState, type CaseAction, type CaseState } from '../../../contracts/cases';
import type { Role } from '../../../contracts/domain';
import { can, type Actor, type Binding, type PolicyTable, type ScopeColumns } from '../../platform/policy';
import { cases } from './tables';

export const casePolicy: PolicyTable<'read' | 'report' | 'dispatch' | 'supervise' | 'verify'> = {
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    department_handler: { reach: 'own_org' },
    property_staff: { reach: 'own_org' },
    // 和事佬: only the private matters handed to them by name.
    mediator: { reach: 'assigned' },
    resident: { reach: 'self' },
  },
  /** Report a problem in a grid. Residents report through their own portal scope (their household's grid). */
  report: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
  },
  /** Register, void, triage and dispatch, decide extensions, shelve, reopen, whistle: the community is the dispatcher, the street and district above it. */
  dispatch: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  supervise: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
  },
  verify: {
    grid_worker: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
};

/** Columns for the read scope: organisations take part through case_participants; cases hang on grids. */
export const caseScopeColumns: ScopeColumns = {
  path: cases.nodePath,
  leafRoles: ['grid_worker'],
  organisationId: sql`any(select cp.organisation_id from case_participants cp where cp.case_id = ${cases.id})`,
  userId: cases.reporterUserId,
  assigneeUserId: cases.assigneeUserId,
};

export type CaseFacts = CaseState & {
  nodePath: string;
  reporterUserId: number | null;
  assigneeOrganisationId: number | null;
  assigneeNodeId: number | null;
  assigneeUserId: number | null;
  participantOrganisationIds: number[];
  /** Organisations summoned by a whistle (whatever else they do on the case) that have not reported in yet. */
  pendingWhistleOrganisationIds: number[];
};

const bound = (actor: Actor, pred: (b: Binding) => boolean) => actor.bindings.some(pred);
const TERRITORIAL: Role[] = ['street_officer', 'community_worker', 'grid_worker'];

/** Whether the actor is the current handler: the named mediator, a member of the assigned organisation, or bound to the assigned node. */
export function isAssignee(actor: Actor, c: CaseFacts): boolean {
  if (c.assigneeUserId != null) return c.assigneeUserId === actor.userId;
  if (c.assigneeOrganisationId != null) return bound(actor, (b) => b.organisationId === c.assigneeOrganisationId);
  if (c.assigneeNodeId != null)
    return bound(actor, (b) => b.nodeId === c.assigneeNodeId && TERRITORIAL.includes(b.role));
  return false;
}

export function canReadCase(actor: Actor, c: CaseFacts): boolean {
  return can(actor, casePolicy, 'read', {
    path: c.nodePath,
    organisationIds: c.participantOrganisationIds,
    userId: c.reporterUserId,
    assigneeUserId: c.assigneeUserId,
  });
}

/** The actions this actor may take now: the state machine's allowed actions, narrowed to the actor's role on the case. */
export function actionsFor(actor: Actor, c: CaseFacts): CaseAction[] {
  if (!canReadCase(actor, c)) return [];
  const rec = { path: c.nodePath };
  const dispatcher = can(actor, casePolicy, 'dispatch', rec);
  const supervisor = can(actor, casePolicy, 'supervise', rec);
  const assignee = isAssignee(actor, c);
  const reporter = c.reporterUserId != null && c.reporterUserId === actor.userId;
  const verifier = can(actor, casePolicy, 'verify', rec) || reporter;
  const summoned = bound(
    actor,
    (b) => b.organisationId != null && c.pendingWhistleOrganisationIds.includes(b.organisationId),
  );
  const who: Record<CaseAction, boolean> = {
    register: dispatcher,
    void: dispatcher,
    dispatch: dispatcher,
    accept: assignee,
    return: assignee,
    request_extension: assignee,
    decide_extension: dispatcher,
    reply: assignee,
    verify: verifier,
    shelve: dispatcher,
    unshelve: dispatcher,
    rate: reporter,
    reopen: dispatcher,
    urge: supervisor,
    whistle: dispatcher,
    report_in: summoned,
    comment: true,
  };
  return actionsAllowedByState(c).filter((a) => who[a]);
}
