// The catalogue (browse, keep, switch on and off), the duty lists, eligibility checks and reading applications.
import type { z } from 'zod';
import type { ApplicationDetail, CatalogueQuery, DutyBody, ItemPatch, ServiceItem } from '../../../contracts/services';
import { ApplicationListQuery } from '../../../contracts/services';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import { maskName } from '../../platform/mask';
import { decodeCursor, page } from '../../platform/pagination';
import { can, canAnywhere, scope, type Actor } from '../../platform/policy';
import { canReadResident, residentFacts, type ResidentFacts } from '../people';
import { checkEligibility, type Failure } from './eligibility';
import { applicationActionsFor, applicationScopeColumns, canReadApplication, servicePolicy } from './policy';
import { serviceRepo, type ApplicationListRow, type ItemRow } from './repo';
import { eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { serviceApplications } from './tables';
import { CLOSED_STATUSES, type ApplicationStatus, type DutyList } from '../../../contracts/services';

export type ServiceDeps = { db: Db; clock: Clock; audit: Audit };

export function toItem(r: ItemRow, enabled: boolean): ServiceItem {
  return {
    code: r.code,
    classCode: r.classCode,
    className: r.className,
    name: r.name,
    description: r.description,
    materials: r.materials,
    eligibility: r.eligibility,
    limitDays: r.limitDays,
    responseMinutes: r.responseMinutes,
    handler: r.organisationId ? 'department' : 'community',
    organisationId: r.organisationId,
    organisationName: r.organisationName,
    channels: r.channels,
    fee: r.fee,
    enabled,
  };
}

/** The community an actor asks for: the given node, else the community of their first binding. */
async function communityFor(exec: Exec, actor: Actor, nodeId?: number) {
  if (nodeId) return serviceRepo.node(exec, nodeId);
  for (const b of actor.bindings)
    if (b.path) {
      const c = await serviceRepo.communityOf(exec, b.path);
      if (c) return { ...c, kind: 'community' };
    }
  return null;
}

/** The facts rules are checked against: the resident given (staff, who must be able to read them) or the actor's own. */
export async function applicantFacts(exec: Exec, actor: Actor, residentId?: number): Promise<ResidentFacts | null> {
  if (residentId == null) return residentFacts(exec, { userId: actor.userId });
  const f = await residentFacts(exec, { residentId });
  if (!f || !canReadResident(actor, f)) throw fieldError('residentId', 'unknown resident');
  return f;
}

export function createServiceCatalogue(deps: ServiceDeps) {
  const { db, audit, clock } = deps;
  return {
    /** Classes with their items, switched on in the asking community (all items, with their switch, for keepers who ask). */
    async catalogue(actor: Actor, q: z.infer<typeof CatalogueQuery>) {
      const community = await communityFor(db, actor, q.nodeId);
      const keeper = q.all && community && can(actor, servicePolicy, 'switch', { path: community.path });
      const enabled = community ? await serviceRepo.enabledCodes(db, community.id) : new Set<string>();
      const items = await serviceRepo.items(db, {
        q: q.q,
        classCode: q.classCode,
        enabledAt: keeper ? null : (community?.id ?? -1),
      });
      const classes = new Map<string, { code: string; name: string; items: ServiceItem[] }>();
      for (const r of items) {
        const c = classes.get(r.classCode) ?? { code: r.classCode, name: r.className, items: [] };
        c.items.push(toItem(r, enabled.has(r.code)));
        classes.set(r.classCode, c);
      }
      return { classes: [...classes.values()] };
    },

    async item(actor: Actor, code: string): Promise<ServiceItem> {
      const r = await serviceRepo.item(db, code);
      if (!r) throw new AppError('not_found');
      const community = await communityFor(db, actor);
      const on = community ? (await serviceRepo.enabledCodes(db, community.id)).has(code) : false;
      return toItem(r, on);
    },

    async updateItem(actor: Actor, ctx: AuditContext, code: string, patch: z.infer<typeof ItemPatch>) {
      if (!canAnywhere(actor, servicePolicy, 'keep')) throw new AppError('forbidden');
      const before = await serviceRepo.item(db, code);
      if (!before) throw new AppError('not_found');
      if (patch.organisationId != null && !(await serviceRepo.organisation(db, patch.organisationId)))
        throw fieldError('organisationId', 'unknown organisation');
      await db.transaction(async (tx) => {
        await serviceRepo.updateItem(tx, code, patch);
        await audit.record(tx, ctx, {
          action: 'service.item_update',
          entityKind: 'service_item',
          entityId: code,
          after: patch,
        });
      });
      return toItem((await serviceRepo.item(db, code))!, false);
    },

    async setSwitch(actor: Actor, ctx: AuditContext, code: string, nodeId: number, enabled: boolean) {
      const node = await serviceRepo.node(db, nodeId);
      if (!node || node.kind !== 'community') throw fieldError('nodeId', 'not a community');
      if (!can(actor, servicePolicy, 'switch', { path: node.path })) throw new AppError('forbidden');
      if (!(await serviceRepo.item(db, code))) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        await serviceRepo.setSwitch(tx, nodeId, code, enabled);
        await audit.record(tx, ctx, {
          action: 'service.switch',
          entityKind: 'service_item',
          entityId: code,
          nodeId,
          after: { enabled },
        });
      });
      return { ok: true as const };
    },

    async duties(actor: Actor, nodeId: number) {
      const node = await serviceRepo.node(db, nodeId);
      if (!node || !can(actor, servicePolicy, 'read', { path: node.path })) throw new AppError('not_found');
      return { items: (await serviceRepo.duties(db, nodeId)).map((d) => ({ ...d, list: d.list as DutyList })) };
    },

    async addDuty(actor: Actor, ctx: AuditContext, body: z.infer<typeof DutyBody>) {
      const node = await serviceRepo.node(db, body.nodeId);
      if (!node || node.kind !== 'community') throw fieldError('nodeId', 'not a community');
      if (!can(actor, servicePolicy, 'switch', { path: node.path })) throw new AppError('forbidden');
      if (body.itemCode && !(await serviceRepo.item(db, body.itemCode))) throw fieldError('itemCode', 'unknown item');
      return db.transaction(async (tx) => {
        const r = { ...(await serviceRepo.insertDuty(tx, body)), list: body.list };
        await audit.record(tx, ctx, {
          action: 'service.duty_add',
          entityKind: 'duty_entry',
          entityId: String(r.id),
          nodeId: body.nodeId,
          after: body,
        });
        return r;
      });
    },

    /** Whether the applicant (the actor, or a resident staff apply for) may apply, with each failing condition in words. */
    async eligibility(actor: Actor, code: string, residentId: number | undefined, lang: Lang) {
      const item = await serviceRepo.item(db, code);
      if (!item) throw new AppError('not_found');
      const facts = await applicantFacts(db, actor, residentId);
      const failures: Failure[] = checkEligibility(item.eligibility, facts, {
        now: clock.now(),
        lang,
        tagNames: TAG_NAMES,
      });
      return { eligible: failures.length === 0, failures };
    },
  };
}
export type ServiceCatalogue = ReturnType<typeof createServiceCatalogue>;

