// The case module: intake, actions, inboxes, and the deadline jobs on the business calendar.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createActions } from './act';
import { createCaseAdmin } from './admin';
import { createIntake, type ResidentLink } from './intake';
import { caseRoutes } from './routes';
import { createCaseService } from './service';
import { createSla, registerSlaJobs, type CaseNotifier, type WorkCalendar } from './sla';

/**
 * The case loop's clocks, intake and actions over one set of dependencies. Modules that bring cases in (portal,
 * Open311, hotline, field diary) build theirs here rather than wiring the parts again.
 */
export type { ResidentLink };

export function createCaseLoop(
  deps: PlatformDeps & { calendar: WorkCalendar; notifier: CaseNotifier; residentLink?: ResidentLink },
) {
  const sla = createSla({ ...deps, warnShare: deps.config.slaWarnShare });
  return { sla, intake: createIntake({ ...deps, sla }), actions: createActions({ ...deps, sla }) };
}

/** `residentLink` (from the people module) lets staff link a case to the resident it is about. */
export async function casesModule(
  app: FastifyInstance,
  deps: PlatformDeps & { calendar: WorkCalendar; notifier: CaseNotifier; residentLink?: ResidentLink },
) {
  registerSlaJobs({ ...deps, warnShare: deps.config.slaWarnShare });
  const { intake, actions } = createCaseLoop(deps);
  await app.register(caseRoutes, {
    prefix: '/api/cases',
    service: createCaseService(deps),
    intake,
    actions,
    admin: createCaseAdmin(deps),
  });
}

// Public surface: what other modules may import (from '../cases'); everything else in this folder is private.
/** The one intake every channel registers a case through (validation, grid lookup, deadlines, notifications). */
export { createIntake } from './intake';
/** What createIntake returns. */
export { type Intake } from './intake';
/** The grid holding a point, or null. */
export { gridAt } from './intake';
/** The cases columns that seal a reporter's phone; fixtures that write cases directly use it. */
export { reporterPhoneColumns } from './intake';
/** The district paths a resident reports and looks around in. */
export { residentDistricts } from './intake';
/** The state-machine actions on a case (what createCaseLoop returns as `actions`). */
export { type Actions } from './act';
/** The case clocks on the business calendar (deadlines, warnings, escalation jobs). */
export { createSla } from './sla';
/** What the case loop tells people; the notifications module implements it. */
export { type CaseNotifier } from './sla';
/** Who may see a case and take which action; other modules scope through it, never around it. */
export { casePolicy } from './policy';
/** The columns casePolicy's read scope is applied to. */
export { caseScopeColumns } from './policy';
/** Reads and versioned writes of cases, their timeline and categories (channel modules use it to load and show a case). */
export { caseRepo } from './repo';
/** A timeline row. */
export { type CaseEventRow } from './repo';
/** A case row with its category, grid and assignee names. */
export { type CaseListRow } from './repo';
/** A case category row. */
export { type CategoryRow } from './repo';
/** Counts one person's "me too" on a case once and notes it on the timeline. */
export { recordSupport } from './service';
/** Whether a case's text and address stay off every public view. */
export { textWithheld } from './view';
/** Rebuilds the stage-time columns from the timelines, for loaders that write cases directly. */
export { recomputeStageTimes } from './stage-time';
/** The cases table, for foreign keys and the reporting joins of metrics, hotline and Open311. */
export { cases } from './tables';
/** The immutable case timeline, for reporting joins and the attachment read scope. */
export { caseEvents } from './tables';
/** Case categories, for reporting joins. */
export { caseCategories } from './tables';
/** Organisations that held or were summoned to a case (role, reported-in time, due time), for reporting joins (scorecards). */
export { caseParticipants } from './tables';
