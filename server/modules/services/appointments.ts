// Booking a slot at the hall (预约到厅办理): a community's hours, the free slots of the next open days, taking a seat
// when applying, and moving or cancelling an application's appointment.
import type { z } from 'zod';
import type { HallHours, HallHoursBody, HallSlots } from '../../../contracts/services-hall';
import type { HallSlotsQuery } from '../../../contracts/services-hall';
import type { ApplicationStatus } from '../../../contracts/services';
import type { AuditContext } from '../../platform/audit/service';
import type { Calendar } from '../../platform/calendar/calendar';
import type { Exec } from '../../platform/db';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import type { Jobs } from '../../platform/jobs/runner';
import { recordNotice } from '../notifications';
import { DEFAULT_HALL, fitsRules, hallDays, hoursProblem, slotProblem, slotsOf, type HallRules } from './hall';
import { scheduleReminder } from './hall-jobs';
import { hallRepo } from './hall-repo';
import { canKeepAppointment, canReadApplication, servicePolicy } from './policy';
import { serviceRepo } from './repo';
import { applicantFacts, isClosed, type ServiceDeps } from './service';

export type HallDeps = ServiceDeps & { calendar: Calendar; jobs: Jobs };
/** A checked slot, ready to be taken inside the applying (or moving) transaction. */
export type CheckedSlot = { nodeId: number; startsAt: Date; endsAt: Date; capacity: number };

const T = {
  full: { 'zh-CN': '该时段已约满，请选择其他时段', en: 'This slot is fully booked; choose another' },
  notCommunity: { 'zh-CN': '请选择一个社区', en: 'Not a community' },
  noCommunity: {
    'zh-CN': '您的账号还没有关联社区，请先关联家庭',
    en: 'Your account belongs to no community yet; link your household first',
  },
  closed: { 'zh-CN': '申请已办结，不能再预约', en: 'The application is closed; no appointment can be made' },
  notHall: {
    'zh-CN': '只有选择“预约到厅办理”的申请才能预约时段',
    en: 'Only applications at the hall can book a slot',
  },
  none: { 'zh-CN': '该申请没有预约', en: 'This application has no appointment' },
  started: { 'zh-CN': '预约时段已开始，不能取消', en: 'The appointment has begun and cannot be cancelled' },
  notBegun: {
    'zh-CN': '预约时段还没有开始，不能登记未到厅',
    en: 'The appointment has not begun; it cannot be marked as missed yet',
  },
  affected: {
    'zh-CN': '有 {n} 个已预约的时段不在新的大厅时间内；确认保存后将通知这些居民改约',
    en: '{n} booked appointments fall outside the new hours; confirm to save and the applicants will be told to move',
  },
} satisfies Record<string, Record<Lang, string>>;

export const hallText = T;

const DAY = 86_400_000;

/** A community's rules: its own row, else the defaults. */
export async function hallRules(exec: Exec, nodeId: number): Promise<HallRules & { custom: boolean }> {
  const r = await hallRepo.hours(exec, nodeId);
  return r
    ? { periods: r.periods, slotMinutes: r.slotMinutes, capacity: r.capacity, custom: true }
    : { ...DEFAULT_HALL, custom: false };
}

/** Takes a seat of a checked slot for the application inside `tx`; a full slot is a 409 naming the field. */
export async function takeSlot(
  tx: Exec,
  jobs: Jobs,
  slot: CheckedSlot,
  applicationId: number,
  userId: number,
  now: Date,
  lang: Lang,
): Promise<number> {
  const seat = await hallRepo.takeSeat(
    tx,
    {
      nodeId: slot.nodeId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      applicationId,
      bookedByUserId: userId,
      createdAt: now,
    },
    slot.capacity,
  );
  if (seat == null) throw new AppError('conflict', [{ path: 'appointment.startsAt', message: T.full[lang] }]);
  await scheduleReminder(tx, jobs, applicationId, slot.startsAt, now);
  return seat;
}

