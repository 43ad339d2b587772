// Field diary (民情日记): entries of what a grid worker saw and did, listed by month, and turned into a case through the case intake.
import type { z } from 'zod';
import type {
  CreateDiaryBody,
  DiaryDay,
  DiaryDayQuery,
  DiaryEntry,
  DiaryQuery,
  DiaryToCaseBody,
} from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import type { Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, scope, type Actor } from '../../platform/policy';
import type { Intake } from '../cases';
import { territoryRepo, type NodeRow } from '../territory';
import { peoplePolicy } from './policy';
import { chinaToday } from './record';
import { diaryRepo, residentRepo, type DiaryRow } from './repo';
import type { PeopleDeps } from './service';
import { diaryEntries } from './tables';

export type DiaryDeps = PeopleDeps & { intake: Pick<Intake, 'intake'> };

/** The first day of a month and of the next one ('2026-11' → ['2026-11-01', '2026-12-01']). */
export function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

/** The grid a node lies in (itself when it is a grid). */
export async function gridOf(exec: PeopleDeps['db'], node: NodeRow): Promise<NodeRow | null> {
  if (node.kind === 'grid') return node;
  const ids = node.path.split('/').filter(Boolean).map(Number);
  return (await territoryRepo.byIds(exec, ids)).find((n) => n.kind === 'grid') ?? null;
}

