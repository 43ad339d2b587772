// The points time bank (爱心银行, 积分制): a double-entry ledger. Accounts (a community's issuing account, a user's
// account, a partner merchant's account, a community's expiry sink), movements (one business event each) and their
// entries (never updated nor deleted: a trigger refuses it; a mistake is a reversal movement naming the one it
// reverses). Every movement's entries sum to zero, so the whole ledger does. The cached balance on an account is
// kept in the transaction that posts the entries and proven against their sum every night.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisations';
import { territoryNodes } from '../territory';
import { users } from '../users';

const num = (name: string) => bigint(name, { mode: 'number' });

export const pointsAccounts = pgTable(
  'points_accounts',
  {
    id: serial('id').primaryKey(),
    /** 'issuing' and 'expiry': one per community; 'user': one per user (通存通兑: one balance across the district); 'merchant': one per organisation. */
    kind: text('kind').notNull(),
    nodeId: integer('node_id').references(() => territoryNodes.id),
    userId: integer('user_id').references(() => users.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** The sum of this account's entries, kept in the posting transaction; the nightly proof checks it. */
    balance: num('balance').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    check('points_accounts_kind_check', sql`${t.kind} in ('issuing', 'user', 'merchant', 'expiry')`),
    check(
      'points_accounts_holder_check',
      sql`(${t.kind} in ('issuing', 'expiry') and ${t.nodeId} is not null) or (${t.kind} = 'user' and ${t.userId} is not null) or (${t.kind} = 'merchant' and ${t.organisationId} is not null)`,
    ),
    /** A holder's balance never goes below zero (the issuing account does: it is where points come from). */
    check('points_accounts_not_overdrawn', sql`${t.kind} = 'issuing' or ${t.balance} >= 0`),
    uniqueIndex('points_accounts_node_uq')
      .on(t.kind, t.nodeId)
      .where(sql`${t.kind} in ('issuing', 'expiry')`),
    uniqueIndex('points_accounts_user_uq')
      .on(t.userId)
      .where(sql`${t.kind} = 'user'`),
    uniqueIndex('points_accounts_org_uq')
      .on(t.organisationId)
      .where(sql`${t.kind} = 'merchant'`),
  ],
);

export const pointsMovements = pgTable(
  'points_movements',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    /** Idempotency: an award's job key, a grant's or redemption's client key (prefixed); one movement per key. */
    key: text('key'),
    /** The community the movement belongs to (the issuing one, the shop's, the household's). */
    nodeId: integer('node_id').references(() => territoryNodes.id),
    memo: text('memo').notNull(),
    source: text('source'),
    sourceRef: jsonb('source_ref').$type<{ kind: string; id: number }>(),
    /** The movement this one reverses; a movement is reversed at most once, and a reversal never is. */
    reversesId: integer('reverses_id'),
    reason: text('reason'),
    actorId: integer('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'points_movements_kind_check',
      sql`${t.kind} in ('award', 'grant', 'redeem', 'transfer', 'reversal', 'expiry')`,
    ),
    check('points_movements_reversal_check', sql`(${t.kind} = 'reversal') = (${t.reversesId} is not null)`),
    uniqueIndex('points_movements_key_uq').on(t.key),
    uniqueIndex('points_movements_reverses_uq').on(t.reversesId),
    index('points_movements_node_idx').on(t.nodeId, t.id),
  ],
);

export const pointsEntries = pgTable(
  'points_entries',
  {
    id: serial('id').primaryKey(),
    movementId: integer('movement_id')
      .notNull()
      .references(() => pointsMovements.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => pointsAccounts.id),
    /** Signed: + into the account, − out of it. */
    amount: num('amount').notNull(),
    /** For a credit to a holder under a rule with expiry: when these points lapse. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('points_entries_nonzero', sql`${t.amount} <> 0`),
    index('points_entries_account_idx').on(t.accountId, t.id),
    index('points_entries_movement_idx').on(t.movementId),
  ],
);

export const pointsRules = pgTable('points_rules', {
  nodeId: integer('node_id')
    .primaryKey()
    .references(() => territoryNodes.id),
  /** Points per hour of volunteering: { default: n, <activityType>: n }. */
  hourRates: jsonb('hour_rates').$type<Record<string, number>>().notNull(),
  wishFulfilled: integer('wish_fulfilled').notNull(),
  participation: integer('participation').notNull(),
  projectDone: integer('project_done').notNull(),
  expiryMonths: integer('expiry_months'),
  poolingAllowed: boolean('pooling_allowed').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const pointsItems = pgTable(
  'points_items',
  {
    id: serial('id').primaryKey(),
    /** The community whose shop offers it (redeemable from anywhere in the same district). */
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    /** The partner merchant giving the goods or service; the points go to its account. */
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    description: text('description'),
    price: integer('price').notNull(),
    stock: integer('stock').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('points_items_price_check', sql`${t.price} > 0`),
    check('points_items_stock_check', sql`${t.stock} >= 0`),
    index('points_items_node_idx').on(t.nodeId),
  ],
);

export const pointsRedemptions = pgTable(
  'points_redemptions',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => pointsItems.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    clientKey: text('client_key').notNull(),
    movementId: integer('movement_id')
      .notNull()
      .references(() => pointsMovements.id),
    quantity: integer('quantity').notNull(),
    points: integer('points').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('points_redemptions_key_uq').on(t.userId, t.clientKey),
    uniqueIndex('points_redemptions_movement_uq').on(t.movementId),
    index('points_redemptions_item_idx').on(t.itemId),
  ],
);

/** Each night's proof: every cached balance equals its entries' sum, every movement and the ledger sum to zero. */
export const pointsProofs = pgTable('points_proofs', {
  id: serial('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  ok: boolean('ok').notNull(),
  accounts: integer('accounts').notNull(),
  entries: integer('entries').notNull(),
  total: num('total').notNull(),
  mismatched: jsonb('mismatched').$type<{ accountId: number; cached: number; sum: number }[]>().notNull(),
  unbalancedMovements: jsonb('unbalanced_movements').$type<number[]>().notNull(),
});
