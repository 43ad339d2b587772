ALTER TABLE "users" ADD COLUMN "phone_cipher" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_tail" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_phone_cipher" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_phone_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_phone_tail" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "resident_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "household_node_id" integer;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "duplicate_of" integer;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD COLUMN "caller_phone_cipher" text;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD COLUMN "caller_phone_hash" text;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD COLUMN "caller_phone_tail" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_household_node_id_territory_nodes_id_fk" FOREIGN KEY ("household_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_phone_tail_idx" ON "users" USING btree ("phone_tail");--> statement-breakpoint
CREATE INDEX "residents_duplicate_of_idx" ON "residents" USING btree ("duplicate_of") WHERE "residents"."duplicate_of" is not null;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_phone_hash_unique" UNIQUE("phone_hash");