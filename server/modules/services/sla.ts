// 限时办结: an application's deadline on the business calendar (or minutes for 即时办 items), with a warning and an
// escalation when it passes, as durable jobs; each handler acts only on the deadline it was made for.
import { z } from 'zod';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import type { Jobs } from '../../platform/jobs/runner';
import type { StageLimitLike } from './types';
import { serviceRepo } from './repo';
import { isClosed } from './service';
import { recordNotice } from '../notifications';

export type ServiceCalendar = { addWorking(start: Date, limit: StageLimitLike): Date };

export const SERVICE_DUE_JOB = 'service.due';
export const SERVICE_WARN_JOB = 'service.warn';
const Payload = z.object({ applicationId: z.number(), dueAt: z.string() });

export type ServiceSlaDeps = { db: Db; clock: Clock; jobs: Jobs; calendar: ServiceCalendar; warnShare: number };

export function createServiceSla(deps: ServiceSlaDeps) {
  const { calendar, clock, jobs } = deps;
  return {
    /** The promised time: working days on the business calendar, or wall-clock minutes for an item answered at once. */
    dueFor(item: { limitDays: number | null; responseMinutes: number | null }, from: Date): Date | null {
      if (item.responseMinutes) return new Date(from.getTime() + item.responseMinutes * 60_000);
      return item.limitDays ? calendar.addWorking(from, { amount: item.limitDays, unit: 'working_days' }) : null;
    },
    /** The warning and the deadline check, in the caller's transaction, each deadline once. */
    async schedule(exec: Exec, applicationId: number, dueAt: Date | null) {
      if (!dueAt) return;
      const payload = { applicationId, dueAt: dueAt.toISOString() };
      const now = clock.now().getTime();
      const warnAt = new Date(now + (dueAt.getTime() - now) * deps.warnShare);
      await jobs.enqueueMany(exec, [
        {
          name: SERVICE_WARN_JOB,
          payload,
          opts: { runAt: warnAt, singletonKey: `service:${applicationId}:warn:${dueAt.getTime()}` },
        },
        {
          name: SERVICE_DUE_JOB,
          payload,
          opts: { runAt: dueAt, singletonKey: `service:${applicationId}:due:${dueAt.getTime()}` },
        },
      ]);
    },
  };
}
export type ServiceSla = ReturnType<typeof createServiceSla>;

/**
 * The job handlers: a warning to the community when the deadline nears; when it passes on a still-open application,
 * marked overdue, one level of escalation, and the street above told. Idempotent: the row is locked and the deadline compared.
 */
export function registerServiceJobs(deps: ServiceSlaDeps) {
  const { db, clock, jobs } = deps;
  const current = (a: { dueAt: Date | null; status: string } | null, dueAt: string) =>
    a != null && !isClosed(a.status) && a.dueAt?.getTime() === new Date(dueAt).getTime();
  jobs.define(SERVICE_WARN_JOB, Payload, async ({ applicationId, dueAt }) => {
    await db.transaction(async (tx) => {
      const a = await serviceRepo.lock(tx, applicationId);
      if (!a || !current(a, dueAt)) return;
      await tx.execute(
        recordNotice(
          {
            path: a.nodePath,
            roles: ['community_worker'],
            organisationId: a.status === 'forwarded' ? a.organisationId : null,
          },
          { kind: 'due_soon', title: a.number, createdAt: clock.now() },
          null,
        ),
      );
    });
  });
  jobs.define(SERVICE_DUE_JOB, Payload, async ({ applicationId, dueAt }) => {
    await db.transaction(async (tx) => {
      const a = await serviceRepo.lock(tx, applicationId);
      if (!a || !current(a, dueAt) || a.overdueSince) return;
      const now = clock.now();
      await serviceRepo.update(tx, a.id, { overdueSince: now, escalationLevel: a.escalationLevel + 1, updatedAt: now });
      await serviceRepo.addEvent(tx, {
        applicationId: a.id,
        at: now,
        actorId: null,
        actorName: null,
        action: 'overdue',
        fromStatus: a.status,
        toStatus: a.status,
        note: null,
        data: { escalationLevel: a.escalationLevel + 1 },
      });
      await tx.execute(
        recordNotice(
          {
            path: a.nodePath,
            roles: ['community_worker', 'street_officer'],
            organisationId: a.status === 'forwarded' ? a.organisationId : null,
          },
          { kind: 'service_overdue', title: a.number, createdAt: now },
          null,
        ),
      );
    });
  });
}
