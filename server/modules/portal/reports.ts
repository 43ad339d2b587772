// A resident's reports: sending one through the common intake, "my reports" with the timeline in plain words, rating,
// similar open reports nearby with "me too", and the public list of a community (no personal data, coarse points).
import type { PersonalCrypto } from '../../platform/crypto';
import { and, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { actionsAllowedByState, type CaseStatus, type Rating } from '../../../contracts/cases';
import type { PortalReportBody } from '../../../contracts/portal';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { redactPersonalText } from '../../platform/redact';
import type { Actor } from '../../platform/policy';
import {
  type Actions,
  gridAt,
  residentDistricts,
  type Intake,
  caseRepo,
  type CaseEventRow,
  type CaseListRow,
  recordSupport,
  cases,
} from '../cases';
import { territoryRepo } from '../territory';
import { userRepo } from '../users';
import { toPublic, type PlaceFacts } from './public-view';
import { verifierRoles, type VerifierRole } from './verifiers';

/** Timeline steps a resident sees; the rest (internal comments, returns, extensions, urging, whistles) stays with staff. */
const SHOWN = new Set([
  'report',
  'self_handle',
  'register',
  'void',
  'dispatch',
  'accept',
  'reply',
  'verify',
  'shelve',
  'unshelve',
  'rate',
  'reopen',
  'support',
  'merged',
]);
/** Steps whose note is meant for the resident: the handler's result, why it was not taken up, their own rating. */
const NOTE_SHOWN = new Set(['reply', 'void', 'rate']);

/** Reports on the public list that are still open: the only ones a resident may say "me too" to or be offered. */
const PUBLIC_OPEN: CaseStatus[] = ['registered', 'dispatched', 'handling', 'replied'];
const publicOpen = sql`(${inArray(cases.status, PUBLIC_OPEN)} and ${isNull(cases.mergedInto)})`;

/**
 * The steps in plain words. A supporter (`supporterId`) follows someone else's report: the report and rating are that
 * resident's, their own "me too" is theirs, and they see no notes (the reply and rating speak to the reporter).
 */
function stepsOf(
  events: CaseEventRow[],
  supporterId: number | null = null,
  verifiers: Map<number, VerifierRole> = new Map(),
) {
  const kindOf = (e: CaseEventRow) => {
    const kind = e.action === 'verify' ? (e.toStatus === 'closed' ? 'verify_pass' : 'verify_fail') : e.action;
    if (supporterId == null) return kind;
    if (kind === 'report' || kind === 'rate') return `${kind}_other`;
    return kind === 'support' && e.actorId === supporterId ? 'support_mine' : kind;
  };
  return events
    .filter((e) => SHOWN.has(e.action))
    .map((e) => ({
      at: e.at.toISOString(),
      kind: kindOf(e),
      toStatus: (e.toStatus as CaseStatus | null) ?? null,
      // Staff notes may carry someone else's phone or ID number: masked like every text that leaves the staff side.
      text: supporterId == null && NOTE_SHOWN.has(e.action) ? redactPersonalText(e.note) : null,
      ...(e.action === 'verify' ? { by: verifiers.get(e.id) ?? null } : {}),
    }));
}

/** Cases the resident said "me too" to (a support step of theirs on the timeline). */
const supportedBy = (userId: number) =>
  sql`${cases.id} in (select e.case_id from case_events e where e.actor_id = ${userId} and e.action = 'support')`;

function mine(c: CaseListRow) {
  const state = {
    status: c.status as CaseStatus,
    extensionPending: c.extensionPending,
    rating: (c.rating as Rating | null) ?? null,
    reviewPending: c.reviewPending,
  };
  return {
    id: c.id,
    relation: 'reporter' as const,
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

/** A report the resident supports, as they follow it: its public fields only (someone else's report). */
function followed(c: CaseListRow, facts: PlaceFacts) {
  const p = toPublic(c, facts);
  return {
    id: c.id,
    relation: 'supporter' as const,
    number: c.number,
    version: c.version,
    categoryName: p.categoryName,
    description: p.description,
    status: p.status,
    gridName: p.gridName,
    address: null,
    location: p.location,
    anonymous: true,
    supportCount: p.supportCount,
    rating: null,
    ratingComment: null,
    reviewPending: false,
    canRate: false,
    createdAt: p.createdAt,
    closedAt: p.closedAt,
  };
}

export type ReportDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  crypto: PersonalCrypto;
  intake: Intake;
  actions: Actions;
};

export function createReports(deps: ReportDeps) {
  const { db, clock, audit, crypto, intake, actions } = deps;

  /** The districts a resident reports and looks around in; a person without a resident binding is refused. */
  async function districtsOf(actor: Actor): Promise<string[]> {
    const d = await residentDistricts(db, actor);
    if (!d.length) throw new AppError('forbidden');
    return d;
  }
  const inDistricts = (path: SQL | typeof cases.nodePath, d: string[]) =>
    sql`(${sql.join(
      d.map((p) => sql`${path} like ${p + '%'}`),
      sql` or `,
    )})`;

  async function places(rows: CaseListRow[]): Promise<PlaceFacts> {
    const sensitive = new Set((await caseRepo.categories(db)).filter((c) => c.sensitive).map((c) => c.code));
    const grids = new Map(
      (await territoryRepo.byIds(db, [...new Set(rows.map((r) => r.gridId))])).map((g) => [g.id, g]),
    );
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
      await districtsOf(actor);
      const u = body.anonymous ? null : await userRepo.byId(db, actor.userId);
      const r = await intake.intake(
        actor,
        ctx,
        {
          ...body,
          channel: 'resident',
          solvedOnSpot: false,
          reporterName: body.anonymous ? undefined : actor.displayName,
          reporterPhone: u?.phoneCipher ? crypto.decrypt('phone', u.phoneCipher) : undefined,
        },
        key,
      );
      return { created: r.created, report: await this.get(actor, r.id) };
    },

    /** One report the resident made, or one they said "me too" to (then only its public fields); else 404. */
    async get(actor: Actor, id: number) {
      const c = await caseRepo.byId(db, id);
      if (!c) throw new AppError('not_found');
      const events = await caseRepo.events(db, id);
      const verifiers = await verifierRoles(db, events, c.nodePath);
      if (c.reporterUserId === actor.userId)
        return { ...mine(c), photos: c.photos, steps: stepsOf(events, null, verifiers) };
      if (!events.some((e) => e.action === 'support' && e.actorId === actor.userId)) throw new AppError('not_found');
      return { ...followed(c, await places([c])), photos: [], steps: stepsOf(events, actor.userId, verifiers) };
    },

    /** The resident's own reports and those they support, newest first. */
    async list(actor: Actor, q: { cursor?: string; limit: number }) {
      const cur = decodeCursor(q.cursor, 1);
      const r = await caseRepo.list(db, [or(eq(cases.reporterUserId, actor.userId), supportedBy(actor.userId))!], {
        beforeId: cur ? Number(cur[0]) : null,
        limit: q.limit,
      });
      const p = page(r, q.limit, (x) => [x.id]);
      const facts = await places(p.items.filter((c) => c.reporterUserId !== actor.userId));
      return {
        items: p.items.map((c) => (c.reporterUserId === actor.userId ? mine(c) : followed(c, facts))),
        nextCursor: p.nextCursor,
      };
    },

    /** Rating goes through the case's own action, so the state machine decides (an unsatisfied rating asks for a review). */
    async rate(
      actor: Actor,
      ctx: AuditContext,
      id: number,
      body: { version: number; rating: Rating; comment?: string },
    ) {
      await own(actor, id);
      await actions.act(actor, ctx, id, {
        action: 'rate',
        version: body.version,
        rating: body.rating,
        comment: body.comment,
      });
      return this.get(actor, id);
    },

    /** The grid a point lies in (intake finds the same one), or 404 outside the territory. */
    async gridAt(q: { lat: number; lng: number }) {
      const g = await gridAt(db, q.lat, q.lng);
      if (!g) throw new AppError('not_found');
      return { gridId: g.id, gridName: g.name };
    },

    /** Public open reports of the same category within 200 m in the last 7 days, anywhere in the resident's district. */
    async similar(actor: Actor, q: { categoryCode: string; lat: number; lng: number }) {
      const inDistrict = inDistricts(cases.nodePath, await districtsOf(actor));
      const r = (
        await caseRepo.similar(db, {
          ...q,
          radiusM: 200,
          since: new Date(clock.now().getTime() - 7 * 86_400_000),
          scope: sql`(${inDistrict} and ${publicOpen})`,
        })
      ).slice(0, 5);
      const facts = await places(r);
      return { items: r.map((c) => toPublic(c, facts)) };
    },

    /**
     * "Me too" on a public, open report in the district: counted once per resident and noted on the timeline without a
     * name. A report not on the public list (not yet checked, voided, merged) answers as if it did not exist; a closed
     * or shelved one is public but no longer open.
     */
    async support(actor: Actor, ctx: AuditContext, id: number) {
      const c = await caseRepo.byId(db, id);
      const districts = await districtsOf(actor);
      if (
        !c ||
        c.mergedInto != null ||
        ['reported', 'voided'].includes(c.status) ||
        !districts.some((d) => c.nodePath.startsWith(d))
      )
        throw new AppError('not_found');
      if (!PUBLIC_OPEN.includes(c.status as CaseStatus)) throw new AppError('action_not_allowed');
      if (c.reporterUserId !== actor.userId)
        await recordSupport({ db, clock, audit }, actor, ctx, c, { actorName: null, data: { channel: 'portal' } });
      const fresh = (await caseRepo.byId(db, id))!;
      return toPublic(fresh, await places([fresh]));
    },

    /** The public list of a community: taken-up reports only (not unchecked or voided ones), newest first. */
    /** One community's public reports, or the home district's when no community is named. */
    async publicList(q: { communityId?: number; cursor?: string; limit: number }) {
      const place = q.communityId ? await territoryRepo.byId(db, q.communityId) : await territoryRepo.homeDistrict(db);
      if (!place || place.kind !== (q.communityId ? 'community' : 'district')) throw new AppError('not_found');
      const where: SQL[] = [
        sql`${cases.nodePath} like ${place.path + '%'}`,
        isNull(cases.mergedInto),
        notInArray(cases.status, ['reported', 'voided']),
      ];
      const cur = decodeCursor(q.cursor, 1);
      const r = await caseRepo.list(db, [and(...where)!], { beforeId: cur ? Number(cur[0]) : null, limit: q.limit });
      const p = page(r, q.limit, (x) => [x.id]);
      const facts = await places(p.items);
      return { items: p.items.map((c) => toPublic(c, facts)), nextCursor: p.nextCursor };
    },
  };
}
export type Reports = ReturnType<typeof createReports>;
