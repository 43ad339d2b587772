// Taking an action on a case: the state machine and the viewer's role decide whether it is allowed; the row is locked
// and its version checked, so of two concurrent actions one wins and the other gets a clear conflict.
import type { ActionBody, CaseStatus, Triage } from '../../../contracts/cases';
import { actionsAllowedByState } from '../../../contracts/cases';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import type { Actor } from '../../platform/policy';
import { actionsFor, canReadCase, type CaseFacts } from './policy';
import { leaveStage } from './stage-time';
import { caseRepo, type CaseRow } from './repo';
import { assertAttachable } from '../files';
import type { CaseNotifier, Sla } from './sla';
import type { cases } from './tables';

export type ActDeps = { db: Db; clock: Clock; audit: Audit; sla: Sla; notifier: CaseNotifier };
type Patch = Partial<typeof cases.$inferInsert>;
type Outcome = { patch: Patch; note?: string | null; data?: Record<string, unknown>; photos?: string[] };

/** Everything the policy needs to know about a case. */
export async function factsOf(exec: Exec, c: CaseRow): Promise<CaseFacts> {
  return factsFrom(c, await caseRepo.participants(exec, c.id));
}

/** The facts the policy decides on, from a case and its participants (a new case has none). */
export function factsFrom(
  c: CaseRow,
  parts: { organisationId: number; role: string; reportedInAt: Date | null; reportInDueAt: Date | null }[],
): CaseFacts {
  return {
    status: c.status as CaseStatus,
    extensionPending: c.extensionPending,
    rating: (c.rating as CaseFacts['rating']) ?? null,
    reviewPending: c.reviewPending,
    nodePath: c.nodePath,
    reporterUserId: c.reporterUserId,
    assigneeOrganisationId: c.assigneeOrganisationId,
    assigneeNodeId: c.assigneeNodeId,
    assigneeUserId: c.assigneeUserId,
    participantOrganisationIds: parts.map((p) => p.organisationId),
    // Summoned is having a report-in deadline, whatever else the organisation does on the case: a department that
    // already handles it is summoned like any other and must report in too.
    pendingWhistleOrganisationIds: parts
      .filter((p) => p.reportInDueAt != null && !p.reportedInAt)
      .map((p) => p.organisationId),
  };
}

/** Which handler kinds fit minor and major matters on the escalation ladder; a private matter goes to a named mediator. */
const LADDER: Record<Exclude<Triage, 'private'>, { nodeKinds: string[]; orgKinds: string[] }> = {
  minor: {
    nodeKinds: ['community', 'grid'],
    orgKinds: ['property_company', 'partner_unit', 'social_organisation', 'department'],
  },
  major: { nodeKinds: ['street', 'community'], orgKinds: ['department', 'property_company'] },
};

/** Who a whistle (吹哨) may summon: district departments and the partner units in the community (驻区单位, e.g. the power supply office). */
const SUMMONABLE = ['department', 'partner_unit'];

