CREATE TABLE "portal_link_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"decided_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_otps" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone_index" text NOT NULL,
	"code_hash" text NOT NULL,
	"ip" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "portal_link_requests" ADD CONSTRAINT "portal_link_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_link_requests" ADD CONSTRAINT "portal_link_requests_household_id_territory_nodes_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_link_requests" ADD CONSTRAINT "portal_link_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_link_requests_path_idx" ON "portal_link_requests" USING btree ("node_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "portal_link_requests_pending_idx" ON "portal_link_requests" USING btree ("user_id") WHERE "portal_link_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "portal_otps_phone_idx" ON "portal_otps" USING btree ("phone_index","created_at");--> statement-breakpoint
CREATE INDEX "portal_otps_ip_idx" ON "portal_otps" USING btree ("ip","created_at");