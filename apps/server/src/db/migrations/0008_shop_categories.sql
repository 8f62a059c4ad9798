-- Tenant isolation (issue 12): categories are either marketplace-curated (vendor_id NULL: storefront facets and
-- URLs, changed only by the operator) or owned by one shop (its collections for the counter grid and shop page).
-- Every existing category stays a marketplace category.
ALTER TABLE "categories" ADD COLUMN "vendor_id" uuid;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" DROP CONSTRAINT "categories_slug_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "categories_marketplace_slug_uq" ON "categories" USING btree ("slug") WHERE "categories"."vendor_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "categories_vendor_slug_uq" ON "categories" USING btree ("vendor_id","slug") WHERE "categories"."vendor_id" IS NOT NULL;--> statement-breakpoint
-- a shop's categories reach only that shop's counters; marketplace ones (vendor_id NULL) reach every counter
CREATE OR REPLACE FUNCTION makeries_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  eid uuid;
  vid uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'vendors' THEN
    eid := r.id; vid := r.id;
  ELSIF TG_TABLE_NAME = 'inventory_levels' THEN
    eid := r.variant_id; vid := r.vendor_id;
  ELSE
    eid := r.id; vid := r.vendor_id;
  END IF;
  INSERT INTO change_log (vendor_id, entity, entity_id, op)
    VALUES (vid, TG_ARGV[0], eid, CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'upsert' END);
  PERFORM pg_notify('makeries_changes', coalesce(vid::text, '*'));
  RETURN NULL;
END
$$;
