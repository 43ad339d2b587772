// Agreements (共驻共建协议, the unit's party organisation reporting in), members reporting in (在职党员双报到), the
// resources they offer, and the records of what each did (未开展服务 when nothing).
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Agreement,
  CreateAgreementBody,
  Member,
  ReportInBody,
  Resource,
  ResourceCategory,
} from '../../../contracts/cobuild';
import type { AuditContext } from '../../platform/audit/service';
import { chinaDate } from '../../platform/calendar/calendar';
import type { PlatformDeps } from '../../platform/deps';
import type { Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, scope, type Actor } from '../../platform/policy';
import { organisationRepo } from '../organisations';
import { residentFacts } from '../people';
import { territoryRepo, type NodeRow } from '../territory';
import { cobuildPolicy } from './policy';
import { cobuildRepo } from './repo';
import { cobuildAgreements, cobuildMembers, cobuildResources } from './tables';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'>;

/** The community a node lies in (itself, or the community among its ancestors), or null. */
export async function communityOf(exec: Exec, path: string): Promise<NodeRow | null> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const nodes = await territoryRepo.byIds(exec, ids);
  return nodes.find((n) => n.kind === 'community') ?? null;
}

/** The community of the household a resident is bound to (confirmed), or null. */
export async function homeCommunity(exec: Exec, actor: Actor): Promise<NodeRow | null> {
  const b = actor.bindings.find((x) => x.role === 'resident' && x.path);
  return b ? communityOf(exec, b.path!) : null;
}

const agreementScope = (actor: Actor) =>
  scope(actor, cobuildPolicy, 'read', {
    path: cobuildAgreements.nodePath,
    organisationId: cobuildAgreements.organisationId,
  });
const memberScope = (actor: Actor) =>
  scope(actor, cobuildPolicy, 'read', {
    path: cobuildMembers.nodePath,
    userId: cobuildMembers.userId,
    organisationId: cobuildMembers.unitOrganisationId,
  });

const offer = (r: { id: number; title: string; category: string }) => ({
  id: r.id,
  title: r.title,
  category: r.category as ResourceCategory,
});

/** Agreements matching `where` (the caller's scope is in it), with commitments and services done. */
export async function loadAgreements(db: Exec, where: SQL): Promise<Agreement[]> {
  const list = await cobuildRepo.agreements(db, where);
  const res = await cobuildRepo.resourcesOfAgreements(
    db,
    list.map((x) => x.a.id),
  );
  return list.map(({ a, organisationName, communityName, servicesDone }) => ({
    id: a.id,
    organisationId: a.organisationId,
    organisationName,
    communityId: a.communityId,
    communityName,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    partyOrgName: a.partyOrgName,
    reportedAt: a.reportedAt.toISOString(),
    commitments: res.filter((r) => r.agreementId === a.id).map(offer),
    servicesDone,
    noActivity: servicesDone === 0,
  }));
}

/** Members matching `where` (the caller's scope is in it), with offers and services done this year. */
export async function loadMembers(db: Exec, where: SQL): Promise<Member[]> {
  const list = await cobuildRepo.members(db, where);
  const res = await cobuildRepo.resourcesOfMembers(
    db,
    list.map((x) => x.m.id),
  );
  return list.map(({ m, name, communityName, servicesDone }) => ({
    id: m.id,
    userId: m.userId,
    name,
    communityId: m.communityId,
    communityName,
    residentLinked: m.residentId != null,
    unitOrganisationId: m.unitOrganisationId,
    unitName: m.unitName,
    annualCommitment: m.annualCommitment,
    year: m.year,
    reportedAt: m.reportedAt.toISOString(),
    offers: res.filter((r) => r.memberId === m.id).map(offer),
    servicesDone,
    noActivity: servicesDone === 0,
  }));
}

