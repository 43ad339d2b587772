// The columns every stored import preview has (a module's own table adds its counts): the checked rows and every
// explained problem wait there under the import's key until the commit.
import { sql } from 'drizzle-orm';
import { integer, jsonb, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** `createdBy` names the users' id column (a module's table, so the platform takes it as an argument). */
export const previewColumns = (usersId: () => AnyPgColumn) => ({
  id: text('id').primaryKey(),
  createdBy: integer('created_by').notNull().references(usersId),
  fileName: text('file_name'),
  rows: jsonb('rows').notNull(),
  errors: jsonb('errors').notNull(),
  totalRows: integer('total_rows').notNull(),
  committedAt: timestamp('committed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});