export function createActions(deps: ActDeps) {
  const { db, clock, audit, sla, notifier } = deps;

  async function targetOf(tx: Exec, c: CaseRow, b: Extract<ActionBody, { action: 'dispatch' }>): Promise<Patch> {
    if ([b.organisationId, b.nodeId, b.mediatorId].filter((x) => x != null).length !== 1)
      throw fieldError('organisationId', 'choose one handler: an organisation, a territory node or a mediator');
    if (b.triage === 'private') {
      // 三事分流: a private matter (a neighbour or family dispute) is mediated by a person, not sent to a node in general.
      if (b.mediatorId == null) throw fieldError('mediatorId', 'a private matter goes to a named mediator');
      const m = await caseRepo.mediator(tx, b.mediatorId, c.nodePath);
      if (!m) throw fieldError('mediatorId', 'not a mediator of the case’s grid or community');
      return { assigneeOrganisationId: null, assigneeNodeId: null, assigneeUserId: m.id };
    }
    if (b.mediatorId != null) throw fieldError('mediatorId', 'only a private matter goes to a mediator');
    const ladder = LADDER[b.triage];
    if (b.organisationId != null) {
      const org = await caseRepo.organisation(tx, b.organisationId);
      if (!org || org.retiredAt) throw fieldError('organisationId', 'unknown organisation');
      if (!ladder.orgKinds.includes(org.kind))
        throw fieldError('organisationId', 'this kind of organisation does not take a matter of this triage');
      return { assigneeOrganisationId: org.id, assigneeNodeId: null, assigneeUserId: null };
    }
    const node = await caseRepo.node(tx, b.nodeId!);
    if (!node || !c.nodePath.startsWith(node.path))
      throw fieldError('nodeId', 'the case’s own grid, community or street');
    if (!ladder.nodeKinds.includes(node.kind))
      throw fieldError('nodeId', 'this level does not take a matter of this triage');
    return { assigneeOrganisationId: null, assigneeNodeId: node.id, assigneeUserId: null };
  }

  async function dispatch(tx: Exec, c: CaseRow, b: Extract<ActionBody, { action: 'dispatch' }>): Promise<Outcome> {
    const target = await targetOf(tx, c, b);
    const suggested = await caseRepo.suggestHandler(tx, c.categoryCode, c.nodePath);
    // The responsibility list names departments; a private matter is mediated, so not following it needs no reason.
    if (suggested && b.triage !== 'private' && target.assigneeOrganisationId !== suggested.id && !b.overrideReason) {
      throw fieldError(
        'overrideReason',
        'the responsibility list suggests another handler; give a reason to choose otherwise',
      );
    }
    if (target.assigneeOrganisationId)
      await caseRepo.addParticipant(tx, c.id, target.assigneeOrganisationId, 'assignee');
    return {
      patch: {
        ...target,
        triage: b.triage,
        status: 'dispatched',
        dispatchedAt: clock.now(),
        suggestedOrganisationId: suggested?.id ?? null,
      },
      note: b.note ?? null,
      data: {
        triage: b.triage,
        ...target,
        suggestedOrganisationId: suggested?.id ?? null,
        overrideReason: b.overrideReason ?? null,
      },
    };
  }

  async function apply(tx: Exec, actor: Actor, c: CaseRow, b: ActionBody, now: Date): Promise<Outcome> {
    switch (b.action) {
      case 'register':
        return { patch: { status: 'registered', registeredAt: now }, note: b.note };
      case 'void':
        return { patch: { status: 'voided' }, note: b.reason };
      case 'dispatch':
        return dispatch(tx, c, b);
      case 'accept':
        return { patch: { status: 'handling' } };
      case 'return':
        return {
          patch: {
            status: 'registered',
            returnCount: c.returnCount + 1,
            assigneeOrganisationId: null,
            assigneeNodeId: null,
            assigneeUserId: null,
          },
          note: b.reason,
          data: { from: c.assigneeOrganisationId ?? c.assigneeNodeId ?? c.assigneeUserId },
        };
      case 'request_extension':
        return {
          patch: { extensionPending: true, extensionRequestedDays: b.workingDays, extensionRequestedAt: now },
          note: b.reason,
          data: { workingDays: b.workingDays },
        };
      case 'decide_extension': {
        const days = b.approve ? (c.extensionRequestedDays ?? 0) : 0;
        const dueAt = c.dueAt ? sla.extend(c.dueAt, c.extensionRequestedAt ?? now, now, days) : null;
        await sla.schedule(tx, c.id, dueAt);
        return {
          patch: {
            extensionPending: false,
            extensionRequestedDays: null,
            extensionRequestedAt: null,
            dueAt,
            extensionCount: c.extensionCount + (b.approve ? 1 : 0),
          },
          note: b.note ?? null,
          data: { approve: b.approve, workingDays: days, dueAt: dueAt?.toISOString() ?? null },
        };
      }
      case 'reply':
        // On time means replied before the handling deadline; it becomes the on-time closure once verified.
        return {
          patch: { status: 'replied', closedOnTime: c.dueAt == null || now <= c.dueAt },
          note: b.result,
          photos: b.photos,
        };
      case 'verify':
        return b.pass
          ? { patch: { status: 'closed', closedAt: now }, note: b.note ?? null, data: { pass: true }, photos: b.photos }
          : {
              patch: { status: 'handling', reworkCount: c.reworkCount + 1, closedOnTime: null },
              note: b.note ?? null,
              data: { pass: false },
              photos: b.photos,
            };
      case 'shelve': {
        const until = new Date(`${b.reviewOn}T09:00:00+08:00`);
        if (until <= now) throw fieldError('reviewOn', 'the review date must be in the future');
        await sla.scheduleUnshelve(tx, c.id, until);
        return { patch: { status: 'shelved', shelvedUntil: until }, note: b.reason, data: { reviewOn: b.reviewOn } };
      }
      case 'unshelve':
        return { patch: { status: 'registered', shelvedUntil: null }, note: b.note ?? null };
      case 'rate':
        return {
          patch: { rating: b.rating, ratingComment: b.comment ?? null, reviewPending: b.rating === 'unsatisfied' },
          note: b.comment ?? null,
          data: { rating: b.rating },
        };
      case 'reopen':
        return {
          patch: {
            status: 'registered',
            reviewPending: false,
            closedAt: null,
            closedOnTime: null,
            rating: null,
            ratingComment: null,
            assigneeOrganisationId: null,
            assigneeNodeId: null,
            assigneeUserId: null,
          },
          note: b.reason,
        };
      case 'urge':
        return { patch: { urgeCount: c.urgeCount + 1 }, note: b.note };
      case 'whistle': {
        const reportInBy = sla.reportInDue(now, b.reportInHours);
        for (const id of b.organisationIds) {
          const org = await caseRepo.organisation(tx, id);
          if (!org || org.retiredAt || !SUMMONABLE.includes(org.kind))
            throw fieldError('organisationIds', 'only departments and partner units can be summoned');
          await caseRepo.addParticipant(tx, c.id, id, 'whistle', reportInBy);
          await sla.scheduleReportIn(tx, c.id, id, reportInBy);
        }
        return {
          patch: {},
          note: b.note,
          data: { organisationIds: b.organisationIds, reportInBy: reportInBy.toISOString() },
        };
      }
      case 'report_in': {
        // Only the actor's organisations that were summoned and have not yet reported in.
        const pending = (await factsOf(tx, c)).pendingWhistleOrganisationIds;
        const orgs = actor.bindings
          .map((x) => x.organisationId)
          .filter((x): x is number => x != null && pending.includes(x));
        await caseRepo.reportIn(tx, c.id, orgs, now);
        return { patch: {}, note: b.note, data: { organisationIds: orgs } };
      }
      case 'comment':
        return { patch: {}, note: b.note, photos: b.photos };
    }
  }

  return {
    /** Takes one action. Throws 404 (not visible), 403 (not yours), 409 (not now / stale version). */
    async act(actor: Actor, ctx: AuditContext, caseId: number, b: ActionBody): Promise<void> {
      await db.transaction(async (tx) => {
        const c = await caseRepo.lock(tx, caseId);
        if (!c) throw new AppError('not_found');
        const facts = await factsOf(tx, c);
        if (!canReadCase(actor, facts)) throw new AppError('not_found');
        const allowed = actionsFor(actor, facts);
        if (!allowed.includes(b.action)) {
          if (actionsAllowedByState(facts).includes(b.action)) throw new AppError('forbidden', undefined, allowed);
          throw new AppError('action_not_allowed', undefined, allowed);
        }
        if (b.version !== c.version)
          throw new AppError(
            'conflict',
            [{ path: 'version', message: `the case changed (now version ${c.version}); reload it` }],
            allowed,
          );
        if ('photos' in b && b.photos.length) await assertAttachable(tx, actor, b.photos);
        const now = clock.now();
        const out = await apply(tx, actor, c, b, now);
        const to = (out.patch.status as CaseStatus | undefined) ?? (c.status as CaseStatus);
        const patch: Patch = { ...out.patch, updatedAt: now };
        if (to !== c.status) {
          Object.assign(patch, leaveStage(c, now));
          const category = await caseRepo.category(tx, c.categoryCode);
          patch.stageStartedAt = now;
          patch.overdueSince = null;
          patch.dueAt = sla.dueFor(to, category?.limits ?? null, now);
          await sla.schedule(tx, c.id, patch.dueAt);
        }
        const updated = await caseRepo.updateVersioned(tx, c.id, c.version, patch);
        if (!updated) throw new AppError('conflict', undefined, allowed);
        await caseRepo.addEvent(tx, {
          caseId: c.id,
          at: now,
          actorId: actor.userId,
          actorName: actor.displayName,
          action: b.action,
          fromStatus: c.status,
          toStatus: to,
          note: out.note ?? null,
          data: out.data ?? null,
          photos: out.photos ?? [],
        });
        await notifier.onCaseEvent(tx, updated, b.action, out.data ?? null, actor.userId);
        await audit.record(tx, ctx, {
          action: `case.${b.action}`,
          entityKind: 'case',
          entityId: c.id,
          nodeId: c.gridId,
          nodePath: c.nodePath,
          before: { status: c.status, version: c.version },
          after: { status: to, version: updated.version, ...(out.data ?? {}) },
        });
      });
    },
  };
}
export type Actions = ReturnType<typeof createActions>;
