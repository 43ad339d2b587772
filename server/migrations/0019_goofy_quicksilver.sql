ALTER TABLE "cases" ADD COLUMN "resident_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "household_node_id" integer;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "duplicate_of" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_household_node_id_territory_nodes_id_fk" FOREIGN KEY ("household_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "residents_duplicate_of_idx" ON "residents" USING btree ("duplicate_of") WHERE "residents"."duplicate_of" is not null;