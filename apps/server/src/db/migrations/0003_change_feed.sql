-- The sync change feed (services/sync, DESIGN §4). Triggers append to change_log in the writer's own
-- transaction, so every service's writes are captured without those services knowing. txid defaults to
-- pg_current_xact_id(): readers stop at the snapshot-xmin watermark and never skip a late committer.
-- pg_notify is delivered at commit (duplicates within a transaction collapse), so a poke never outruns data.
CREATE FUNCTION makeries_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  eid uuid;
  vid uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'vendors' THEN
    eid := r.id; vid := r.id;
  ELSIF TG_TABLE_NAME = 'categories' THEN
    eid := r.id; vid := NULL;
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
--> statement-breakpoint
CREATE TRIGGER vendors_change_log AFTER INSERT OR UPDATE OR DELETE ON vendors
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('vendor');
--> statement-breakpoint
CREATE TRIGGER categories_change_log AFTER INSERT OR UPDATE OR DELETE ON categories
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('category');
--> statement-breakpoint
CREATE TRIGGER tax_rates_change_log AFTER INSERT OR UPDATE OR DELETE ON tax_rates
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('tax_rate');
--> statement-breakpoint
CREATE TRIGGER products_change_log AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('product');
--> statement-breakpoint
CREATE TRIGGER variants_change_log AFTER INSERT OR UPDATE OR DELETE ON variants
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('variant');
--> statement-breakpoint
CREATE TRIGGER staff_change_log AFTER INSERT OR UPDATE OR DELETE ON staff
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('staff');
--> statement-breakpoint
CREATE TRIGGER inventory_levels_change_log AFTER INSERT OR UPDATE OR DELETE ON inventory_levels
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('stock_level');
--> statement-breakpoint
-- only web orders reach the counters' inbox; counter sales are already on the counter that made them
CREATE TRIGGER orders_change_log AFTER INSERT OR UPDATE ON orders
  FOR EACH ROW WHEN (NEW.channel = 'web') EXECUTE FUNCTION makeries_log_change('web_order');
--> statement-breakpoint
CREATE TRIGGER orders_delete_change_log AFTER DELETE ON orders
  FOR EACH ROW WHEN (OLD.channel = 'web') EXECUTE FUNCTION makeries_log_change('web_order');
--> statement-breakpoint
-- the epoch is born with the database; a restore or reset rotates it (services/sync/epoch.ts)
INSERT INTO server_meta (singleton, epoch) VALUES (true, gen_random_uuid()::text) ON CONFLICT DO NOTHING;
