// Reading cases: inboxes with filters and keyset pages, one case with its timeline and the viewer's actions,
// categories, the suggested handler, similar open reports, and "me too".
import { eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { OPEN_STATUSES, TRANSITIONS, type CaseListQuery, type Triage } from '../../../contracts/cases';
import { ORGANISATION_ROLES } from '../../../contracts/domain';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { PersonalCrypto } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { factsOf } from './act';
import { actionsFor, canReadCase, casePolicy, caseScopeColumns } from './policy';
import { caseRepo } from './repo';
import { distanceM, textSimilarity } from './similarity';
import { cases } from './tables';
import { toDetail, toSummary } from './view';

const DUE_SOON_MS = 24 * 3_600_000;
/** Reports further than 200 m count as similar from this text likeness on (bigram Dice; same-issue pairs score 0.4–0.8). */
const SIMILAR_TEXT = 0.35;
const open = inArray(cases.status, [...OPEN_STATUSES]);

/**
 * Counts one person's "me too" on a case once and notes it on the timeline (by name for staff; residents in the
 * portal stay unnamed). The caller has decided the person may support this case.
 */
export async function recordSupport(
  deps: { db: Db; clock: Clock; audit: Audit },
  actor: Actor,
  ctx: AuditContext,
  c: { id: number; nodePath: string },
  o: { actorName: string | null; data: Record<string, unknown> | null },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const events = await caseRepo.events(tx, c.id);
    if (events.some((e) => e.action === 'support' && e.actorId === actor.userId)) return;
    await tx
      .update(cases)
      .set({ supportCount: sql`${cases.supportCount} + 1` })
      .where(eq(cases.id, c.id));
    await caseRepo.addEvent(tx, {
      caseId: c.id,
      at: deps.clock.now(),
      actorId: actor.userId,
      actorName: o.actorName,
      action: 'support',
      fromStatus: null,
      toStatus: null,
      note: null,
      data: o.data,
    });
    await deps.audit.record(tx, ctx, {
      action: 'case.support',
      entityKind: 'case',
      entityId: c.id,
      nodePath: c.nodePath,
    });
  });
}

