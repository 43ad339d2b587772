// Spaces and the reads around bookings: the space list, a space's bookings in a range, my bookings, a month of
// availability, free alternatives to a taken slot, and utilisation per space and part.
import type { CreateSpaceBody, UpdateSpaceBody } from '../../../contracts/rooms';
import { maskName } from '../../platform/mask';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { authorize, can, scope, type Actor } from '../../platform/policy';
import { territoryNodes } from '../territory';
import { atomicParts } from './book';
import { chinaInstant, DAY, dayStatus, HOUR, MINUTE, slotProblem } from './hours';
import { bookerKinds, roomPolicy } from './policy';
import { roomRepo, type PartRow, type SpaceRow } from './repo';
import { spaces } from './tables';
import { toBooking, toSpace } from './views';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'calendar'>;

const dateKeys = (from: string, days: number) =>
  Array.from({ length: days }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10),
  );

/** Each zone holds at most the room's capacity. */
function zoneCapacities(zones: { capacity: number }[], capacity: number) {
  zones.forEach((z, i) => {
    if (z.capacity > capacity) throw fieldError(`zones.${i}.capacity`, `over the room's capacity of ${capacity}`);
  });
}

export function createRoomService(deps: Deps) {
  const { db, clock, audit, calendar } = deps;

  const canBook = (actor: Actor, s: SpaceRow) => {
    const kinds = bookerKinds(actor);
    return s.bookers.some((k) => kinds.has(k));
  };

  async function spaceFor(actor: Actor, id: number) {
    const space = await roomRepo.space(db, id);
    if (!space || !can(actor, roomPolicy, 'read', space)) throw new AppError('not_found');
    return { space, parts: await roomRepo.parts(db, [id]) };
  }

  /** Free time on `partIds` for [s, e) with the space's buffers, given holds already read. */
  const freeAgainst =
    (holds: { part_id: number; lo: string | Date; hi: string | Date }[], space: SpaceRow) =>
    (partIds: number[], s: number, e: number) => {
      const a = s - space.bufferBeforeMin * MINUTE;
      const b = e + space.bufferAfterMin * MINUTE;
      return !holds.some(
        (h) => partIds.includes(h.part_id) && new Date(h.lo).getTime() < b && new Date(h.hi).getTime() > a,
      );
    };

  return {
    async list(actor: Actor) {
      const where = scope(actor, roomPolicy, 'read', {
        path: territoryNodes.path,
        organisationId: spaces.organisationId,
      });
      const rows = await roomRepo.spaces(db, where);
      const parts = await roomRepo.parts(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((s) => toSpace(s, parts, canBook(actor, s), can(actor, roomPolicy, 'manage', s))) };
    },

    async get(actor: Actor, id: number) {
      const { space, parts } = await spaceFor(actor, id);
      return toSpace(space, parts, canBook(actor, space), can(actor, roomPolicy, 'manage', space));
    },

    async create(actor: Actor, ctx: AuditContext, body: CreateSpaceBody) {
      const path = await roomRepo.nodePath(db, body.nodeId);
      if (!path) throw fieldError('nodeId', 'unknown node');
      authorize(actor, roomPolicy, 'manage', { path, organisationId: body.organisationId ?? null });
      if (body.opens >= body.closes) throw fieldError('closes', 'the end must be after the start');
      zoneCapacities(body.zones, body.capacity);
      const id = await db.transaction(async (tx) => {
        const { zones, ...v } = body;
        const s = await roomRepo.insertSpace(tx, { ...v, organisationId: v.organisationId ?? null }, zones, '整间');
        await audit.record(tx, ctx, {
          action: 'room.space_create',
          entityKind: 'space',
          entityId: s.id,
          nodeId: s.nodeId,
          after: body,
        });
        return s.id;
      });
      return this.get(actor, id);
    },

    /**
     * Edits a space's rules and zones (its managers only). Bookings already made keep their times; zones may be renamed
     * or resized at any time, added only while no live booking is to come (a whole-room booking holds every zone).
     */
    async update(actor: Actor, ctx: AuditContext, id: number, body: UpdateSpaceBody) {
      const { space, parts } = await spaceFor(actor, id);
      if (!can(actor, roomPolicy, 'manage', space)) throw new AppError('forbidden');
      const { zones, removeZones = [], ...v } = body;
      const opens = v.opens ?? space.opens;
      const closes = v.closes ?? space.closes;
      if (opens >= closes) throw fieldError(v.closes ? 'closes' : 'opens', 'the end must be after the start');
      const capacity = v.capacity ?? space.capacity;
      const own = parts.filter((p) => !p.whole);
      removeZones.forEach((z, i) => {
        if (!own.some((p) => p.id === z)) throw fieldError(`removeZones.${i}`, 'not a zone of this space');
        if (zones?.some((x) => x.id === z)) throw fieldError(`removeZones.${i}`, 'a zone cannot be kept and removed');
      });
      if (removeZones.length && (await roomRepo.liveCount(db, id, clock.now(), removeZones)) > 0)
        throw new AppError('conflict', [
          { path: 'removeZones', message: 'the zone has bookings to come; cancel or wait for them first' },
        ]);
      zoneCapacities(zones ?? own.filter((p) => !removeZones.includes(p.id)), capacity);
      zones?.forEach((z, i) => {
        if (z.id != null && !own.some((p) => p.id === z.id))
          throw fieldError(`zones.${i}.id`, 'not a zone of this space');
      });
      const added = (zones ?? []).filter((z) => z.id == null);
      if (added.length && (await roomRepo.hasLiveFrom(db, id, clock.now())))
        throw new AppError('conflict', [
          { path: 'zones', message: 'zones cannot be added while bookings are to come; cancel or wait for them first' },
        ]);
      const whole = parts.find((p) => p.whole)!;
      await db.transaction(async (tx) => {
        await roomRepo.updateSpace(tx, id, v);
        if (v.capacity) await roomRepo.updatePart(tx, whole.id, { capacity: v.capacity });
        for (const z of zones ?? [])
          if (z.id != null) await roomRepo.updatePart(tx, z.id, { name: z.name, capacity: z.capacity });
        await roomRepo.insertZones(tx, id, added);
        await roomRepo.retireParts(tx, removeZones, clock.now());
        await audit.record(tx, ctx, {
          action: 'room.space_update',
          entityKind: 'space',
          entityId: id,
          nodeId: space.nodeId,
          before: { name: space.name, opens: space.opens, closes: space.closes, needsApproval: space.needsApproval },
          after: body,
        });
      });
      return this.get(actor, id);
    },

    /**
     * Takes a space out of use (its managers only): it is no longer listed or bookable; its bookings on record stay.
     * Refused while live bookings are to come, naming how many (cancel them first, so each booker is told).
     */
    async retire(actor: Actor, ctx: AuditContext, id: number) {
      const { space } = await spaceFor(actor, id);
      if (!can(actor, roomPolicy, 'manage', space)) throw new AppError('forbidden');
      const now = clock.now();
      const live = await roomRepo.liveCount(db, id, now);
      if (live > 0)
        throw new AppError('conflict', [
          { path: 'bookings', message: `the space has ${live} bookings to come; cancel them first` },
        ]);
      await db.transaction(async (tx) => {
        await roomRepo.retireSpace(tx, id, now);
        await audit.record(tx, ctx, {
          action: 'room.space_retire',
          entityKind: 'space',
          entityId: id,
          nodeId: space.nodeId,
          before: { name: space.name },
          after: { retiredAt: now.toISOString() },
        });
      });
    },

    /** Bookings waiting for approval in the spaces the caller approves (manages), with the booker's name masked. */
    async pending(actor: Actor) {
      const where = scope(actor, roomPolicy, 'manage', {
        path: territoryNodes.path,
        organisationId: spaces.organisationId,
      });
      const list = await roomRepo.pending(db, where, clock.now());
      return {
        items: list.map((b) => ({
          ...toBooking(b, actor, true),
          bookerName: maskName(b.bookerName),
          nodeName: b.nodeName,
        })),
      };
    },

    /** Live bookings of a space in [from, to) (at most 62 days): titles only for the booker and managers. */
    async bookings(actor: Actor, id: number, from: Date, to: Date) {
      if (!(to > from) || to.getTime() - from.getTime() > 62 * DAY)
        throw fieldError('to', 'a range of at most 62 days');
      const { space } = await spaceFor(actor, id);
      const full = can(actor, roomPolicy, 'manage', space);
      return { items: (await roomRepo.inRange(db, id, from, to)).map((b) => toBooking(b, actor, full)) };
    },

    async mine(actor: Actor, includePast: boolean) {
      const from = includePast ? new Date(0) : clock.now();
      return { items: (await roomRepo.mine(db, actor.userId, from)).map((b) => toBooking(b, actor, true)) };
    },

    /** Each day of a month: open or why not, the opening window, and the holds on every atomic part. */
    async availability(actor: Actor, id: number, month: string) {
      const { space, parts } = await spaceFor(actor, id);
      const [y, m] = month.split('-').map(Number) as [number, number];
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const first = `${month}-01`;
      const from = new Date(chinaInstant(first, '00:00'));
      const to = new Date(from.getTime() + days * DAY);
      const whole = parts.find((p) => p.whole)!;
      const atoms = atomicParts(whole, parts);
      const holds = await roomRepo.holds(db, atoms, from, to);
      const out = dateKeys(first, days).map((date) => {
        const status = dayStatus(calendar, space, date);
        const open = status === 'open';
        const opensAt = chinaInstant(date, space.opens);
        const closesAt = chinaInstant(date, space.closes);
        const dayFrom = chinaInstant(date, '00:00');
        const busy = holds
          .filter((h) => new Date(h.lo).getTime() < dayFrom + DAY && new Date(h.hi).getTime() > dayFrom)
          .map((h) => ({
            partId: h.part_id,
            startsAt: new Date(h.lo).toISOString(),
            endsAt: new Date(h.hi).toISOString(),
          }));
        // Time of the opening window on which no part is held: the whole room is still free then.
        let taken = 0;
        let cursor = opensAt;
        for (const h of busy
          .map((b) => [Date.parse(b.startsAt), Date.parse(b.endsAt)] as const)
          .sort((a, b) => a[0] - b[0])) {
          const s = Math.max(h[0], cursor);
          const e = Math.min(h[1], closesAt);
          if (e > s) taken += e - s;
          cursor = Math.max(cursor, e);
        }
        const span = closesAt - opensAt;
        return {
          date,
          open,
          closedReason: open ? null : status,
          opensAt: open ? new Date(opensAt).toISOString() : null,
          closesAt: open ? new Date(closesAt).toISOString() : null,
          busy,
          freeShare: open && span > 0 ? Math.max(0, (span - taken) / span) : 0,
        } as const;
      });
      return { spaceId: id, month, days: out };
    },

    /**
     * Free slots as long as the one asked for: other parts of the room at that time, the same part earlier or later
     * that day (half-hour steps), then the same time in the other spaces of the same place that can hold as many.
     */
    async alternatives(actor: Actor, id: number, partId: number, startsAt: Date, endsAt: Date) {
      const { space, parts } = await spaceFor(actor, id);
      const part = parts.find((p) => p.id === partId);
      if (!part) throw fieldError('partId', 'unknown part');
      const s0 = startsAt.getTime();
      const len = endsAt.getTime() - s0;
      if (!(len > 0)) throw fieldError('endsAt', 'the end must be after the start');
      const date = new Date(s0 + 8 * HOUR).toISOString().slice(0, 10);
      const dayFrom = new Date(chinaInstant(date, '00:00') - DAY);
      const dayTo = new Date(dayFrom.getTime() + 3 * DAY);
      const now = clock.now().getTime();
      const out: { space: SpaceRow; part: PartRow; s: number }[] = [];
      const tryIn = async (sp: SpaceRow, ps: PartRow[], candidates: { part: PartRow; s: number }[]) => {
        const holds = await roomRepo.holds(
          db,
          ps.map((p) => p.id),
          dayFrom,
          dayTo,
        );
        const free = freeAgainst(holds, sp);
        for (const c of candidates)
          if (c.s >= now && !slotProblem(calendar, sp, c.s, c.s + len) && free(atomicParts(c.part, ps), c.s, c.s + len))
            out.push({ space: sp, part: c.part, s: c.s });
      };
      const others = parts.filter((p) => p.id !== part.id && p.capacity >= 1);
      const steps: number[] = [];
      for (let t = chinaInstant(date, space.opens); t + len <= chinaInstant(date, space.closes); t += 30 * MINUTE)
        if (t !== s0) steps.push(t);
      steps.sort((a, b) => Math.abs(a - s0) - Math.abs(b - s0));
      await tryIn(space, parts, [...others.map((p) => ({ part: p, s: s0 })), ...steps.map((s) => ({ part, s }))]);
      const nearby = (await this.list(actor)).items.filter(
        (x) => x.id !== id && x.nodeId === space.nodeId && x.canBook,
      );
      for (const n of nearby.slice(0, 10)) {
        const sp = (await roomRepo.space(db, n.id))!;
        const ps = await roomRepo.parts(db, [n.id]);
        await tryIn(
          sp,
          ps,
          ps.filter((p) => p.whole && p.capacity >= part.capacity / 2).map((p) => ({ part: p, s: s0 })),
        );
      }
      return {
        items: out.slice(0, 8).map((a) => ({
          spaceId: a.space.id,
          spaceName: a.space.name,
          partId: a.part.id,
          partName: a.part.name,
          startsAt: new Date(a.s).toISOString(),
          endsAt: new Date(a.s + len).toISOString(),
        })),
      };
    },

    /**
     * Per managed space and part over [from, to) (at most 92 days): open hours on the calendar, booked hours and
     * bookings; a zone also counts the whole-room bookings, which occupy it.
     */
    async utilisation(actor: Actor, from: Date, to: Date) {
      if (!(to > from) || to.getTime() - from.getTime() > 92 * DAY)
        throw fieldError('to', 'a range of at most 92 days');
      const where = scope(actor, roomPolicy, 'manage', {
        path: territoryNodes.path,
        organisationId: spaces.organisationId,
      });
      const list = await roomRepo.spaces(db, where);
      const parts = await roomRepo.parts(
        db,
        list.map((s) => s.id),
      );
      const booked = new Map(
        (
          await roomRepo.bookedByPart(
            db,
            list.map((s) => s.id),
            from,
            to,
          )
        ).map((r) => [r.part_id, r]),
      );
      const firstDay = new Date(from.getTime() + 8 * HOUR).toISOString().slice(0, 10);
      const nDays = Math.ceil((to.getTime() - from.getTime()) / DAY) + 1;
      const rows = [];
      for (const s of list) {
        let open = 0;
        for (const d of dateKeys(firstDay, nDays)) {
          if (dayStatus(calendar, s, d) !== 'open') continue;
          const a = Math.max(chinaInstant(d, s.opens), from.getTime());
          const b = Math.min(chinaInstant(d, s.closes), to.getTime());
          if (b > a) open += b - a;
        }
        const openHours = open / HOUR;
        const whole = parts.find((p) => p.spaceId === s.id && p.whole);
        const wholeBooked = whole ? booked.get(whole.id) : undefined;
        for (const p of parts.filter((x) => x.spaceId === s.id)) {
          const own = booked.get(p.id);
          const hours = Number(own?.hours ?? 0) + (p.whole ? 0 : Number(wholeBooked?.hours ?? 0));
          const n = Number(own?.n ?? 0) + (p.whole ? 0 : Number(wholeBooked?.n ?? 0));
          rows.push({
            spaceId: s.id,
            spaceName: s.name,
            partId: p.id,
            partName: p.name,
            openHours: Math.round(openHours * 100) / 100,
            bookedHours: Math.round(hours * 100) / 100,
            bookings: n,
            utilisation: openHours > 0 ? Math.min(1, Math.round((hours / openHours) * 1000) / 1000) : 0,
          });
        }
      }
      return { from: from.toISOString(), to: to.toISOString(), rows };
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;
