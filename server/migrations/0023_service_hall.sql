CREATE TABLE "duty_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"list" text NOT NULL,
	"matter" text NOT NULL,
	"item_code" text
);
--> statement-breakpoint
CREATE TABLE "service_applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"item_code" text NOT NULL,
	"node_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"resident_id" integer,
	"applicant_user_id" integer,
	"applicant_name" text NOT NULL,
	"submitted_by_user_id" integer NOT NULL,
	"submitted_by_name" text,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"organisation_id" integer,
	"note" text,
	"outcome_note" text,
	"due_at" timestamp with time zone,
	"overdue_since" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_on_time" boolean,
	"rating" integer,
	"rating_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_applications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "service_classes" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "service_idempotency" (
	"user_id" integer NOT NULL,
	"key" text NOT NULL,
	"application_id" bigint NOT NULL,
	CONSTRAINT "service_idempotency_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "service_items" (
	"code" text PRIMARY KEY NOT NULL,
	"class_code" text NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"description" text,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"eligibility" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"limit_days" integer,
	"response_minutes" integer,
	"organisation_id" integer,
	"channels" jsonb DEFAULT '["hall","online"]'::jsonb NOT NULL,
	"fee" text,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_materials" (
	"application_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "service_materials_application_id_code_pk" PRIMARY KEY("application_id","code")
);
--> statement-breakpoint
CREATE TABLE "service_switches" (
	"node_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"enabled" boolean NOT NULL,
	CONSTRAINT "service_switches_node_id_item_code_pk" PRIMARY KEY("node_id","item_code")
);
--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_application_id_service_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."service_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_class_code_service_classes_code_fk" FOREIGN KEY ("class_code") REFERENCES "public"."service_classes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_materials" ADD CONSTRAINT "service_materials_application_id_service_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."service_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_switches" ADD CONSTRAINT "service_switches_item_code_service_items_code_fk" FOREIGN KEY ("item_code") REFERENCES "public"."service_items"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duty_entries_node_idx" ON "duty_entries" USING btree ("node_id","list");--> statement-breakpoint
CREATE INDEX "service_applications_path_idx" ON "service_applications" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "service_applications_node_idx" ON "service_applications" USING btree ("node_id","status","id");--> statement-breakpoint
CREATE INDEX "service_applications_org_idx" ON "service_applications" USING btree ("organisation_id","id");--> statement-breakpoint
CREATE INDEX "service_applications_applicant_idx" ON "service_applications" USING btree ("applicant_user_id","id");--> statement-breakpoint
CREATE INDEX "service_applications_created_idx" ON "service_applications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "service_events_app_idx" ON "service_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "service_events_action_idx" ON "service_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "service_items_class_idx" ON "service_items" USING btree ("class_code","sort");