/** Names of the standard person tags for eligibility messages (the people module's catalogue). */
const TAG_NAMES: Record<string, string> = {
  elderly_alone: '独居老人',
  empty_nest: '空巢老人',
  elderly_80: '高龄老人',
  disabled: '残疾人',
  low_income: '低保',
  extreme_hardship: '特困',
  veteran: '退役军人',
  serious_illness: '大病患者',
};
export { TAG_NAMES };

function summary(r: ApplicationListRow, actor: Actor, now: Date) {
  const own = r.applicantUserId === actor.userId || r.submittedByUserId === actor.userId;
  return {
    id: r.id,
    number: r.number,
    itemCode: r.itemCode,
    itemName: r.itemName,
    status: r.status as ApplicationStatus,
    channel: r.channel as 'hall',
    applicantName: own ? r.applicantName : maskName(r.applicantName),
    nodeId: r.nodeId,
    nodeName: r.nodeName,
    organisationName: r.organisationName,
    onBehalf: r.onBehalf,
    dueAt: r.dueAt?.toISOString() ?? null,
    overdue: r.overdueSince != null || (!r.closedAt && r.dueAt != null && r.dueAt < now),
    createdAt: r.createdAt.toISOString(),
  };
}

export function createApplicationReader(deps: ServiceDeps) {
  const { db, clock } = deps;
  return {
    /** A page of the applications the actor may see, newest first, with the queue's filters. */
    async list(actor: Actor, q: z.infer<typeof ApplicationListQuery>) {
      const where: SQL[] = [scope(actor, servicePolicy, 'read', applicationScopeColumns)];
      if (q.status) where.push(eq(serviceApplications.status, q.status));
      if (q.itemCode) where.push(eq(serviceApplications.itemCode, q.itemCode));
      if (q.overdue) where.push(isNotNull(serviceApplications.overdueSince));
      if (q.mine)
        where.push(
          sql`(${serviceApplications.applicantUserId} = ${actor.userId} or ${serviceApplications.submittedByUserId} = ${actor.userId})`,
        );
      const cur = decodeCursor(q.cursor, 1);
      const r = await serviceRepo.list(db, where, { beforeId: cur ? Number(cur[0]) : null, limit: q.limit });
      const now = clock.now();
      const p = page(r, q.limit, (x) => [x.id]);
      return { items: p.items.map((x) => summary(x, actor, now)), nextCursor: p.nextCursor };
    },

    async get(actor: Actor, id: number): Promise<ApplicationDetail> {
      const a = await serviceRepo.application(db, id);
      const facts = a && { ...a, status: a.status as ApplicationStatus };
      if (!facts || !canReadApplication(actor, facts)) throw new AppError('not_found');
      const [materials, events] = await Promise.all([serviceRepo.materials(db, id), serviceRepo.events(db, id)]);
      const fileUrl = (f: string) => `/api/services/applications/${id}/files/${f}`;
      return {
        ...summary(a, actor, clock.now()),
        applicantName: a.applicantName,
        note: a.note,
        outcomeNote: a.outcomeNote,
        rating: a.rating,
        ratingComment: a.ratingComment,
        submittedByName: a.submittedByName,
        materials: materials.map((m) => ({
          code: m.code,
          name: m.name,
          status: m.status as 'pending',
          reason: m.reason,
          files: m.files.map((f) => ({ id: f.id, mime: f.mime, url: fileUrl(f.id) })),
        })),
        events: events.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actorName: e.actorName,
          action: e.action,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          note: e.note,
          data: e.data ?? null,
        })),
        allowedActions: applicationActionsFor(actor, facts),
        version: a.version,
      };
    },

    /** Whether `fileId` belongs to this application (a material or a custody photo) the actor may read. */
    async holdsFile(actor: Actor, id: number, fileId: string): Promise<boolean> {
      const a = await serviceRepo.application(db, id);
      if (!a || !canReadApplication(actor, { ...a, status: a.status as ApplicationStatus })) return false;
      const materials = await serviceRepo.materials(db, id);
      if (materials.some((m) => m.files.some((f) => f.id === fileId))) return true;
      const events = await serviceRepo.events(db, id);
      return events.some((e) => e.data?.signatureFileId === fileId);
    },
  };
}
export type ApplicationReader = ReturnType<typeof createApplicationReader>;
export const isClosed = (s: string) => CLOSED_STATUSES.includes(s as ApplicationStatus);
