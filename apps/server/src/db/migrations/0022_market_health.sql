CREATE TABLE "health_shop_days" (
	"day" date NOT NULL,
	"vendor_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"orders" integer NOT NULL,
	"gmv_cents" bigint NOT NULL,
	"refunded_cents" bigint NOT NULL,
	CONSTRAINT "health_shop_days_day_vendor_id_channel_pk" PRIMARY KEY("day","vendor_id","channel")
);
--> statement-breakpoint
CREATE TABLE "health_periods" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"web_orders" integer NOT NULL,
	"counter_orders" integer NOT NULL,
	"web_gmv_cents" bigint NOT NULL,
	"counter_gmv_cents" bigint NOT NULL,
	"refunded_cents" bigint NOT NULL,
	"active_shops" integer NOT NULL,
	"checkouts" integer NOT NULL,
	"converted_checkouts" integer NOT NULL,
	CONSTRAINT "health_periods_grain_start_pk" PRIMARY KEY("grain","start"),
	CONSTRAINT "health_periods_grain_chk" CHECK ("health_periods"."grain" IN ('day', 'week'))
);
--> statement-breakpoint
CREATE TABLE "health_refresh_state" (
	"name" text PRIMARY KEY NOT NULL,
	"timezone" text NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"full_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"days_refreshed" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_shop_days" ADD CONSTRAINT "health_shop_days_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "health_shop_days_vendor_idx" ON "health_shop_days" USING btree ("vendor_id","day");
--> statement-breakpoint
-- orders_placed_idx (placed_at DESC, id DESC) comes from 0021: the health reads scan it backwards
CREATE INDEX "orders_updated_idx" ON "orders" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX "checkouts_created_idx" ON "checkouts" USING btree ("created_at");
--> statement-breakpoint
-- payment_refunds_order_idx comes from 0021
CREATE INDEX "payment_refunds_updated_idx" ON "payment_refunds" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX "stock_alerts_oversold_idx" ON "stock_alerts" USING btree ("created_at") WHERE "stock_alerts"."kind" = 'oversold';
--> statement-breakpoint
CREATE INDEX "devices_last_seen_idx" ON "devices" USING btree (coalesce("last_seen_at", "paired_at")) WHERE "devices"."revoked_at" IS NULL;
