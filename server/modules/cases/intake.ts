// One intake for every channel: validates the report, finds the grid from the point, and registers the case
// (or closes it at once when solved on the spot). A retried request with the same Idempotency-Key makes one case.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { IntakeBody } from '../../../contracts/cases';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import { sealPhoneNumber, type PersonalCrypto } from '../../platform/crypto';
import { writeAll, type Db, type Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import { assertAttachable } from '../files';
import { territoryRepo, type NodeRow, territoryNodes } from '../territory';
import { factsFrom } from './act';
import { actionsFor, casePolicy } from './policy';
import { caseRepo, newCaseRow, type CaseEventRow } from './repo';
import type { CaseNotifier, Sla } from './sla';
import type { caseEvents } from './tables';
import { toDetail } from './view';

/** The cases columns that seal a reporter's phone (all null without one or when anonymous). */
export function reporterPhoneColumns(crypto: PersonalCrypto, phone: string | null | undefined) {
  const s = sealPhoneNumber(crypto, phone);
  return { reporterPhoneCipher: s.cipher, reporterPhoneHash: s.hash, reporterPhoneTail: s.tail };
}

/**
 * The people module's scoped read of a resident a case may be linked to: their household, or null when the actor may
 * not read them (the same answer as for one who does not exist). Without it no case can be linked to a person.
 */
export type ResidentLink = (actor: Actor, residentId: number) => Promise<{ householdNodeId: number } | null>;

export type IntakeDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  crypto: PersonalCrypto;
  sla: Sla;
  notifier: CaseNotifier;
  residentLink?: ResidentLink;
};

/** Case numbers read as the China date of intake and a sequence: 20261122000123. */
function caseNumber(id: number, at: Date): string {
  const china = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `${china}${String(id).padStart(6, '0')}`;
}

/** Of the grids whose bounding boxes hold a point, the one whose polygon does. */
function holding(candidates: NodeRow[], lat: number, lng: number): NodeRow | null {
  return candidates.find((g) => g.geometry && booleanPointInPolygon([lng, lat], g.geometry as never)) ?? null;
}

/** The grid holding a point: bounding boxes narrow it down in SQL, the polygon test decides. */
export async function gridAt(exec: Exec, lat: number, lng: number): Promise<NodeRow | null> {
  return holding(await territoryRepo.gridsAround(exec, lat, lng), lat, lng);
}

/**
 * The district paths a resident reports and looks around in: the district (first level) of each resident binding's
 * node, or, for a resident bound to no node yet, the home district. A resident who signed up in the portal is heard
 * before a household link is confirmed, and a problem seen across town is still theirs to report. Reporting is all
 * this area gives: it grants no reading of the territory.
 */
export async function residentDistricts(exec: Exec, actor: Actor): Promise<string[]> {
  const mine = actor.bindings.filter((b) => b.role === 'resident');
  const placed = mine.flatMap((b) => (b.path ? [b.path.split('/').slice(0, 2).join('/') + '/'] : []));
  if (placed.length || !mine.length) return placed;
  const home = await territoryRepo.homeDistrict(exec);
  return home ? [home.path] : [];
}

async function residentMayReport(exec: Exec, actor: Actor, gridPath: string): Promise<boolean> {
  return (await residentDistricts(exec, actor)).some((d) => gridPath.startsWith(d));
}

