CREATE TABLE "agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_id" integer NOT NULL,
	"meeting_id" integer,
	"proposal_id" integer,
	"title" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"passed_from_item_id" integer,
	"passed_record" text
);
--> statement-breakpoint
CREATE TABLE "vote_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vote_id" integer NOT NULL,
	"choice" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_id" integer NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"user_id" integer,
	"resident_id" integer,
	"organisation_id" integer
);
--> statement-breakpoint
CREATE TABLE "councils" (
	"id" serial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"vote_rule" text NOT NULL,
	"open_to_residents" boolean DEFAULT false NOT NULL,
	"quorum" integer NOT NULL,
	"support_threshold" integer NOT NULL,
	"meeting_rule" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"minutes" text,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_open_choices" (
	"vote_id" integer NOT NULL,
	"voter_key" text NOT NULL,
	"choice" text NOT NULL,
	CONSTRAINT "vote_open_choices_vote_id_voter_key_pk" PRIMARY KEY("vote_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "proposal_follows" (
	"proposal_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "proposal_follows_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_supports" (
	"proposal_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"user_id" integer,
	"recorded_by_user_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_supports_proposal_id_household_id_pk" PRIMARY KEY("proposal_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"node_id" integer NOT NULL,
	"place" text,
	"lat" double precision,
	"lng" double precision,
	"status" text DEFAULT 'open' NOT NULL,
	"author_user_id" integer,
	"author_resident_id" integer,
	"author_name" text NOT NULL,
	"author_household_id" integer,
	"filed_by_user_id" integer,
	"filed_by_name" text,
	"supports" integer DEFAULT 0 NOT NULL,
	"answer" text,
	"case_id" integer,
	"council_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_proxy_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"vote_id" integer NOT NULL,
	"resident_id" integer NOT NULL,
	"proxy_name" text NOT NULL,
	"record" text NOT NULL,
	"recorded_by_user_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolution_progress" (
	"id" serial PRIMARY KEY NOT NULL,
	"resolution_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"percent" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_resolutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_id" integer NOT NULL,
	"vote_id" integer NOT NULL,
	"proposal_id" integer,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"percent" integer DEFAULT 0 NOT NULL,
	"case_id" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_roll" (
	"vote_id" integer NOT NULL,
	"voter_key" text NOT NULL,
	"voter_label" text NOT NULL,
	"by_proxy" boolean DEFAULT false NOT NULL,
	"request_key" text,
	CONSTRAINT "vote_roll_vote_id_voter_key_pk" PRIMARY KEY("vote_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "council_votes" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_id" integer NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"question" text NOT NULL,
	"ballot" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_vote_id_council_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."council_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_open_choices" ADD CONSTRAINT "vote_open_choices_vote_id_council_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."council_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_follows" ADD CONSTRAINT "proposal_follows_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_follows" ADD CONSTRAINT "proposal_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_household_id_territory_nodes_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_household_id_territory_nodes_id_fk" FOREIGN KEY ("author_household_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_filed_by_user_id_users_id_fk" FOREIGN KEY ("filed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_proxy_records" ADD CONSTRAINT "vote_proxy_records_vote_id_council_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."council_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_proxy_records" ADD CONSTRAINT "vote_proxy_records_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_progress" ADD CONSTRAINT "resolution_progress_resolution_id_council_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."council_resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_resolutions" ADD CONSTRAINT "council_resolutions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_resolutions" ADD CONSTRAINT "council_resolutions_vote_id_council_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."council_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_resolutions" ADD CONSTRAINT "council_resolutions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_resolutions" ADD CONSTRAINT "council_resolutions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_roll" ADD CONSTRAINT "vote_roll_vote_id_council_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."council_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vote_ballots_vote_idx" ON "vote_ballots" USING btree ("vote_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_members_user_uq" ON "council_members" USING btree ("council_id","user_id");--> statement-breakpoint
CREATE INDEX "proposals_node_idx" ON "proposals" USING btree ("node_id","id");--> statement-breakpoint
CREATE INDEX "proposals_status_idx" ON "proposals" USING btree ("status");