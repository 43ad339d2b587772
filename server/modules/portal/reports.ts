// A resident's reports: sending one through the common intake, "my reports" with the timeline in plain words, rating,
// similar open reports nearby with "me too", and the public list of a community (no personal data, coarse points).
import { and, eq, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import { actionsAllowedByState, OPEN_STATUSES, type CaseStatus, type Rating } from '../../../contracts/cases';
import type { PortalReportBody } from '../../../contracts/portal';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import type { Actor } from '../../platform/policy';
import type { Actions } from '../cases/act';
import { gridAt, type Intake } from '../cases/intake';
import { caseRepo, type CaseEventRow, type CaseListRow } from '../cases/repo';
import { recordSupport } from '../cases/service';
import { cases } from '../cases/tables';
import { territoryRepo } from '../territory/repo';
import { userRepo } from '../users/repo';
import { toPublic, type PlaceFacts } from './public-view';
import { verifierRoles, type VerifierRole } from './verifiers';

/** Timeline steps a resident sees; the rest (internal comments, returns, extensions, urging, whistles) stays with staff. */
const SHOWN = new Set(['report', 'self_handle', 'register', 'void', 'dispatch', 'accept', 'reply', 'verify', 'shelve', 'unshelve', 'rate', 'reopen', 'support', 'merged']);
/** Steps whose note is meant for the resident: the handler's result, why it was not taken up, their own rating. */
const NOTE_SHOWN = new Set(['reply', 'void', 'rate']);

function stepsOf(events: CaseEventRow[], verifiers: Map<number, VerifierRole> = new Map()) {
  return events
    .filter((e) => SHOWN.has(e.action))
    .map((e) => ({
      at: e.at.toISOString(),
      kind: e.action === 'verify' ? (e.toStatus === 'closed' ? 'verify_pass' : 'verify_fail') : e.action,
      toStatus: (e.toStatus as CaseStatus | null) ?? null,
      text: NOTE_SHOWN.has(e.action) ? e.note : null,
      ...(e.action === 'verify' ? { by: verifiers.get(e.id) ?? null } : {}),
    }));
}

function mine(c: CaseListRow) {
  const state = { status: c.status as CaseStatus, extensionPending: c.extensionPending, rating: (c.rating as Rating | null) ?? null, reviewPending: c.reviewPending };
  return {
    id: c.id,
    number: c.number,
    version: c.version,
    categoryName: c.categoryName,
    description: c.description,
    status: state.status,
    gridName: c.gridName,
    address: c.address,
    location: c.lat != null && c.lng != null ? { lat: c.lat, lng: c.lng } : null,
    anonymous: c.anonymous,
    supportCount: c.supportCount,
    rating: state.rating,
    ratingComment: c.ratingComment,
    reviewPending: c.reviewPending,
    canRate: actionsAllowedByState(state).includes('rate'),
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
  };
}

/** The district path a resident reports and looks around in: the first level of any of their resident bindings. */
function districtPrefix(actor: Actor): string {
  const b = actor.bindings.find((x) => x.role === 'resident');
  if (!b) throw new AppError('forbidden');
  return b.path.split('/').slice(0, 2).join('/') + '/';
}

export type ReportDeps = { db: Db; clock: Clock; audit: Audit; intake: Intake; actions: Actions };

export function createReports(deps: ReportDeps) {
  const { db, clock, audit, intake, actions } = deps;

  async function places(rows: CaseListRow[]): Promise<PlaceFacts> {
    const sensitive = new Set((await caseRepo.categories(db)).filter((c) => c.sensitive).map((c) => c.code));
    const grids = new Map((await territoryRepo.byIds(db, [...new Set(rows.map((r) => r.gridId))])).map((g) => [g.id, g]));
    return { sensitive, grids };
  }

  async function own(actor: Actor, id: number) {
    const c = await caseRepo.byId(db, id);
    // Only the reporter: anyone else gets the same answer as for a case that does not exist.
    if (!c || c.reporterUserId !== actor.userId) throw new AppError('not_found');
    return c;
  }

  return {
    async report(actor: Actor, ctx: AuditContext, body: PortalReportBody, key?: string) {
      districtPrefix(actor);
      const u = body.anonymous ? null : await userRepo.byId(db, actor.userId);
      const r = await intake.intake(
        actor,
        ctx,
        { ...body, channel: 'resident', solvedOnSpot: false, reporterName: body.anonymous ? undefined : actor.displayName, reporterPhone: u?.phone ?? undefined },
        key,
      );
      return { created: r.created, report: await this.get(actor, r.id) };
    },

    async get(actor: Actor, id: number) {
      const c = await own(actor, id);
      const events = await caseRepo.events(db, id);
      return { ...mine(c), photos: c.photos, steps: stepsOf(events, await verifierRoles(db, events, c.nodePath)) };
    },

    async list(actor: Actor, q: { cursor?: string; limit: number }) {
      const cur = decodeCursor(q.cursor, 1);
      const r = await caseRepo.list(db, [eq(cases.reporterUserId, actor.userId)], { beforeId: cur ? Number(cur[0]) : null, limit: q.limit });
      const p = page(r, q.limit, (x) => [x.id]);
      return { items: p.items.map(mine), nextCursor: p.nextCursor };
    },

    /** Rating goes through the case's own action, so the state machine decides (an unsatisfied rating asks for a review). */
    async rate(actor: Actor, ctx: AuditContext, id: number, body: { version: number; rating: Rating; comment?: string }) {
      await own(actor, id);
      await actions.act(actor, ctx, id, { action: 'rate', version: body.version, rating: body.rating, comment: body.comment });
      return this.get(actor, id);
    },

    /** The grid a point lies in (intake finds the same one), or 404 outside the territory. */
    async gridAt(q: { lat: number; lng: number }) {
      const g = await gridAt(db, q.lat, q.lng);
      if (!g) throw new AppError('not_found');
      return { gridId: g.id, gridName: g.name };
    },

    /** Open reports of the same category within 200 m in the last 7 days, anywhere in the resident's district. */
    async similar(actor: Actor, q: { categoryCode: string; lat: number; lng: number }) {
      const inDistrict = sql`${cases.nodePath} like ${districtPrefix(actor) + '%'}`;
      const r = (await caseRepo.similar(db, { ...q, radiusM: 200, since: new Date(clock.now().getTime() - 7 * 86_400_000), scope: sql`(${inDistrict} and ${isNull(cases.mergedInto)})` })).slice(0, 5);
      const facts = await places(r);
      return { items: r.map((c) => toPublic(c, facts)) };
    },

    /** "Me too" on an open report in the district: counted once per resident and noted on the timeline without a name. */
    async support(actor: Actor, ctx: AuditContext, id: number) {
      const c = await caseRepo.byId(db, id);
      if (!c || c.mergedInto != null || !c.nodePath.startsWith(districtPrefix(actor))) throw new AppError('not_found');
      if (!OPEN_STATUSES.includes(c.status as CaseStatus)) throw new AppError('action_not_allowed');
      if (c.reporterUserId !== actor.userId) await recordSupport({ db, clock, audit }, actor, ctx, c, { actorName: null, data: { channel: 'portal' } });
      const fresh = (await caseRepo.byId(db, id))!;
      return toPublic(fresh, await places([fresh]));
    },

    /** The public list of a community: taken-up reports only (not unchecked or voided ones), newest first. */
    async publicList(q: { communityId: number; cursor?: string; limit: number }) {
      const community = await territoryRepo.byId(db, q.communityId);
      if (!community || community.kind !== 'community') throw new AppError('not_found');
      const where: SQL[] = [sql`${cases.nodePath} like ${community.path + '%'}`, isNull(cases.mergedInto), notInArray(cases.status, ['reported', 'voided'])];
      const cur = decodeCursor(q.cursor, 1);
      const r = await caseRepo.list(db, [and(...where)!], { beforeId: cur ? Number(cur[0]) : null, limit: q.limit });
      const p = page(r, q.limit, (x) => [x.id]);
      const facts = await places(p.items);
      return { items: p.items.map((c) => toPublic(c, facts)), nextCursor: p.nextCursor };
    },
  };
}
export type Reports = ReturnType<typeof createReports>;
