-- The metrics counts (server/modules/metrics/formulas.ts countPredicates) read only these columns of a territory's
-- cases: with them in the index the counts are an index-only scan. Written by hand: Drizzle cannot declare INCLUDE.
CREATE INDEX IF NOT EXISTS "cases_metrics_cover_idx" ON "cases" USING btree ("node_path" text_pattern_ops)
  INCLUDE ("status", "registered_at", "dispatched_at", "closed_at", "closed_on_time", "overdue_since", "rework_count", "extension_count", "return_count", "rating");
