// Time limits: when a case enters a stage its deadline is computed on the business calendar and a durable job is
// scheduled; when the job fires on a still-current deadline, the case is marked overdue and escalated one level up.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { OPEN_STATUSES, STAGE_OF, type CaseStatus } from '../../../contracts/cases';
import type { Clock } from '../../platform/clock';
import type { Db, Exec, Write } from '../../platform/db';
import type { Jobs } from '../../platform/jobs/runner';
import { caseRepo, type CaseRow } from './repo';
import { cases, type StageLimit } from './tables';

/** The part of the business calendar the clocks need. */
export type WorkCalendar = {
  addWorking(start: Date, limit: StageLimit): Date;
  workingMsBetween(a: Date, b: Date): number;
};

/** What the clocks tell people: the notification module implements it. */
export type CaseNotifier = {
  onCaseEvent(
    exec: Exec,
    c: CaseRow,
    action: string,
    data: Record<string, unknown> | null,
    actorId: number | null,
  ): Promise<void>;
  /** What onCaseEvent(…, 'report', …) does, as writes for the report's own statement. */
  newReportWrites(exec: Exec, c: CaseRow, actorId: number | null): Write[];
};

export const DUE_JOB = 'case.stage_due';
export const WARN_JOB = 'case.stage_warn';
export const UNSHELVE_JOB = 'case.unshelve';
export const REPORT_IN_JOB = 'case.report_in_due';
const ReportInPayload = z.object({ caseId: z.number(), organisationId: z.number(), dueAt: z.string() });
const DuePayload = z.object({ caseId: z.number(), dueAt: z.string() });
const UnshelvePayload = z.object({ caseId: z.number(), until: z.string() });

export type SlaDeps = { db: Db; clock: Clock; jobs: Jobs; calendar: WorkCalendar; warnShare: number };

export function createSla(deps: SlaDeps) {
  const { jobs, calendar, clock } = deps;

  /** The warning at `warnShare` of the time limit and the deadline itself, each a durable job made once. */
  function stageJobs(caseId: number, dueAt: Date) {
    const payload = { caseId, dueAt: dueAt.toISOString() };
    const now = clock.now().getTime();
    const warnAt = new Date(now + (dueAt.getTime() - now) * deps.warnShare);
    return [
      { name: WARN_JOB, payload, opts: { runAt: warnAt, singletonKey: `case:${caseId}:warn:${dueAt.getTime()}` } },
      { name: DUE_JOB, payload, opts: { runAt: dueAt, singletonKey: `case:${caseId}:due:${dueAt.getTime()}` } },
    ];
  }

  return {
    /** The deadline of the stage a status belongs to, from the category's limits; null when the stage has none. */
    dueFor(status: CaseStatus, limits: Record<string, StageLimit> | null, from: Date): Date | null {
      const stage = STAGE_OF[status];
      const limit = stage ? limits?.[stage] : undefined;
      return limit ? calendar.addWorking(from, limit) : null;
    },

    /** Schedules the due-soon warning and the overdue check of a deadline, in the caller's transaction; each deadline once. */
    async schedule(exec: Exec, caseId: number, dueAt: Date | null) {
      if (dueAt) await jobs.enqueueMany(exec, stageJobs(caseId, dueAt));
    },

    /** The same jobs as a write for the caller's one-statement batch (none when there is no deadline). */
    scheduleWrites(exec: Exec, caseId: number, dueAt: Date | null): Write[] {
      return dueAt ? [jobs.enqueueWrite(exec, stageJobs(caseId, dueAt))] : [];
    },

    /** When a department summoned by a whistle must have reported in: working hours on the business calendar. */
    reportInDue(from: Date, workingHours: number): Date {
      return calendar.addWorking(from, { amount: workingHours, unit: 'working_hours' });
    },

    async scheduleReportIn(exec: Exec, caseId: number, organisationId: number, dueAt: Date) {
      await jobs.enqueue(
        exec,
        REPORT_IN_JOB,
        { caseId, organisationId, dueAt: dueAt.toISOString() },
        { runAt: dueAt, singletonKey: `case:${caseId}:report_in:${organisationId}:${dueAt.getTime()}` },
      );
    },

    async scheduleUnshelve(exec: Exec, caseId: number, until: Date) {
      await jobs.enqueue(
        exec,
        UNSHELVE_JOB,
        { caseId, until: until.toISOString() },
        { runAt: until, singletonKey: `case:${caseId}:unshelve:${until.getTime()}` },
      );
    },

    /** Moves a deadline on by the working time a pause lasted (and any extra granted). */
    extend(dueAt: Date, pausedFrom: Date, now: Date, extraWorkingDays: number): Date {
      const paused = calendar.workingMsBetween(pausedFrom, now);
      const shifted =
        paused > 0 ? calendar.addWorking(dueAt, { amount: paused / 3_600_000, unit: 'working_hours' }) : dueAt;
      return extraWorkingDays > 0
        ? calendar.addWorking(shifted, { amount: extraWorkingDays, unit: 'working_days' })
        : shifted;
    },
  };
}
export type Sla = ReturnType<typeof createSla>;

