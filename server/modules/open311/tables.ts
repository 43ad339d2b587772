// Open311 API keys (one service account each) and what an Open311 POST left beside its case (token, media URL).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { cases } from '../cases';
import { users } from '../users';

/** Only the SHA-256 of a key is kept; the plain key is shown once, when it is created. */
export const open311ApiKeys = pgTable(
  'open311_api_keys',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    /** The first characters of the key, so an administrator can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** The service account that reports the client's cases (reporterUserId, idempotency keys). */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('open311_api_keys_created_idx').on(t.createdAt)],
);

/** One row per case that came in through Open311. */
export const open311Requests = pgTable('open311_requests', {
  caseId: bigint('case_id', { mode: 'number' })
    .primaryKey()
    .references(() => cases.id),
  apiKeyId: integer('api_key_id')
    .notNull()
    .references(() => open311ApiKeys.id),
  /** Also the case's externalRef; GET tokens/{token} resolves it. */
  token: text('token').notNull().unique(),
  mediaUrl: text('media_url'),
  createdAt: timestamp('created_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});
