// Who may keep the catalogue, see applications and take which part in them (the state machine decides when).
import { sql } from 'drizzle-orm';
import {
  ACTIONS_BY_STATUS,
  CLOSED_STATUSES,
  type ApplicationAction,
  type ApplicationStatus,
} from '../../../contracts/services';
import type { AppointmentAction } from '../../../contracts/services-hall';
import { can, type Actor, type PolicyTable, type ScopeColumns } from '../../platform/policy';
import { serviceApplications } from './tables';

export const servicePolicy: PolicyTable<'keep' | 'switch' | 'read' | 'handle' | 'apply_for' | 'decide' | 'measure'> = {
  /** Edit catalogue items (they are the district's): district administrators. */
  keep: { district_admin: { reach: 'subtree' } },
  /** Switch items on and off and keep the duty lists of a community. */
  switch: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  read: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
    // A department sees only what was forwarded to it.
    department_handler: { reach: 'own_org' },
    // A resident sees only their own applications.
    resident: { reach: 'self' },
  },
  /** The first-responsible person (首问负责): pre-review, accept, forward, decide what the community decides, custody. */
  handle: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
  /** Apply on a resident's behalf (the record says so), and record a service handled at the door. */
  apply_for: {
    community_worker: { reach: 'subtree' },
    grid_worker: { reach: 'subtree' },
  },
  /** Decide an application forwarded to the department (后台转办). */
  decide: { department_handler: { reach: 'own_org' } },
  measure: {
    district_admin: { reach: 'subtree' },
    street_officer: { reach: 'subtree' },
    community_worker: { reach: 'subtree' },
  },
};

export const applicationScopeColumns: ScopeColumns = {
  path: serviceApplications.nodePath,
  organisationId: serviceApplications.organisationId,
  userId: sql`${serviceApplications.applicantUserId}`,
};

export type ApplicationFacts = {
  status: ApplicationStatus;
  nodePath: string;
  applicantUserId: number | null;
  organisationId: number | null;
  rating: number | null;
};

const rec = (a: ApplicationFacts) => ({
  path: a.nodePath,
  organisationId: a.organisationId,
  userId: a.applicantUserId,
});

export function canReadApplication(actor: Actor, a: ApplicationFacts): boolean {
  return can(actor, servicePolicy, 'read', rec(a));
}

/** The actions this actor may take now: the state's actions narrowed to the actor's part in the application. */
export function applicationActionsFor(actor: Actor, a: ApplicationFacts): ApplicationAction[] {
  if (!canReadApplication(actor, a)) return [];
  const handler = can(actor, servicePolicy, 'handle', rec(a));
  const department = a.organisationId != null && can(actor, servicePolicy, 'decide', rec(a));
  const applicant = a.applicantUserId != null && a.applicantUserId === actor.userId;
  const forwarded = a.status === 'forwarded';
  const who: Record<ApplicationAction, boolean> = {
    review_material: handler,
    add_material: applicant || handler,
    accept: handler,
    forward: handler,
    decide: forwarded ? department : handler,
    custody: handler,
    rate: applicant && a.rating == null,
  };
  return ACTIONS_BY_STATUS[a.status].filter((x) => who[x]);
}

/**
 * Who may book, move or cancel an application's hall appointment: the applicant, the community's first-responsible
 * staff, and the grid or community worker who may apply on the household's behalf.
 */
export function canKeepAppointment(actor: Actor, a: ApplicationFacts): boolean {
  if (!canReadApplication(actor, a)) return false;
  if (a.applicantUserId != null && a.applicantUserId === actor.userId) return true;
  return can(actor, servicePolicy, 'handle', rec(a)) || can(actor, servicePolicy, 'apply_for', rec(a));
}

/** What the actor may do with a hall application's appointment now (a past one can only be moved). */
export function appointmentActionsFor(
  actor: Actor,
  a: ApplicationFacts & { channel: string },
  appt: { startsAt: Date; noShowAt: Date | null } | null,
  now: Date,
): AppointmentAction[] {
  if (a.channel !== 'hall' || CLOSED_STATUSES.includes(a.status) || !canKeepAppointment(actor, a)) return [];
  if (!appt) return ['book'];
  if (appt.startsAt > now) return ['move', 'cancel'];
  // A slot that has begun: moved to another, or marked as missed (未到厅) by the hall's staff, once.
  return appt.noShowAt == null && can(actor, servicePolicy, 'handle', rec(a)) ? ['move', 'no_show'] : ['move'];
}
