// How our case statuses read in Open311: the spec's open/closed plus FixMyStreet's extended status set.
import type { CaseStatus } from '../../../contracts/cases';

export type Open311Status = 'open' | 'closed';
export type ExtendedStatus =
  | 'OPEN'
  | 'IN_PROGRESS'
  | 'ACTION_SCHEDULED'
  | 'INVESTIGATING'
  | 'DUPLICATE'
  | 'NOT_COUNCILS_RESPONSIBILITY'
  | 'NO_FURTHER_ACTION'
  | 'INTERNAL_REFERRAL'
  | 'FOR_TRIAGE'
  | 'FIXED'
  | 'CLOSED'
  | 'CANCELLED'
  | 'REOPEN';

/**
 * | case status | Open311 status | extended (FixMyStreet) | why                                                        |
 * |-------------|----------------|------------------------|------------------------------------------------------------|
 * | reported    | open           | FOR_TRIAGE             | received, not yet checked and registered                   |
 * | registered  | open           | OPEN                   | accepted as a case, waiting to be dispatched               |
 * | dispatched  | open           | INTERNAL_REFERRAL      | sent to a handling organisation, not yet accepted by it    |
 * | handling    | open           | IN_PROGRESS            | the handler is working on it                               |
 * | replied     | open           | INVESTIGATING          | the handler says it is done; an inspector verifies on site |
 * | shelved     | open           | ACTION_SCHEDULED       | 挂账: cannot be solved now, kept with a review date          |
 * | closed      | closed         | FIXED                  | verified and closed                                        |
 * | voided      | closed         | NO_FURTHER_ACTION      | not registered (invalid, out of scope)                     |
 * | (merged)    | closed         | DUPLICATE              | merged into the case it repeats, whatever its own status   |
 *
 * A reopened case goes back to `registered` (OPEN); the timeline, not the status, says it was reopened.
 * NOT_COUNCILS_RESPONSIBILITY, CLOSED, CANCELLED and REOPEN are not produced: a void does not record which kind it was.
 */
const TABLE: Record<CaseStatus, [Open311Status, ExtendedStatus]> = {
  reported: ['open', 'FOR_TRIAGE'],
  registered: ['open', 'OPEN'],
  dispatched: ['open', 'INTERNAL_REFERRAL'],
  handling: ['open', 'IN_PROGRESS'],
  replied: ['open', 'INVESTIGATING'],
  shelved: ['open', 'ACTION_SCHEDULED'],
  closed: ['closed', 'FIXED'],
  voided: ['closed', 'NO_FURTHER_ACTION'],
};

export function open311Status(
  status: CaseStatus,
  mergedInto: number | null,
): { status: Open311Status; extended: ExtendedStatus } {
  if (mergedInto != null) return { status: 'closed', extended: 'DUPLICATE' };
  const [s, extended] = TABLE[status];
  return { status: s, extended };
}

/** The case statuses behind an Open311 status filter. */
export function caseStatusesFor(s: Open311Status): CaseStatus[] {
  return (Object.keys(TABLE) as CaseStatus[]).filter((k) => TABLE[k][0] === s);
}

/** Timeline actions whose note is meant for the public (outcomes), as opposed to internal notes (comments, dispatch, urge). */
export const PUBLIC_NOTE_ACTIONS = ['register', 'reply', 'verify', 'void', 'shelve', 'unshelve', 'reopen'] as const;
