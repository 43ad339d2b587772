// Care levels and home visits: set a resident's level, record visits, and list who is due or overdue for a visit.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CareSettings, CreateVisitBody, DueQuery, PutCareBody } from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import { rows } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, scope, type Actor } from '../../platform/policy';
import { careLevels, careSettings, visits } from './tables';
import { peoplePolicy } from './policy';
import { householdLabel } from './label';
import { chinaToday } from './record';
import { residentRepo } from './repo';
import type { PeopleDeps } from './service';

type Level = 'red' | 'yellow' | 'blue';
/** Days between visits when not configured: red weekly, yellow monthly, blue quarterly. */
export const DEFAULT_VISIT_EVERY: Record<Level, number> = { red: 7, yellow: 30, blue: 90 };

export function createCareService(deps: PeopleDeps) {
  const { db, clock, audit } = deps;

  async function settings(): Promise<Record<Level, number>> {
    const r = await db.select().from(careSettings);
    return { ...DEFAULT_VISIT_EVERY, ...Object.fromEntries(r.map((x) => [x.level, x.visitEveryDays])) };
  }
  async function resident(actor: Actor, id: number, action: 'read' | 'write') {
    const r = await residentRepo.byId(db, id);
    if (!r || !can(actor, peoplePolicy, 'read', { path: r.nodePath, userId: r.userId }))
      throw new AppError('not_found');
    if (action === 'write' && !can(actor, peoplePolicy, 'write', { path: r.nodePath })) throw new AppError('forbidden');
    return r;
  }

  return {
    settings,
    async putSettings(actor: Actor, ctx: AuditContext, body: z.infer<typeof CareSettings>) {
      if (!actor.bindings.some((b) => b.path != null && can(actor, peoplePolicy, 'configure', { path: b.path })))
        throw new AppError('forbidden');
      await db.transaction(async (tx) => {
        for (const [level, days] of Object.entries(body)) {
          await tx
            .insert(careSettings)
            .values({ level, visitEveryDays: days, updatedAt: clock.now() })
            .onConflictDoUpdate({ target: careSettings.level, set: { visitEveryDays: days, updatedAt: clock.now() } });
        }
        await audit.record(tx, ctx, {
          action: 'care.settings',
          entityKind: 'care_settings',
          entityId: 'all',
          after: body,
        });
      });
      return settings();
    },

    async put(actor: Actor, ctx: AuditContext, residentId: number, body: z.infer<typeof PutCareBody>) {
      const r = await resident(actor, residentId, 'write');
      return db.transaction(async (tx) => {
        const v = {
          residentId,
          level: body.level,
          reason: body.reason,
          assigneeUserId: body.assigneeUserId ?? null,
          nodePath: r.nodePath,
          setOn: chinaToday(clock),
          updatedAt: clock.now(),
        };
        const [row] = await tx
          .insert(careLevels)
          .values(v)
          .onConflictDoUpdate({ target: careLevels.residentId, set: v })
          .returning();
        await audit.record(tx, ctx, {
          action: 'care.set',
          entityKind: 'resident',
          entityId: residentId,
          nodeId: r.householdNodeId,
          nodePath: r.nodePath,
          after: { level: body.level, reason: body.reason, assigneeUserId: v.assigneeUserId },
        });
        return {
          residentId,
          level: row!.level as Level,
          reason: row!.reason,
          assigneeUserId: row!.assigneeUserId,
          setOn: row!.setOn,
        };
      });
    },

    /** Records a visit; with a client key (a phone's offline queue) a resend returns the first visit instead of a second. */
    async visit(
      actor: Actor,
      ctx: AuditContext,
      residentId: number,
      body: z.infer<typeof CreateVisitBody>,
      clientKey?: string,
    ) {
      const r = await resident(actor, residentId, 'write');
      const seen = async () => {
        if (!clientKey) return null;
        const [v] = await db
          .select()
          .from(visits)
          .where(and(eq(visits.visitorUserId, actor.userId), eq(visits.clientKey, clientKey)));
        if (v && v.residentId !== residentId)
          throw new AppError('conflict', [{ path: 'idempotency-key', message: '该幂等键已用于另一位居民的走访' }]);
        return v
          ? { id: v.id, residentId, visitorUserId: v.visitorUserId, visitedOn: v.visitedOn, note: v.note }
          : null;
      };
      const first = await seen();
      if (first) return first;
      if (body.visitedOn > chinaToday(clock)) throw fieldError('visitedOn', '走访日期不能晚于今天');
      const made = await db.transaction(async (tx) => {
        // Two resends racing: the unique (visitor, key) index lets one insert; the other finds it below.
        const [row] = await tx
          .insert(visits)
          .values({
            residentId,
            visitorUserId: actor.userId,
            visitedOn: body.visitedOn,
            note: body.note,
            nodePath: r.nodePath,
            clientKey: clientKey ?? null,
            createdAt: clock.now(),
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        await audit.record(tx, ctx, {
          action: 'visit.create',
          entityKind: 'visit',
          entityId: row.id,
          nodeId: r.householdNodeId,
          nodePath: r.nodePath,
          after: { residentId, visitedOn: body.visitedOn },
        });
        return { id: row.id, residentId, visitorUserId: row.visitorUserId, visitedOn: row.visitedOn, note: row.note };
      });
      return made ?? (await seen())!;
    },

    async visitsOf(actor: Actor, residentId: number) {
      await resident(actor, residentId, 'write');
      const r = await db
        .select()
        .from(visits)
        .where(eq(visits.residentId, residentId))
        .orderBy(desc(visits.visitedOn), desc(visits.id))
        .limit(200);
      return r.map((v) => ({
        id: v.id,
        residentId,
        visitorUserId: v.visitorUserId,
        visitedOn: v.visitedOn,
        note: v.note,
      }));
    },

    /** Residents with a care level whose next visit (last visit, or the day the level was set, plus the level's interval) falls within `withinDays`. */
    async due(actor: Actor, q: z.infer<typeof DueQuery>) {
      const every = await settings();
      const today = chinaToday(clock);
      const where = and(
        scope(actor, peoplePolicy, 'write', { path: careLevels.nodePath }),
        q.assignedToMe ? eq(careLevels.assigneeUserId, actor.userId) : undefined,
      );
      const r = await rows<{
        resident_id: number;
        name: string;
        household_name: string;
        building_name: string | null;
        estate_name: string | null;
        level: Level;
        assignee_user_id: number | null;
        last_visit_on: string | null;
        due_on: string;
      }>(
        db,
        sql`select * from (
              select care_levels.resident_id, r.name, n.name as household_name, b.name as building_name, e.name as estate_name, care_levels.level, care_levels.assignee_user_id, lv.last_visit_on::text as last_visit_on,
                (coalesce(lv.last_visit_on, care_levels.set_on)
                  + (case care_levels.level when 'red' then ${every.red}::int when 'yellow' then ${every.yellow}::int else ${every.blue}::int end))::text as due_on
              from care_levels
              join residents r on r.id = care_levels.resident_id and r.moved_out_on is null
              join territory_nodes n on n.id = r.household_node_id
              left join territory_nodes b on b.id = n.parent_id and b.kind = 'building'
              left join territory_nodes e on e.id = b.parent_id and e.kind = 'estate'
              left join lateral (select max(v.visited_on) as last_visit_on from visits v where v.resident_id = care_levels.resident_id) lv on true
              where ${where}
            ) d where d.due_on::date <= ${today}::date + ${q.withinDays}::int order by d.due_on, d.resident_id limit 500`,
      );
      return r.map((x) => ({
        residentId: x.resident_id,
        name: x.name,
        householdName: householdLabel({
          estateName: x.estate_name,
          buildingName: x.building_name,
          householdName: x.household_name,
        }),
        level: x.level,
        assigneeUserId: x.assignee_user_id,
        lastVisitOn: x.last_visit_on,
        dueOn: x.due_on,
        overdue: x.due_on < today,
      }));
    },
  };
}
export type CareService = ReturnType<typeof createCareService>;