export function createHall(deps: HallDeps) {
  const { db, clock, audit, calendar, jobs } = deps;

  /** The community asked for: the node given (a community), the resident's, or the actor's own. */
  async function communityOf(actor: Actor, q: { nodeId?: number; residentId?: number }, lang: Lang) {
    if (q.nodeId) {
      const n = await serviceRepo.node(db, q.nodeId);
      if (!n || n.kind !== 'community') throw fieldError('nodeId', T.notCommunity[lang]);
      // Staff above or in it, residents in it: a community elsewhere is not the asker's to read (not found, as unknown).
      const near = actor.bindings.some(
        (b) => b.path != null && (b.path.startsWith(n.path) || n.path.startsWith(b.path)),
      );
      if (!near) throw new AppError('not_found');
      return n;
    }
    const facts = q.residentId != null ? await applicantFacts(db, actor, q.residentId) : null;
    const paths = facts ? [facts.path] : actor.bindings.map((b) => b.path);
    for (const p of paths) {
      const c = p ? await serviceRepo.communityOf(db, p) : null;
      if (c) return { ...c, kind: 'community' };
    }
    throw fieldError(q.residentId != null ? 'residentId' : 'nodeId', T.noCommunity[lang]);
  }

  /** Checks a slot against the community's hours and the calendar; a 400 naming the rule when it is not bookable. */
  async function check(nodeId: number, startsAt: Date, lang: Lang): Promise<CheckedSlot> {
    const rules = await hallRules(db, nodeId);
    const r = slotProblem(calendar, rules, startsAt, clock.now(), lang);
    if ('problem' in r) throw new AppError('validation_failed', [r.problem]);
    return { nodeId, startsAt, endsAt: r.endsAt, capacity: rules.capacity };
  }

  /** Locks an open hall application the actor may keep the appointment of. */
  async function lockKept(tx: Exec, actor: Actor, id: number, lang: Lang) {
    const a = await serviceRepo.lock(tx, id);
    const facts = a && { ...a, status: a.status as ApplicationStatus };
    if (!facts || !canReadApplication(actor, facts)) throw new AppError('not_found');
    if (!canKeepAppointment(actor, facts)) throw new AppError('forbidden');
    if (isClosed(facts.status)) throw new AppError('action_not_allowed', [{ path: 'status', message: T.closed[lang] }]);
    if (facts.channel !== 'hall') throw fieldError('channel', T.notHall[lang]);
    return facts;
  }

  return {
    check,

    async hours(actor: Actor, nodeId: number | undefined, lang: Lang): Promise<HallHours> {
      const c = await communityOf(actor, { nodeId }, lang);
      const { periods, slotMinutes, capacity, custom } = await hallRules(db, c.id);
      return { nodeId: c.id, periods, slotMinutes, capacity, custom };
    },

    /** Sets a community's hours; booked appointments stay as they are. */
    async setHours(actor: Actor, ctx: AuditContext, body: HallHoursBody, lang: Lang): Promise<HallHours> {
      const c = await communityOf(actor, { nodeId: body.nodeId }, lang);
      if (!can(actor, servicePolicy, 'switch', { path: c.path })) throw new AppError('forbidden');
      const problem = hoursProblem(body, lang);
      if (problem) throw new AppError('validation_failed', [problem]);
      const before = await hallRules(db, c.id);
      const now = clock.now();
      const rules = { periods: body.periods, slotMinutes: body.slotMinutes, capacity: body.capacity };
      const unfit = (await hallRepo.upcoming(db, c.id, now)).filter((x) => !fitsRules(rules, x.startsAt, x.seat));
      if (unfit.length && !body.confirmAffected)
        throw new AppError('conflict', [
          { path: 'periods', message: T.affected[lang].replace('{n}', String(unfit.length)) },
        ]);
      await db.transaction(async (tx) => {
        const { confirmAffected: _, ...hours } = body;
        await hallRepo.setHours(tx, { ...hours, nodeId: c.id, updatedAt: now, updatedByUserId: actor.userId });
        for (const x of unfit) {
          await serviceRepo.addEvent(tx, {
            applicationId: x.applicationId,
            at: now,
            actorId: actor.userId,
            actorName: actor.displayName,
            action: 'appointment_unfit',
            data: { startsAt: x.startsAt.toISOString() },
          });
          if (x.applicantUserId != null)
            await tx.execute(
              recordNotice(
                { userIds: [x.applicantUserId] },
                { kind: 'service_appointment_unfit', title: x.number, createdAt: now },
                actor.userId,
              ),
            );
        }
        await audit.record(tx, ctx, {
          action: 'service.hall_hours',
          entityKind: 'territory_node',
          entityId: String(c.id),
          nodeId: c.id,
          before: { periods: before.periods, slotMinutes: before.slotMinutes, capacity: before.capacity },
          after: { periods: body.periods, slotMinutes: body.slotMinutes, capacity: body.capacity },
        });
      });
      return {
        nodeId: c.id,
        periods: body.periods,
        slotMinutes: body.slotMinutes,
        capacity: body.capacity,
        custom: true,
        notified: unfit.length,
      };
    },

    /** Today and the next open days with every slot not yet begun and its free seats; closed days say why. */
    async slots(actor: Actor, q: z.infer<typeof HallSlotsQuery>, lang: Lang): Promise<HallSlots> {
      const c = await communityOf(actor, q, lang);
      const rules = await hallRules(db, c.id);
      const now = clock.now();
      const days = hallDays(calendar, now);
      const from = new Date(`${days[0]!.date}T00:00:00+08:00`);
      const to = new Date(new Date(`${days[days.length - 1]!.date}T00:00:00+08:00`).getTime() + DAY);
      const taken = await hallRepo.taken(db, c.id, from, to);
      return {
        nodeId: c.id,
        nodeName: c.name,
        slotMinutes: rules.slotMinutes,
        capacity: rules.capacity,
        days: days.map((d) => ({
          ...d,
          slots:
            d.status === 'open'
              ? slotsOf(rules, d.date)
                  .filter(([a]) => a > now.getTime())
                  .map(([a, b]) => ({
                    startsAt: new Date(a).toISOString(),
                    endsAt: new Date(b).toISOString(),
                    free: Math.max(0, rules.capacity - (taken.get(a) ?? 0)),
                  }))
              : [],
        })),
      };
    },

    /** Books a slot for an application at the hall, or moves its appointment there (the old seat is freed). */
    async book(actor: Actor, ctx: AuditContext, id: number, startsAt: Date, lang: Lang) {
      const a = await serviceRepo.application(db, id);
      if (!a || !canReadApplication(actor, { ...a, status: a.status as ApplicationStatus }))
        throw new AppError('not_found');
      const slot = await check(a.nodeId, startsAt, lang);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await lockKept(tx, actor, id, lang);
        const old = await hallRepo.free(tx, id);
        const seat = await takeSlot(tx, jobs, slot, id, actor.userId, now, lang);
        const action = old ? 'appointment_move' : 'appointment_book';
        const data = { startsAt: slot.startsAt.toISOString(), seat, from: old?.startsAt.toISOString() ?? null };
        await serviceRepo.addEvent(tx, {
          applicationId: id,
          at: now,
          actorId: actor.userId,
          actorName: actor.displayName,
          action,
          data,
        });
        await audit.record(tx, ctx, {
          action: old ? 'service.appointment_move' : 'service.appointment_book',
          entityKind: 'service_application',
          entityId: String(id),
          nodeId: a.nodeId,
          before: old ? { startsAt: old.startsAt.toISOString() } : undefined,
          after: { startsAt: data.startsAt, seat },
        });
      });
    },

    /**
     * Marks that the resident did not come to a slot that has begun (未到厅), by the community's first-responsible
     * staff; the application stays open and the resident is told they may book again. Marking twice changes nothing.
     */
    async noShow(actor: Actor, ctx: AuditContext, id: number, lang: Lang) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const a = await lockKept(tx, actor, id, lang);
        if (!can(actor, servicePolicy, 'handle', { path: a.nodePath, organisationId: a.organisationId }))
          throw new AppError('forbidden');
        const held = await hallRepo.ofApplication(tx, id);
        if (!held) throw new AppError('action_not_allowed', [{ path: 'appointment', message: T.none[lang] }]);
        if (held.noShowAt) return;
        if (held.startsAt > now)
          throw new AppError('action_not_allowed', [{ path: 'appointment', message: T.notBegun[lang] }]);
        await hallRepo.markNoShow(tx, id, now);
        await serviceRepo.addEvent(tx, {
          applicationId: id,
          at: now,
          actorId: actor.userId,
          actorName: actor.displayName,
          action: 'appointment_no_show',
          data: { startsAt: held.startsAt.toISOString() },
        });
        await audit.record(tx, ctx, {
          action: 'service.appointment_no_show',
          entityKind: 'service_application',
          entityId: String(id),
          nodeId: a.nodeId,
          after: { startsAt: held.startsAt.toISOString(), noShow: true },
        });
        if (a.applicantUserId != null)
          await tx.execute(
            recordNotice(
              { userIds: [a.applicantUserId] },
              { kind: 'service_appointment_missed', title: a.number, createdAt: now },
              actor.userId,
            ),
          );
      });
    },

    /** Cancels the application's appointment before it begins; the seat is free for others at once. */
    async cancel(actor: Actor, ctx: AuditContext, id: number, lang: Lang) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const a = await lockKept(tx, actor, id, lang);
        const held = await hallRepo.ofApplication(tx, id);
        if (!held) throw new AppError('action_not_allowed', [{ path: 'appointment', message: T.none[lang] }]);
        if (held.startsAt <= now)
          throw new AppError('action_not_allowed', [{ path: 'appointment', message: T.started[lang] }]);
        await hallRepo.free(tx, id);
        await serviceRepo.addEvent(tx, {
          applicationId: id,
          at: now,
          actorId: actor.userId,
          actorName: actor.displayName,
          action: 'appointment_cancel',
          data: { startsAt: held.startsAt.toISOString() },
        });
        await audit.record(tx, ctx, {
          action: 'service.appointment_cancel',
          entityKind: 'service_application',
          entityId: String(id),
          nodeId: a.nodeId,
          before: { startsAt: held.startsAt.toISOString(), seat: held.seat },
        });
      });
    },
  };
}
export type Hall = ReturnType<typeof createHall>;
