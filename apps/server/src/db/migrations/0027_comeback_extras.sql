CREATE TABLE "stock_alert_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notified_at" timestamp with time zone,
	"restock_id" uuid
);
--> statement-breakpoint
ALTER TABLE "stock_alert_subscriptions" ADD CONSTRAINT "stock_alert_subscriptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "stock_alert_subscriptions" ADD CONSTRAINT "stock_alert_subscriptions_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "stock_alert_subscriptions" ADD CONSTRAINT "stock_alert_subscriptions_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "stock_alert_subscriptions" ADD CONSTRAINT "stock_alert_subscriptions_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "stock_alert_subscriptions_customer_variant_uq" ON "stock_alert_subscriptions" USING btree ("customer_id","variant_id");
--> statement-breakpoint
CREATE INDEX "stock_alert_subscriptions_armed_idx" ON "stock_alert_subscriptions" USING btree ("variant_id") WHERE "stock_alert_subscriptions"."notified_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "stock_alert_subscriptions_restock_idx" ON "stock_alert_subscriptions" USING btree ("restock_id","id") WHERE "stock_alert_subscriptions"."restock_id" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "favourite_digest_optins" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"opted_in_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "favourite_digest_optins" ADD CONSTRAINT "favourite_digest_optins_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "favourite_digest_sends" (
	"customer_id" uuid NOT NULL,
	"week" text NOT NULL,
	"product_count" integer NOT NULL,
	"email_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favourite_digest_sends_customer_id_week_pk" PRIMARY KEY("customer_id","week")
);
--> statement-breakpoint
ALTER TABLE "favourite_digest_sends" ADD CONSTRAINT "favourite_digest_sends_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
