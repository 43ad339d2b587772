// 12345 work orders and their unresolved queue, pending imports, the type → category mapping, and the rate settings.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { RateSettings, ReplyPayload } from '../../../contracts/hotline';
import { cases } from '../cases';
import { territoryNodes } from '../territory';
import { users } from '../users';
import { previewColumns } from '../../platform/imports/tables';

export const hotlineOrders = pgTable(
  'hotline_orders',
  {
    id: serial('id').primaryKey(),
    /** 工单编号: the hotline's own number; one order per number, whichever way it arrives, however often. */
    orderNo: text('order_no').notNull(),
    status: text('status').notNull(),
    source: text('source').notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    callerName: text('caller_name'),
    /** Before issue 11 the phone in the clear: emptied at start by seed/seal-phones.ts, never written, dropped later. */
    legacyCallerPhone: text('caller_phone'),
    /** The caller's phone: ciphertext, keyed blind index, last four digits (as a resident's phone). */
    callerPhoneCipher: text('caller_phone_cipher'),
    callerPhoneHash: text('caller_phone_hash'),
    callerPhoneTail: text('caller_phone_tail'),
    content: text('content').notNull(),
    address: text('address').notNull(),
    requestType: text('request_type').notNull(),
    categoryCode: text('category_code'),
    /** 办理时限 as the hotline set it: shown and exported; the case's own limits come from its category. */
    hotlineDeadline: timestamp('hotline_deadline', { withTimezone: true }),
    handlerUnit: text('handler_unit'),
    /** The matched (or picked) grid, estate or building; null while the address is unresolved. */
    nodeId: integer('node_id').references(() => territoryNodes.id),
    /** Territory path for scoping: the matched node's, or while unresolved the path of the scope it arrived in. */
    nodePath: text('node_path').notNull(),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id),
    unreasonable: text('unreasonable'),
    unreasonableReason: text('unreasonable_reason'),
    /** The reply sent back (回单), snapshotted when the case closed or was voided; `replyKey` says which closure it answers. */
    reply: jsonb('reply').$type<ReplyPayload>(),
    replyKey: text('reply_key'),
    replyAt: timestamp('reply_at', { withTimezone: true }),
    replyDeliveredAt: timestamp('reply_delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    uniqueIndex('hotline_orders_no_idx').on(t.orderNo),
    uniqueIndex('hotline_orders_case_idx').on(t.caseId),
    index('hotline_orders_path_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('hotline_orders_status_idx').on(t.status, t.id),
    index('hotline_orders_reply_idx').on(t.replyAt),
  ],
);

/** An uploaded export awaiting commit: checked rows and every explained error; `committedRows` shows progress. */
export const hotlineImports = pgTable(
  'hotline_imports',
  {
    ...previewColumns(() => users.id),
    knownRows: integer('known_rows').notNull(),
    unmatchedRows: integer('unmatched_rows').notNull(),
    committedRows: integer('committed_rows').notNull().default(0),
  },
  (t) => [index('hotline_imports_creator_idx').on(t.createdBy, t.createdAt)],
);

/** 诉求类型 as the hotline writes it → our category code. Seeded with defaults when empty; administrators keep it. */
export const hotlineCategoryMap = pgTable('hotline_category_map', {
  hotlineType: text('hotline_type').primaryKey(),
  categoryCode: text('category_code').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

/** One row (id 1) holding the rate formula choices; absent means the defaults in formulas.ts. */
export const hotlineSettings = pgTable('hotline_settings', {
  id: integer('id').primaryKey(),
  rates: jsonb('rates').$type<RateSettings>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

export type OrderRow = typeof hotlineOrders.$inferSelect;
