CREATE INDEX "case_events_photos_idx" ON "case_events" USING gin ("photos" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "cases_photos_idx" ON "cases" USING gin ("photos" jsonb_path_ops);