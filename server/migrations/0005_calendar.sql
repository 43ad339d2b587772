CREATE TABLE "calendar_days" (
	"date" text PRIMARY KEY NOT NULL,
	"workday" boolean NOT NULL,
	"name" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_source_check" CHECK ("calendar_days"."source" in ('chinese-days', 'manual'))
);