export function createIntake(deps: IntakeDeps) {
  const { db, clock, audit, sla, notifier, residentLink } = deps;

  /** The household of the resident the case is about: staff only, and only a resident the reporter may read. */
  async function linked(actor: Actor, staff: boolean, residentId: number | undefined): Promise<number | null> {
    if (residentId === undefined) return null;
    const r = staff && residentLink ? await residentLink(actor, residentId) : null;
    if (!r) throw fieldError('residentId', 'no such resident in your area');
    return r.householdNodeId;
  }

  /**
   * Which grids may hold the report: those whose boxes hold the point, the named grid, or the reporter's own grid.
   * With none of these the report is refused, after the retry and category checks as before (`missing`).
   */
  function gridWhere(actor: Actor, body: IntakeBody): { where: SQL; shape: string; missing?: AppError } {
    if (body.location)
      return { where: territoryRepo.gridsAroundWhere(body.location.lat, body.location.lng), shape: 'point' };
    if (body.gridId) return { where: eq(territoryNodes.id, body.gridId), shape: 'grid' };
    const own = actor.bindings.filter((b) => b.role === 'grid_worker');
    if (own.length === 1) return { where: eq(territoryNodes.id, own[0]!.nodeId!), shape: 'grid' };
    return { where: sql`false`, shape: 'none', missing: fieldError('location', 'give a map point or a grid') };
  }

  function pickGrid(body: IntakeBody, candidates: NodeRow[]): NodeRow {
    if (body.location) {
      const g = holding(candidates, body.location.lat, body.location.lng);
      if (!g) throw fieldError('location', 'the point lies outside every grid of the territory');
      return g;
    }
    const g = candidates[0];
    if (body.gridId && (!g || g.kind !== 'grid' || g.retiredAt)) throw fieldError('gridId', 'not a grid');
    return g!;
  }

  /** The case an Idempotency-Key already made, answered as a retry. */
  async function replay(actor: Actor, key: string) {
    const seen = await caseRepo.idempotent(db, actor.userId, key);
    return seen ? { id: seen, created: false as const, detail: null } : null;
  }

  return {
    /**
     * Registers a report; returns the case id, whether it was new, and (when new) the case as the reporter sees it.
     * Two round trips: one read (key, category, candidate grids, a fresh id) and one statement writing the case, its
     * first events, the key, the deadline jobs, the dispatchers' notifications and the audit entry, all or nothing.
     */
    async intake(
      actor: Actor,
      ctx: AuditContext,
      body: IntakeBody,
      idempotencyKey?: string,
    ): Promise<{ id: number; created: boolean; detail: ReturnType<typeof toDetail> | null }> {
      const grids = gridWhere(actor, body);
      const known = await caseRepo.intakeContext(db, {
        userId: actor.userId,
        key: idempotencyKey ?? null,
        categoryCode: body.categoryCode,
        gridWhere: grids.where,
        shape: grids.shape,
      });
      if (known.seen) return { id: known.seen, created: false, detail: null };
      const category = known.category;
      if (!category || !category.active || !category.parentCode) throw fieldError('categoryCode', 'unknown category');
      // A 12345 work order brings an address, not coordinates: its grid comes from the address dictionary instead.
      const addressOnly = body.channel === 'hotline' && !!body.address && !!body.gridId;
      if (category.requiredFields.includes('location') && !body.location && !addressOnly)
        throw fieldError('location', 'this category needs a map point');
      if (grids.missing) throw grids.missing;
      const grid = pickGrid(body, known.grids);
      const staff = can(actor, casePolicy, 'report', { path: grid.path });
      if (!staff && !(await residentMayReport(db, actor, grid.path)))
        throw new AppError('forbidden', [{ path: 'location', message: 'outside your area' }]);
      // A resident's report is always a resident's: only staff close on the spot or bring in another system's orders.
      if (!staff && body.solvedOnSpot) throw fieldError('solvedOnSpot', 'only staff may close a report on the spot');
      if (!staff && body.externalRef)
        throw fieldError('externalRef', 'only staff may bring in work orders of another system');
      const channel = staff ? body.channel : 'resident';
      const householdNodeId = await linked(actor, staff, body.residentId);
      // Only photos the reporter may see can be put on the case (an id alone is no key).
      if (body.photos.length) await assertAttachable(db, actor, body.photos);
      const now = clock.now();
      const id = known.id;
      const closed = body.solvedOnSpot;
      const status = closed ? 'closed' : 'reported';
      const dueAt = closed ? null : sla.dueFor('reported', category.limits, now);
      const values = {
        id,
        number: caseNumber(id, now),
        channel,
        categoryCode: category.code,
        description: body.description,
        lat: body.location?.lat ?? null,
        lng: body.location?.lng ?? null,
        address: body.address ?? null,
        gridId: grid.id,
        nodePath: grid.path,
        status,
        triage: category.triageDefault,
        reporterUserId: actor.userId,
        reporterName: body.anonymous ? null : (body.reporterName ?? actor.displayName),
        ...reporterPhoneColumns(deps.crypto, body.anonymous ? null : body.reporterPhone),
        anonymous: body.anonymous,
        selfHandled: closed,
        externalRef: body.externalRef ?? null,
        residentId: body.residentId ?? null,
        householdNodeId,
        photos: body.photos,
        stageStartedAt: now,
        dueAt,
        // A matter solved on the spot is still a registered case on record (it counts in 立案数).
        registeredAt: closed ? now : null,
        closedAt: closed ? now : null,
        closedOnTime: closed ? true : null,
        createdAt: now,
        updatedAt: now,
      };
      const row = newCaseRow(values);
      const by = { caseId: id, at: now, actorId: actor.userId, actorName: actor.displayName };
      const events: (typeof caseEvents.$inferInsert)[] = [
        {
          ...by,
          action: 'report',
          fromStatus: null,
          toStatus: 'reported',
          note: body.description,
          data: { channel },
          photos: body.photos,
        },
        ...(closed
          ? [
              {
                ...by,
                action: 'self_handle',
                fromStatus: 'reported',
                toStatus: 'closed',
                note: null,
                data: null,
                photos: body.photos,
              },
            ]
          : []),
      ];
      let eventIds: { id: string | number }[];
      try {
        eventIds = await writeAll<{ id: string | number }>(
          db,
          [
            ...caseRepo.newCaseWrites(
              db,
              values,
              events,
              idempotencyKey ? { userId: actor.userId, key: idempotencyKey } : null,
              'new_events',
            ),
            ...sla.scheduleWrites(db, id, dueAt),
            ...(closed ? [] : notifier.newReportWrites(db, row, actor.userId)),
            audit.entry(db, ctx, {
              action: 'case.report',
              entityKind: 'case',
              entityId: id,
              nodeId: grid.id,
              nodePath: grid.path,
              after: { number: row.number, status, categoryCode: category.code, channel },
            }),
          ],
          sql`select id from new_events order by id`,
        );
      } catch (err) {
        // Two retries of one request raced: the loser returns the winner's case.
        if (idempotencyKey && (err as { cause?: { code?: string }; code?: string }).cause?.code === '23505') {
          const seen = await replay(actor, idempotencyKey);
          if (seen) return seen;
        }
        throw err;
      }
      const listRow = { ...row, categoryName: category.name, gridName: grid.name, assigneeName: null };
      const stored = events.map((e, i) => ({ ...e, id: Number(eventIds[i]!.id) }) as CaseEventRow);
      return {
        id,
        created: true,
        detail: toDetail(listRow, stored, actionsFor(actor, factsFrom(row, [])), now, deps.crypto),
      };
    },
  };
}
export type Intake = ReturnType<typeof createIntake>;