/**
 * Registers the job handlers. Each is idempotent: it acts only if the case still has the deadline (or shelving)
 * the job was made for, inside one transaction with the row locked, so a retry or a second process changes nothing.
 */
export function registerSlaJobs(deps: SlaDeps & { notifier: CaseNotifier }) {
  const { db, clock, jobs } = deps;
  const sla = createSla(deps);
  jobs.define(DUE_JOB, DuePayload, async ({ caseId, dueAt }) => {
    await db.transaction(async (tx) => {
      const c = await caseRepo.lock(tx, caseId);
      if (!c || !c.dueAt || c.dueAt.getTime() !== new Date(dueAt).getTime()) return;
      if (!OPEN_STATUSES.includes(c.status as CaseStatus) || c.extensionPending || c.overdueSince) return;
      const now = clock.now();
      const level = c.escalationLevel + 1;
      await tx
        .update(cases)
        .set({ overdueSince: now, escalationLevel: level, updatedAt: now })
        .where(eq(cases.id, caseId));
      await caseRepo.addEvent(tx, {
        caseId,
        at: now,
        actorId: null,
        actorName: null,
        action: 'escalate',
        fromStatus: c.status,
        toStatus: c.status,
        note: null,
        data: { level, dueAt },
      });
      await deps.notifier.onCaseEvent(tx, c, 'escalate', { level }, null);
    });
  });
  jobs.define(WARN_JOB, DuePayload, async ({ caseId, dueAt }) => {
    const c = await caseRepo.byId(db, caseId);
    if (
      !c ||
      c.dueAt?.getTime() !== new Date(dueAt).getTime() ||
      !OPEN_STATUSES.includes(c.status as CaseStatus) ||
      c.overdueSince
    )
      return;
    await db.transaction((tx) => deps.notifier.onCaseEvent(tx, c, 'due_soon', null, null));
  });
  // A summoned organisation that has not reported in by its deadline (also one that handles the case already): on
  // record once, and its staff and the dispatchers told.
  jobs.define(REPORT_IN_JOB, ReportInPayload, async ({ caseId, organisationId, dueAt }) => {
    await db.transaction(async (tx) => {
      const c = await caseRepo.lock(tx, caseId);
      const p = await caseRepo.participant(tx, caseId, organisationId);
      if (!c || !p || p.reportedInAt || p.reportInDueAt?.getTime() !== new Date(dueAt).getTime()) return;
      if (!OPEN_STATUSES.includes(c.status as CaseStatus)) return;
      const org = await caseRepo.organisation(tx, organisationId);
      await caseRepo.addEvent(tx, {
        caseId,
        at: clock.now(),
        actorId: null,
        actorName: null,
        action: 'report_in_overdue',
        fromStatus: c.status,
        toStatus: c.status,
        note: null,
        data: { organisationId, organisationName: org?.name ?? null, dueAt },
      });
      await deps.notifier.onCaseEvent(tx, c, 'report_in_overdue', { organisationId }, null);
    });
  });
  jobs.define(UNSHELVE_JOB, UnshelvePayload, async ({ caseId, until }) => {
    await db.transaction(async (tx) => {
      const c = await caseRepo.lock(tx, caseId);
      if (!c || c.status !== 'shelved' || c.shelvedUntil?.getTime() !== new Date(until).getTime()) return;
      const now = clock.now();
      const category = await caseRepo.category(tx, c.categoryCode);
      const due = sla.dueFor('registered', category?.limits ?? null, now);
      await tx
        .update(cases)
        .set({
          status: 'registered',
          shelvedUntil: null,
          stageStartedAt: now,
          dueAt: due,
          overdueSince: null,
          version: c.version + 1,
          updatedAt: now,
        })
        .where(eq(cases.id, caseId));
      await sla.schedule(tx, caseId, due);
      await caseRepo.addEvent(tx, {
        caseId,
        at: now,
        actorId: null,
        actorName: null,
        action: 'unshelve',
        fromStatus: 'shelved',
        toStatus: 'registered',
        note: 'review date reached',
        data: null,
      });
    });
  });
}
