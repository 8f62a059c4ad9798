-- Product search (DESIGN §5): one FTS5 row per mirrored variant, rowid = mirror_variants.seq.
-- Triggers keep it in step with the mirror whatever order the change feed delivers rows in: a variant
-- that arrives before its product or category is re-indexed when they arrive.
CREATE VIEW `variant_search_doc` AS
SELECT
  v.seq AS seq,
  trim(coalesce(p.name, '') || CASE WHEN v.name IN ('', 'Default') THEN '' ELSE ' ' || v.name END) AS name,
  v.sku AS sku,
  coalesce(v.barcode, '') AS barcode,
  coalesce(c.name, '') AS category,
  v.product_id AS product_id,
  p.category_id AS category_id
FROM mirror_variants v
LEFT JOIN mirror_products p ON p.id = v.product_id
LEFT JOIN mirror_categories c ON c.id = p.category_id
-- only what can be sold is searchable, so a search never has to skip past archived rows
WHERE v.archived = 0 AND coalesce(p.archived, 0) = 0;
--> statement-breakpoint
CREATE VIRTUAL TABLE `variant_fts` USING fts5(
  name, sku, barcode, category,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4 5 6'
);
--> statement-breakpoint
CREATE TRIGGER `mirror_variants_fts_ai` AFTER INSERT ON `mirror_variants` BEGIN
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE seq = new.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_variants_fts_au` AFTER UPDATE ON `mirror_variants`
WHEN old.name IS NOT new.name OR old.sku IS NOT new.sku OR old.barcode IS NOT new.barcode
  OR old.product_id IS NOT new.product_id OR old.archived IS NOT new.archived
BEGIN
  DELETE FROM variant_fts WHERE rowid = old.seq;
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE seq = new.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_variants_fts_ad` AFTER DELETE ON `mirror_variants` BEGIN
  DELETE FROM variant_fts WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_products_fts_ai` AFTER INSERT ON `mirror_products` BEGIN
  DELETE FROM variant_fts WHERE rowid IN (SELECT seq FROM mirror_variants WHERE product_id = new.id);
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE product_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_products_fts_au` AFTER UPDATE ON `mirror_products`
WHEN old.name IS NOT new.name OR old.category_id IS NOT new.category_id OR old.archived IS NOT new.archived
BEGIN
  DELETE FROM variant_fts WHERE rowid IN (SELECT seq FROM mirror_variants WHERE product_id = new.id);
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE product_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_products_fts_ad` AFTER DELETE ON `mirror_products` BEGIN
  DELETE FROM variant_fts WHERE rowid IN (SELECT seq FROM mirror_variants WHERE product_id = old.id);
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE product_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_categories_fts_ai` AFTER INSERT ON `mirror_categories` BEGIN
  DELETE FROM variant_fts WHERE rowid IN (SELECT seq FROM variant_search_doc WHERE category_id = new.id);
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE category_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_categories_fts_au` AFTER UPDATE ON `mirror_categories` WHEN old.name IS NOT new.name BEGIN
  DELETE FROM variant_fts WHERE rowid IN (SELECT seq FROM variant_search_doc WHERE category_id = new.id);
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE category_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `mirror_categories_fts_ad` AFTER DELETE ON `mirror_categories` BEGIN
  DELETE FROM variant_fts WHERE rowid IN (SELECT seq FROM variant_search_doc WHERE category_id = old.id);
  INSERT INTO variant_fts(rowid, name, sku, barcode, category)
    SELECT seq, name, sku, barcode, category FROM variant_search_doc WHERE category_id = old.id;
END;
--> statement-breakpoint
-- The outbox is never dropped (DESIGN §4) and what it says is never rewritten; only its status moves.
CREATE TRIGGER `outbox_no_delete` BEFORE DELETE ON `outbox` BEGIN
  SELECT RAISE(ABORT, 'outbox rows are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_immutable` BEFORE UPDATE OF device_id, mutation_id, id, name, args, args_version, hlc ON `outbox` BEGIN
  SELECT RAISE(ABORT, 'outbox rows are immutable');
END;
--> statement-breakpoint
-- Sales are immutable snapshots (DESIGN §3): corrections are refunds, never edits.
CREATE TRIGGER `sales_immutable_u` BEFORE UPDATE ON `sales` BEGIN SELECT RAISE(ABORT, 'sales are immutable; refund instead'); END;
--> statement-breakpoint
CREATE TRIGGER `sales_immutable_d` BEFORE DELETE ON `sales` BEGIN SELECT RAISE(ABORT, 'sales are immutable; refund instead'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_lines_immutable_u` BEFORE UPDATE ON `sale_lines` BEGIN SELECT RAISE(ABORT, 'sales are immutable; refund instead'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_lines_immutable_d` BEFORE DELETE ON `sale_lines` BEGIN SELECT RAISE(ABORT, 'sales are immutable; refund instead'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_payments_immutable_u` BEFORE UPDATE ON `sale_payments` BEGIN SELECT RAISE(ABORT, 'sales are immutable; refund instead'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_payments_immutable_d` BEFORE DELETE ON `sale_payments` BEGIN SELECT RAISE(ABORT, 'sales are immutable; refund instead'); END;
--> statement-breakpoint
CREATE TRIGGER `refunds_immutable_u` BEFORE UPDATE ON `refunds` BEGIN SELECT RAISE(ABORT, 'refunds are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `refunds_immutable_d` BEFORE DELETE ON `refunds` BEGIN SELECT RAISE(ABORT, 'refunds are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `refund_lines_immutable_u` BEFORE UPDATE ON `refund_lines` BEGIN SELECT RAISE(ABORT, 'refunds are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `refund_lines_immutable_d` BEFORE DELETE ON `refund_lines` BEGIN SELECT RAISE(ABORT, 'refunds are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_immutable_u` BEFORE UPDATE ON `stock_movements` BEGIN SELECT RAISE(ABORT, 'stock movements are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_immutable_d` BEFORE DELETE ON `stock_movements` BEGIN SELECT RAISE(ABORT, 'stock movements are immutable'); END;
