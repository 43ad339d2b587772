// Micro-wishes: posting (the resident, or a grid worker for them) under the community's value limit, the community's
// decision, the public wall, the claim as a lease (a durable job returns an undelivered wish to the wall), delivery
// with a photo, and the resident's confirmation, which fulfils the wish and enqueues the claimer's points.
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { POINTS_AWARD_JOB, type PointsAward } from '../../../contracts/points';
import {
  DEFAULT_LEASE_DAYS,
  DEFAULT_WISH_LIMIT,
  WISH_LEASE_JOB,
  type DecideBody,
  type DeliverBody,
  type PostWishBody,
  type SettingsBody,
  type Wish,
  type WishAction,
  type WishListItem,
  type WishListQuery,
  type WishStatus,
  type WallQuery,
} from '../../../contracts/wishes';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import type { Jobs } from '../../platform/jobs/runner';
import { maskName } from '../../platform/mask';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { redactPersonalText } from '../../platform/redact';
import type { FileService } from '../files';
import { recordNotice } from '../notifications';
import { canReadResident, residentFacts } from '../people';
import { belongsTo, canReadWish, wishPolicy, wishScopeColumns } from './policy';
import { wishRepo, type WishRow } from './repo';
import { wishes } from './tables';

export type WishDeps = { db: Db; clock: Clock; audit: Audit; jobs: Jobs; files: Pick<FileService, 'ownedFacts'> };

const DAY = 86_400_000;

const T = {
  overLimit: {
    'zh-CN': '心愿价值不能超过本社区设定的上限 {n} 元（微心愿价值上限）',
    en: 'The value exceeds the community’s micro-wish limit of {n} yuan',
  },
  noHousehold: {
    'zh-CN': '您的账号还没有关联家庭住址，请先关联家庭',
    en: 'Your account is not linked to a household yet; link your household first',
  },
  reason: { 'zh-CN': '不予通过时请填写理由（居民会看到）', en: 'Give a reason to refuse (the resident sees it)' },
  taken: { 'zh-CN': '该心愿已被他人认领', en: 'Someone else has already claimed this wish' },
  notClaimer: { 'zh-CN': '只有认领人可以登记送达', en: 'Only the claimer can record the delivery' },
  ownWish: { 'zh-CN': '不能认领自己的心愿', en: 'You cannot claim your own wish' },
  unknownFile: { 'zh-CN': '找不到上传的照片，请重新上传', en: 'Unknown photo; upload it again' },
  confirmWho: {
    'zh-CN': '只有心愿人本人或其网格员可以确认',
    en: 'Only the resident or their grid worker can confirm',
  },
  ownDelivery: { 'zh-CN': '不能确认自己送达的心愿', en: 'You cannot confirm your own delivery' },
} satisfies Record<string, Record<Lang, string>>;

/** The name a display name carries after its role prefix ('居民 陈晨' → '陈晨'). */
const personName = (displayName: string) => displayName.trim().split(/\s+/).pop() ?? displayName;

