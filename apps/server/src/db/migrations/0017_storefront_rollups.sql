CREATE TABLE "category_rollups" (
	"category_id" uuid PRIMARY KEY NOT NULL,
	"product_count" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_rollups" (
	"vendor_id" uuid PRIMARY KEY NOT NULL,
	"rank" integer NOT NULL,
	"units_sold" bigint NOT NULL,
	"product_count" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_rollups" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"vendor_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"units_sold" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "category_rollups" ADD CONSTRAINT "category_rollups_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "vendor_rollups" ADD CONSTRAINT "vendor_rollups_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "product_rollups" ADD CONSTRAINT "product_rollups_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_rollups_rank_uq" ON "vendor_rollups" USING btree ("rank");
--> statement-breakpoint
CREATE UNIQUE INDEX "product_rollups_rank_uq" ON "product_rollups" USING btree ("rank");
--> statement-breakpoint
CREATE INDEX "product_rollups_vendor_rank_idx" ON "product_rollups" USING btree ("vendor_id","rank");
