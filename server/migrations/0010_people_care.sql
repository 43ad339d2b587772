CREATE TABLE "care_levels" (
	"resident_id" integer PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"reason" text NOT NULL,
	"assignee_user_id" integer,
	"node_path" text NOT NULL,
	"set_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_settings" (
	"level" text PRIMARY KEY NOT NULL,
	"visit_every_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"visitor_user_id" integer NOT NULL,
	"visited_on" date NOT NULL,
	"note" text NOT NULL,
	"node_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_levels" ADD CONSTRAINT "care_levels_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_levels" ADD CONSTRAINT "care_levels_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visitor_user_id_users_id_fk" FOREIGN KEY ("visitor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_levels_path_idx" ON "care_levels" USING btree ("node_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "care_levels_assignee_idx" ON "care_levels" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "visits_resident_idx" ON "visits" USING btree ("resident_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_path_idx" ON "visits" USING btree ("node_path" text_pattern_ops);