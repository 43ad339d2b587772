CREATE TABLE "diary_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_user_id" integer NOT NULL,
	"occurred_on" date NOT NULL,
	"grid_node_id" integer NOT NULL,
	"household_node_id" integer,
	"node_path" text NOT NULL,
	"place" text,
	"resident_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"content" text NOT NULL,
	"follow_up" text,
	"case_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "open311_api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"case_id" bigint PRIMARY KEY NOT NULL,
	"api_key_id" integer NOT NULL,
	"token" text NOT NULL,
	"media_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open311_requests_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "hotline_category_map" (
	"hotline_type" text PRIMARY KEY NOT NULL,
	"category_code" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" integer NOT NULL,
	"file_name" text,
	"rows" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"total_rows" integer NOT NULL,
	"known_rows" integer NOT NULL,
	"unmatched_rows" integer NOT NULL,
	"committed_rows" integer DEFAULT 0 NOT NULL,
	"committed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"caller_name" text,
	"caller_phone" text,
	"content" text NOT NULL,
	"address" text NOT NULL,
	"request_type" text NOT NULL,
	"category_code" text,
	"hotline_deadline" timestamp with time zone,
	"handler_unit" text,
	"node_id" integer,
	"node_path" text NOT NULL,
	"case_id" bigint,
	"unreasonable" text,
	"unreasonable_reason" text,
	"reply" jsonb,
	"reply_key" text,
	"reply_at" timestamp with time zone,
	"reply_delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"rates" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "id_cipher" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "id_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "id_tail" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "case_participants" ADD COLUMN "report_in_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "id_kind" text DEFAULT 'resident_id' NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "no_id_reason" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "moved_out_to" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_grid_node_id_territory_nodes_id_fk" FOREIGN KEY ("grid_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_household_node_id_territory_nodes_id_fk" FOREIGN KEY ("household_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_api_keys" ADD CONSTRAINT "open311_api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_api_key_id_open311_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."open311_api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_imports" ADD CONSTRAINT "hotline_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD CONSTRAINT "hotline_orders_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD CONSTRAINT "hotline_orders_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diary_grid_day_idx" ON "diary_entries" USING btree ("grid_node_id","occurred_on");--> statement-breakpoint
CREATE INDEX "diary_author_day_idx" ON "diary_entries" USING btree ("author_user_id","occurred_on");--> statement-breakpoint
CREATE INDEX "open311_api_keys_created_idx" ON "open311_api_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "hotline_imports_creator_idx" ON "hotline_imports" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_orders_no_idx" ON "hotline_orders" USING btree ("order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_orders_case_idx" ON "hotline_orders" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "hotline_orders_path_idx" ON "hotline_orders" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "hotline_orders_status_idx" ON "hotline_orders" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "hotline_orders_reply_idx" ON "hotline_orders" USING btree ("reply_at");--> statement-breakpoint
CREATE INDEX "residents_no_id_idx" ON "residents" USING btree ("household_node_id","name","birth_date") WHERE id_hash is null;--> statement-breakpoint
CREATE UNIQUE INDEX "visits_client_key_idx" ON "visits" USING btree ("visitor_user_id","client_key");