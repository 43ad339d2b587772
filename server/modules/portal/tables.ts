// The resident portal's own tables: one-time sign-up codes and household link requests.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory';
import { users } from '../users';

/** One-time codes. The phone is kept only as its blind index and the code only as a salted hash. */
export const portalOtps = pgTable(
  'portal_otps',
  {
    id: serial('id').primaryKey(),
    phoneIndex: text('phone_index').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    index('portal_otps_phone_idx').on(t.phoneIndex, t.createdAt),
    index('portal_otps_ip_idx').on(t.ip, t.createdAt),
  ],
);

/** A resident asks to be linked to a household; a worker of its community confirms or refuses. */
export const portalLinkRequests = pgTable(
  'portal_link_requests',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => territoryNodes.id),
    /** The household's path, so a community worker's list is one LIKE on their community's path. */
    nodePath: text('node_path').notNull(),
    status: text('status').notNull().default('pending'),
    note: text('note'),
    decidedBy: integer('decided_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('portal_link_requests_path_idx').using('btree', t.nodePath.op('text_pattern_ops')),
    // One open request per resident at a time.
    uniqueIndex('portal_link_requests_pending_idx')
      .on(t.userId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
