// The party organisation tree, parallel to the territory tree; each organisation is attached to a territory node.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory';

export const partyOrgs = pgTable(
  'party_orgs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    secretary: text('secretary'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('party_orgs_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('party_orgs_parent_idx').on(t.parentId),
    index('party_orgs_node_idx').on(t.nodeId),
  ],
);
