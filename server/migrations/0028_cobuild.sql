CREATE TABLE "cobuild_agreements" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"party_org_name" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cobuild_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"resident_id" integer,
	"unit_organisation_id" integer,
	"unit_name" text NOT NULL,
	"annual_commitment" integer NOT NULL,
	"year" integer NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cobuild_needs" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"title" text NOT NULL,
	"detail" text,
	"category" text NOT NULL,
	"source" text NOT NULL,
	"case_id" integer,
	"requester_user_id" integer,
	"created_by" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cobuild_project_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"author_id" integer,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cobuild_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"need_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"owner_user_id" integer,
	"owner_organisation_id" integer,
	"resource_id" integer,
	"status" text DEFAULT 'dispatched' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"dispatched_by" integer,
	"taken_at" timestamp with time zone,
	"taken_by" integer,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reminded" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cobuild_resources" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"node_path" text NOT NULL,
	"agreement_id" integer,
	"member_id" integer,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cobuild_agreements" ADD CONSTRAINT "cobuild_agreements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_agreements" ADD CONSTRAINT "cobuild_agreements_community_id_territory_nodes_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_agreements" ADD CONSTRAINT "cobuild_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_members" ADD CONSTRAINT "cobuild_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_members" ADD CONSTRAINT "cobuild_members_community_id_territory_nodes_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_members" ADD CONSTRAINT "cobuild_members_unit_organisation_id_organisations_id_fk" FOREIGN KEY ("unit_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_needs" ADD CONSTRAINT "cobuild_needs_community_id_territory_nodes_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_needs" ADD CONSTRAINT "cobuild_needs_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_needs" ADD CONSTRAINT "cobuild_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_project_notes" ADD CONSTRAINT "cobuild_project_notes_project_id_cobuild_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."cobuild_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_project_notes" ADD CONSTRAINT "cobuild_project_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_need_id_cobuild_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."cobuild_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_community_id_territory_nodes_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_resource_id_cobuild_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."cobuild_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_dispatched_by_users_id_fk" FOREIGN KEY ("dispatched_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_projects" ADD CONSTRAINT "cobuild_projects_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_resources" ADD CONSTRAINT "cobuild_resources_community_id_territory_nodes_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_resources" ADD CONSTRAINT "cobuild_resources_agreement_id_cobuild_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."cobuild_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cobuild_resources" ADD CONSTRAINT "cobuild_resources_member_id_cobuild_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."cobuild_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cobuild_agreements_path_idx" ON "cobuild_agreements" USING btree ("node_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "cobuild_agreements_org_community_uq" ON "cobuild_agreements" USING btree ("organisation_id","community_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "cobuild_members_user_uq" ON "cobuild_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cobuild_members_path_idx" ON "cobuild_members" USING btree ("node_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cobuild_members_unit_idx" ON "cobuild_members" USING btree ("unit_organisation_id");--> statement-breakpoint
CREATE INDEX "cobuild_needs_path_idx" ON "cobuild_needs" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "cobuild_needs_requester_idx" ON "cobuild_needs" USING btree ("requester_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cobuild_needs_case_uq" ON "cobuild_needs" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cobuild_project_notes_project_idx" ON "cobuild_project_notes" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cobuild_projects_need_uq" ON "cobuild_projects" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "cobuild_projects_path_idx" ON "cobuild_projects" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "cobuild_projects_owner_user_idx" ON "cobuild_projects" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "cobuild_projects_owner_org_idx" ON "cobuild_projects" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "cobuild_resources_path_idx" ON "cobuild_resources" USING btree ("node_path" text_pattern_ops);