// Micro-wishes: each community's limits, the wishes (one row each, its state and its current claim), and their
// immutable timeline.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A community's value limit (yuan) and claim lease (days); a community without a row has the defaults. */
export const wishSettings = pgTable('wish_settings', {
  nodeId: integer('node_id').primaryKey(),
  valueLimit: integer('value_limit').notNull(),
  leaseDays: integer('lease_days').notNull(),
});

export const wishes = pgTable(
  'wishes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The community whose wall shows it. */
    nodeId: integer('node_id').notNull(),
    /** The resident's household path (or the community's), so scoping is one indexed predicate. */
    nodePath: text('node_path').notNull(),
    residentId: integer('resident_id'),
    /** The resident's account, who confirms; null for a resident without one (their grid worker confirms). */
    residentUserId: integer('resident_user_id'),
    /** Kept for staff and the resident; the wall shows it masked only. */
    residentName: text('resident_name').notNull(),
    postedByUserId: integer('posted_by_user_id').notNull(),
    postedByName: text('posted_by_name'),
    onBehalf: boolean('on_behalf').notNull().default(false),
    category: text('category').notNull(),
    text: text('text').notNull(),
    value: integer('value').notNull(),
    status: text('status').notNull(),
    refuseReason: text('refuse_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The current claim (a lease): who holds it and until when. Null when the wish is not held. */
    claimerUserId: integer('claimer_user_id'),
    claimerName: text('claimer_name'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    firstClaimedAt: timestamp('first_claimed_at', { withTimezone: true }),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deliveryNote: text('delivery_note'),
    photos: jsonb('photos')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    confirmedByUserId: integer('confirmed_by_user_id'),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('wishes_path_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('wishes_wall_idx').on(t.nodeId, t.status, t.id),
    index('wishes_resident_user_idx').on(t.residentUserId, t.id),
    index('wishes_posted_by_idx').on(t.postedByUserId, t.id),
    index('wishes_claimer_idx').on(t.claimerUserId, t.id),
    index('wishes_created_idx').on(t.createdAt),
  ],
);

/** Every step of a wish, never changed once written (claims that lapsed stay here: a claimer's record). */
export const wishEvents = pgTable(
  'wish_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    wishId: bigint('wish_id', { mode: 'number' })
      .notNull()
      .references(() => wishes.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (t) => [index('wish_events_wish_idx').on(t.wishId, t.id), index('wish_events_actor_idx').on(t.actorId, t.action)],
);
