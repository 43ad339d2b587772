ALTER TABLE "users" ADD COLUMN "phone_cipher" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_tail" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_phone_cipher" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_phone_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reporter_phone_tail" text;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD COLUMN "caller_phone_cipher" text;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD COLUMN "caller_phone_hash" text;--> statement-breakpoint
ALTER TABLE "hotline_orders" ADD COLUMN "caller_phone_tail" text;--> statement-breakpoint
CREATE INDEX "users_phone_tail_idx" ON "users" USING btree ("phone_tail");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_phone_hash_unique" UNIQUE("phone_hash");