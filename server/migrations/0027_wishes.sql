CREATE TABLE "wish_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"wish_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "wish_settings" (
	"node_id" integer PRIMARY KEY NOT NULL,
	"value_limit" integer NOT NULL,
	"lease_days" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wishes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"resident_id" integer,
	"resident_user_id" integer,
	"resident_name" text NOT NULL,
	"posted_by_user_id" integer NOT NULL,
	"posted_by_name" text,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"category" text NOT NULL,
	"text" text NOT NULL,
	"value" integer NOT NULL,
	"status" text NOT NULL,
	"refuse_reason" text,
	"decided_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"claimer_user_id" integer,
	"claimer_name" text,
	"claimed_at" timestamp with time zone,
	"first_claimed_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"delivery_note" text,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confirmed_by_user_id" integer,
	"fulfilled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wish_events_wish_idx" ON "wish_events" USING btree ("wish_id","id");--> statement-breakpoint
CREATE INDEX "wish_events_actor_idx" ON "wish_events" USING btree ("actor_id","action");--> statement-breakpoint
CREATE INDEX "wishes_path_idx" ON "wishes" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "wishes_wall_idx" ON "wishes" USING btree ("node_id","status","id");--> statement-breakpoint
CREATE INDEX "wishes_resident_user_idx" ON "wishes" USING btree ("resident_user_id","id");--> statement-breakpoint
CREATE INDEX "wishes_posted_by_idx" ON "wishes" USING btree ("posted_by_user_id","id");--> statement-breakpoint
CREATE INDEX "wishes_claimer_idx" ON "wishes" USING btree ("claimer_user_id","id");--> statement-breakpoint
CREATE INDEX "wishes_created_idx" ON "wishes" USING btree ("created_at");