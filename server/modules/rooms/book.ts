// Booking verbs: book one slot or a series (skipping taken or closed dates when asked), edit or cancel one occurrence
// or the rest of its series, approve. Overlaps are refused by the database's exclusion constraint, not by a prior read.
import type { BookingResult, CreateBookingBody, SeriesScope, UpdateBookingBody } from '../../../contracts/rooms';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import type { Tx } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import { recordNotice } from '../notifications';
import { chinaDate, chinaTime, MINUTE, oneYearAfter, seriesRuleText, seriesStarts, slotProblem } from './hours';
import { bookerKinds, roomPolicy } from './policy';
import { roomRepo, type BookingRow, type BookingView, type PartRow, type SpaceRow } from './repo';
import { toBooking } from './views';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'calendar'>;

const pgCode = (err: unknown) => {
  const e = err as { cause?: { code?: string }; code?: string };
  return e.cause?.code ?? e.code;
};
/** An overlap refused by `booking_holds_no_overlap`. */
const isOverlap = (err: unknown) => pgCode(err) === '23P01';

/** The atomic parts a booking of `part` holds: the whole holds every zone (or itself when the room has none). */
export function atomicParts(part: PartRow, parts: PartRow[]): number[] {
  if (!part.whole) return [part.id];
  const zones = parts.filter((p) => p.spaceId === part.spaceId && !p.whole);
  return zones.length ? zones.map((z) => z.id) : [part.id];
}

/** The number a notice about a booking carries: the space and when ('多功能厅 2026-10-15 19:00'). */
const noticeTitle = (spaceName: string, startsAt: Date) =>
  `${spaceName} ${chinaDate(startsAt)} ${chinaTime(startsAt.getTime())}`;

/** Who approves a space's bookings: its staff above it, and the members of the partner unit that lends it. */
const approvers = (space: SpaceRow) => ({
  path: space.path,
  roles: ['community_worker', 'street_officer', 'district_admin'],
  organisationId: space.organisationId,
});