export function createWishService(deps: WishDeps) {
  const { db, clock, audit, jobs } = deps;

  async function limits(exec: Exec, nodeId: number) {
    const s = await wishRepo.settings(exec, nodeId);
    return { valueLimit: s?.valueLimit ?? DEFAULT_WISH_LIMIT, leaseDays: s?.leaseDays ?? DEFAULT_LEASE_DAYS };
  }

  /** Whether the actor may claim in this community: a volunteer of it, or a party member living in it. */
  async function mayClaim(actor: Actor, community: { path: string }): Promise<boolean> {
    if (can(actor, wishPolicy, 'claim', { path: community.path })) return true;
    const home = actor.bindings.find((b) => b.role === 'resident' && b.path?.startsWith(community.path));
    if (!home) return false;
    const f = await residentFacts(db, { userId: actor.userId });
    return f != null && f.tags.includes('party_member') && f.path.startsWith(community.path);
  }

  const isResidentSide = (actor: Actor, w: WishRow) =>
    w.residentUserId === actor.userId || w.postedByUserId === actor.userId;

  function mayConfirm(actor: Actor, w: WishRow) {
    if (w.claimerUserId === actor.userId) return false;
    return isResidentSide(actor, w) || can(actor, wishPolicy, 'confirm_for', { path: w.nodePath });
  }

  function canSee(actor: Actor, w: WishRow) {
    return canReadWish(actor, w) || (w.claimerUserId != null && w.claimerUserId === actor.userId);
  }

  async function actionsFor(actor: Actor, w: WishRow): Promise<WishAction[]> {
    const out: WishAction[] = [];
    if (w.status === 'pending' && can(actor, wishPolicy, 'decide', { path: w.nodePath })) out.push('decide');
    if (w.status === 'open' && !isResidentSide(actor, w)) {
      const c = await wishRepo.communityOf(db, w.nodePath);
      if (c && (await mayClaim(actor, c))) out.push('claim');
    }
    if (w.status === 'claimed' && w.claimerUserId === actor.userId) out.push('deliver');
    if (w.status === 'delivered' && mayConfirm(actor, w)) out.push('confirm');
    return out;
  }

  async function event(
    exec: Exec,
    actor: Actor | null,
    w: { id: number; status: string },
    action: string,
    to: WishStatus,
    note: string | null = null,
  ) {
    await wishRepo.addEvent(exec, {
      wishId: w.id,
      at: clock.now(),
      actorId: actor?.userId ?? null,
      actorName: actor?.displayName ?? null,
      action,
      fromStatus: w.status,
      toStatus: to,
      note,
    });
  }

  /** Locks the wish the actor may see, or not_found. */
  async function lockVisible(exec: Exec, actor: Actor, id: number, mayAlso?: (w: WishRow) => boolean) {
    const w = await wishRepo.lock(exec, id);
    if (!w || !(canSee(actor, w) || mayAlso?.(w))) throw new AppError('not_found');
    return w;
  }

  function notAllowed(w: WishRow, allowed: WishAction[]): never {
    throw new AppError('action_not_allowed', undefined, allowed, `wish ${w.id} is ${w.status}`);
  }

  return {
    limits: (nodeId: number) => limits(db, nodeId),

    async settings(actor: Actor, nodeId: number) {
      const node = await wishRepo.node(db, nodeId);
      if (!node || node.kind !== 'community' || !belongsTo(actor, node.path)) throw new AppError('not_found');
      return { nodeId, communityName: node.name, ...(await limits(db, nodeId)) };
    },

    async putSettings(actor: Actor, ctx: AuditContext, body: z.infer<typeof SettingsBody>) {
      const node = await wishRepo.node(db, body.nodeId);
      if (!node || node.kind !== 'community') throw fieldError('nodeId', 'not a community');
      if (!can(actor, wishPolicy, 'decide', { path: node.path })) throw new AppError('forbidden');
      await db.transaction(async (tx) => {
        await wishRepo.putSettings(tx, body);
        await audit.record(tx, ctx, {
          action: 'wish.settings',
          entityKind: 'wish_settings',
          entityId: String(body.nodeId),
          nodeId: body.nodeId,
          after: { valueLimit: body.valueLimit, leaseDays: body.leaseDays },
        });
      });
      return { nodeId: body.nodeId, communityName: node.name, valueLimit: body.valueLimit, leaseDays: body.leaseDays };
    },

    async post(actor: Actor, ctx: AuditContext, body: z.infer<typeof PostWishBody>, lang: Lang) {
      const onBehalf = body.residentId != null;
      let who: { residentId: number | null; userId: number | null; name: string; path: string };
      if (onBehalf) {
        const f = await residentFacts(db, { residentId: body.residentId! });
        if (!f || !canReadResident(actor, f)) throw fieldError('residentId', 'unknown resident');
        if (!can(actor, wishPolicy, 'post_for', { path: f.path })) throw new AppError('forbidden');
        who = { residentId: f.residentId, userId: f.userId, name: f.name, path: f.path };
      } else {
        const f = await residentFacts(db, { userId: actor.userId });
        const path = f?.path ?? actor.bindings.find((b) => b.role === 'resident' && b.path)?.path ?? null;
        if (!path) throw fieldError('category', T.noHousehold[lang]);
        who = {
          residentId: f?.residentId ?? null,
          userId: actor.userId,
          name: f?.name ?? personName(actor.displayName),
          path,
        };
      }
      const community = await wishRepo.communityOf(db, who.path);
      if (!community) throw fieldError('category', T.noHousehold[lang]);
      const { valueLimit } = await limits(db, community.id);
      if (body.value > valueLimit) throw fieldError('value', T.overLimit[lang].replace('{n}', String(valueLimit)));
      const now = clock.now();
      return db.transaction(async (tx) => {
        const w = await wishRepo.insert(tx, {
          nodeId: community.id,
          nodePath: who.path,
          residentId: who.residentId,
          residentUserId: who.userId,
          residentName: who.name,
          postedByUserId: actor.userId,
          postedByName: actor.displayName,
          onBehalf,
          category: body.category,
          text: body.text,
          value: body.value,
          status: 'pending',
          createdAt: now,
          updatedAt: now,
        });
        await event(tx, actor, { id: w.id, status: 'pending' }, onBehalf ? 'post_for' : 'post', 'pending');
        await tx.execute(
          recordNotice(
            { path: community.path, roles: ['community_worker'] },
            { kind: 'wish_submitted', title: body.text.slice(0, 40), createdAt: now },
            actor.userId,
          ),
        );
        await audit.record(tx, ctx, {
          action: 'wish.post',
          entityKind: 'wish',
          entityId: String(w.id),
          nodeId: community.id,
          after: { category: body.category, value: body.value, onBehalf },
        });
        return { id: w.id };
      });
    },

    async decide(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof DecideBody>, lang: Lang) {
      if (body.decision === 'refuse' && !body.reason) throw fieldError('reason', T.reason[lang]);
      await db.transaction(async (tx) => {
        const w = await lockVisible(tx, actor, id);
        if (!can(actor, wishPolicy, 'decide', { path: w.nodePath })) throw new AppError('forbidden');
        if (w.status !== 'pending') notAllowed(w, await actionsFor(actor, w));
        const now = clock.now();
        const to: WishStatus = body.decision === 'approve' ? 'open' : 'refused';
        await wishRepo.update(tx, w.id, {
          status: to,
          decidedAt: now,
          approvedAt: to === 'open' ? now : null,
          refuseReason: to === 'refused' ? body.reason! : null,
          updatedAt: now,
        });
        await event(tx, actor, w, body.decision, to, body.reason ?? null);
        const tell = [w.residentUserId, w.postedByUserId].filter((x): x is number => x != null);
        await tx.execute(
          recordNotice(
            { userIds: tell },
            { kind: 'wish_decided', title: w.text.slice(0, 40), createdAt: now },
            actor.userId,
          ),
        );
        await audit.record(tx, ctx, {
          action: 'wish.decide',
          entityKind: 'wish',
          entityId: String(w.id),
          nodeId: w.nodeId,
          after: { status: to, reason: body.reason ?? null },
        });
      });
    },

    /** The community's wall: open wishes, masked name, no address, numbers in the text masked. */
    async wall(actor: Actor, q: z.infer<typeof WallQuery>) {
      let community: { id: number; name: string; path: string } | null = null;
      if (q.nodeId) {
        const n = await wishRepo.node(db, q.nodeId);
        if (n?.kind === 'community') community = n;
      } else {
        for (const b of actor.bindings) if (b.path && (community = await wishRepo.communityOf(db, b.path))) break;
      }
      if (!community || !belongsTo(actor, community.path)) throw new AppError('not_found');
      const before = decodeCursor(q.cursor, 1)?.[0];
      const r = await wishRepo.wall(db, community.id, typeof before === 'number' ? before : null, q.limit);
      const p = page(r, q.limit, (w) => [w.id]);
      return {
        items: p.items.map((w) => ({
          id: w.id,
          category: w.category as Wish['category'],
          text: redactPersonalText(w.text),
          value: w.value,
          maskedName: maskName(w.residentName),
          postedAt: (w.approvedAt ?? w.createdAt).toISOString(),
        })),
        nextCursor: p.nextCursor,
        communityName: community.name,
        canClaim: await mayClaim(actor, community),
        ...(await limits(db, community.id)),
      };
    },

    async get(actor: Actor, id: number): Promise<Wish> {
      const w = await wishRepo.byId(db, id);
      if (!w || !canSee(actor, w)) throw new AppError('not_found');
      const residentSide = isResidentSide(actor, w) || canReadWish(actor, w);
      const events = await wishRepo.events(db, w.id);
      return {
        id: w.id,
        nodeId: w.nodeId,
        communityName: await wishRepo.communityName(db, w.nodeId),
        category: w.category as Wish['category'],
        text: residentSide ? w.text : redactPersonalText(w.text),
        value: w.value,
        status: w.status as WishStatus,
        residentName: residentSide ? w.residentName : maskName(w.residentName),
        postedByName: residentSide ? w.postedByName : null,
        onBehalf: w.onBehalf,
        refuseReason: w.refuseReason,
        claimerName: w.claimerName,
        leaseUntil: w.leaseUntil?.toISOString() ?? null,
        deliveryNote: w.deliveryNote,
        photoUrls: w.photos.map((f) => `/api/wishes/${w.id}/photos/${f}`),
        createdAt: w.createdAt.toISOString(),
        fulfilledAt: w.fulfilledAt?.toISOString() ?? null,
        actions: await actionsFor(actor, w),
        events: events
          .filter((e) => residentSide || e.actorId === actor.userId)
          .map((e) => ({ at: e.at.toISOString(), action: e.action, actorName: e.actorName, note: e.note })),
      };
    },

    async list(actor: Actor, q: z.infer<typeof WishListQuery>) {
      let where: SQL;
      if (q.view === 'mine')
        where = or(eq(wishes.residentUserId, actor.userId), eq(wishes.postedByUserId, actor.userId))!;
      else if (q.view === 'claims') where = eq(wishes.claimerUserId, actor.userId);
      else where = scope(actor, wishPolicy, 'read', wishScopeColumns);
      if (q.status) where = and(where, eq(wishes.status, q.status))!;
      const before = decodeCursor(q.cursor, 1)?.[0];
      const r = await wishRepo.list(db, where, typeof before === 'number' ? before : null, q.limit);
      const p = page(r, q.limit, (w) => [w.id]);
      const names = await wishRepo.communityNames(
        db,
        p.items.map((w) => w.nodeId),
      );
      return {
        items: p.items.map((w): WishListItem => ({
          id: w.id,
          communityName: names.get(w.nodeId) ?? '',
          category: w.category as Wish['category'],
          text: q.view === 'claims' && !canReadWish(actor, w) ? redactPersonalText(w.text) : w.text,
          value: w.value,
          status: w.status as WishStatus,
          residentName: q.view === 'claims' && !canReadWish(actor, w) ? maskName(w.residentName) : w.residentName,
          onBehalf: w.onBehalf,
          claimerName: w.claimerName,
          leaseUntil: w.leaseUntil?.toISOString() ?? null,
          createdAt: w.createdAt.toISOString(),
        })),
        nextCursor: p.nextCursor,
      };
    },

    /** Claims an open wish on a lease; the same claimer asking again is answered as before (idempotent). */
    async claim(actor: Actor, ctx: AuditContext, id: number, lang: Lang) {
      const w = await wishRepo.byId(db, id);
      const community = w ? await wishRepo.communityOf(db, w.nodePath) : null;
      if (!w || !community || !belongsTo(actor, community.path)) throw new AppError('not_found');
      if (!(await mayClaim(actor, community))) throw new AppError('forbidden');
      if (isResidentSide(actor, w)) throw fieldError('id', T.ownWish[lang]);
      const { leaseDays } = await limits(db, community.id);
      await db.transaction(async (tx) => {
        const now = clock.now();
        const leaseUntil = new Date(now.getTime() + leaseDays * DAY);
        const got = await wishRepo.claimIfOpen(tx, id, {
          claimerUserId: actor.userId,
          claimerName: actor.displayName,
          claimedAt: now,
          leaseUntil,
        });
        if (!got) {
          const cur = await wishRepo.byId(tx, id);
          if (cur?.claimerUserId === actor.userId && cur.status === 'claimed') return;
          throw new AppError('conflict', [{ path: 'id', message: T.taken[lang] }]);
        }
        await event(tx, actor, { id, status: 'open' }, 'claim', 'claimed', `lease until ${leaseUntil.toISOString()}`);
        await jobs.enqueue(
          tx,
          WISH_LEASE_JOB,
          { wishId: id, leaseUntil: leaseUntil.toISOString() },
          { runAt: leaseUntil, singletonKey: `wish:${id}:lease:${leaseUntil.getTime()}` },
        );
        await audit.record(tx, ctx, {
          action: 'wish.claim',
          entityKind: 'wish',
          entityId: String(id),
          nodeId: w.nodeId,
          after: { leaseUntil: leaseUntil.toISOString() },
        });
      });
    },

    async deliver(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof DeliverBody>, lang: Lang) {
      const owned = new Set((await deps.files.ownedFacts(actor.userId, body.photoIds)).map((f) => f.id));
      const bad = body.photoIds.findIndex((x) => !owned.has(x));
      await db.transaction(async (tx) => {
        const w = await lockVisible(tx, actor, id);
        if (w.claimerUserId !== actor.userId) throw fieldError('id', T.notClaimer[lang]);
        if (w.status !== 'claimed') notAllowed(w, await actionsFor(actor, w));
        if (bad >= 0) throw fieldError(`photoIds.${bad}`, T.unknownFile[lang]);
        const now = clock.now();
        await wishRepo.update(tx, w.id, {
          status: 'delivered',
          deliveredAt: now,
          deliveryNote: body.note ?? null,
          photos: body.photoIds,
          updatedAt: now,
        });
        await event(tx, actor, w, 'deliver', 'delivered', body.note ?? null);
        const tell = [w.residentUserId, w.postedByUserId].filter((x): x is number => x != null);
        await tx.execute(
          recordNotice(
            { userIds: tell },
            { kind: 'wish_delivered', title: w.text.slice(0, 40), createdAt: now },
            actor.userId,
          ),
        );
        await audit.record(tx, ctx, {
          action: 'wish.deliver',
          entityKind: 'wish',
          entityId: String(w.id),
          nodeId: w.nodeId,
          after: { photos: body.photoIds.length },
        });
      });
    },

    /** The resident (or their grid worker) confirms: fulfilled, counted, and the claimer's points enqueued here. */
    async confirm(actor: Actor, ctx: AuditContext, id: number, lang: Lang) {
      await db.transaction(async (tx) => {
        const w = await lockVisible(tx, actor, id);
        if (w.claimerUserId === actor.userId) throw fieldError('id', T.ownDelivery[lang]);
        if (!mayConfirm(actor, w)) throw new AppError('forbidden', [{ path: 'id', message: T.confirmWho[lang] }]);
        if (w.status !== 'delivered') notAllowed(w, await actionsFor(actor, w));
        const now = clock.now();
        await wishRepo.update(tx, w.id, {
          status: 'fulfilled',
          fulfilledAt: now,
          confirmedByUserId: actor.userId,
          updatedAt: now,
        });
        await event(tx, actor, w, 'confirm', 'fulfilled');
        const award: PointsAward = {
          key: `wish:${w.id}:fulfilled`,
          communityId: w.nodeId,
          userId: w.claimerUserId!,
          source: 'wish_fulfilled',
          quantity: 1,
          memo: `微心愿：${redactPersonalText(w.text).slice(0, 60)}`,
          sourceRef: { kind: 'wish', id: w.id },
        };
        await jobs.enqueue(tx, POINTS_AWARD_JOB, award, { singletonKey: award.key });
        await audit.record(tx, ctx, {
          action: 'wish.confirm',
          entityKind: 'wish',
          entityId: String(w.id),
          nodeId: w.nodeId,
          after: { status: 'fulfilled', claimerUserId: w.claimerUserId },
        });
      });
    },

    /** Whether the actor may see the photo `fileId` of wish `id` (it must be one of the wish's photos). */
    async holdsPhoto(actor: Actor, id: number, fileId: string) {
      const w = await wishRepo.byId(db, id);
      return w != null && canSee(actor, w) && w.photos.includes(fileId.toLowerCase());
    },
  };
}
export type WishService = ReturnType<typeof createWishService>;
