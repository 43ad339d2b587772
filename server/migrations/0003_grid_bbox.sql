ALTER TABLE "territory_nodes" ADD COLUMN "min_lng" double precision;--> statement-breakpoint
ALTER TABLE "territory_nodes" ADD COLUMN "min_lat" double precision;--> statement-breakpoint
ALTER TABLE "territory_nodes" ADD COLUMN "max_lng" double precision;--> statement-breakpoint
ALTER TABLE "territory_nodes" ADD COLUMN "max_lat" double precision;--> statement-breakpoint
CREATE INDEX "territory_nodes_bbox_idx" ON "territory_nodes" USING btree ("kind","min_lat","max_lat");