export function createBookingService(deps: Deps) {
  const { db, clock, audit, calendar } = deps;

  async function spaceFor(actor: Actor, spaceId: number) {
    const space = await roomRepo.space(db, spaceId);
    if (!space || !can(actor, roomPolicy, 'read', space)) throw new AppError('not_found');
    const parts = await roomRepo.parts(db, [space.id]);
    return { space, parts };
  }

  const manages = (actor: Actor, space: SpaceRow) => can(actor, roomPolicy, 'manage', space);

  /** The slot's problems against the space's rules (past, same day, opening), as a 400. */
  function checkSlot(space: SpaceRow, start: number, end: number, path = 'startsAt') {
    if (!(end > start)) throw fieldError('endsAt', 'the end must be after the start');
    if (start < clock.now().getTime()) throw fieldError(path, 'the time is in the past');
    if (chinaDate(new Date(start)) !== chinaDate(new Date(end - 1)))
      throw fieldError('endsAt', 'a booking must start and end on the same day');
    const p = slotProblem(calendar, space, start, end);
    if (p) throw fieldError(path, p.message);
  }

  const bufferOf = (space: SpaceRow, start: number, end: number) =>
    [new Date(start - space.bufferBeforeMin * MINUTE), new Date(end + space.bufferAfterMin * MINUTE)] as const;

  async function replay(actor: Actor, key: string): Promise<BookingResult | null> {
    const first = await roomRepo.byIdempotencyKey(db, actor.userId, key);
    if (!first) return null;
    const views = first.seriesId
      ? await roomRepo.seriesBookings(db, first.seriesId)
      : [(await roomRepo.booking(db, first.id))!];
    return { bookings: views.map((v) => toBooking(v, actor, true)), seriesId: first.seriesId, skipped: [] };
  }

  return {
    /** Books a slot, or every date of a series; the same Idempotency-Key answers a retry with the first result. */
    async book(
      actor: Actor,
      ctx: AuditContext,
      spaceId: number,
      body: CreateBookingBody,
      key?: string,
    ): Promise<BookingResult> {
      if (key) {
        const seen = await replay(actor, key);
        if (seen) return seen;
      }
      const { space, parts } = await spaceFor(actor, spaceId);
      const kinds = bookerKinds(actor);
      if (!space.bookers.some((k) => kinds.has(k)))
        throw new AppError('forbidden', [{ path: 'spaceId', message: 'this space does not take bookings from you' }]);
      const part = parts.find((p) => p.id === body.partId);
      if (!part) throw fieldError('partId', 'unknown part');
      if (body.attendees > part.capacity) throw fieldError('attendees', `over the capacity of ${part.capacity}`);
      if (body.organisationId != null && !actor.bindings.some((b) => b.organisationId === body.organisationId))
        throw fieldError('organisationId', 'not your organisation');
      const start = new Date(body.startsAt).getTime();
      const end = new Date(body.endsAt).getTime();
      checkSlot(space, start, end);
      const r = body.recurrence;
      let starts = [start];
      if (r) {
        const first = chinaDate(new Date(start));
        if (r.until < first) throw fieldError('recurrence.until', 'the series must not end before it starts');
        if (r.until > oneYearAfter(first)) throw fieldError('recurrence.until', 'a series may last at most a year');
        starts = seriesStarts(start, r);
      }
      const duration = end - start;
      const status = space.needsApproval && !manages(actor, space) ? 'pending' : 'confirmed';
      const holdParts = atomicParts(part, parts);
      try {
        return await db.transaction(async (tx) => {
          const series = r
            ? await roomRepo.insertSeries(tx, { spaceId, userId: actor.userId, rrule: seriesRuleText(start, r) })
            : null;
          const made: BookingRow[] = [];
          const skipped: BookingResult['skipped'] = [];
          for (const s of starts) {
            const date = chinaDate(new Date(s));
            const problem = slotProblem(calendar, space, s, s + duration);
            if (problem) {
              if (!r?.skipConflicts) throw fieldError('recurrence', `the space is closed on ${date}`);
              skipped.push({ date, reason: problem.message.includes('holiday') ? 'holiday' : 'closed' });
              continue;
            }
            const insert = async (t: Tx) => {
              const b = await roomRepo.insertBooking(t, {
                spaceId,
                partId: part.id,
                seriesId: series?.id ?? null,
                userId: actor.userId,
                organisationId: body.organisationId ?? null,
                title: body.title,
                attendees: body.attendees,
                startsAt: new Date(s),
                endsAt: new Date(s + duration),
                status,
                idempotencyKey: made.length === 0 ? (key ?? null) : null,
              });
              const [from, to] = bufferOf(space, s, s + duration);
              await roomRepo.hold(t, b.id, holdParts, from, to);
              return b;
            };
            if (!r) {
              made.push(await insert(tx));
              continue;
            }
            try {
              // A savepoint per date, so that a taken date can be skipped and the rest kept.
              made.push(await tx.transaction(insert));
            } catch (err) {
              if (!isOverlap(err)) throw err;
              if (!r.skipConflicts)
                throw new AppError('conflict', [
                  { path: 'startsAt', message: `the slot is already booked on ${date}` },
                ]);
              skipped.push({ date, reason: 'taken' });
            }
          }
          if (made.length === 0)
            throw new AppError('conflict', [{ path: 'startsAt', message: 'the slot is already booked' }]);
          if (series && skipped.length)
            await roomRepo.setSeriesSkipped(
              tx,
              series.id,
              skipped.map((x) => x.date),
            );
          if (status === 'pending')
            await tx.execute(
              recordNotice(
                approvers(space),
                { kind: 'room_pending', title: noticeTitle(space.name, made[0]!.startsAt), createdAt: clock.now() },
                actor.userId,
              ),
            );
          await audit.record(tx, ctx, {
            action: 'room.book',
            entityKind: 'booking',
            entityId: made[0]!.id,
            nodeId: space.nodeId,
            after: { spaceId, partId: part.id, count: made.length, seriesId: series?.id ?? null, skipped },
          });
          const view = (b: BookingRow): BookingView => ({ ...b, spaceName: space.name, partName: part.name });
          return { bookings: made.map((b) => toBooking(view(b), actor, true)), seriesId: series?.id ?? null, skipped };
        });
      } catch (err) {
        if (isOverlap(err))
          throw new AppError('conflict', [{ path: 'startsAt', message: 'the slot is already booked' }]);
        // Two retries with one key raced: the loser answers with the winner's result.
        if (key && pgCode(err) === '23505') {
          const seen = await replay(actor, key);
          if (seen) return seen;
        }
        throw err;
      }
    },

    /** Moves or renames one occurrence, or it and the rest of its series (all moved by the same amount). */
    async update(actor: Actor, ctx: AuditContext, id: number, body: UpdateBookingBody) {
      const { b, space, parts, targets } = await targetsOf(actor, id, body.scope);
      const start = body.startsAt ? new Date(body.startsAt).getTime() : b.startsAt.getTime();
      const end = body.endsAt ? new Date(body.endsAt).getTime() : start + (b.endsAt.getTime() - b.startsAt.getTime());
      const part = parts.find((p) => p.id === b.partId)!;
      if (body.attendees && body.attendees > part.capacity)
        throw fieldError('attendees', `over the capacity of ${part.capacity}`);
      const shift = start - b.startsAt.getTime();
      // A booker who moves a booking of a space needing approval asks for approval again.
      const moved = shift !== 0 || end - start !== b.endsAt.getTime() - b.startsAt.getTime();
      const again = moved && space.needsApproval && !manages(actor, space);
      const planned = targets.map((t) => ({
        t,
        s: t.startsAt.getTime() + shift,
        e: t.startsAt.getTime() + shift + end - start,
      }));
      for (const p of planned) checkSlot(space, p.s, p.e);
      try {
        await db.transaction(async (tx) => {
          await roomRepo.release(
            tx,
            targets.map((t) => t.id),
          );
          for (const { t, s, e } of planned) {
            await roomRepo.updateBooking(tx, t.id, {
              startsAt: new Date(s),
              endsAt: new Date(e),
              ...(body.title ? { title: body.title } : {}),
              ...(body.attendees ? { attendees: body.attendees } : {}),
              ...(body.scope === 'this' && t.seriesId ? { detached: true } : {}),
              ...(again ? { status: 'pending' } : {}),
            });
            const [from, to] = bufferOf(space, s, e);
            await roomRepo.hold(tx, t.id, atomicParts(part, parts), from, to);
          }
          await audit.record(tx, ctx, {
            action: 'room.booking_update',
            entityKind: 'booking',
            entityId: b.id,
            nodeId: space.nodeId,
            before: { startsAt: b.startsAt, endsAt: b.endsAt, title: b.title },
            after: { ...body, count: targets.length },
          });
        });
      } catch (err) {
        if (isOverlap(err))
          throw new AppError('conflict', [{ path: 'startsAt', message: 'the slot is already booked' }]);
        throw err;
      }
      const views = await Promise.all(targets.map((t) => roomRepo.booking(db, t.id)));
      return { items: views.map((v) => toBooking(v!, actor, true)) };
    },

    /** Cancels one occurrence, or it and the rest of its series; the slots are free again at once. */
    async cancel(actor: Actor, ctx: AuditContext, id: number, scope: SeriesScope) {
      const { b, space, targets } = await targetsOf(actor, id, scope);
      await db.transaction(async (tx) => {
        await roomRepo.release(
          tx,
          targets.map((t) => t.id),
        );
        for (const t of targets) await roomRepo.updateBooking(tx, t.id, { status: 'cancelled' });
        await audit.record(tx, ctx, {
          action: 'room.booking_cancel',
          entityKind: 'booking',
          entityId: b.id,
          nodeId: space.nodeId,
          after: { scope, count: targets.length },
        });
      });
      return { cancelled: targets.length };
    },

    /** An approver (a manager of the space) confirms a booking that waited for approval; the booker is told. */
    async approve(actor: Actor, ctx: AuditContext, id: number, scope: SeriesScope = 'this') {
      const { b, space, targets } = await pendingFor(actor, id, scope);
      const now = clock.now();
      await db.transaction(async (tx) => {
        for (const t of targets)
          await roomRepo.updateBooking(tx, t.id, { status: 'confirmed', decidedBy: actor.userId, decidedAt: now });
        await tx.execute(
          recordNotice(
            { userIds: [b.userId] },
            { kind: 'room_approved', title: noticeTitle(space.name, b.startsAt), createdAt: now },
            actor.userId,
          ),
        );
        await audit.record(tx, ctx, {
          action: 'room.booking_approve',
          entityKind: 'booking',
          entityId: id,
          nodeId: space.nodeId,
          after: { scope, count: targets.length },
        });
      });
      return toBooking({ ...b, status: 'confirmed' }, actor, true);
    },

    /** An approver refuses a pending booking with a reason the booker sees; its slot is free again at once. */
    async refuse(actor: Actor, ctx: AuditContext, id: number, reason: string, scope: SeriesScope = 'this') {
      const { b, space, targets } = await pendingFor(actor, id, scope);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await roomRepo.release(
          tx,
          targets.map((t) => t.id),
        );
        for (const t of targets)
          await roomRepo.updateBooking(tx, t.id, {
            status: 'refused',
            decidedBy: actor.userId,
            decidedAt: now,
            refusalReason: reason,
          });
        await tx.execute(
          recordNotice(
            { userIds: [b.userId] },
            { kind: 'room_refused', title: noticeTitle(space.name, b.startsAt), createdAt: now },
            actor.userId,
          ),
        );
        await audit.record(tx, ctx, {
          action: 'room.booking_refuse',
          entityKind: 'booking',
          entityId: id,
          nodeId: space.nodeId,
          after: { reason, scope, count: targets.length },
        });
      });
      return toBooking({ ...b, status: 'refused', refusalReason: reason }, actor, true);
    },
  };

  /**
   * A pending booking and its space, for one of the space's approvers (others get 404 when they cannot see the space,
   * 403 when they can), with the occurrences the decision covers: it alone, or the series' pending ones from it on.
   */
  async function pendingFor(actor: Actor, id: number, scope: SeriesScope) {
    const b = await roomRepo.booking(db, id);
    const space = b && (await roomRepo.space(db, b.spaceId));
    if (!b || !space || !can(actor, roomPolicy, 'read', space)) throw new AppError('not_found');
    if (!manages(actor, space)) throw new AppError('forbidden');
    if (b.status !== 'pending')
      throw new AppError('action_not_allowed', [
        { path: 'status', message: `the booking is ${b.status}, not pending` },
      ]);
    const targets =
      scope === 'following' && b.seriesId
        ? (await roomRepo.seriesFrom(db, b.seriesId, b.startsAt)).filter((x) => x.status === 'pending')
        : [b];
    return { b, space, targets };
  }

  /** The booking and the occurrences a change applies to; only the booker or the space's managers may change it. */
  async function targetsOf(actor: Actor, id: number, scope: SeriesScope) {
    const b = await roomRepo.booking(db, id);
    const space = b && (await roomRepo.space(db, b.spaceId));
    if (!b || !space || !can(actor, roomPolicy, 'read', space)) throw new AppError('not_found');
    if (b.userId !== actor.userId && !manages(actor, space)) throw new AppError('forbidden');
    if (b.status === 'cancelled' || b.status === 'refused')
      throw new AppError('action_not_allowed', [{ path: 'status', message: `the booking is ${b.status}` }]);
    if (b.startsAt.getTime() < clock.now().getTime()) throw fieldError('startsAt', 'the time is in the past');
    const targets = scope === 'following' && b.seriesId ? await roomRepo.seriesFrom(db, b.seriesId, b.startsAt) : [b];
    const parts = await roomRepo.parts(db, [space.id]);
    return { b, space, parts, targets };
  }
}

export type BookingService = ReturnType<typeof createBookingService>;
