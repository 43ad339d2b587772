// Turning case rows into what the API returns: summaries for lists, details with timeline and the viewer's actions.
import type { CaseAction, CaseStatus, Channel, Rating, Triage } from '../../../contracts/cases';
import { maskedPhoneOf, type PersonalCrypto } from '../../platform/crypto';
import type { CaseEventRow, CaseListRow, CaseRow } from './repo';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummary(c: CaseListRow, now: Date) {
  return {
    id: c.id,
    number: c.number,
    version: c.version,
    channel: c.channel as Channel,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
    description: c.description,
    status: c.status as CaseStatus,
    triage: (c.triage as Triage | null) ?? null,
    gridId: c.gridId,
    gridName: c.gridName,
    location: c.lat != null && c.lng != null ? { lat: c.lat, lng: c.lng } : null,
    address: c.address,
    assigneeName: c.assigneeName,
    dueAt: iso(c.dueAt),
    overdue:
      c.overdueSince != null ||
      (c.dueAt != null && c.dueAt < now && !['closed', 'voided', 'shelved'].includes(c.status)),
    supportCount: c.supportCount,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** A whistle's summons as the case page shows it. */
export type SummonsRow = {
  organisationId: number;
  organisationName: string;
  organisationKind: string;
  reportInDueAt: Date;
  reportedInAt: Date | null;
};

/** `crypto` opens the sealed reporter phone only to mask it. */
export function toDetail(
  c: CaseListRow,
  events: CaseEventRow[],
  actions: CaseAction[],
  now: Date,
  crypto: PersonalCrypto,
  summons: SummonsRow[] = [],
) {
  return {
    ...toSummary(c, now),
    selfHandled: c.selfHandled,
    assigneeOrganisationId: c.assigneeOrganisationId,
    assigneeNodeId: c.assigneeNodeId,
    assigneeUserId: c.assigneeUserId,
    // Missed is judged against the deadline itself, as the report-in job does: reporting in late still counts as late.
    summons: summons.map((x) => ({
      organisationId: x.organisationId,
      organisationName: x.organisationName,
      organisationKind: x.organisationKind,
      reportInDueAt: x.reportInDueAt.toISOString(),
      reportedInAt: iso(x.reportedInAt),
      overdue: (x.reportedInAt ?? now) > x.reportInDueAt,
    })),
    suggestedOrganisationId: c.suggestedOrganisationId,
    extensionPending: c.extensionPending,
    rating: (c.rating as Rating | null) ?? null,
    ratingComment: c.ratingComment,
    reviewPending: c.reviewPending,
    returnCount: c.returnCount,
    reworkCount: c.reworkCount,
    extensionCount: c.extensionCount,
    urgeCount: c.urgeCount,
    reporterName: c.anonymous ? null : c.reporterName,
    reporterPhoneMasked: c.anonymous ? null : maskedPhoneOf(crypto, c.reporterPhoneCipher),
    photos: c.photos,
    residentId: c.residentId,
    householdNodeId: c.householdNodeId,
    closedAt: iso(c.closedAt),
    shelvedUntil: iso(c.shelvedUntil),
    actions,
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: e.actorName,
      action: e.action,
      fromStatus: (e.fromStatus as CaseStatus | null) ?? null,
      toStatus: (e.toStatus as CaseStatus | null) ?? null,
      note: e.note,
      data: e.data ?? null,
      photos: e.photos,
    })),
  };
}

/**
 * Whether a case's text (and address) stays off every public view: a sensitive matter names people and homes by its
 * nature, and a case linked to a resident or household (a care visit's finding) is about one home, whatever its words.
 */
export function textWithheld(c: Pick<CaseRow, 'residentId' | 'householdNodeId'>, sensitive: boolean): boolean {
  return sensitive || c.residentId != null || c.householdNodeId != null;
}
