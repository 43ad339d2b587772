// The only SQL of rooms: spaces and parts, bookings and their holds, availability and utilisation reads.
import { and, asc, eq, gte, inArray, isNull, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { organisations } from '../organisations';
import { territoryNodes } from '../territory';
import { users } from '../users';
import { bookingHolds, bookingSeries, bookings, spaceParts, spaces } from './tables';

export type SpaceRow = typeof spaces.$inferSelect & {
  path: string;
  nodeName: string;
  organisationName: string | null;
};
export type PartRow = typeof spaceParts.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type BookingView = BookingRow & { spaceName: string; partName: string };

const spaceColumns = {
  space: spaces,
  path: territoryNodes.path,
  nodeName: territoryNodes.name,
  organisationName: organisations.name,
};

function spaceOf(r: {
  space: typeof spaces.$inferSelect;
  path: string;
  nodeName: string;
  organisationName: string | null;
}): SpaceRow {
  return { ...r.space, path: r.path, nodeName: r.nodeName, organisationName: r.organisationName };
}

/** Statuses that hold no slot and count for nothing. */
const DEAD = ['cancelled', 'refused'];

const bookingView = { booking: bookings, spaceName: spaces.name, partName: spaceParts.name };
const viewOf = (r: { booking: BookingRow; spaceName: string; partName: string }): BookingView => ({
  ...r.booking,
  spaceName: r.spaceName,
  partName: r.partName,
});

export const roomRepo = {
  /** Live spaces matching `where` (the caller's policy scope). */
  async spaces(db: Exec, where: SQL): Promise<SpaceRow[]> {
    const r = await db
      .select(spaceColumns)
      .from(spaces)
      .innerJoin(territoryNodes, eq(territoryNodes.id, spaces.nodeId))
      .leftJoin(organisations, eq(organisations.id, spaces.organisationId))
      .where(and(sql`${spaces.retiredAt} is null`, where))
      .orderBy(asc(spaces.nodeId), asc(spaces.id));
    return r.map(spaceOf);
  },

  async space(db: Exec, id: number): Promise<SpaceRow | null> {
    const [r] = await db
      .select(spaceColumns)
      .from(spaces)
      .innerJoin(territoryNodes, eq(territoryNodes.id, spaces.nodeId))
      .leftJoin(organisations, eq(organisations.id, spaces.organisationId))
      .where(and(eq(spaces.id, id), sql`${spaces.retiredAt} is null`));
    return r ? spaceOf(r) : null;
  },

  /** The node's path, to authorise creating a space there. */
  async nodePath(db: Exec, nodeId: number): Promise<string | null> {
    const [r] = await db
      .select({ path: territoryNodes.path })
      .from(territoryNodes)
      .where(eq(territoryNodes.id, nodeId));
    return r?.path ?? null;
  },

  async parts(db: Exec, spaceIds: number[]): Promise<PartRow[]> {
    if (spaceIds.length === 0) return [];
    return db
      .select()
      .from(spaceParts)
      .where(and(inArray(spaceParts.spaceId, spaceIds), isNull(spaceParts.retiredAt)))
      .orderBy(asc(spaceParts.spaceId), sql`${spaceParts.whole} desc`, asc(spaceParts.id));
  },

  async insertSpace(
    db: Exec,
    v: typeof spaces.$inferInsert,
    zones: { name: string; capacity: number }[],
    wholeName: string,
  ) {
    const [s] = await db.insert(spaces).values(v).returning();
    await db
      .insert(spaceParts)
      .values([
        { spaceId: s!.id, name: wholeName, whole: true, capacity: v.capacity },
        ...zones.map((z) => ({ spaceId: s!.id, name: z.name, whole: false, capacity: z.capacity })),
      ]);
    return s!;
  },

  async updateSpace(db: Exec, id: number, v: Partial<typeof spaces.$inferInsert>) {
    if (Object.keys(v).length) await db.update(spaces).set(v).where(eq(spaces.id, id));
  },

  async retireParts(db: Exec, ids: number[], at: Date) {
    if (ids.length) await db.update(spaceParts).set({ retiredAt: at }).where(inArray(spaceParts.id, ids));
  },
  async retireSpace(db: Exec, id: number, at: Date) {
    await db.update(spaces).set({ retiredAt: at }).where(eq(spaces.id, id));
  },
  /** Live (pending or confirmed) bookings ending after `now` of a space, or only those holding one of `partIds`. */
  async liveCount(db: Exec, spaceId: number, now: Date, partIds?: number[]): Promise<number> {
    const held = partIds?.length
      ? sql`and (b.part_id in (${sql.join(partIds, sql`, `)}) or exists (select 1 from booking_holds h
             where h.booking_id = b.id and h.part_id in (${sql.join(partIds, sql`, `)})))`
      : sql``;
    const [r] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from bookings b where b.space_id = ${spaceId}
          and b.status not in (${sql.join(
            DEAD.map((d) => sql`${d}`),
            sql`, `,
          )}) and b.ends_at > ${now.toISOString()} ${held}`,
    );
    return r!.n;
  },

  async updatePart(db: Exec, id: number, v: { name?: string; capacity?: number }) {
    await db.update(spaceParts).set(v).where(eq(spaceParts.id, id));
  },

  async insertZones(db: Exec, spaceId: number, zones: { name: string; capacity: number }[]) {
    if (zones.length)
      await db
        .insert(spaceParts)
        .values(zones.map((z) => ({ spaceId, name: z.name, whole: false, capacity: z.capacity })));
  },

  /** Whether the space has a live (pending or confirmed) booking ending after `now`. */
  async hasLiveFrom(db: Exec, spaceId: number, now: Date): Promise<boolean> {
    const [r] = await db
      .select({ id: bookings.id })
      .from(bookings)
      .where(
        and(
          eq(bookings.spaceId, spaceId),
          notInArray(bookings.status, DEAD),
          sql`${bookings.endsAt} > ${now.toISOString()}`,
        ),
      )
      .limit(1);
    return !!r;
  },

  /** Bookings waiting for approval in the spaces matching `where` (the approver's manage scope), soonest first. */
  async pending(db: Exec, where: SQL, from: Date) {
    const r = await db
      .select({ ...bookingView, bookerName: users.displayName, nodeName: territoryNodes.name })
      .from(bookings)
      .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
      .innerJoin(spaceParts, eq(spaceParts.id, bookings.partId))
      .innerJoin(territoryNodes, eq(territoryNodes.id, spaces.nodeId))
      .innerJoin(users, eq(users.id, bookings.userId))
      .where(
        and(
          eq(bookings.status, 'pending'),
          sql`${bookings.endsAt} > ${from.toISOString()}`,
          sql`${spaces.retiredAt} is null`,
          where,
        ),
      )
      .orderBy(asc(bookings.startsAt))
      .limit(500);
    return r.map((x) => ({ ...viewOf(x), bookerName: x.bookerName, nodeName: x.nodeName }));
  },

  async insertSeries(db: Exec, v: typeof bookingSeries.$inferInsert) {
    const [s] = await db.insert(bookingSeries).values(v).returning();
    return s!;
  },

  async setSeriesSkipped(db: Exec, id: number, skipped: string[]) {
    await db.update(bookingSeries).set({ skipped }).where(eq(bookingSeries.id, id));
  },

  async insertBooking(db: Exec, v: typeof bookings.$inferInsert): Promise<BookingRow> {
    const [b] = await db.insert(bookings).values(v).returning();
    return b!;
  },

  /**
   * Holds the booking's atomic parts over [from, to): the exclusion constraint refuses it (23P01) when any overlaps a
   * hold already committed, or waits for a concurrent one to commit or roll back first.
   */
  async hold(db: Exec, bookingId: number, partIds: number[], from: Date, to: Date) {
    const during = `[${from.toISOString()},${to.toISOString()})`;
    await db.insert(bookingHolds).values(partIds.map((partId) => ({ bookingId, partId, during })));
  },

  async release(db: Exec, bookingIds: number[]) {
    if (bookingIds.length) await db.delete(bookingHolds).where(inArray(bookingHolds.bookingId, bookingIds));
  },

  async byIdempotencyKey(db: Exec, userId: number, key: string): Promise<BookingRow | null> {
    const [b] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.userId, userId), eq(bookings.idempotencyKey, key)));
    return b ?? null;
  },

  async booking(db: Exec, id: number): Promise<BookingView | null> {
    const [r] = await db
      .select(bookingView)
      .from(bookings)
      .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
      .innerJoin(spaceParts, eq(spaceParts.id, bookings.partId))
      .where(eq(bookings.id, id));
    return r ? viewOf(r) : null;
  },

  /** Live occurrences of a series from `from` on, in order. */
  async seriesFrom(db: Exec, seriesId: number, from: Date): Promise<BookingView[]> {
    const r = await db
      .select(bookingView)
      .from(bookings)
      .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
      .innerJoin(spaceParts, eq(spaceParts.id, bookings.partId))
      .where(and(eq(bookings.seriesId, seriesId), gte(bookings.startsAt, from), notInArray(bookings.status, DEAD)))
      .orderBy(asc(bookings.startsAt));
    return r.map(viewOf);
  },

  async seriesBookings(db: Exec, seriesId: number): Promise<BookingView[]> {
    return roomRepo.seriesFrom(db, seriesId, new Date(0));
  },

  async updateBooking(db: Exec, id: number, v: Partial<typeof bookings.$inferInsert>) {
    await db.update(bookings).set(v).where(eq(bookings.id, id));
  },

  /** Live bookings of a space overlapping [from, to). */
  async inRange(db: Exec, spaceId: number, from: Date, to: Date): Promise<BookingView[]> {
    const r = await db
      .select(bookingView)
      .from(bookings)
      .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
      .innerJoin(spaceParts, eq(spaceParts.id, bookings.partId))
      .where(
        and(
          eq(bookings.spaceId, spaceId),
          notInArray(bookings.status, DEAD),
          sql`${bookings.startsAt} < ${to.toISOString()}`,
          sql`${bookings.endsAt} > ${from.toISOString()}`,
        ),
      )
      .orderBy(asc(bookings.startsAt));
    return r.map(viewOf);
  },

  /** The caller's bookings (refused ones too, with their reason) ending after `from`. */
  async mine(db: Exec, userId: number, from: Date): Promise<BookingView[]> {
    const r = await db
      .select(bookingView)
      .from(bookings)
      .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
      .innerJoin(spaceParts, eq(spaceParts.id, bookings.partId))
      .where(
        and(
          eq(bookings.userId, userId),
          ne(bookings.status, 'cancelled'),
          sql`${bookings.endsAt} > ${from.toISOString()}`,
        ),
      )
      .orderBy(asc(bookings.startsAt))
      .limit(500);
    return r.map(viewOf);
  },

  /** Holds (buffers included) on the given atomic parts overlapping [from, to), read through the constraint's index. */
  async holds(db: Exec, partIds: number[], from: Date, to: Date) {
    if (partIds.length === 0) return [];
    return rows<{ part_id: number; lo: string | Date; hi: string | Date }>(
      db,
      sql`select part_id, lower(during) as lo, upper(during) as hi from booking_holds
          where part_id = any(${sql.raw(`array[${partIds.map(Number).join(',')}]::int[]`)})
            and during && tstzrange(${from.toISOString()}, ${to.toISOString()}, '[)')
          order by lo`,
    );
  },

  /** Booked hours and bookings per part of the spaces over [from, to), each booking clipped to the range. */
  async bookedByPart(db: Exec, spaceIds: number[], from: Date, to: Date) {
    if (spaceIds.length === 0) return [];
    return rows<{ part_id: number; hours: string | number; n: string | number }>(
      db,
      sql`select part_id,
                 sum(extract(epoch from least(ends_at, ${to.toISOString()}::timestamptz) - greatest(starts_at, ${from.toISOString()}::timestamptz))) / 3600 as hours,
                 count(*) as n
          from bookings
          where space_id = any(${sql.raw(`array[${spaceIds.map(Number).join(',')}]::int[]`)})
            and status = 'confirmed' and starts_at < ${to.toISOString()} and ends_at > ${from.toISOString()}
          group by part_id`,
    );
  },
};
