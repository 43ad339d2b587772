// Volunteers: profiles and certificates, teams, activities with shifts; sign-up (a place or the waitlist, never over
// capacity: every sign-up, cancellation and confirmation of a shift queues on its locked row), cancellation with the
// first on the waitlist promoted and notified; attendance recorded by the organiser only, append-only, with the points
// award enqueued in the same transaction the first time a person's hours on a shift are confirmed.
import type {
  ActivityQuery,
  AddCertificateBody,
  ConfirmAttendanceBody,
  CreateActivityBody,
  CreateTeamBody,
  UpdateProfileBody,
} from '../../../contracts/volunteers';
import type { z } from 'zod';
import { POINTS_AWARD_JOB, type PointsAward } from '../../../contracts/points';
import type { AuditContext } from '../../platform/audit/service';
import type { Exec } from '../../platform/db';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { authorize, can, canAnywhere, scope, type Actor } from '../../platform/policy';
import { recordNotice } from '../notifications';
import { territoryNodes } from '../territory';
import { volunteerPolicy } from './policy';
import { volunteerRepo, type ActivityRow, type CertRow, type ShiftRow } from './repo';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'jobs'>;

/** The China date of an instant. */
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const rule = (path: string, message: string) => new AppError('action_not_allowed', [{ path, message }]);

/** The points award's idempotency key: one credit per person and shift, for ever. */
export const awardKey = (activityId: number, shiftId: number, userId: number) =>
  `activity:${activityId}:shift:${shiftId}:user:${userId}`;

