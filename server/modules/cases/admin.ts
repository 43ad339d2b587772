// Configuration of the case loop by district administrators: category limits and defaults, the responsibility list,
// and merging a duplicate report into the case it repeats.
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CategoryPatch, RuleBody } from '../../../contracts/cases';
import { OPEN_STATUSES, type CaseStatus } from '../../../contracts/cases';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { factsOf } from './act';
import { canReadCase, casePolicy } from './policy';
import { leaveStage } from './stage-time';
import { caseRepo } from './repo';
import type { CaseNotifier } from './sla';
import { caseCategories, cases, responsibilityRules } from './tables';

export function createCaseAdmin(deps: { db: Db; clock: Clock; audit: Audit; notifier: CaseNotifier }) {
  const { db, clock, audit, notifier } = deps;
  const isAdmin = (actor: Actor) => actor.bindings.some((b) => b.role === 'district_admin');

  return {
    async updateCategory(actor: Actor, ctx: AuditContext, code: string, patch: z.infer<typeof CategoryPatch>) {
      if (!isAdmin(actor)) throw new AppError('forbidden');
      const before = await caseRepo.category(db, code);
      if (!before) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        await tx.update(caseCategories).set(patch).where(eq(caseCategories.code, code));
        await audit.record(tx, ctx, {
          action: 'category.update',
          entityKind: 'case_category',
          entityId: code,
          before,
          after: { ...before, ...patch },
        });
      });
    },

    async listRules(actor: Actor) {
      if (!canAnywhere(actor, casePolicy, 'dispatch')) throw new AppError('forbidden');
      const r =
        await db.execute(sql`select r.id, r.category_code as "categoryCode", r.node_id as "nodeId", n.name as "nodeName", r.organisation_id as "organisationId", o.name as "organisationName"
        from responsibility_rules r join territory_nodes n on n.id = r.node_id join organisations o on o.id = r.organisation_id order by r.category_code, n.path`);
      return {
        items: (
          r as unknown as {
            rows: {
              id: number;
              categoryCode: string;
              nodeId: number;
              nodeName: string;
              organisationId: number;
              organisationName: string;
            }[];
          }
        ).rows,
      };
    },

    /** Adds or replaces the rule for a category (or class) under a node: whoever may dispatch there may set it. */
    async setRule(actor: Actor, ctx: AuditContext, body: z.infer<typeof RuleBody>) {
      const node = await territoryRepo.byId(db, body.nodeId);
      if (!node || !can(actor, casePolicy, 'dispatch', { path: node.path }))
        throw new AppError('forbidden', [{ path: 'nodeId', message: 'outside your area' }]);
      const org = await caseRepo.organisation(db, body.organisationId);
      if (!org || org.retiredAt) throw fieldError('organisationId', 'unknown organisation');
      const cat = await caseRepo.category(db, body.categoryCode);
      if (!cat) throw fieldError('categoryCode', 'unknown category');
      await db.transaction(async (tx) => {
        await tx
          .insert(responsibilityRules)
          .values(body)
          .onConflictDoUpdate({
            target: [responsibilityRules.categoryCode, responsibilityRules.nodeId],
            set: { organisationId: body.organisationId },
          });
        await audit.record(tx, ctx, {
          action: 'responsibility.set',
          entityKind: 'responsibility_rule',
          entityId: `${body.categoryCode}@${body.nodeId}`,
          nodeId: node.id,
          nodePath: node.path,
          after: body,
        });
      });
    },

    async removeRule(actor: Actor, ctx: AuditContext, id: number) {
      const r = await db.select().from(responsibilityRules).where(eq(responsibilityRules.id, id));
      const rule = r[0];
      const node = rule ? await territoryRepo.byId(db, rule.nodeId) : null;
      if (!rule || !node || !can(actor, casePolicy, 'dispatch', { path: node.path })) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        await tx.delete(responsibilityRules).where(and(eq(responsibilityRules.id, id)));
        await audit.record(tx, ctx, {
          action: 'responsibility.remove',
          entityKind: 'responsibility_rule',
          entityId: id,
          nodeId: node.id,
          nodePath: node.path,
          before: rule,
        });
      });
    },

    /** Merges a duplicate into the case it repeats: the duplicate is closed as voided, its reporter and supporters follow the original. */
    async merge(actor: Actor, ctx: AuditContext, id: number, intoId: number) {
      if (id === intoId) throw fieldError('intoId', 'a case cannot be merged into itself');
      await db.transaction(async (tx) => {
        const dup = await caseRepo.lock(tx, id);
        const into = await caseRepo.lock(tx, intoId);
        if (!dup || !canReadCase(actor, await factsOf(tx, dup))) throw new AppError('not_found');
        if (!into || !canReadCase(actor, await factsOf(tx, into))) throw fieldError('intoId', 'unknown case');
        if (!can(actor, casePolicy, 'dispatch', { path: dup.nodePath })) throw new AppError('forbidden');
        if (!['reported', 'registered'].includes(dup.status))
          throw new AppError('action_not_allowed', [
            { path: 'id', message: 'only a case not yet dispatched can be merged' },
          ]);
        if (!OPEN_STATUSES.includes(into.status as CaseStatus))
          throw fieldError('intoId', 'the original must still be open');
        const now = clock.now();
        await tx
          .update(cases)
          .set({
            status: 'voided',
            mergedInto: intoId,
            version: dup.version + 1,
            updatedAt: now,
            ...leaveStage(dup, now),
          })
          .where(eq(cases.id, id));
        const [updated] = await tx
          .update(cases)
          .set({ supportCount: into.supportCount + dup.supportCount + 1, version: into.version + 1, updatedAt: now })
          .where(eq(cases.id, intoId))
          .returning();
        const who = { actorId: actor.userId, actorName: actor.displayName };
        await caseRepo.addEvent(tx, {
          caseId: id,
          at: now,
          ...who,
          action: 'merge',
          fromStatus: dup.status,
          toStatus: 'voided',
          note: `并入 ${into.number}`,
          data: { intoId },
        });
        await caseRepo.addEvent(tx, {
          caseId: intoId,
          at: now,
          ...who,
          action: 'merged',
          fromStatus: into.status,
          toStatus: into.status,
          note: `合并重复上报 ${dup.number}`,
          data: { fromId: id },
        });
        await notifier.onCaseEvent(tx, updated!, 'merged', { fromId: id }, actor.userId);
        await audit.record(tx, ctx, {
          action: 'case.merge',
          entityKind: 'case',
          entityId: id,
          nodeId: dup.gridId,
          nodePath: dup.nodePath,
          after: { intoId },
        });
      });
    },
  };
}
export type CaseAdmin = ReturnType<typeof createCaseAdmin>;
