CREATE TABLE "service_hall_hours" (
	"node_id" integer PRIMARY KEY NOT NULL,
	"periods" jsonb NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_user_id" integer,
	CONSTRAINT "service_hall_hours_slot_check" CHECK ("service_hall_hours"."slot_minutes" between 10 and 240),
	CONSTRAINT "service_hall_hours_capacity_check" CHECK ("service_hall_hours"."capacity" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "service_appointments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"seat" integer NOT NULL,
	"application_id" bigint NOT NULL,
	"booked_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_appointments_seat_check" CHECK ("service_appointments"."seat" >= 1),
	CONSTRAINT "service_appointments_span_check" CHECK ("service_appointments"."ends_at" > "service_appointments"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "service_appointments" ADD CONSTRAINT "service_appointments_application_id_service_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."service_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_appointments_seat_idx" ON "service_appointments" USING btree ("node_id","starts_at","seat");--> statement-breakpoint
CREATE UNIQUE INDEX "service_appointments_application_idx" ON "service_appointments" USING btree ("application_id");