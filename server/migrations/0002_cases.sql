CREATE TABLE "case_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"parent_code" text,
	"kind" text NOT NULL,
	"triage_default" text,
	"limits" jsonb,
	"required_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"data" jsonb,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_participants" (
	"case_id" bigint NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" text NOT NULL,
	"reported_in_at" timestamp with time zone,
	CONSTRAINT "case_participants_case_id_organisation_id_pk" PRIMARY KEY("case_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"category_code" text NOT NULL,
	"description" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"grid_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"status" text NOT NULL,
	"triage" text,
	"assignee_organisation_id" integer,
	"assignee_node_id" integer,
	"suggested_organisation_id" integer,
	"reporter_user_id" integer,
	"reporter_name" text,
	"reporter_phone" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"self_handled" boolean DEFAULT false NOT NULL,
	"external_ref" text,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"stage_started_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"overdue_since" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"extension_pending" boolean DEFAULT false NOT NULL,
	"extension_requested_days" integer,
	"return_count" integer DEFAULT 0 NOT NULL,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"urge_count" integer DEFAULT 0 NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"merged_into" bigint,
	"rating" text,
	"rating_comment" text,
	"review_pending" boolean DEFAULT false NOT NULL,
	"registered_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_on_time" boolean,
	"shelved_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"key" text NOT NULL,
	"case_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "responsibility_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_code" text NOT NULL,
	"node_id" integer NOT NULL,
	"organisation_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_participants" ADD CONSTRAINT "case_participants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_grid_id_territory_nodes_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_rules" ADD CONSTRAINT "responsibility_rules_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_rules" ADD CONSTRAINT "responsibility_rules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_events_action_idx" ON "case_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "case_participants_org_idx" ON "case_participants" USING btree ("organisation_id","case_id");--> statement-breakpoint
CREATE INDEX "cases_path_idx" ON "cases" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "cases_assignee_org_idx" ON "cases" USING btree ("assignee_organisation_id","status","id");--> statement-breakpoint
CREATE INDEX "cases_assignee_node_idx" ON "cases" USING btree ("assignee_node_id","status","id");--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "cases" USING btree ("reporter_user_id","id");--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_external_ref_idx" ON "cases" USING btree ("channel","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "responsibility_rules_unique" ON "responsibility_rules" USING btree ("category_code","node_id");