CREATE TABLE "points_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"node_id" integer,
	"user_id" integer,
	"organisation_id" integer,
	"balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_accounts_kind_check" CHECK ("points_accounts"."kind" in ('issuing', 'user', 'merchant', 'expiry')),
	CONSTRAINT "points_accounts_holder_check" CHECK (("points_accounts"."kind" in ('issuing', 'expiry') and "points_accounts"."node_id" is not null) or ("points_accounts"."kind" = 'user' and "points_accounts"."user_id" is not null) or ("points_accounts"."kind" = 'merchant' and "points_accounts"."organisation_id" is not null)),
	CONSTRAINT "points_accounts_not_overdrawn" CHECK ("points_accounts"."kind" = 'issuing' or "points_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"movement_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"amount" bigint NOT NULL,
	"expires_at" timestamp with time zone,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_entries_nonzero" CHECK ("points_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "points_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"price" integer NOT NULL,
	"stock" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_items_price_check" CHECK ("points_items"."price" > 0),
	CONSTRAINT "points_items_stock_check" CHECK ("points_items"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_movements" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text,
	"node_id" integer,
	"memo" text NOT NULL,
	"source" text,
	"source_ref" jsonb,
	"reverses_id" integer,
	"reason" text,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_movements_kind_check" CHECK ("points_movements"."kind" in ('award', 'grant', 'redeem', 'transfer', 'reversal', 'expiry')),
	CONSTRAINT "points_movements_reversal_check" CHECK (("points_movements"."kind" = 'reversal') = ("points_movements"."reverses_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "points_proofs" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"accounts" integer NOT NULL,
	"entries" integer NOT NULL,
	"total" bigint NOT NULL,
	"mismatched" jsonb NOT NULL,
	"unbalanced_movements" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_redemptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"client_key" text NOT NULL,
	"movement_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"points" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_rules" (
	"node_id" integer PRIMARY KEY NOT NULL,
	"hour_rates" jsonb NOT NULL,
	"wish_fulfilled" integer NOT NULL,
	"participation" integer NOT NULL,
	"project_done" integer NOT NULL,
	"expiry_months" integer,
	"pooling_allowed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_movement_id_points_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."points_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_account_id_points_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_items" ADD CONSTRAINT "points_items_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_items" ADD CONSTRAINT "points_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_movements" ADD CONSTRAINT "points_movements_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_movements" ADD CONSTRAINT "points_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_item_id_points_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."points_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_redemptions" ADD CONSTRAINT "points_redemptions_movement_id_points_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."points_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rules" ADD CONSTRAINT "points_rules_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_node_uq" ON "points_accounts" USING btree ("kind","node_id") WHERE "points_accounts"."kind" in ('issuing', 'expiry');--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_user_uq" ON "points_accounts" USING btree ("user_id") WHERE "points_accounts"."kind" = 'user';--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_org_uq" ON "points_accounts" USING btree ("organisation_id") WHERE "points_accounts"."kind" = 'merchant';--> statement-breakpoint
CREATE INDEX "points_entries_account_idx" ON "points_entries" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "points_entries_movement_idx" ON "points_entries" USING btree ("movement_id");--> statement-breakpoint
CREATE INDEX "points_items_node_idx" ON "points_items" USING btree ("node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_movements_key_uq" ON "points_movements" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "points_movements_reverses_uq" ON "points_movements" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "points_movements_node_idx" ON "points_movements" USING btree ("node_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_redemptions_key_uq" ON "points_redemptions" USING btree ("user_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "points_redemptions_movement_uq" ON "points_redemptions" USING btree ("movement_id");--> statement-breakpoint
CREATE INDEX "points_redemptions_item_idx" ON "points_redemptions" USING btree ("item_id");--> statement-breakpoint
-- hand-written: begin
-- The points ledger is append-only: entries and movements are never updated nor deleted, whoever asks (a mistake is
-- corrected by a reversal movement naming the one it reverses).
CREATE OR REPLACE FUNCTION points_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER points_entries_no_change BEFORE UPDATE OR DELETE ON points_entries
  FOR EACH ROW EXECUTE FUNCTION points_refuse_change();
--> statement-breakpoint
CREATE TRIGGER points_movements_no_change BEFORE UPDATE OR DELETE ON points_movements
  FOR EACH ROW EXECUTE FUNCTION points_refuse_change();
--> statement-breakpoint
-- Every movement has at least two entries summing to zero, checked when its transaction commits.
CREATE OR REPLACE FUNCTION points_movement_balanced() RETURNS trigger AS $$
DECLARE s bigint; n int;
BEGIN
  SELECT coalesce(sum(amount), 0), count(*) INTO s, n FROM points_entries WHERE movement_id = NEW.movement_id;
  IF s <> 0 OR n < 2 THEN
    RAISE EXCEPTION 'points movement % does not balance (% entries, sum %)', NEW.movement_id, n, s;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER points_entries_balanced AFTER INSERT ON points_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION points_movement_balanced();
--> statement-breakpoint
ALTER TABLE points_movements ADD CONSTRAINT points_movements_reverses_fk
  FOREIGN KEY (reverses_id) REFERENCES points_movements(id);
-- hand-written: end
