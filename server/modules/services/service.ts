// The catalogue (browse, keep, switch on and off), the duty lists, eligibility checks and reading applications.
import type { z } from 'zod';
import type {
  ApplicationDetail,
  CatalogueQuery,
  ClassBody,
  DutyBody,
  DutyPatch,
  ItemCreate,
  ItemPatch,
  ServiceItem,
} from '../../../contracts/services';
import { ApplicationListQuery } from '../../../contracts/services';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import { maskName } from '../../platform/mask';
import { decodeCursor, page } from '../../platform/pagination';
import { can, canAnywhere, scope, type Actor } from '../../platform/policy';
import { canReadResident, residentFacts, type ResidentFacts } from '../people';
import { pinyinOf } from './catalogue';
import { checkEligibility, type Failure } from './eligibility';
import {
  appointmentActionsFor,
  applicationActionsFor,
  applicationScopeColumns,
  canReadApplication,
  servicePolicy,
} from './policy';
import { DEFAULT_HALL, fitsRules } from './hall';
import { hallRepo } from './hall-repo';
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

const V = {
  bothLimits: {
    'zh-CN': '承诺时限只能二选一：工作日（限时办结）或分钟（即时办）',
    en: 'Give either working days or response minutes (即时办), not both',
  },
  noLimit: {
    'zh-CN': '请填写承诺时限：工作日（限时办结）或分钟（即时办）',
    en: 'Give a time limit: working days, or response minutes for 即时办 items',
  },
  dupMaterial: { 'zh-CN': '材料编码重复', en: 'This material code is used twice' },
  ageRange: { 'zh-CN': '最大年龄不能小于最小年龄', en: 'The maximum age is below the minimum age' },
  ageEmpty: { 'zh-CN': '年龄条件须填写最小或最大年龄', en: 'An age condition needs a minimum or a maximum' },
  dupChannel: { 'zh-CN': '办理方式重复', en: 'This channel is given twice' },
  unknownClass: { 'zh-CN': '没有这个服务类别', en: 'Unknown service class' },
  unknownOrg: { 'zh-CN': '请选择一个职能部门', en: 'Not a department' },
  unknownItem: { 'zh-CN': '没有这个服务事项', en: 'Unknown service item' },
} satisfies Record<string, Record<Lang, string>>;

type ItemFields = Omit<ItemCreate, 'code'>;

/** The rules of a catalogue item beyond its shape; the first broken one is answered as a 400 naming its field. */
export async function validateItem(exec: Exec, v: ItemFields, lang: Lang): Promise<void> {
  if (v.limitDays != null && v.responseMinutes != null) throw fieldError('responseMinutes', V.bothLimits[lang]);
  if (v.limitDays == null && v.responseMinutes == null) throw fieldError('limitDays', V.noLimit[lang]);
  const seen = new Set<string>();
  for (const [i, m] of v.materials.entries()) {
    if (seen.has(m.code)) throw fieldError(`materials.${i}.code`, V.dupMaterial[lang]);
    seen.add(m.code);
  }
  for (const [i, c] of v.eligibility.entries())
    if (c.fact === 'age') {
      if (c.min == null && c.max == null) throw fieldError(`eligibility.${i}.min`, V.ageEmpty[lang]);
      if (c.min != null && c.max != null && c.max < c.min) throw fieldError(`eligibility.${i}.max`, V.ageRange[lang]);
    }
  if (new Set(v.channels).size !== v.channels.length) throw fieldError('channels', V.dupChannel[lang]);
  if (!(await serviceRepo.classExists(exec, v.classCode))) throw fieldError('classCode', V.unknownClass[lang]);
  if (v.organisationId != null && (await serviceRepo.organisation(exec, v.organisationId))?.kind !== 'department')
    throw fieldError('organisationId', V.unknownOrg[lang]);
}

