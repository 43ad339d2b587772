ALTER TABLE "cases" ADD COLUMN "dispatch_secs" double precision;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "dispatch_left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accept_secs" double precision;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accept_left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "handle_secs" double precision;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "handle_left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "verify_secs" double precision;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "verify_left_at" timestamp with time zone;