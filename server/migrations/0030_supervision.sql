CREATE TABLE "estate_contracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"estate_node_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"owners_committee" text,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"fee_cents_per_sqm" integer NOT NULL,
	"commitments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"estate_node_id" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"balance_cents" bigint NOT NULL,
	"fee_income_cents" bigint,
	"share_percent" double precision,
	"project" text,
	"council_decision" text,
	"note" text,
	"booked_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_entries_balance_nonnegative" CHECK ("fund_entries"."balance_cents" >= 0),
	CONSTRAINT "fund_entries_amount_positive" CHECK ("fund_entries"."amount_cents" > 0),
	CONSTRAINT "fund_entries_spending_approved" CHECK ("fund_entries"."kind" = 'income' or ("fund_entries"."project" is not null and "fund_entries"."council_decision" is not null))
);
--> statement-breakpoint
CREATE TABLE "list_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"list" text NOT NULL,
	"rule_id" integer NOT NULL,
	"period" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"appeal_until" timestamp with time zone NOT NULL,
	"appeal" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "list_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"list" text NOT NULL,
	"metric" text NOT NULL,
	"op" text NOT NULL,
	"threshold" double precision NOT NULL,
	"months" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "survey_roll" (
	"survey_id" integer NOT NULL,
	"household_node_id" integer NOT NULL,
	CONSTRAINT "survey_roll_survey_id_household_node_id_pk" PRIMARY KEY("survey_id","household_node_id")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"node_id" integer NOT NULL,
	"company_id" integer,
	"dimensions" jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_ratings" (
	"community_node_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"year" integer NOT NULL,
	"score" integer NOT NULL,
	"note" text,
	"rated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_ratings_community_node_id_organisation_id_year_pk" PRIMARY KEY("community_node_id","organisation_id","year")
);
--> statement-breakpoint
ALTER TABLE "estate_contracts" ADD CONSTRAINT "estate_contracts_estate_node_id_territory_nodes_id_fk" FOREIGN KEY ("estate_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estate_contracts" ADD CONSTRAINT "estate_contracts_company_id_organisations_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_estate_node_id_territory_nodes_id_fk" FOREIGN KEY ("estate_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_decisions" ADD CONSTRAINT "list_decisions_company_id_organisations_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_decisions" ADD CONSTRAINT "list_decisions_rule_id_list_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."list_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_roll" ADD CONSTRAINT "survey_roll_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_roll" ADD CONSTRAINT "survey_roll_household_node_id_territory_nodes_id_fk" FOREIGN KEY ("household_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_company_id_organisations_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_ratings" ADD CONSTRAINT "unit_ratings_community_node_id_territory_nodes_id_fk" FOREIGN KEY ("community_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_ratings" ADD CONSTRAINT "unit_ratings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "estate_contracts_estate_idx" ON "estate_contracts" USING btree ("estate_node_id");--> statement-breakpoint
CREATE INDEX "estate_contracts_company_idx" ON "estate_contracts" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "fund_entries_estate_idx" ON "fund_entries" USING btree ("estate_node_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "list_decisions_once_idx" ON "list_decisions" USING btree ("company_id","rule_id","period");--> statement-breakpoint
CREATE INDEX "survey_answers_survey_idx" ON "survey_answers" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "surveys_node_idx" ON "surveys" USING btree ("node_id");--> statement-breakpoint
-- hand-written: begin
CREATE FUNCTION fund_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fund_entries is append-only' USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER fund_entries_no_change BEFORE UPDATE OR DELETE ON fund_entries
  FOR EACH ROW EXECUTE FUNCTION fund_entries_append_only();
--> statement-breakpoint
CREATE TRIGGER fund_entries_no_truncate BEFORE TRUNCATE ON fund_entries
  FOR EACH STATEMENT EXECUTE FUNCTION fund_entries_append_only();
-- hand-written: end
