// 12345 hotline work orders (工单): the inbound webhook body, import previews, the order list, the unresolved queue, replies, rates.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';

/** Columns of the hotline's Excel/CSV export, in template order. */
export const HOTLINE_HEADERS = [
  '工单编号',
  '来电时间',
  '诉求人',
  '联系电话',
  '诉求内容',
  '地址',
  '诉求类型',
  '办理时限',
  '承办单位',
] as const;
export type HotlineField = (typeof HOTLINE_HEADERS)[number];

/**
 * Where an order stands: waiting for a person to pick the grid (address matched nothing) or the category
 * (type not in the mapping table), or turned into a case.
 */
export const ORDER_STATUSES = ['pending_address', 'pending_category', 'created'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** 不合理诉求: proposed by a handler, approved or refused by a street officer or district administrator. */
export const UNREASONABLE_STATES = ['proposed', 'approved', 'refused'] as const;
export const UnreasonableState = z.enum(UNREASONABLE_STATES);

const Phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确');

/** The JSON the hotline platform posts to POST /api/hotline/orders (signed, see the route). */
export const WebhookOrder = z
  .object({
    orderNo: z.string().trim().min(1).max(64).describe('工单编号'),
    calledAt: z.iso.datetime({ offset: true }).describe('来电时间, ISO 8601 with offset'),
    callerName: z.string().trim().max(50).optional().describe('诉求人'),
    callerPhone: Phone.optional().describe('联系电话'),
    content: z.string().trim().min(1).max(2000).describe('诉求内容'),
    address: z.string().trim().min(1).max(200).describe('地址'),
    requestType: z.string().trim().min(1).max(50).describe('诉求类型'),
    deadline: z.iso.datetime({ offset: true }).optional().describe('办理时限 of the hotline'),
    handlerUnit: z.string().trim().max(100).optional().describe('承办单位'),
  })
  .strict();
export type WebhookOrder = z.infer<typeof WebhookOrder>;

/** The hotline's follow-up call (回访) result, posted signed to POST /api/hotline/ratings once the case is closed. */
export const WebhookRating = z
  .object({
    orderNo: z.string().trim().min(1).max(64),
    rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']),
    comment: z.string().trim().max(500).optional(),
  })
  .strict();
export const WebhookRatingResult = z.object({
  orderId: z.number().int(),
  caseId: z.number().int(),
  rating: z.string(),
  changed: z.boolean(),
});

export const WebhookResult = z.object({
  orderId: z.number().int(),
  status: OrderStatus,
  caseId: z.number().int().nullable(),
  created: z.boolean(),
});

export const ImportIssue = z.object({ row: z.number().int(), field: z.string(), reason: z.string() });
export const HotlineImportPreview = z.object({
  id: z.string(),
  totalRows: z.number().int(),
  goodRows: z.number().int(),
  /** Good rows whose work-order number is already on record: committing skips them. */
  knownRows: z.number().int(),
  /** Good rows whose address matched no estate or building: they will wait in the unresolved queue. */
  unmatchedRows: z.number().int(),
  errors: z.array(ImportIssue),
  committedRows: z.number().int(),
  committed: z.boolean(),
});
export type HotlineImportPreview = z.infer<typeof HotlineImportPreview>;
export const HotlineImportResult = z.object({
  id: z.string(),
  orders: z.number().int(),
  cases: z.number().int(),
  pending: z.number().int(),
  skipped: z.number().int(),
});
export type HotlineImportResult = z.infer<typeof HotlineImportResult>;
export const ImportIdParams = z.object({ id: z.string().uuid() }).strict();

export const OrderQuery = PageQuery.extend({
  status: OrderStatus.optional(),
  unreasonable: UnreasonableState.optional(),
  q: z.string().trim().max(64).optional().describe('work-order number prefix or text in the address'),
  nodeId: z.coerce.number().int().positive().optional(),
});

export const OrderView = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  status: OrderStatus,
  calledAt: z.string(),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable().describe('masked'),
  content: z.string(),
  address: z.string(),
  requestType: z.string(),
  categoryCode: z.string().nullable(),
  hotlineDeadline: z.string().nullable(),
  handlerUnit: z.string().nullable(),
  source: z.enum(['webhook', 'import']),
  nodeId: z.number().int().nullable(),
  nodeName: z.string().nullable(),
  caseId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  caseStatus: z.string().nullable(),
  unreasonable: UnreasonableState.nullable(),
  unreasonableReason: z.string().nullable(),
  replyAt: z.string().nullable(),
  replyDeliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OrderView = z.infer<typeof OrderView>;
export const OrderPage = pageOf(OrderView);

export const OrderHistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export const OrderDetail = OrderView.extend({ history: z.array(OrderHistoryEntry) });

/** A person settles an unresolved order: a grid, estate or building for the address, and a category when the type was unknown. */
export const ResolveBody = z
  .object({
    nodeId: z.number().int().positive(),
    categoryCode: z
      .string()
      .regex(/^[A-Z]\d{4}$/)
      .optional(),
  })
  .strict();
export const ProposeBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export const DecideBody = z.object({ approve: z.boolean(), note: z.string().trim().max(500).optional() }).strict();

export const CategoryMapEntry = z.object({
  hotlineType: z.string().trim().min(1).max(50),
  categoryCode: z.string().regex(/^[A-Z]\d{4}$/),
});
export const CategoryMapList = z.object({
  items: z.array(CategoryMapEntry.extend({ categoryName: z.string().nullable() })),
});

/** How the three rates are counted; stored in hotline_settings, defaults in server/modules/hotline/formulas.ts. */
export const RateSettings = z
  .object({
    /** Hours after intake within which a case must be registered (受理) to count as responded. */
    responseHours: z.number().positive().max(720),
    /** rating_or_closure: a closed case counts as solved unless rated unsatisfied; rating_only: only rated satisfied/basically satisfied. */
    resolution: z.enum(['rating_or_closure', 'rating_only']),
    /** Weight of 满意 and 基本满意 in the satisfaction rate (some cities count 基本满意 as 0.8). */
    satisfiedWeight: z.number().min(0).max(1),
    basicallySatisfiedWeight: z.number().min(0).max(1),
  })
  .strict();
export type RateSettings = z.infer<typeof RateSettings>;

export const RatesQuery = z.object({
  nodeId: z.coerce.number().int().positive().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
const Rate = z.object({
  name: z.string(),
  formula: z.string(),
  numerator: z.number(),
  denominator: z.number().int(),
  value: z.number().nullable(),
});
export const HotlineRates = z.object({
  from: z.string(),
  to: z.string(),
  nodeId: z.number().int().nullable(),
  settings: RateSettings,
  /** Orders approved as unreasonable in the period's cases, left out of every rate. */
  excluded: z.number().int(),
  response: Rate,
  resolution: Rate,
  satisfaction: Rate,
});
export type HotlineRates = z.infer<typeof HotlineRates>;

export const RepliesQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });

/** What goes back to the hotline when a case is closed or voided (回单). */
export const ReplyPayload = z.object({
  orderNo: z.string(),
  caseNumber: z.string(),
  outcome: z.enum(['closed', 'voided']),
  result: z.string(),
  handlerUnit: z.string().nullable(),
  repliedAt: z.string(),
});
export type ReplyPayload = z.infer<typeof ReplyPayload>;
