// The resident portal: sign-up with a one-time code, household link requests, reports, "my reports" and the public list.
import { z } from 'zod';
import { CaseStatus, Point, Rating } from './cases';
import { PageQuery, pageOf } from './common';

export const MobilePhone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '请输入 11 位手机号');

export const OtpRequestBody = z.object({ phone: MobilePhone }).strict();
export const OtpSent = z.object({
  ok: z.literal(true),
  expiresInSec: z.number().int(),
  resendAfterSec: z.number().int(),
});

export const SignupBody = z
  .object({
    phone: MobilePhone,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '验证码为 6 位数字'),
    password: z.string().min(8).max(200),
    displayName: z.string().trim().min(1).max(30).optional(),
  })
  .strict();

/** A place a resident can pick: communities for the public list and link requests. */
export const Community = z.object({
  id: z.number().int(),
  name: z.string(),
  streetName: z.string(),
  centre: Point.nullable(),
});
export const CommunityList = z.object({ items: z.array(Community) });

/** One household address, found by the narrow lookup: the address only, never who lives there. */
export const AddressHit = z.object({ householdId: z.number().int(), address: z.string() });
export const AddressQuery = z
  .object({ communityId: z.coerce.number().int().positive(), q: z.string().trim().min(1).max(40) })
  .strict();
export const AddressList = z.object({ items: z.array(AddressHit) });

export const LINK_STATUSES = ['pending', 'confirmed', 'refused'] as const;
export const LinkStatus = z.enum(LINK_STATUSES);
export const LinkRequestBody = z.object({ householdId: z.number().int().positive() }).strict();
export const LinkRequest = z.object({
  id: z.number().int(),
  status: LinkStatus,
  householdId: z.number().int(),
  address: z.string(),
  communityName: z.string(),
  /** Shown to the community worker deciding, masked. */
  residentName: z.string(),
  phoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const LinkRequestList = z.object({ items: z.array(LinkRequest) });
export const LinkRequestQuery = z.object({ status: LinkStatus.default('pending') }).strict();
export const LinkDecisionBody = z
  .object({ confirm: z.boolean(), note: z.string().trim().max(200).optional() })
  .strict();

/** What a resident may send: no channel, no reporter fields, no "solved on the spot". */
export const PortalReportBody = z
  .object({
    categoryCode: z.string().regex(/^[A-Z]\d{4}$/),
    description: z.string().trim().min(1).max(1000),
    location: Point,
    address: z.string().trim().max(200).optional(),
    photos: z.array(z.string().uuid().toLowerCase()).max(6).default([]),
    anonymous: z.boolean().default(false),
  })
  .strict();
export type PortalReportBody = z.infer<typeof PortalReportBody>;

/** How a public report's point was coarsened: rounded to about 100 m, or moved to its grid's centre (sensitive matters). */
export const Coarsening = z.enum(['rounded', 'grid_centre']);

/** A report as anyone may see it: no names, phones, photos or exact points. */
export const PublicReport = z.object({
  id: z.number().int(),
  number: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  /** Null for sensitive categories, whose text is never public. */
  description: z.string().nullable(),
  status: CaseStatus,
  gridName: z.string(),
  location: Point.nullable(),
  coarsening: Coarsening,
  supportCount: z.number().int(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type PublicReport = z.infer<typeof PublicReport>;
export const PublicReportQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().optional().describe("omit for the whole home district's reports"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).strict();
export const PublicReportPage = pageOf(PublicReport);
export const SimilarQuery = z
  .object({
    categoryCode: z.string().regex(/^[A-Z]\d{4}$/),
    lat: z.coerce.number().min(-90).max(90),
    lng: z.coerce.number().min(-180).max(180),
  })
  .strict();
export const PublicReportList = z.object({ items: z.array(PublicReport) });
export const PointQuery = z
  .object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) })
  .strict();
/** The grid intake will file a point under, shown to the resident before sending. */
export const GridAt = z.object({ gridId: z.number().int(), gridName: z.string() });

/** One step of my report's timeline, in plain words (the web words it from `kind`). */
export const MyStep = z.object({
  at: z.string(),
  kind: z.string(),
  toStatus: CaseStatus.nullable(),
  text: z.string().nullable(),
  by: z
    .enum(['grid_worker', 'community_worker'])
    .nullable()
    .optional()
    .describe('on a verify step: the role of who checked on the spot'),
});

export const MyReport = z.object({
  id: z.number().int(),
  /** reporter: my own report; supporter: someone else's that I said "me too" to (its public fields only). */
  relation: z.enum(['reporter', 'supporter']),
  number: z.string(),
  version: z.number().int(),
  categoryName: z.string(),
  /** Null only for a supported report of a sensitive category, whose text is never public. */
  description: z.string().nullable(),
  status: CaseStatus,
  gridName: z.string(),
  address: z.string().nullable(),
  location: Point.nullable(),
  anonymous: z.boolean(),
  photos: z.array(z.string()),
  supportCount: z.number().int(),
  rating: Rating.nullable(),
  ratingComment: z.string().nullable(),
  reviewPending: z.boolean(),
  /** May rate now (closed and not yet rated): "not fixed" is the unsatisfied rating, which asks the community to review. */
  canRate: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  steps: z.array(MyStep),
});
export type MyReport = z.infer<typeof MyReport>;
export const MyReportPage = pageOf(MyReport.omit({ steps: true, photos: true }));
export const MyReportQuery = PageQuery.extend({ limit: z.coerce.number().int().min(1).max(50).default(20) }).strict();
export const RateBody = z
  .object({ version: z.number().int(), rating: Rating, comment: z.string().trim().max(300).optional() })
  .strict();

/** My household as a resident bound to it sees it: the address, the people in it (masked), the grid workers to call. */
export const MyHousehold = z.object({
  household: z.object({ id: z.number().int(), address: z.string(), communityName: z.string() }).nullable(),
  members: z.array(z.object({ nameMasked: z.string(), sex: z.enum(['male', 'female']), isMe: z.boolean() })),
  gridWorkers: z.array(z.object({ name: z.string(), phoneMasked: z.string().nullable() })),
});
