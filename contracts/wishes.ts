// Micro-wishes (微心愿): a resident's small wish (or one posted by a grid worker for an elderly resident), approved or
// refused by the community, shown on the community's wish wall without personal data, claimed on a lease by a party
// member or volunteer, delivered with a photo and confirmed by the resident; only then fulfilled and counted.
import { z } from 'zod';
import { pageOf, PageQuery } from './common';

export const WISH_CATEGORIES = ['daily_goods', 'study', 'repair', 'companionship', 'health', 'other'] as const;
export const WishCategory = z.enum(WISH_CATEGORIES);
export type WishCategory = z.infer<typeof WishCategory>;

/**
 * pending: waiting for the community; refused: with a reason the resident sees; open: on the wall; claimed: held by
 * one claimer until the lease ends; delivered: the claimer delivered with a photo; fulfilled: the resident confirmed.
 */
export const WISH_STATUSES = ['pending', 'refused', 'open', 'claimed', 'delivered', 'fulfilled'] as const;
export const WishStatus = z.enum(WISH_STATUSES);
export type WishStatus = z.infer<typeof WishStatus>;

/** The default value limit (yuan) and lease (days) of a community that has not set its own. */
export const DEFAULT_WISH_LIMIT = 200;
export const DEFAULT_LEASE_DAYS = 7;

/** Job run when a claim's lease ends: an undelivered wish returns to the wall. */
export const WISH_LEASE_JOB = 'wishes.lease_end';

export const PostWishBody = z
  .object({
    category: WishCategory,
    text: z.string().trim().min(2).max(300),
    /** Estimated value in yuan; the community's limit applies. */
    value: z.number().int().min(0).max(100000),
    /** Posted by a grid or community worker for this resident of the registry (the record says so). */
    residentId: z.number().int().positive().optional(),
  })
  .strict();

export const DecideBody = z
  .object({
    decision: z.enum(['approve', 'refuse']),
    /** Required to refuse: the resident sees it. */
    reason: z.string().trim().max(200).optional(),
  })
  .strict();

export const DeliverBody = z
  .object({
    /** Photos uploaded by the claimer through POST /api/files. */
    photoIds: z.array(z.string().uuid()).min(1).max(6),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

export const SettingsBody = z
  .object({
    nodeId: z.number().int().positive(),
    valueLimit: z.number().int().min(1).max(100000),
    leaseDays: z.number().int().min(1).max(60),
  })
  .strict();
export const WishSettings = z.object({
  nodeId: z.number().int(),
  communityName: z.string(),
  valueLimit: z.number().int(),
  leaseDays: z.number().int(),
});
export type WishSettings = z.infer<typeof WishSettings>;

/** A wish on the wall: no name but the masked one, no address, free text with numbers masked. */
export const WallWish = z.object({
  id: z.number().int(),
  category: WishCategory,
  text: z.string(),
  value: z.number().int(),
  maskedName: z.string(),
  postedAt: z.string(),
});
export type WallWish = z.infer<typeof WallWish>;
export const WallQuery = PageQuery.extend({ nodeId: z.coerce.number().int().positive().optional() });
export const WallPage = pageOf(WallWish).extend({
  communityName: z.string().nullable(),
  /** Whether the asking user may claim wishes here (a volunteer of the community, a party member living in it). */
  canClaim: z.boolean(),
  /** The community's rules, shown when posting and claiming. */
  valueLimit: z.number().int(),
  leaseDays: z.number().int(),
});

export const WISH_ACTIONS = ['decide', 'claim', 'deliver', 'confirm'] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

export const WishEvent = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

/** A wish as its poster, the resident, the claimer or staff see it. */
export const Wish = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  communityName: z.string(),
  category: WishCategory,
  text: z.string(),
  value: z.number().int(),
  status: WishStatus,
  /** The resident's name: in full for the resident and staff, masked for a claimer. */
  residentName: z.string(),
  postedByName: z.string().nullable(),
  onBehalf: z.boolean(),
  refuseReason: z.string().nullable(),
  claimerName: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  deliveryNote: z.string().nullable(),
  photoUrls: z.array(z.string()),
  createdAt: z.string(),
  fulfilledAt: z.string().nullable(),
  actions: z.array(z.enum(WISH_ACTIONS)),
  events: z.array(WishEvent),
});
export type Wish = z.infer<typeof Wish>;

export const WishListQuery = PageQuery.extend({
  status: WishStatus.optional(),
  /** mine: posted by me or for me; claims: claimed by me; otherwise the staff list of what the actor may read. */
  view: z.enum(['mine', 'claims', 'staff']).default('staff'),
});
export const WishListItem = z.object({
  id: z.number().int(),
  communityName: z.string(),
  category: WishCategory,
  text: z.string(),
  value: z.number().int(),
  status: WishStatus,
  residentName: z.string(),
  onBehalf: z.boolean(),
  claimerName: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type WishListItem = z.infer<typeof WishListItem>;
export const WishPage = pageOf(WishListItem);

export const WishFiguresQuery = z
  .object({
    nodeId: z.coerce.number().int().positive(),
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .strict();
/** Over the wishes posted in [from, to) under the node: how many reached each step, and the median days to fulfil. */
export const WishFigures = z.object({
  posted: z.number().int(),
  approved: z.number().int(),
  claimed: z.number().int(),
  fulfilled: z.number().int(),
  medianDaysToFulfil: z.number().nullable(),
});
export type WishFigures = z.infer<typeof WishFigures>;
