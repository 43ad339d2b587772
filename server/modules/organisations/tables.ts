// Departments, partner units, property companies and social organisations, each seated at a territory node.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory';

export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('organisations_node_idx').on(t.nodeId), index('organisations_kind_idx').on(t.kind, t.id)],
);
