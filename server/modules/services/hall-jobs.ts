// The reminder before a hall appointment (预约提醒), as a durable job made in the booking's transaction: the day before,
// or an hour before when booked later than that; the handler acts only on the appointment it was made for.
import { z } from 'zod';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import type { Jobs } from '../../platform/jobs/runner';
import { recordNotice } from '../notifications';
import { hallRepo } from './hall-repo';
import { serviceRepo } from './repo';
import { isClosed } from './service';

export const HALL_REMIND_JOB = 'service.appointment_remind';
const Payload = z.object({ applicationId: z.number(), startsAt: z.string() });

const HOUR = 3_600_000;

/** When to remind of an appointment at `startsAt` booked at `now`: a day before, else an hour before, else never. */
export function reminderAt(startsAt: Date, now: Date): Date | null {
  for (const ahead of [24 * HOUR, HOUR]) {
    const at = startsAt.getTime() - ahead;
    if (at > now.getTime()) return new Date(at);
  }
  return null;
}

/** Schedules the reminder of a seat just taken, in the caller's transaction, once per application and start. */
export async function scheduleReminder(exec: Exec, jobs: Jobs, applicationId: number, startsAt: Date, now: Date) {
  const runAt = reminderAt(startsAt, now);
  if (!runAt) return;
  await jobs.enqueue(
    exec,
    HALL_REMIND_JOB,
    { applicationId, startsAt: startsAt.toISOString() },
    { runAt, singletonKey: `service:${applicationId}:appointment:${startsAt.getTime()}` },
  );
}

/** The handler: tells the applicant if the application is open and still holds that slot (moved or cancelled: nothing). */
export function registerHallJobs(deps: { db: Db; clock: Clock; jobs: Jobs }) {
  const { db, clock, jobs } = deps;
  jobs.define(HALL_REMIND_JOB, Payload, async ({ applicationId, startsAt }) => {
    await db.transaction(async (tx) => {
      const a = await serviceRepo.lock(tx, applicationId);
      if (!a || isClosed(a.status) || a.applicantUserId == null) return;
      const held = await hallRepo.ofApplication(tx, applicationId);
      if (!held || held.startsAt.getTime() !== new Date(startsAt).getTime()) return;
      await tx.execute(
        recordNotice(
          { userIds: [a.applicantUserId] },
          { kind: 'service_appointment_soon', title: a.number, createdAt: clock.now() },
          null,
        ),
      );
    });
  });
}
