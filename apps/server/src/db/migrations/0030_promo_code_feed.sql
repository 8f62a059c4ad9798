-- issue 18: a shop's promo codes reach its counters' tills (change entity 'promo_code'). Only what the till
-- needs: a use (the uses / discount_given / over_limit_uses counters) does not fan out a change to the counters.
CREATE TRIGGER promo_codes_change_log AFTER INSERT ON promo_codes
  FOR EACH ROW WHEN (NEW.vendor_id IS NOT NULL) EXECUTE FUNCTION makeries_log_change('promo_code');
--> statement-breakpoint
CREATE TRIGGER promo_codes_update_change_log AFTER UPDATE OF code, description, discount_kind, percent_bps, amount_cents, min_basket_cents, first_order_only, starts_at, ends_at, active, vendor_id ON promo_codes
  FOR EACH ROW WHEN (NEW.vendor_id IS NOT NULL) EXECUTE FUNCTION makeries_log_change('promo_code');
--> statement-breakpoint
CREATE TRIGGER promo_codes_delete_change_log AFTER DELETE ON promo_codes
  FOR EACH ROW WHEN (OLD.vendor_id IS NOT NULL) EXECUTE FUNCTION makeries_log_change('promo_code');
