// The territory tree. `path` is the materialised path of ids ('/1/4/17/'), so "everything under a node" is one indexed LIKE.
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Geometry } from '../../../contracts/common';

export const territoryNodes = pgTable(
  'territory_nodes',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    gridKind: text('grid_kind'),
    geometry: jsonb('geometry').$type<Geometry>(),
    /** Bounding box of `geometry`, kept by the repo, so "which grid holds this point" starts with an indexed range test. */
    minLng: doublePrecision('min_lng'),
    minLat: doublePrecision('min_lat'),
    maxLng: doublePrecision('max_lng'),
    maxLat: doublePrecision('max_lat'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index('territory_nodes_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('territory_nodes_parent_idx').on(t.parentId, t.code),
    index('territory_nodes_kind_idx').on(t.kind),
    index('territory_nodes_bbox_idx').on(t.kind, t.minLat, t.maxLat),
  ],
);