export function createServiceCatalogue(deps: ServiceDeps) {
  const { db, audit, clock } = deps;
  return {
    /** Classes with their items, switched on in the asking community (all items, with their switch, for keepers who ask). */
    async catalogue(actor: Actor, q: z.infer<typeof CatalogueQuery>) {
      const community = await communityFor(db, actor, q.nodeId);
      // A keeper of the district's catalogue asking for all items without a community sees every item, switched off.
      const keeper =
        q.all &&
        (community
          ? can(actor, servicePolicy, 'switch', { path: community.path })
          : canAnywhere(actor, servicePolicy, 'keep'));
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

    async classes() {
      return { items: await serviceRepo.classes(db) };
    },

    async createClass(actor: Actor, ctx: AuditContext, body: z.infer<typeof ClassBody>) {
      if (!canAnywhere(actor, servicePolicy, 'keep')) throw new AppError('forbidden');
      await db.transaction(async (tx) => {
        if (!(await serviceRepo.createClass(tx, body)))
          throw new AppError('duplicate_code', [{ path: 'code', message: body.code }]);
        await audit.record(tx, ctx, {
          action: 'service.class_create',
          entityKind: 'service_class',
          entityId: body.code,
          after: body,
        });
      });
      return body;
    },

    async createItem(actor: Actor, ctx: AuditContext, body: ItemCreate, lang: Lang): Promise<ServiceItem> {
      if (!canAnywhere(actor, servicePolicy, 'keep')) throw new AppError('forbidden');
      await validateItem(db, body, lang);
      const py = pinyinOf(body.name);
      await db.transaction(async (tx) => {
        const ok = await serviceRepo.createItem(tx, {
          ...body,
          namePinyin: py.full,
          nameInitials: py.initials,
          sort: await serviceRepo.nextItemSort(tx, body.classCode),
        });
        if (!ok) throw new AppError('duplicate_code', [{ path: 'code', message: body.code }]);
        await audit.record(tx, ctx, {
          action: 'service.item_create',
          entityKind: 'service_item',
          entityId: body.code,
          after: body,
        });
      });
      return toItem((await serviceRepo.item(db, body.code))!, false);
    },

    /** Changes an item; the rules are checked on the item as it would be after the change. */
    async updateItem(actor: Actor, ctx: AuditContext, code: string, patch: ItemPatch, lang: Lang = 'zh-CN') {
      if (!canAnywhere(actor, servicePolicy, 'keep')) throw new AppError('forbidden');
      const before = await serviceRepo.item(db, code);
      if (!before) throw new AppError('not_found');
      const merged: ItemFields = {
        name: patch.name ?? before.name,
        classCode: patch.classCode ?? before.classCode,
        description: patch.description !== undefined ? patch.description : before.description,
        materials: patch.materials ?? before.materials,
        eligibility: patch.eligibility ?? before.eligibility,
        limitDays: patch.limitDays !== undefined ? patch.limitDays : before.limitDays,
        responseMinutes: patch.responseMinutes !== undefined ? patch.responseMinutes : before.responseMinutes,
        organisationId: patch.organisationId !== undefined ? patch.organisationId : before.organisationId,
        channels: patch.channels ?? before.channels,
        fee: patch.fee !== undefined ? patch.fee : before.fee,
      };
      await validateItem(db, merged, lang);
      const py = patch.name ? pinyinOf(patch.name) : null;
      await db.transaction(async (tx) => {
        await serviceRepo.updateItem(tx, code, {
          ...patch,
          ...(py ? { namePinyin: py.full, nameInitials: py.initials } : {}),
        });
        await audit.record(tx, ctx, {
          action: 'service.item_update',
          entityKind: 'service_item',
          entityId: code,
          before: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof typeof before]])),
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

    /** Changes an entry of a community's duty list (moving it to another list, renaming, linking an item). */
    async updateDuty(actor: Actor, ctx: AuditContext, id: number, patch: z.infer<typeof DutyPatch>, lang: Lang) {
      const d = await serviceRepo.duty(db, id);
      const node = d && (await serviceRepo.node(db, d.nodeId));
      if (!d || !node || !can(actor, servicePolicy, 'read', { path: node.path })) throw new AppError('not_found');
      if (!can(actor, servicePolicy, 'switch', { path: node.path })) throw new AppError('forbidden');
      if (patch.itemCode && !(await serviceRepo.item(db, patch.itemCode)))
        throw fieldError('itemCode', V.unknownItem[lang]);
      return db.transaction(async (tx) => {
        const r = await serviceRepo.updateDuty(tx, id, patch);
        await audit.record(tx, ctx, {
          action: 'service.duty_update',
          entityKind: 'duty_entry',
          entityId: String(id),
          nodeId: d.nodeId,
          before: { list: d.list, matter: d.matter, itemCode: d.itemCode },
          after: patch,
        });
        return { ...r, list: r.list as DutyList };
      });
    },

    async removeDuty(actor: Actor, ctx: AuditContext, id: number) {
      const d = await serviceRepo.duty(db, id);
      const node = d && (await serviceRepo.node(db, d.nodeId));
      if (!d || !node || !can(actor, servicePolicy, 'read', { path: node.path })) throw new AppError('not_found');
      if (!can(actor, servicePolicy, 'switch', { path: node.path })) throw new AppError('forbidden');
      await db.transaction(async (tx) => {
        await serviceRepo.removeDuty(tx, id);
        await audit.record(tx, ctx, {
          action: 'service.duty_remove',
          entityKind: 'duty_entry',
          entityId: String(id),
          nodeId: d.nodeId,
          before: { list: d.list, matter: d.matter, itemCode: d.itemCode },
        });
      });
      return { ok: true as const };
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
    appointmentAt: r.appointmentAt?.toISOString() ?? null,
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
      if (q.appointmentOn) {
        // service_applications.id spelled out: drizzle leaves a single-table select's columns unqualified (h.id here).
        const from = new Date(`${q.appointmentOn}T00:00:00+08:00`);
        const to = new Date(from.getTime() + 86_400_000);
        where.push(
          sql`exists (select 1 from service_appointments h where h.application_id = service_applications.id and h.starts_at >= ${from.toISOString()} and h.starts_at < ${to.toISOString()})`,
        );
      }
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
      const [materials, events, appt, hours] = await Promise.all([
        serviceRepo.materials(db, id),
        serviceRepo.events(db, id),
        hallRepo.ofApplication(db, id),
        a.channel === 'hall' ? hallRepo.hours(db, a.nodeId) : null,
      ]);
      const now = clock.now();
      const fileUrl = (f: string) => `/api/services/applications/${id}/files/${f}`;
      return {
        ...summary(a, actor, now),
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
        appointment: appt && {
          startsAt: appt.startsAt.toISOString(),
          endsAt: appt.endsAt.toISOString(),
          seat: appt.seat,
          nodeName: a.nodeName,
          noShow: appt.noShowAt != null,
          unfit: appt.startsAt > now && !fitsRules(hours ?? DEFAULT_HALL, appt.startsAt, appt.seat),
        },
        appointmentActions: appointmentActionsFor(actor, facts, appt, now),
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