export function createCobuildService(deps: Deps) {
  const { db, clock, audit } = deps;

  return {
    agreements: async (actor: Actor) => ({ items: await loadAgreements(db, agreementScope(actor)) }),

    /** Signs an agreement between a unit and a community; its commitments enter the resource list. */
    async createAgreement(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateAgreementBody>) {
      const community = await territoryRepo.byId(db, body.communityId);
      if (!community || !can(actor, cobuildPolicy, 'manage', { path: community.path })) throw new AppError('not_found');
      if (community.kind !== 'community') throw fieldError('communityId', '请选择一个社区');
      const org = await organisationRepo.byId(db, body.organisationId);
      if (!org || org.retiredAt) throw fieldError('organisationId', '单位不存在或已撤销');
      if (body.endsOn < body.startsOn) throw fieldError('endsOn', '协议结束日期不能早于开始日期');
      const id = await db.transaction(async (tx) => {
        const a = await cobuildRepo.insertAgreement(tx, {
          organisationId: org.id,
          communityId: community.id,
          nodePath: community.path,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          partyOrgName: body.partyOrgName,
          reportedAt: clock.now(),
          createdBy: actor.userId,
        });
        await cobuildRepo.insertResources(
          tx,
          body.commitments.map((c) => ({
            communityId: community.id,
            nodePath: community.path,
            agreementId: a.id,
            title: c.title,
            category: c.category,
          })),
        );
        await audit.record(tx, ctx, {
          action: 'cobuild.agreement_create',
          entityKind: 'cobuild_agreement',
          entityId: a.id,
          nodeId: community.id,
          nodePath: community.path,
          after: { organisationId: org.id, startsOn: body.startsOn, endsOn: body.endsOn },
        });
        return a.id;
      });
      return (await loadAgreements(db, sql`${cobuildAgreements.id} = ${id}`))[0]!;
    },

    members: async (actor: Actor) => ({ items: await loadMembers(db, memberScope(actor)) }),

    async myMember(actor: Actor) {
      const m = await loadMembers(db, sql`${cobuildMembers.userId} = ${actor.userId}`);
      return { member: m[0] ?? null };
    },

    /** A party member reports in to the community where they live, with their unit, offers and annual commitment. */
    async reportIn(actor: Actor, ctx: AuditContext, body: z.infer<typeof ReportInBody>) {
      const community = await homeCommunity(db, actor);
      if (!community)
        throw new AppError('action_not_allowed', [
          { path: 'household', message: '请先绑定您居住的房屋，再向社区报到' },
        ]);
      if (body.unitOrganisationId != null) {
        const org = await organisationRepo.byId(db, body.unitOrganisationId);
        if (!org || org.retiredAt) throw fieldError('unitOrganisationId', '单位不存在或已撤销');
      }
      const facts = await residentFacts(db, { userId: actor.userId });
      const now = clock.now();
      await db.transaction(async (tx) => {
        const m = await cobuildRepo.insertMember(tx, {
          userId: actor.userId,
          communityId: community.id,
          nodePath: community.path,
          residentId: facts?.residentId ?? null,
          unitOrganisationId: body.unitOrganisationId ?? null,
          unitName: body.unitName,
          annualCommitment: body.annualCommitment,
          year: Number(chinaDate(now).slice(0, 4)),
          reportedAt: now,
        });
        if (!m) throw new AppError('conflict', [{ path: 'userId', message: '您已向社区报到' }]);
        await cobuildRepo.insertResources(
          tx,
          body.offers.map((o) => ({
            communityId: community.id,
            nodePath: community.path,
            memberId: m.id,
            title: o.title,
            category: o.category,
          })),
        );
        await audit.record(tx, ctx, {
          action: 'cobuild.report_in',
          entityKind: 'cobuild_member',
          entityId: m.id,
          nodeId: community.id,
          nodePath: community.path,
          after: { unitName: body.unitName, annualCommitment: body.annualCommitment },
        });
      });
      return this.myMember(actor);
    },

    /** 资源清单: the commitments of agreements and the offers of members in scope. */
    async resources(actor: Actor): Promise<{ items: Resource[] }> {
      const where = scope(actor, cobuildPolicy, 'read', {
        path: cobuildResources.nodePath,
        organisationId: cobuildAgreements.organisationId,
        userId: cobuildMembers.userId,
      });
      const list = await cobuildRepo.resources(db, where);
      return {
        items: list.map(({ r, organisationId, memberUserId, providerName }) => ({
          id: r.id,
          communityId: r.communityId,
          title: r.title,
          category: r.category as ResourceCategory,
          providerKind: r.agreementId != null ? 'unit' : 'member',
          providerName,
          organisationId,
          memberUserId,
        })),
      };
    },
  };
}
export type CobuildService = ReturnType<typeof createCobuildService>;