export function createDiaryService(deps: DiaryDeps) {
  const { db, clock, audit, intake } = deps;

  async function dto(rows: DiaryRow[], exec: Exec = db): Promise<z.infer<typeof DiaryEntry>[]> {
    const names = await diaryRepo.namesOf(exec, [...new Set(rows.flatMap((r) => r.residentIds))]);
    return rows.map((r) => ({
      id: r.id,
      authorUserId: r.authorUserId,
      authorName: r.authorName,
      occurredOn: r.occurredOn,
      gridNodeId: r.gridNodeId,
      gridName: r.gridName,
      householdNodeId: r.householdNodeId,
      householdName: r.householdName,
      place: r.place,
      residents: r.residentIds.map((id) => ({ id, name: names.get(id) ?? '' })),
      content: r.content,
      followUp: r.followUp,
      caseId: r.caseId,
      createdAt: new Date(r.createdAt).toISOString(),
    }));
  }

  async function where(
    actor: Actor,
    grid: NodeRow | null,
    household: NodeRow | null,
  ): Promise<{ grid: NodeRow; household: NodeRow | null }> {
    if (household && household.kind !== 'household') throw fieldError('householdNodeId', '请选择一个户');
    let g = grid ?? (household ? await gridOf(db, household) : null);
    if (!g) {
      const own = actor.bindings.filter((b) => b.role === 'grid_worker' && b.nodeId);
      if (own.length === 1) g = await territoryRepo.byId(db, own[0]!.nodeId!);
    }
    if (!g || g.kind !== 'grid') throw fieldError('gridId', '请选择网格');
    if (household && !household.path.startsWith(g.path)) throw fieldError('householdNodeId', '该户不在所选网格内');
    if (!can(actor, peoplePolicy, 'write', { path: (household ?? g).path }))
      throw new AppError('forbidden', [{ path: 'gridId', message: '不在您的管辖范围内' }]);
    return { grid: g, household };
  }

  async function visible(actor: Actor, id: number) {
    const e = await diaryRepo.byId(db, id);
    if (!e || !can(actor, peoplePolicy, 'write', { path: e.nodePath })) throw new AppError('not_found');
    return e;
  }

  return {
    /** Records an entry in the author's grid; the people concerned must be residents the author may see. */
    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateDiaryBody>) {
      if (body.occurredOn > chinaToday(clock)) throw fieldError('occurredOn', '日期不能晚于今天');
      const grid = body.gridId ? await territoryRepo.byId(db, body.gridId) : null;
      if (body.gridId && !grid) throw fieldError('gridId', '请选择网格');
      const household = body.householdNodeId ? await territoryRepo.byId(db, body.householdNodeId) : null;
      if (body.householdNodeId && !household) throw fieldError('householdNodeId', '请选择一个户');
      const at = await where(actor, grid, household);
      for (const rid of new Set(body.residentIds)) {
        const r = await residentRepo.byId(db, rid);
        if (!r || !can(actor, peoplePolicy, 'read', { path: r.nodePath, userId: r.userId }))
          throw fieldError('residentIds', `找不到居民 ${rid}`);
      }
      return db.transaction(async (tx) => {
        const row = await diaryRepo.insert(tx, {
          authorUserId: actor.userId,
          occurredOn: body.occurredOn,
          gridNodeId: at.grid.id,
          householdNodeId: at.household?.id ?? null,
          nodePath: (at.household ?? at.grid).path,
          place: body.place || null,
          residentIds: [...new Set(body.residentIds)],
          content: body.content,
          followUp: body.followUp || null,
          createdAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'diary.create',
          entityKind: 'diary_entry',
          entityId: row.id,
          nodeId: at.grid.id,
          nodePath: row.nodePath,
          after: { occurredOn: row.occurredOn },
        });
        return (await dto([(await diaryRepo.byId(tx, row.id))!], tx))[0]!;
      });
    },

    /** A month of entries in scope, oldest first; `mine` narrows to the actor's own. */
    async list(actor: Actor, q: z.infer<typeof DiaryQuery>) {
      const [from, to] = monthRange(q.month);
      const conds = [scope(actor, peoplePolicy, 'write', { path: diaryEntries.nodePath }), diaryRepo.inMonth(from, to)];
      if (q.gridId) conds.push(diaryRepo.grid(q.gridId));
      if (q.mine) conds.push(diaryRepo.author(actor.userId));
      return dto(await diaryRepo.list(db, conds));
    },

    /** The author's own day, assembled from visits, reports, case steps and notes (我的一天): a record, not a clock-in. */
    async day(actor: Actor, q: z.infer<typeof DiaryDayQuery>): Promise<z.infer<typeof DiaryDay>> {
      if (q.date > chinaToday(clock)) throw fieldError('date', '日期不能晚于今天');
      const r = await diaryRepo.dayOf(db, actor.userId, q.date);
      return {
        date: q.date,
        items: r.map((x) => ({
          kind: x.kind,
          at: new Date(x.at).toISOString(),
          action: x.action,
          title: x.title,
          detail: x.detail,
          caseId: x.case_id == null ? null : Number(x.case_id),
          residentId: x.resident_id,
          entryId: x.entry_id,
        })),
      };
    },

    /** Turns an entry into a case through the one case intake (prefilled, never retyped); a second call returns the same case. */
    async toCase(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof DiaryToCaseBody>) {
      const e = await visible(actor, id);
      if (e.caseId) return { entryId: id, caseId: e.caseId, created: false };
      const description = [e.content, e.followUp ? `跟进：${e.followUp}` : null]
        .filter(Boolean)
        .join('\n')
        .slice(0, 2000);
      const made = await intake.intake(
        actor,
        ctx,
        {
          // The household's name is its room (1单元101室) and the case text can become public: the person is linked instead.
          channel: 'patrol',
          categoryCode: body.categoryCode,
          description,
          location: body.location,
          address: body.address ?? e.place ?? undefined,
          gridId: e.gridNodeId,
          photos: [],
          solvedOnSpot: false,
          anonymous: false,
          residentId: e.residentIds[0],
        },
        `diary-entry-${id}`,
      );
      await diaryRepo.linkCase(db, id, made.id);
      const linked = (await diaryRepo.byId(db, id))!;
      return { entryId: id, caseId: linked.caseId ?? made.id, created: made.created && linked.caseId === made.id };
    },
  };
}
export type DiaryService = ReturnType<typeof createDiaryService>;
