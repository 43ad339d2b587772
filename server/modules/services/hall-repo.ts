// SQL of the hall's appointments: a community's hours, seats taken per slot, booking a seat, freeing it.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { hallHours, serviceApplications, serviceAppointments } from './tables';

export type AppointmentRow = typeof serviceAppointments.$inferSelect;

export const hallRepo = {
  async hours(exec: Exec, nodeId: number) {
    const r = await exec.select().from(hallHours).where(eq(hallHours.nodeId, nodeId));
    return r[0] ?? null;
  },
  async setHours(exec: Exec, v: typeof hallHours.$inferInsert) {
    const set = { periods: v.periods, slotMinutes: v.slotMinutes, capacity: v.capacity, updatedAt: v.updatedAt };
    await exec
      .insert(hallHours)
      .values(v)
      .onConflictDoUpdate({ target: hallHours.nodeId, set: { ...set, updatedByUserId: v.updatedByUserId } });
  },

  /** Seats taken per slot start of a community in [from, to). */
  async taken(exec: Exec, nodeId: number, from: Date, to: Date): Promise<Map<number, number>> {
    const r = await rows<{ at: string | Date; n: number }>(
      exec,
      sql`select starts_at as at, count(*)::int as n from service_appointments
          where node_id = ${nodeId} and starts_at >= ${from.toISOString()} and starts_at < ${to.toISOString()}
          group by starts_at`,
    );
    return new Map(r.map((x) => [new Date(x.at).getTime(), x.n]));
  },

  /**
   * Takes the first free seat 1..capacity of a slot for the application; null when every seat is taken. Each try is
   * an insert that the unique (node, start, seat) index lets only one transaction win: a concurrent booker of the same
   * seat waits for the winner's commit and then moves on to the next seat, so no slot ever holds more than capacity.
   */
  async takeSeat(
    exec: Exec,
    v: Omit<typeof serviceAppointments.$inferInsert, 'seat' | 'id'>,
    capacity: number,
  ): Promise<number | null> {
    const held = await exec
      .select({ seat: serviceAppointments.seat })
      .from(serviceAppointments)
      .where(and(eq(serviceAppointments.nodeId, v.nodeId), eq(serviceAppointments.startsAt, v.startsAt)));
    const busy = new Set(held.map((h) => h.seat));
    for (let seat = 1; seat <= capacity; seat++) {
      if (busy.has(seat)) continue;
      const r = await exec
        .insert(serviceAppointments)
        .values({ ...v, seat })
        .onConflictDoNothing()
        .returning({ seat: serviceAppointments.seat });
      if (r.length) return seat;
    }
    return null;
  },

  /** A community's appointments that begin after `after`, with their application's number and applicant. */
  async upcoming(exec: Exec, nodeId: number, after: Date) {
    return exec
      .select({
        applicationId: serviceAppointments.applicationId,
        startsAt: serviceAppointments.startsAt,
        seat: serviceAppointments.seat,
        number: serviceApplications.number,
        applicantUserId: serviceApplications.applicantUserId,
      })
      .from(serviceAppointments)
      .innerJoin(serviceApplications, eq(serviceApplications.id, serviceAppointments.applicationId))
      .where(and(eq(serviceAppointments.nodeId, nodeId), gt(serviceAppointments.startsAt, after)))
      .orderBy(asc(serviceAppointments.startsAt));
  },
  async markNoShow(exec: Exec, applicationId: number, at: Date) {
    await exec
      .update(serviceAppointments)
      .set({ noShowAt: at })
      .where(eq(serviceAppointments.applicationId, applicationId));
  },

  async ofApplication(exec: Exec, applicationId: number): Promise<AppointmentRow | null> {
    const r = await exec.select().from(serviceAppointments).where(eq(serviceAppointments.applicationId, applicationId));
    return r[0] ?? null;
  },
  /** Frees the application's seat; the row it held, if any. */
  async free(exec: Exec, applicationId: number): Promise<AppointmentRow | null> {
    const r = await exec
      .delete(serviceAppointments)
      .where(eq(serviceAppointments.applicationId, applicationId))
      .returning();
    return r[0] ?? null;
  },
};
