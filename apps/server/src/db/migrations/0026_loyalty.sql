CREATE TABLE "loyalty_programmes" (
	"vendor_id" uuid PRIMARY KEY NOT NULL,
	"kind" text DEFAULT 'off' NOT NULL,
	"min_order_cents" integer DEFAULT 0 NOT NULL,
	"stamps_for_reward" integer DEFAULT 8 NOT NULL,
	"reward_cents" integer DEFAULT 0 NOT NULL,
	"reward_name" text DEFAULT '' NOT NULL,
	"points_per_pound" integer DEFAULT 1 NOT NULL,
	"points_per_pound_off" integer DEFAULT 100 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_programmes_kind_chk" CHECK ("loyalty_programmes"."kind" IN ('off', 'stamps', 'points'))
);
--> statement-breakpoint
CREATE TABLE "loyalty_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vendor_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"kind" text NOT NULL,
	"natural_key" text NOT NULL,
	"order_id" uuid,
	"units" integer NOT NULL,
	"cents" integer DEFAULT 0 NOT NULL,
	"overdrawn" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_entries_kind_chk" CHECK ("loyalty_entries"."kind" IN ('earn', 'redeem', 'reversal')),
	CONSTRAINT "loyalty_entries_scheme_chk" CHECK ("loyalty_entries"."scheme" IN ('stamps', 'points'))
);
--> statement-breakpoint
CREATE TABLE "loyalty_balances" (
	"customer_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_balances_customer_id_vendor_id_scheme_pk" PRIMARY KEY("customer_id","vendor_id","scheme")
);
--> statement-breakpoint
ALTER TABLE "loyalty_programmes" ADD CONSTRAINT "loyalty_programmes_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "loyalty_entries" ADD CONSTRAINT "loyalty_entries_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "loyalty_entries" ADD CONSTRAINT "loyalty_entries_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "loyalty_balances" ADD CONSTRAINT "loyalty_balances_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "loyalty_balances" ADD CONSTRAINT "loyalty_balances_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_entries_key_uq" ON "loyalty_entries" USING btree ("vendor_id","natural_key");
--> statement-breakpoint
CREATE INDEX "loyalty_entries_card_idx" ON "loyalty_entries" USING btree ("customer_id","vendor_id","created_at");
--> statement-breakpoint
CREATE INDEX "loyalty_entries_order_idx" ON "loyalty_entries" USING btree ("order_id");
--> statement-breakpoint
CREATE INDEX "loyalty_balances_vendor_idx" ON "loyalty_balances" USING btree ("vendor_id");
