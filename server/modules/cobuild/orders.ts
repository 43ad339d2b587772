// 需求清单 and 项目清单: needs posted in one tap (by a resident, a worker on behalf, or from a case), and the ordering flow
// 点单 → 派单 → 接单 → 办结 → 评价 with a deadline on the business calendar, a reminder when a taken order is due, and a
// points award for the one who did it when the requester rates it (enqueued in the same transaction).
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  COBUILD_DUE_JOB,
  type CreateNeedBody,
  type DispatchBody,
  type Need,
  type NoteBody,
  type Project,
  type ProjectQuery,
  type RateBody,
  type ResourceCategory,
} from '../../../contracts/cobuild';
import { POINTS_AWARD_JOB, type PointsAward } from '../../../contracts/points';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import type { Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, scope, type Actor } from '../../platform/policy';
import { casePolicy, caseRepo } from '../cases';
import { recordNotice } from '../notifications';
import { territoryRepo } from '../territory';
import { cobuildPolicy } from './policy';
import { cobuildRepo, type ProjectRow } from './repo';
import { communityOf, homeCommunity } from './service';
import { cobuildNeeds, cobuildProjects } from './tables';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'jobs' | 'calendar'>;

const DuePayload = z.object({ projectId: z.number(), dueAt: z.string() });

const stateError = (status: string) =>
  new AppError('action_not_allowed', [{ path: 'status', message: `当前状态（${status}）不能进行此操作` }]);

/** The record a project's checks look at: its community, the requester, the member or unit it was handed to. */
const projectRecord = (p: ProjectRow) => ({
  path: p.nodePath,
  userId: p.requesterUserId,
  assigneeUserId: p.ownerUserId,
  organisationId: p.ownerOrganisationId,
});

