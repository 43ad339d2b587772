CREATE TABLE "housing" (
	"household_node_id" integer PRIMARY KEY NOT NULL,
	"use" text NOT NULL,
	"owner_resident_id" integer,
	"entrance" text,
	"room" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" integer NOT NULL,
	"file_name" text,
	"rows" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"total_rows" integer NOT NULL,
	"committed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_tags" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"id_cipher" text NOT NULL,
	"id_hash" text NOT NULL,
	"id_tail" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone_cipher" text,
	"phone_hash" text,
	"phone_tail" text,
	"residence_type" text NOT NULL,
	"household_node_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"moved_in_on" date,
	"moved_out_on" date,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "housing" ADD CONSTRAINT "housing_household_node_id_territory_nodes_id_fk" FOREIGN KEY ("household_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing" ADD CONSTRAINT "housing_owner_resident_id_residents_id_fk" FOREIGN KEY ("owner_resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_imports" ADD CONSTRAINT "people_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_node_id_territory_nodes_id_fk" FOREIGN KEY ("household_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_imports_creator_idx" ON "people_imports" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_hash_idx" ON "residents" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "residents_phone_hash_idx" ON "residents" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "residents_path_idx" ON "residents" USING btree ("node_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("household_node_id","id");--> statement-breakpoint
CREATE INDEX "residents_pinyin_idx" ON "residents" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_initials_idx" ON "residents" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_id_tail_idx" ON "residents" USING btree ("id_tail" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_phone_tail_idx" ON "residents" USING btree ("phone_tail" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_tags_idx" ON "residents" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "residents_user_idx" ON "residents" USING btree ("user_id");