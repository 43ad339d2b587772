// User accounts and role bindings (a role bound to a territory node, or to an organisation).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory';
import { organisations } from '../organisations';

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    /**
     * The phone in the clear, as databases before issue 11 held it: emptied at start by seed/seal-phones.ts into the
     * three columns below, never written, and to be dropped by a later migration.
     */
    legacyPhone: text('phone').unique(),
    /** The phone is never stored in the clear: ciphertext, keyed blind index (one account per phone), last four digits. */
    phoneCipher: text('phone_cipher'),
    phoneHash: text('phone_hash').unique(),
    phoneTail: text('phone_tail'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('users_phone_tail_idx').on(t.phoneTail)],
);

export const roleBindings = pgTable(
  'role_bindings',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    nodeId: integer('node_id').references(() => territoryNodes.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('role_bindings_user_idx').on(t.userId),
    index('role_bindings_node_idx').on(t.nodeId),
    uniqueIndex('role_bindings_unique').on(t.userId, t.role, t.nodeId, t.organisationId),
  ],
);