export function createOrders(deps: Deps) {
  const { db, clock, audit, jobs, calendar } = deps;

  const needScope = (actor: Actor) =>
    scope(actor, cobuildPolicy, 'read', { path: cobuildNeeds.nodePath, userId: cobuildNeeds.requesterUserId });
  const projectCols = {
    path: cobuildProjects.nodePath,
    userId: cobuildNeeds.requesterUserId,
    assigneeUserId: cobuildProjects.ownerUserId,
    organisationId: cobuildProjects.ownerOrganisationId,
  };
  const projectScope = (actor: Actor) =>
    sql`(${scope(actor, cobuildPolicy, 'read', projectCols)} or ${scope(actor, cobuildPolicy, 'work', projectCols)})`;
  const mayWork = (actor: Actor, p: ProjectRow) => can(actor, cobuildPolicy, 'work', projectRecord(p));
  const maySee = (actor: Actor, p: ProjectRow) =>
    can(actor, cobuildPolicy, 'read', projectRecord(p)) || mayWork(actor, p);

  async function view(actor: Actor, list: ProjectRow[]): Promise<Project[]> {
    const notes = await cobuildRepo.notes(
      db,
      list.map((p) => p.id),
    );
    const now = clock.now().getTime();
    return list.map((p) => ({
      id: p.id,
      needId: p.needId,
      communityId: p.communityId,
      title: p.title,
      detail: p.detail,
      status: p.status as Project['status'],
      ownerUserId: p.ownerUserId,
      ownerOrganisationId: p.ownerOrganisationId,
      ownerName: p.ownerName,
      resourceTitle: p.resourceTitle,
      dueAt: p.dueAt.toISOString(),
      overdue: (p.status === 'dispatched' || p.status === 'taken') && p.dueAt.getTime() < now,
      takenAt: p.takenAt?.toISOString() ?? null,
      doneAt: p.doneAt?.toISOString() ?? null,
      rating: p.rating,
      ratingComment: p.ratingComment,
      notes: notes
        .filter((n) => n.projectId === p.id)
        .map((n) => ({
          id: n.id,
          kind: n.kind as 'note' | 'milestone',
          text: n.text,
          authorName: n.authorName,
          at: n.at.toISOString(),
        })),
      canTake: p.status === 'dispatched' && mayWork(actor, p),
      canFinish: p.status === 'taken' && mayWork(actor, p),
      canRate: p.status === 'done' && p.requesterUserId === actor.userId,
    }));
  }

  async function load(exec: Exec, actor: Actor, id: number): Promise<ProjectRow> {
    const [p] = await cobuildRepo.projects(exec, sql`${cobuildProjects.id} = ${id}`);
    if (!p || !maySee(actor, p)) throw new AppError('not_found');
    return p;
  }

  /** Locks the project, checks the actor may act on it and it is in `from`; returns the row. */
  async function step(tx: Exec, actor: Actor, id: number, from: string, who: 'work' | 'requester') {
    const p = await load(tx, actor, id);
    await cobuildRepo.lockProject(tx, id);
    const fresh = (await cobuildRepo.projects(tx, sql`${cobuildProjects.id} = ${id}`))[0]!;
    if (who === 'work' && !mayWork(actor, fresh)) throw new AppError('forbidden');
    if (who === 'requester' && fresh.requesterUserId !== actor.userId) throw new AppError('forbidden');
    if (fresh.status !== from) throw stateError(fresh.status);
    return p;
  }

  async function one(actor: Actor, id: number) {
    return (await view(actor, [await load(db, actor, id)]))[0]!;
  }

  async function needsWhere(actor: Actor, where: SQL): Promise<Need[]> {
    const list = await cobuildRepo.needs(db, where);
    return list.map(({ n, communityName, projectId, projectStatus }) => ({
      id: n.id,
      communityId: n.communityId,
      communityName,
      title: n.title,
      detail: n.detail,
      category: n.category as ResourceCategory,
      source: n.source as Need['source'],
      caseId: n.caseId,
      status: n.status as Need['status'],
      mine: n.requesterUserId === actor.userId,
      projectId,
      projectStatus: projectStatus as Need['projectStatus'],
      createdAt: n.createdAt.toISOString(),
    }));
  }

  return {
    async needs(actor: Actor, mine = false) {
      return {
        items: await needsWhere(
          actor,
          mine ? sql`${cobuildNeeds.requesterUserId} = ${actor.userId}` : needScope(actor),
        ),
      };
    },

    /** 点单: a resident for themself (their household's community), a worker on behalf, or from a case in one tap. */
    async postNeed(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateNeedBody>) {
      let v: { communityId: number; nodePath: string; title: string; detail: string | null; source: string };
      let requesterUserId: number | null = null;
      let caseId: number | null = null;
      if (body.caseId != null) {
        const c = await caseRepo.byId(db, body.caseId);
        if (!c || !can(actor, casePolicy, 'read', { path: c.nodePath, userId: c.reporterUserId ?? null }))
          throw new AppError('not_found');
        const community = await communityOf(db, c.nodePath);
        if (!community || !can(actor, cobuildPolicy, 'post', { path: community.path })) throw new AppError('not_found');
        const title = body.title ?? `${c.categoryName}：${c.description.slice(0, 40)}`;
        v = { communityId: community.id, nodePath: community.path, title, detail: c.description, source: 'case' };
        requesterUserId = c.reporterUserId ?? null;
        caseId = c.id;
      } else if (body.communityId != null) {
        const community = await territoryRepo.byId(db, body.communityId);
        if (!community || !can(actor, cobuildPolicy, 'post', { path: community.path })) throw new AppError('not_found');
        if (community.kind !== 'community') throw fieldError('communityId', '请选择一个社区');
        if (!body.title) throw fieldError('title', '请填写需求内容');
        v = {
          communityId: community.id,
          nodePath: community.path,
          title: body.title,
          detail: body.detail ?? null,
          source: 'worker',
        };
      } else {
        const community = await homeCommunity(db, actor);
        if (!community) throw fieldError('communityId', '请先绑定您居住的房屋，或选择社区');
        if (!body.title) throw fieldError('title', '请填写需求内容');
        v = {
          communityId: community.id,
          nodePath: community.path,
          title: body.title,
          detail: body.detail ?? null,
          source: 'portal',
        };
        requesterUserId = actor.userId;
      }
      const need = await db.transaction(async (tx) => {
        const n = await cobuildRepo.insertNeed(tx, {
          ...v,
          category: body.category,
          caseId,
          requesterUserId,
          createdBy: actor.userId,
        });
        if (!n) throw new AppError('conflict', [{ path: 'caseId', message: '该案件已转为需求' }]);
        await audit.record(tx, ctx, {
          action: 'cobuild.need_create',
          entityKind: 'cobuild_need',
          entityId: n.id,
          nodeId: v.communityId,
          nodePath: v.nodePath,
          after: { source: v.source, caseId },
        });
        return n;
      });
      return (await needsWhere(actor, sql`${cobuildNeeds.id} = ${need.id}`))[0]!;
    },

    async projects(actor: Actor, q: z.infer<typeof ProjectQuery>) {
      const parts: SQL[] = [projectScope(actor)];
      if (q.status) parts.push(sql`${cobuildProjects.status} = ${q.status}`);
      if (q.mine) {
        const orgs = actor.bindings.map((b) => b.organisationId).filter((x): x is number => x != null);
        parts.push(
          sql`(${cobuildProjects.ownerUserId} = ${actor.userId}${
            orgs.length
              ? sql` or ${cobuildProjects.ownerOrganisationId} in (${sql.join(
                  orgs.map((o) => sql`${o}`),
                  sql`, `,
                )})`
              : sql``
          })`,
        );
      }
      return { items: await view(actor, await cobuildRepo.projects(db, sql.join(parts, sql` and `))) };
    },
    project: one,

    /** 派单: a need becomes a project handed to a reported-in member or a unit with an agreement, due on the calendar. */
    async dispatch(actor: Actor, ctx: AuditContext, needId: number, body: z.infer<typeof DispatchBody>) {
      if ((body.ownerUserId == null) === (body.ownerOrganisationId == null))
        throw fieldError('ownerUserId', '请选择一名报到党员或一个共建单位（只选一个）');
      const id = await db.transaction(async (tx) => {
        const need = await cobuildRepo.lockNeed(tx, needId);
        if (!need || !can(actor, cobuildPolicy, 'manage', { path: need.nodePath })) throw new AppError('not_found');
        if (need.status !== 'open') throw stateError(need.status);
        if (body.ownerUserId != null) {
          const m = await cobuildRepo.memberByUser(tx, body.ownerUserId);
          if (!m || m.communityId !== need.communityId) throw fieldError('ownerUserId', '该党员未向本社区报到');
        } else {
          const a = await cobuildRepo.agreementOf(tx, body.ownerOrganisationId!, need.communityId);
          if (!a) throw fieldError('ownerOrganisationId', '该单位未与本社区签订共建协议');
        }
        if (body.resourceId != null) {
          const r = await cobuildRepo.resource(tx, body.resourceId);
          if (!r || r.communityId !== need.communityId) throw fieldError('resourceId', '资源不属于本社区');
        }
        const now = clock.now();
        const p = await cobuildRepo.insertProject(tx, {
          needId: need.id,
          communityId: need.communityId,
          nodePath: need.nodePath,
          ownerUserId: body.ownerUserId ?? null,
          ownerOrganisationId: body.ownerOrganisationId ?? null,
          resourceId: body.resourceId ?? null,
          status: 'dispatched',
          dueAt: calendar.addWorking(now, { amount: body.limitDays, unit: 'working_days' }),
          dispatchedBy: actor.userId,
        });
        await cobuildRepo.setNeedStatus(tx, need.id, 'matched');
        await tx.execute(
          recordNotice(
            { userIds: body.ownerUserId ? [body.ownerUserId] : [], organisationId: body.ownerOrganisationId ?? null },
            { kind: 'cobuild_dispatched', title: need.title, createdAt: now },
            actor.userId,
          ),
        );
        await audit.record(tx, ctx, {
          action: 'cobuild.dispatch',
          entityKind: 'cobuild_project',
          entityId: p.id,
          nodeId: need.communityId,
          nodePath: need.nodePath,
          after: { needId: need.id, ownerUserId: p.ownerUserId, ownerOrganisationId: p.ownerOrganisationId },
        });
        return p.id;
      });
      return one(actor, id);
    },

    /** 接单: the owner takes the order; a reminder job waits for its deadline. */
    async take(actor: Actor, ctx: AuditContext, id: number) {
      await db.transaction(async (tx) => {
        const p = await step(tx, actor, id, 'dispatched', 'work');
        const now = clock.now();
        await cobuildRepo.updateProject(tx, id, { status: 'taken', takenAt: now, takenBy: actor.userId });
        await jobs.enqueue(
          tx,
          COBUILD_DUE_JOB,
          { projectId: id, dueAt: p.dueAt.toISOString() },
          { runAt: p.dueAt, singletonKey: `cobuild:${id}:due:${p.dueAt.getTime()}` },
        );
        await audit.record(tx, ctx, {
          action: 'cobuild.take',
          entityKind: 'cobuild_project',
          entityId: id,
          nodePath: p.nodePath,
        });
      });
      return one(actor, id);
    },

    /** A progress note or a milestone, by the owner or the community, while the project is open. */
    async note(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof NoteBody>) {
      await db.transaction(async (tx) => {
        const p = await load(tx, actor, id);
        if (!mayWork(actor, p) && !can(actor, cobuildPolicy, 'manage', { path: p.nodePath }))
          throw new AppError('forbidden');
        await cobuildRepo.lockProject(tx, id);
        if (p.status !== 'dispatched' && p.status !== 'taken') throw stateError(p.status);
        await cobuildRepo.insertNote(tx, {
          projectId: id,
          kind: body.kind,
          text: body.text,
          authorId: actor.userId,
          authorName: actor.displayName,
        });
        await audit.record(tx, ctx, {
          action: 'cobuild.note',
          entityKind: 'cobuild_project',
          entityId: id,
          nodePath: p.nodePath,
        });
      });
      return one(actor, id);
    },

    /** 办结: the owner marks it done; the requester is told and may rate it. */
    async finish(actor: Actor, ctx: AuditContext, id: number) {
      await db.transaction(async (tx) => {
        const p = await step(tx, actor, id, 'taken', 'work');
        const now = clock.now();
        await cobuildRepo.updateProject(tx, id, { status: 'done', doneAt: now, doneBy: actor.userId });
        if (p.requesterUserId)
          await tx.execute(
            recordNotice(
              { userIds: [p.requesterUserId] },
              { kind: 'cobuild_done', title: p.title, createdAt: now },
              actor.userId,
            ),
          );
        await audit.record(tx, ctx, {
          action: 'cobuild.done',
          entityKind: 'cobuild_project',
          entityId: id,
          nodePath: p.nodePath,
        });
      });
      return one(actor, id);
    },

    /** 评价: only the resident who asked; the one who did it is credited points, once, in the same transaction. */
    async rate(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof RateBody>) {
      await db.transaction(async (tx) => {
        const p = await step(tx, actor, id, 'done', 'requester');
        await cobuildRepo.updateProject(tx, id, {
          status: 'rated',
          rating: body.rating,
          ratingComment: body.comment ?? null,
          ratedAt: clock.now(),
        });
        const doer = p.doneBy ?? p.ownerUserId;
        if (doer) {
          const award: PointsAward = {
            key: `project:${id}:done`,
            communityId: p.communityId,
            userId: doer,
            source: 'project_done',
            quantity: 1,
            memo: `共建项目：${p.title}`.slice(0, 200),
            sourceRef: { kind: 'cobuild_project', id },
          };
          await jobs.enqueue(tx, POINTS_AWARD_JOB, award, { singletonKey: award.key });
        }
        await audit.record(tx, ctx, {
          action: 'cobuild.rate',
          entityKind: 'cobuild_project',
          entityId: id,
          nodePath: p.nodePath,
          after: { rating: body.rating },
        });
      });
      return one(actor, id);
    },
  };
}
export type Orders = ReturnType<typeof createOrders>;

/** The reminder when a taken order reaches its deadline: the owner and the community hear of it, once per deadline. */
export function registerCobuildJobs(deps: Pick<PlatformDeps, 'db' | 'clock' | 'jobs'>) {
  deps.jobs.define(COBUILD_DUE_JOB, DuePayload, async ({ projectId, dueAt }) => {
    await deps.db.transaction(async (tx) => {
      const p = await cobuildRepo.lockProject(tx, projectId);
      if (!p || p.status !== 'taken' || p.reminded || p.dueAt.getTime() !== new Date(dueAt).getTime()) return;
      const [row] = await cobuildRepo.projects(tx, sql`${cobuildProjects.id} = ${projectId}`);
      await cobuildRepo.updateProject(tx, projectId, { reminded: true });
      await tx.execute(
        recordNotice(
          {
            userIds: p.ownerUserId ? [p.ownerUserId] : [],
            organisationId: p.ownerOrganisationId,
            path: p.nodePath,
            roles: ['community_worker'],
          },
          { kind: 'cobuild_due', title: row!.title, createdAt: deps.clock.now() },
          null,
        ),
      );
    });
  });
}
