// Attachments: one row per uploaded file; the bytes live in file storage under the row's id.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const attachments = pgTable(
  'attachments',
  {
    /** Also the storage key of the original (and, with a suffix, of the thumbnail). */
    id: uuid('id').primaryKey(),
    uploaderId: integer('uploader_id').notNull(),
    mime: text('mime').notNull(),
    /** Bytes of the stored original, after re-encoding. */
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** SHA-256 (hex) of the stored original. */
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('attachments_uploader_idx').on(t.uploaderId, t.createdAt)],
);
