-- Stage times of cases recorded before the columns existed, rebuilt from the timeline: a visit of a status runs from the
-- transition into it to the next transition; a stage's time is the sum of its visits, stamped with the last one's end.
-- server/modules/cases/stage-time.ts runs this same file after loading cases and events directly.
WITH visits AS (
  SELECT case_id, to_status AS status, at AS entered, lead(at) OVER (PARTITION BY case_id ORDER BY at, id) AS left_at
  FROM case_events
  WHERE to_status IS NOT NULL AND to_status IS DISTINCT FROM from_status
), per_stage AS (
  SELECT case_id,
         sum(extract(epoch FROM left_at - entered)) FILTER (WHERE status = 'registered')::float8 AS dispatch_secs,
         max(left_at) FILTER (WHERE status = 'registered') AS dispatch_left_at,
         sum(extract(epoch FROM left_at - entered)) FILTER (WHERE status = 'dispatched')::float8 AS accept_secs,
         max(left_at) FILTER (WHERE status = 'dispatched') AS accept_left_at,
         sum(extract(epoch FROM left_at - entered)) FILTER (WHERE status = 'handling')::float8 AS handle_secs,
         max(left_at) FILTER (WHERE status = 'handling') AS handle_left_at,
         sum(extract(epoch FROM left_at - entered)) FILTER (WHERE status = 'replied')::float8 AS verify_secs,
         max(left_at) FILTER (WHERE status = 'replied') AS verify_left_at
  FROM visits
  WHERE left_at IS NOT NULL AND status IN ('registered', 'dispatched', 'handling', 'replied')
  GROUP BY case_id
)
UPDATE cases c
SET dispatch_secs = p.dispatch_secs, dispatch_left_at = p.dispatch_left_at,
    accept_secs = p.accept_secs, accept_left_at = p.accept_left_at,
    handle_secs = p.handle_secs, handle_left_at = p.handle_left_at,
    verify_secs = p.verify_secs, verify_left_at = p.verify_left_at
FROM per_stage p
WHERE c.id = p.case_id;
--> statement-breakpoint
-- The metrics read counts and stage medians in one index-only scan of a territory's cases: the index carries every
-- column they look at (server/modules/metrics/formulas.ts), including the ones they group by.
DROP INDEX IF EXISTS "cases_metrics_cover_idx";
--> statement-breakpoint
CREATE INDEX "cases_metrics_cover_idx" ON "cases" USING btree ("node_path" text_pattern_ops)
  INCLUDE ("status", "registered_at", "dispatched_at", "closed_at", "closed_on_time", "overdue_since", "rework_count", "extension_count", "return_count", "rating",
           "dispatch_secs", "dispatch_left_at", "accept_secs", "accept_left_at", "handle_secs", "handle_left_at", "verify_secs", "verify_left_at",
           "category_code", "channel", "assignee_organisation_id");
