// The one way other modules ask the points time bank (爱心银行, 积分制) to credit points: a durable job enqueued in the
// caller's own transaction (so a credit is never lost when the caller's write commits, and never made when it rolls
// back). The points module defines the handler; it posts one movement per `key`, so a retried job credits once.
import { z } from 'zod';

/** The job name modules enqueue with `deps.jobs.enqueue(tx, POINTS_AWARD_JOB, payload)`. */
export const POINTS_AWARD_JOB = 'points.award';

/** What earned the points; the community's rules turn each into a number of points. */
export const POINTS_SOURCES = [
  'volunteer_hours', // hours confirmed by an activity's organiser (quantity = hours)
  'wish_fulfilled', // a micro-wish delivered and confirmed by the resident (quantity = 1)
  'participation', // a resident's part in a clean-up, a council meeting, a class (quantity = 1)
  'project_done', // a co-building project done and rated (quantity = 1)
] as const;
export const PointsSource = z.enum(POINTS_SOURCES);
export type PointsSource = z.infer<typeof PointsSource>;

export const PointsAward = z
  .object({
    /** Idempotency: one movement per key for ever, e.g. `wish:42:fulfilled`, `activity:7:shift:3:user:19`. */
    key: z.string().min(1).max(200),
    /** The community whose issuing account pays (its rules price the source). */
    communityId: z.number().int().positive(),
    /** The account credited: a user (volunteer, party member, resident). */
    userId: z.number().int().positive(),
    source: PointsSource,
    /** Hours for volunteer_hours (up to two decimals), 1 otherwise. */
    quantity: z.number().positive().max(1000),
    /** Optional activity type for volunteer_hours (the rule per activity type), e.g. 'elderly_care'. */
    activityType: z.string().max(40).optional(),
    /** Plain words shown on the holder's statement, e.g. "微心愿：为王奶奶买助行器". Never personal data of others. */
    memo: z.string().max(200),
    /** Where the credit came from, for the ledger and the audit: e.g. { kind: 'wish', id: 42 }. */
    sourceRef: z.object({ kind: z.string().max(40), id: z.number().int().positive() }),
  })
  .strict();
export type PointsAward = z.infer<typeof PointsAward>;

// ---- The time bank's own API (accounts, statement, rules, shop, redemptions, reversals, proof) ----