export function createCaseService(deps: { db: Db; clock: Clock; audit: Audit; crypto: PersonalCrypto }) {
  const { db, clock, audit } = deps;

  /** Cases that wait for this actor: assigned to them, or (for dispatchers) waiting to be registered or dispatched. */
  function todo(actor: Actor): SQL {
    const orgs = actor.bindings.map((b) => b.organisationId).filter((x): x is number => x != null);
    const nodes = actor.bindings.map((b) => b.nodeId).filter((x): x is number => x != null);
    const parts: SQL[] = [];
    if (orgs.length) {
      parts.push(
        sql`(${inArray(cases.assigneeOrganisationId, orgs)} and ${inArray(cases.status, ['dispatched', 'handling'])})`,
      );
      // 吹哨报到: a summons waits in the to-do of every summoned organisation until it reports in.
      parts.push(sql`(${cases.id} in (select cp.case_id from case_participants cp where ${inArray(sql`cp.organisation_id`, orgs)}
                        and cp.report_in_due_at is not null and cp.reported_in_at is null)
                      and ${inArray(cases.status, [...TRANSITIONS.report_in.from])})`);
    }
    // A mediator's private matters, handed to them by name.
    if (actor.bindings.some((b) => b.role === 'mediator'))
      parts.push(
        sql`(${cases.assigneeUserId} = ${actor.userId} and ${inArray(cases.status, ['dispatched', 'handling'])})`,
      );
    if (nodes.length)
      parts.push(
        sql`(${inArray(cases.assigneeNodeId, nodes)} and ${inArray(cases.status, ['dispatched', 'handling'])})`,
      );
    parts.push(
      sql`(${inArray(cases.status, ['reported', 'registered'])} and ${scope(actor, casePolicy, 'dispatch', { path: cases.nodePath, leafRoles: caseScopeColumns.leafRoles })})`,
    );
    // A reporter verifies their own replied report; staff of a department or property company never report, and
    // leaving that branch out lets their to-do page be one scan of the open-assignment index.
    const mayHaveReported = actor.bindings.some((b) => !ORGANISATION_ROLES.includes(b.role));
    const verifies = scope(actor, casePolicy, 'verify', {
      path: cases.nodePath,
      leafRoles: caseScopeColumns.leafRoles,
    });
    parts.push(
      sql`(${cases.status} = 'replied' and (${verifies}${mayHaveReported ? sql` or ${cases.reporterUserId} = ${actor.userId}` : sql``}))`,
    );
    return sql`(${sql.join(parts, sql` or `)})`;
  }

  async function load(actor: Actor, id: number) {
    const c = await caseRepo.byId(db, id);
    if (!c) throw new AppError('not_found');
    const facts = await factsOf(db, c);
    if (!canReadCase(actor, facts)) throw new AppError('not_found');
    return { c, facts };
  }

  return {
    async get(actor: Actor, id: number) {
      const { c, facts } = await load(actor, id);
      return toDetail(
        c,
        await caseRepo.events(db, id),
        actionsFor(actor, facts),
        clock.now(),
        deps.crypto,
        await caseRepo.summons(db, id),
      );
    },

    async list(actor: Actor, q: z.infer<typeof CaseListQuery>) {
      const now = clock.now();
      const where: SQL[] = [scope(actor, casePolicy, 'read', caseScopeColumns), isNull(cases.mergedInto)];
      if (q.box === 'todo') where.push(todo(actor));
      if (q.box === 'due_soon')
        where.push(
          open,
          isNull(cases.overdueSince),
          isNotNull(cases.dueAt),
          gte(cases.dueAt, now),
          lt(cases.dueAt, new Date(now.getTime() + DUE_SOON_MS)),
        );
      if (q.box === 'overdue' || q.overdue)
        where.push(open, or(isNotNull(cases.overdueSince), lt(cases.dueAt, now)) as SQL);
      if (q.box === 'done') where.push(inArray(cases.status, ['closed', 'voided']));
      if (q.status) where.push(eq(cases.status, q.status));
      if (q.categoryCode)
        where.push(
          q.categoryCode.length === 3
            ? sql`${cases.categoryCode} like ${q.categoryCode + '%'}`
            : eq(cases.categoryCode, q.categoryCode),
        );
      if (q.channel) where.push(eq(cases.channel, q.channel));
      if (q.nodeId) {
        const node = await territoryRepo.byId(db, q.nodeId);
        if (!node) throw new AppError('not_found');
        where.push(sql`${cases.nodePath} like ${node.path + '%'}`);
      }
      if (q.from) where.push(gte(cases.createdAt, new Date(`${q.from}T00:00:00+08:00`)));
      if (q.to) where.push(lte(cases.createdAt, new Date(`${q.to}T23:59:59.999+08:00`)));
      if (q.q) {
        const p = '%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
        where.push(sql`(${cases.description} like ${p} or ${cases.number} like ${p})`);
      }
      const c = decodeCursor(q.cursor, 1);
      const r = await caseRepo.list(db, where, { beforeId: c ? Number(c[0]) : null, limit: q.limit });
      const p = page(r, q.limit, (x) => [x.id]);
      // A summoned organisation sees in its list which cases wait for it to report in, and by when.
      const orgs = actor.bindings.map((b) => b.organisationId).filter((x): x is number => x != null);
      const waiting = await caseRepo.pendingSummons(db, orgs.length ? p.items.map((x) => x.id) : [], orgs);
      return {
        items: p.items.map((x) => ({ ...toSummary(x, now), reportInDueAt: waiting.get(x.id)?.toISOString() ?? null })),
        nextCursor: p.nextCursor,
      };
    },

    async categories() {
      const r = await caseRepo.categories(db);
      return {
        items: r.map((x) => ({
          code: x.code,
          name: x.name,
          nameEn: x.nameEn,
          parentCode: x.parentCode,
          kind: x.kind as 'asset' | 'event' | 'community',
          triageDefault: (x.triageDefault as Triage | null) ?? null,
          limits: x.limits ?? null,
          requiredFields: x.requiredFields,
          active: x.active,
        })),
      };
    },

    /**
     * Open reports of the same category over the last 7 days, for "me too" before sending: those within 200 m, and,
     * when the draft has a description, those within 1 km that read alike. Closest and most alike first.
     */
    async similar(actor: Actor, q: { categoryCode: string; lat: number; lng: number; text?: string }) {
      const text = q.text?.trim() ?? '';
      const since = new Date(clock.now().getTime() - 7 * 86_400_000);
      const r = await caseRepo.similar(db, {
        ...q,
        radiusM: text ? 1000 : 200,
        since,
        scope: scope(actor, casePolicy, 'read', caseScopeColumns),
      });
      const now = clock.now();
      const ranked = r
        .map((x) => {
          const metres = x.lat != null && x.lng != null ? distanceM(q, { lat: x.lat, lng: x.lng }) : Infinity;
          const alike = text ? textSimilarity(text, x.description) : 0;
          return { x, metres, alike, score: alike + Math.max(0, 1 - metres / 200) };
        })
        .filter((s) => s.metres <= 200 || s.alike >= SIMILAR_TEXT)
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      return {
        items: ranked.map((s) => ({
          ...toSummary(s.x, now),
          similarity: Math.round(s.alike * 100) / 100,
          distanceM: Math.round(s.metres),
        })),
      };
    },

    /** "Me too": counts the actor's support once and notes it on the timeline. */
    async support(actor: Actor, ctx: AuditContext, id: number) {
      const { c } = await load(actor, id);
      await recordSupport({ db, clock, audit }, actor, ctx, c, { actorName: actor.displayName, data: null });
      return this.get(actor, id);
    },

    /** Who may mediate the case as a private matter: for those who dispatch it. */
    async mediators(actor: Actor, id: number) {
      const { c } = await load(actor, id);
      if (!can(actor, casePolicy, 'dispatch', { path: c.nodePath })) throw new AppError('forbidden');
      return { items: await caseRepo.mediators(db, c.nodePath) };
    },

    async suggestHandler(actor: Actor, id: number) {
      const { c } = await load(actor, id);
      return { organisation: await caseRepo.suggestHandler(db, c.categoryCode, c.nodePath) };
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