export function createVolunteerService(deps: Deps) {
  const { db, clock, audit, jobs } = deps;

  const certView = (c: CertRow, today: string) => ({
    id: c.id,
    kind: c.kind as AddCertificateBody['kind'],
    number: c.number,
    expiresOn: c.expiresOn,
    valid: c.expiresOn >= today,
  });

  const shiftView = (s: ShiftRow) => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    capacity: s.capacity,
    taken: s.taken,
    waitlisted: s.waitlisted,
    mine: s.mine,
    myWaitlistPosition: s.position,
  });

  async function views(actor: Actor, list: ActivityRow[]) {
    const shifts = await volunteerRepo.shifts(
      db,
      list.map((a) => a.id),
      actor.userId,
    );
    return list.map((a) => ({
      id: a.id,
      nodeId: a.nodeId,
      nodeName: a.nodeName,
      teamId: a.teamId,
      teamName: a.teamName,
      title: a.title,
      description: a.description,
      place: a.place,
      activityType: a.activityType as CreateActivityBody['activityType'],
      requiredCertificate: a.requiredCertificate as CreateActivityBody['requiredCertificate'] & string,
      organiserUserId: a.organiserUserId,
      organiserName: a.organiserName,
      canConfirm: a.organiserUserId === actor.userId,
      shifts: shifts.filter((s) => s.activityId === a.id).map(shiftView),
    }));
  }

  async function activityFor(actor: Actor, id: number, exec: Exec = db) {
    const a = await volunteerRepo.activity(exec, id);
    if (!a || !can(actor, volunteerPolicy, 'read', a)) throw new AppError('not_found');
    return a;
  }

  /** The locked shift and its activity, visible to the actor. */
  async function lockedShift(tx: Exec, actor: Actor, shiftId: number) {
    const shift = await volunteerRepo.lockShift(tx, shiftId);
    if (!shift) throw new AppError('not_found');
    const activity = await activityFor(actor, shift.activityId, tx);
    return { shift, activity };
  }

  const readScope = (actor: Actor) => scope(actor, volunteerPolicy, 'read', { path: territoryNodes.path });

  return {
    /** The caller's profile: skills, availability, certificates (valid or expired), teams and credited hours. */
    async me(actor: Actor) {
      const [profile, certs, teams, hours] = await Promise.all([
        volunteerRepo.profile(db, actor.userId),
        volunteerRepo.certificates(db, [actor.userId]),
        volunteerRepo.userTeams(db, actor.userId),
        volunteerRepo.hours(db, [actor.userId]),
      ]);
      const today = chinaDay(clock.now());
      return {
        userId: actor.userId,
        displayName: actor.displayName,
        skills: profile?.skills ?? [],
        availability: profile?.availability ?? null,
        certificates: certs.map((c) => certView(c, today)),
        teams,
        hours: hours.get(actor.userId) ?? 0,
      };
    },

    async updateMe(actor: Actor, ctx: AuditContext, body: UpdateProfileBody) {
      if (!canAnywhere(actor, volunteerPolicy, 'join')) throw new AppError('forbidden');
      await db.transaction(async (tx) => {
        await volunteerRepo.upsertProfile(tx, actor.userId, body, clock.now());
        await audit.record(tx, ctx, {
          action: 'volunteer.profile_update',
          entityKind: 'volunteer_profile',
          entityId: actor.userId,
          after: body,
        });
      });
      return this.me(actor);
    },

    async myHours(actor: Actor) {
      const items = await volunteerRepo.myHours(db, actor.userId);
      return { total: Math.round(items.reduce((s, i) => s + i.hours, 0) * 100) / 100, items };
    },

    /** Volunteers bound in the caller's area, with profiles, certificates and hours (staff). */
    async volunteers(actor: Actor) {
      if (!canAnywhere(actor, volunteerPolicy, 'manage')) throw new AppError('forbidden');
      const where = scope(actor, volunteerPolicy, 'manage', { path: territoryNodes.path });
      const list = await volunteerRepo.volunteers(db, where);
      const ids = list.map((v) => v.userId);
      const [certs, hours] = await Promise.all([volunteerRepo.certificates(db, ids), volunteerRepo.hours(db, ids)]);
      const today = chinaDay(clock.now());
      return {
        items: list.map((v) => ({
          userId: v.userId,
          displayName: v.displayName,
          skills: v.skills ?? [],
          availability: v.availability,
          certificates: certs.filter((c) => c.userId === v.userId).map((c) => certView(c, today)),
          hours: hours.get(v.userId) ?? 0,
        })),
      };
    },

    /** Staff record a certificate they have seen (a volunteer cannot declare their own). */
    async addCertificate(actor: Actor, ctx: AuditContext, userId: number, body: AddCertificateBody) {
      const v = await volunteerRepo.volunteer(db, userId);
      if (!v || !can(actor, volunteerPolicy, 'manage', { path: v.path })) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        const c = await volunteerRepo.addCertificate(tx, {
          userId,
          kind: body.kind,
          number: body.number ?? null,
          expiresOn: body.expiresOn,
          recordedBy: actor.userId,
        });
        await audit.record(tx, ctx, {
          action: 'volunteer.certificate_add',
          entityKind: 'volunteer_profile',
          entityId: userId,
          after: { id: c.id, kind: body.kind, expiresOn: body.expiresOn },
        });
      });
      const certs = await volunteerRepo.certificates(db, [userId]);
      const today = chinaDay(clock.now());
      return { items: certs.map((c) => certView(c, today)) };
    },

    async teams(actor: Actor) {
      return { items: await volunteerRepo.teams(db, readScope(actor)) };
    },

    async createTeam(actor: Actor, ctx: AuditContext, body: CreateTeamBody) {
      const node = await volunteerRepo.node(db, body.nodeId);
      if (!node) throw fieldError('nodeId', 'unknown node');
      authorize(actor, volunteerPolicy, 'manage', node);
      const people = [...body.memberUserIds, ...(body.leaderUserId ? [body.leaderUserId] : [])];
      for (const [i, id] of people.entries()) {
        const v = await volunteerRepo.volunteer(db, id);
        if (!v || !can(actor, volunteerPolicy, 'manage', { path: v.path }))
          throw fieldError(
            i < body.memberUserIds.length ? `memberUserIds.${i}` : 'leaderUserId',
            'not a volunteer of your area',
          );
      }
      const id = await db.transaction(async (tx) => {
        const t = await volunteerRepo
          .insertTeam(
            tx,
            { nodeId: body.nodeId, name: body.name, leaderUserId: body.leaderUserId ?? null },
            body.memberUserIds,
          )
          .catch((e: unknown) => {
            if (String((e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code) === '23505')
              throw fieldError('name', 'a team of this name exists in this community');
            throw e;
          });
        await audit.record(tx, ctx, {
          action: 'volunteer.team_create',
          entityKind: 'volunteer_team',
          entityId: t.id,
          nodeId: body.nodeId,
          after: body,
        });
        return t.id;
      });
      const all = await volunteerRepo.teams(db, readScope(actor));
      return all.find((t) => t.id === id)!;
    },

    async activities(actor: Actor, q: z.infer<typeof ActivityQuery>) {
      const where =
        q.scope === 'managed'
          ? scope(actor, volunteerPolicy, 'manage', { path: territoryNodes.path })
          : readScope(actor);
      const list = await volunteerRepo.activities(db, where, {
        scope: q.scope,
        userId: actor.userId,
        now: clock.now(),
        includePast: q.includePast || q.scope !== 'open',
      });
      return { items: await views(actor, list) };
    },

    async activity(actor: Actor, id: number) {
      const [v] = await views(actor, [await activityFor(actor, id)]);
      return v!;
    },

    /** A community's staff organise any activity of their area; a team leader organises activities of their team. */
    async createActivity(actor: Actor, ctx: AuditContext, body: CreateActivityBody) {
      const node = await volunteerRepo.node(db, body.nodeId);
      if (!node) throw fieldError('nodeId', 'unknown node');
      if (node.kind !== 'community') throw fieldError('nodeId', 'an activity belongs to a community');
      const team = body.teamId ? await volunteerRepo.team(db, body.teamId) : null;
      if (body.teamId && (!team || team.nodeId !== body.nodeId))
        throw fieldError('teamId', 'not a team of this community');
      const staff = can(actor, volunteerPolicy, 'manage', node);
      const leader = team != null && team.leaderUserId === actor.userId && can(actor, volunteerPolicy, 'read', node);
      if (!staff && !leader) throw new AppError('forbidden');
      for (const [i, s] of body.shifts.entries())
        if (Date.parse(s.endsAt) <= Date.parse(s.startsAt))
          throw fieldError(`shifts.${i}.endsAt`, 'the end must be after the start');
      const id = await db.transaction(async (tx) => {
        const a = await volunteerRepo.insertActivity(tx, {
          nodeId: body.nodeId,
          teamId: body.teamId ?? null,
          title: body.title,
          description: body.description ?? null,
          place: body.place ?? null,
          activityType: body.activityType,
          requiredCertificate: body.requiredCertificate ?? null,
          organiserUserId: actor.userId,
          createdAt: clock.now(),
        });
        await volunteerRepo.insertShifts(
          tx,
          body.shifts.map((s) => ({
            activityId: a.id,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(s.endsAt),
            capacity: s.capacity,
          })),
        );
        await audit.record(tx, ctx, {
          action: 'volunteer.activity_create',
          entityKind: 'volunteer_activity',
          entityId: a.id,
          nodeId: body.nodeId,
          after: body,
        });
        return a.id;
      });
      return this.activity(actor, id);
    },

    /**
     * Signs the caller up for a shift: a place while one is free, else the waitlist. Idempotent (a second sign-up
     * answers the first). Refused if the shift has begun or the activity needs a certificate the caller lacks.
     */
    async signUp(actor: Actor, ctx: AuditContext, shiftId: number) {
      return db.transaction(async (tx) => {
        const { shift, activity } = await lockedShift(tx, actor, shiftId);
        if (!can(actor, volunteerPolicy, 'join', activity)) throw new AppError('forbidden');
        const now = clock.now();
        if (shift.startsAt <= now) throw rule('shiftId', 'sign-up closes when the shift begins');
        const existing = await volunteerRepo.liveSignup(tx, shiftId, actor.userId);
        if (existing)
          return {
            shiftId,
            status: existing.status,
            waitlistPosition:
              existing.status === 'waitlisted' ? await volunteerRepo.waitlistPosition(tx, shiftId, existing.id) : null,
          };
        if (
          activity.requiredCertificate &&
          !(await volunteerRepo.hasValidCertificate(
            tx,
            actor.userId,
            activity.requiredCertificate,
            chinaDay(shift.endsAt),
          ))
        )
          throw rule('requiredCertificate', "this activity needs a certificate valid on the shift's day");
        const taken = await volunteerRepo.confirmedCount(tx, shiftId);
        const status = taken < shift.capacity ? ('confirmed' as const) : ('waitlisted' as const);
        const g = await volunteerRepo.insertSignup(tx, { shiftId, userId: actor.userId, status, createdAt: now });
        await audit.record(tx, ctx, {
          action: 'volunteer.signup',
          entityKind: 'volunteer_shift',
          entityId: shiftId,
          nodeId: activity.nodeId,
          after: { activityId: activity.id, status },
        });
        return {
          shiftId,
          status,
          waitlistPosition: status === 'waitlisted' ? await volunteerRepo.waitlistPosition(tx, shiftId, g.id) : null,
        };
      });
    },

    /** Cancels the caller's place or waitlist entry; a freed place goes to the first on the waitlist, who is notified. */
    async cancel(actor: Actor, ctx: AuditContext, shiftId: number) {
      return db.transaction(async (tx) => {
        const { shift, activity } = await lockedShift(tx, actor, shiftId);
        const now = clock.now();
        const mine = await volunteerRepo.liveSignup(tx, shiftId, actor.userId);
        if (!mine) return { cancelled: false, promotedUserId: null };
        if (shift.startsAt <= now) throw rule('shiftId', 'a sign-up cannot be cancelled once the shift begins');
        await volunteerRepo.cancelSignup(tx, mine.id, now);
        let promoted: number | null = null;
        if (mine.status === 'confirmed' && (await volunteerRepo.confirmedCount(tx, shiftId)) < shift.capacity) {
          promoted = await volunteerRepo.promoteFirst(tx, shiftId, now);
          if (promoted != null)
            await tx.execute(
              recordNotice(
                { userIds: [promoted] },
                { kind: 'volunteer_promoted', title: activity.title, createdAt: now },
                null,
              ),
            );
        }
        await audit.record(tx, ctx, {
          action: 'volunteer.signup_cancel',
          entityKind: 'volunteer_shift',
          entityId: shiftId,
          nodeId: activity.nodeId,
          before: { status: mine.status },
          after: { promotedUserId: promoted },
        });
        return { cancelled: true, promotedUserId: promoted };
      });
    },

    /** The organiser's view of a shift: everyone signed up, with the attendance recorded so far. */
    async attendance(actor: Actor, shiftId: number) {
      const shift = await volunteerRepo.shift(db, shiftId);
      if (!shift) throw new AppError('not_found');
      const activity = await activityFor(actor, shift.activityId);
      if (activity.organiserUserId !== actor.userId && !can(actor, volunteerPolicy, 'manage', activity))
        throw new AppError('not_found');
      const [signups, records] = await Promise.all([
        volunteerRepo.signups(db, shiftId),
        volunteerRepo.attendance(db, shiftId),
      ]);
      return {
        shiftId,
        items: signups.map((g) => {
          const r = records.find((x) => x.userId === g.userId);
          return {
            userId: g.userId,
            displayName: g.displayName,
            signup: g.status,
            attended: r?.attended ?? null,
            hours: r?.hours ?? null,
            confirmedAt: r?.recordedAt.toISOString() ?? null,
            corrections: r?.corrections ?? 0,
          };
        }),
      };
    },

    /**
     * The organiser records who came and for how many hours. A row equal to the last one changes nothing (confirming
     * twice is harmless); a different one is a correction (a new row naming the old, with a reason, audited). The
     * first time a person's hours on the shift are positive, the points award is enqueued in this transaction.
     */
    async confirm(actor: Actor, ctx: AuditContext, shiftId: number, body: ConfirmAttendanceBody) {
      return db.transaction(async (tx) => {
        const { shift, activity } = await lockedShift(tx, actor, shiftId);
        if (activity.organiserUserId !== actor.userId)
          throw rule('organiser', 'attendance is confirmed by the activity organiser');
        const now = clock.now();
        if (shift.startsAt > now) throw rule('shiftId', 'attendance is recorded once the shift begins');
        const signed = new Set(
          (await volunteerRepo.signups(tx, shiftId)).filter((g) => g.status === 'confirmed').map((g) => g.userId),
        );
        const seen = new Set<number>();
        for (const [i, e] of body.entries.entries()) {
          if (!signed.has(e.userId)) throw fieldError(`entries.${i}.userId`, 'not signed up for this shift');
          if (seen.has(e.userId)) throw fieldError(`entries.${i}.userId`, 'listed twice');
          seen.add(e.userId);
          if (!e.attended && e.hours > 0)
            throw fieldError(`entries.${i}.hours`, 'no hours for someone who did not come');
          if (e.attended && e.hours <= 0)
            throw fieldError(`entries.${i}.hours`, 'hours are needed for someone who came');
        }
        const previous = new Map((await volunteerRepo.attendance(tx, shiftId)).map((r) => [r.userId, r]));
        const out = { recorded: 0, corrected: 0, unchanged: 0 };
        for (const e of body.entries) {
          const prev = previous.get(e.userId);
          if (prev && prev.attended === e.attended && prev.hours === e.hours) {
            out.unchanged++;
            continue;
          }
          if (prev && !body.reason) throw fieldError('reason', 'a correction of confirmed attendance needs a reason');
          const row = await volunteerRepo.insertAttendance(tx, {
            shiftId,
            userId: e.userId,
            attended: e.attended,
            hours: e.hours,
            recordedBy: actor.userId,
            recordedAt: now,
            correctsId: prev?.id ?? null,
            reason: prev ? body.reason! : null,
          });
          if (prev) {
            out.corrected++;
            await audit.record(tx, ctx, {
              action: 'volunteer.attendance_correct',
              entityKind: 'volunteer_shift',
              entityId: shiftId,
              nodeId: activity.nodeId,
              before: { userId: e.userId, attended: prev.attended, hours: prev.hours, id: prev.id },
              after: { userId: e.userId, attended: e.attended, hours: e.hours, id: row.id, reason: body.reason },
            });
          } else out.recorded++;
          if (e.hours > 0 && !prev?.everCredited) {
            const key = awardKey(activity.id, shiftId, e.userId);
            const award: PointsAward = {
              key,
              communityId: activity.nodeId,
              userId: e.userId,
              source: 'volunteer_hours',
              quantity: e.hours,
              activityType: activity.activityType,
              memo: `志愿服务：${activity.title}`.slice(0, 200),
              sourceRef: { kind: 'volunteer_shift', id: shiftId },
            };
            await jobs.enqueue(tx, POINTS_AWARD_JOB, award, { singletonKey: `${POINTS_AWARD_JOB}:${key}` });
          }
        }
        if (out.recorded)
          await audit.record(tx, ctx, {
            action: 'volunteer.attendance_confirm',
            entityKind: 'volunteer_shift',
            entityId: shiftId,
            nodeId: activity.nodeId,
            after: { activityId: activity.id, ...out },
          });
        return out;
      });
    },
  };
}
export type VolunteerService = ReturnType<typeof createVolunteerService>;