export const ACCOUNT_KINDS = ['issuing', 'user', 'merchant', 'expiry'] as const;
export const MOVEMENT_KINDS = ['award', 'grant', 'redeem', 'transfer', 'reversal', 'expiry'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const StatementLine = z.object({
  movementId: z.number().int(),
  kind: z.enum(MOVEMENT_KINDS),
  amount: z.number().int().describe('signed: + credited to the holder, − debited'),
  memo: z.string(),
  at: z.string(),
  expiresAt: z.string().nullable(),
  reversesId: z.number().int().nullable(),
  reversed: z.boolean(),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const MyPoints = z.object({
  accountId: z.number().int().nullable(),
  balance: z.number().int(),
  statement: z.array(StatementLine),
  /** Whether the holder may give points to a member of their household (the community allows pooling). */
  canPool: z.boolean(),
});
export type MyPoints = z.infer<typeof MyPoints>;

export const PointsRule = z.object({
  communityId: z.number().int(),
  communityName: z.string(),
  /** Points per hour of volunteering: `default`, and per activity type. */
  hourRates: z.record(z.string().max(40), z.number().int().min(0).max(1000)),
  wishFulfilled: z.number().int().min(0).max(10000),
  participation: z.number().int().min(0).max(10000),
  projectDone: z.number().int().min(0).max(10000),
  /** Months after which credited points lapse; null: never. */
  expiryMonths: z.number().int().min(1).max(120).nullable(),
  poolingAllowed: z.boolean(),
  custom: z.boolean().describe('false: the default rule, never set for this community'),
});
export type PointsRule = z.infer<typeof PointsRule>;
export const PointsRuleList = z.object({ items: z.array(PointsRule) });
export const PutRuleBody = PointsRule.omit({ communityId: true, communityName: true, custom: true })
  .extend({ hourRates: z.record(z.string().min(1).max(40), z.number().int().min(0).max(1000)) })
  .strict();
export type PutRuleBody = z.infer<typeof PutRuleBody>;

export const ShopItem = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  organisationId: z.number().int(),
  merchantName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  price: z.number().int(),
  stock: z.number().int(),
  active: z.boolean(),
});
export type ShopItem = z.infer<typeof ShopItem>;
export const ShopItemList = z.object({ items: z.array(ShopItem) });
export const CreateItemBody = z
  .object({
    communityId: z.number().int().positive(),
    organisationId: z.number().int().positive(),
    name: z.string().trim().min(1).max(60),
    description: z.string().trim().max(300).optional(),
    price: z.number().int().min(1).max(1_000_000),
    stock: z.number().int().min(0).max(100_000),
  })
  .strict();
export type CreateItemBody = z.infer<typeof CreateItemBody>;
export const UpdateItemBody = z
  .object({
    price: z.number().int().min(1).max(1_000_000).optional(),
    /** Stock added (positive) or withdrawn (negative); never below zero. */
    stockDelta: z.number().int().min(-100_000).max(100_000).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateItemBody = z.infer<typeof UpdateItemBody>;

export const RedeemBody = z
  .object({
    itemId: z.number().int().positive(),
    quantity: z.number().int().min(1).max(20).default(1),
    /** The client's key for this redemption: a repeated request with the same key redeems once. */
    clientKey: z.string().min(8).max(100),
  })
  .strict();
export type RedeemBody = z.input<typeof RedeemBody>;
export const Redemption = z.object({
  id: z.number().int(),
  movementId: z.number().int(),
  itemId: z.number().int(),
  quantity: z.number().int(),
  points: z.number().int(),
  balance: z.number().int(),
  repeated: z.boolean().describe('true when this key had already redeemed (nothing new was taken)'),
});
export type Redemption = z.infer<typeof Redemption>;

export const TransferBody = z
  .object({
    toUserId: z.number().int().positive(),
    amount: z.number().int().min(1).max(100_000),
    clientKey: z.string().min(8).max(100),
  })
  .strict();
export type TransferBody = z.infer<typeof TransferBody>;
export const HouseholdMember = z.object({ userId: z.number().int(), displayName: z.string() });
export const HouseholdMembers = z.object({ items: z.array(HouseholdMember) });

export const GrantBody = z
  .object({
    communityId: z.number().int().positive(),
    userId: z.number().int().positive(),
    memo: z.string().trim().min(1).max(200),
    /** The worker's key for this grant (one person, one event): a repeated grant with it credits once. */
    key: z.string().min(8).max(100),
  })
  .strict();
export type GrantBody = z.infer<typeof GrantBody>;

/** A participation grant to several people of one event (a clean-up, a council meeting): all or none, in one transaction. */
export const GrantManyBody = z
  .object({
    communityId: z.number().int().positive(),
    /** The people credited; each gets the rule's participation points once for this key. */
    userIds: z
      .array(z.number().int().positive())
      .min(1)
      .max(200)
      .refine((a) => new Set(a).size === a.length, 'a person appears once'),
    memo: z.string().trim().min(1).max(200),
    /** The worker's key for this event: a repeated grant with it credits nobody twice. */
    key: z.string().min(8).max(100),
  })
  .strict();
export type GrantManyBody = z.infer<typeof GrantManyBody>;
export const GrantManyResult = z.object({
  items: z.array(
    z.object({
      userId: z.number().int(),
      movementId: z.number().int(),
      amount: z.number().int(),
      repeated: z.boolean().describe('true when this person had already been granted under this key'),
    }),
  ),
});
export type GrantManyResult = z.infer<typeof GrantManyResult>;

/** The people of a community a worker may grant to (anyone bound there: residents of its households, volunteers). */
export const HolderQuery = z
  .object({
    communityId: z.coerce.number().int().positive(),
    q: z.string().trim().max(50).optional(),
  })
  .strict();
export const Holder = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  /** Where they are bound (their household's or the community's name). */
  place: z.string(),
  balance: z.number().int(),
});
export const HolderList = z.object({ items: z.array(Holder) });

export const ReverseBody = z.object({ reason: z.string().trim().min(2).max(200) }).strict();
export const MovementResult = z.object({ movementId: z.number().int(), amount: z.number().int() });

export const AccountRow = z.object({
  id: z.number().int(),
  kind: z.enum(ACCOUNT_KINDS),
  /** The holder's user for a personal account (a grant names it), else null. */
  userId: z.number().int().nullable(),
  holder: z.string(),
  communityName: z.string().nullable(),
  balance: z.number().int(),
});
export const AccountList = z.object({ items: z.array(AccountRow) });

export const MovementRow = z.object({
  id: z.number().int(),
  kind: z.enum(MOVEMENT_KINDS),
  communityName: z.string().nullable(),
  memo: z.string(),
  amount: z.number().int().describe('the sum of the positive entries'),
  at: z.string(),
  reversesId: z.number().int().nullable(),
  reversed: z.boolean(),
});
export const MovementList = z.object({ items: z.array(MovementRow) });

export const ProofResult = z.object({
  id: z.number().int(),
  at: z.string(),
  ok: z.boolean(),
  accounts: z.number().int(),
  entries: z.number().int(),
  total: z.number().int().describe('the sum of every entry: 0 when the ledger balances'),
  mismatched: z.array(z.object({ accountId: z.number().int(), cached: z.number().int(), sum: z.number().int() })),
  unbalancedMovements: z.array(z.number().int()),
});
export type ProofResult = z.infer<typeof ProofResult>;
export const ProofStatus = z.object({ last: ProofResult.nullable() });

export const PointsLedgerQuery = z
  .object({
    nodeId: z.coerce.number().int().positive(),
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .strict();
