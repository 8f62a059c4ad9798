CREATE TABLE `counter_settings` (
	`slot` integer PRIMARY KEY NOT NULL,
	`discount_limit_bps` integer DEFAULT 1000 NOT NULL,
	`pin_max_attempts` integer DEFAULT 5 NOT NULL,
	`pin_lockout_seconds` integer DEFAULT 300 NOT NULL,
	`auto_lock_seconds` integer DEFAULT 600 NOT NULL,
	CONSTRAINT "counter_settings_single_row" CHECK("counter_settings"."slot" = 1)
);
--> statement-breakpoint
CREATE TABLE `device` (
	`slot` integer PRIMARY KEY NOT NULL,
	`device_id` text,
	`vendor_id` text,
	`register_code` text,
	`name` text DEFAULT '' NOT NULL,
	`paired_at` text,
	`epoch` text,
	`cursor` text DEFAULT '0' NOT NULL,
	`last_pull_at` text,
	`server_last_mutation_id` integer DEFAULT 0 NOT NULL,
	`hlc` text,
	CONSTRAINT "device_single_row" CHECK("device"."slot" = 1)
);
--> statement-breakpoint
CREATE TABLE `register_sequences` (
	`register_code` text PRIMARY KEY NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`device_id` text NOT NULL,
	`mutation_id` integer NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`args_version` integer NOT NULL,
	`hlc` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`code` text,
	`message` text,
	`created_at` text NOT NULL,
	`acked_at` text,
	PRIMARY KEY(`device_id`, `mutation_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_uq` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`mutation_id`);--> statement-breakpoint
CREATE TABLE `bootstrap_stage` (
	`entity` text NOT NULL,
	`id` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bootstrap_stage_uq` ON `bootstrap_stage` (`entity`,`id`);--> statement-breakpoint
CREATE TABLE `mirror_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mirror_products` (
	`id` text PRIMARY KEY NOT NULL,
	`category_id` text,
	`name` text NOT NULL,
	`online_visible` integer DEFAULT true NOT NULL,
	`archived` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mirror_products_category_idx` ON `mirror_products` (`category_id`);--> statement-breakpoint
CREATE TABLE `mirror_staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mirror_stock_levels` (
	`variant_id` text PRIMARY KEY NOT NULL,
	`on_hand` integer DEFAULT 0 NOT NULL,
	`reserved` integer DEFAULT 0 NOT NULL,
	`updated_at` text
);
--> statement-breakpoint
CREATE TABLE `mirror_tax_rates` (
	`id` text PRIMARY KEY NOT NULL,
	`tax_class` text NOT NULL,
	`name` text NOT NULL,
	`rate_bps` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mirror_tax_rates_class_idx` ON `mirror_tax_rates` (`tax_class`);--> statement-breakpoint
CREATE TABLE `mirror_variants` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`product_id` text NOT NULL,
	`name` text DEFAULT 'Default' NOT NULL,
	`sku` text NOT NULL,
	`barcode` text,
	`price_cents` integer NOT NULL,
	`tax_class` text DEFAULT 'standard' NOT NULL,
	`sold_by` text DEFAULT 'each' NOT NULL,
	`track_stock` integer DEFAULT true NOT NULL,
	`low_stock_threshold` integer DEFAULT 0 NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`archived` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mirror_variants_id_uq` ON `mirror_variants` (`id`);--> statement-breakpoint
CREATE INDEX `mirror_variants_barcode_idx` ON `mirror_variants` (`barcode`);--> statement-breakpoint
CREATE INDEX `mirror_variants_sku_idx` ON `mirror_variants` (`sku`);--> statement-breakpoint
CREATE INDEX `mirror_variants_product_idx` ON `mirror_variants` (`product_id`);--> statement-breakpoint
CREATE TABLE `mirror_vendor` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`tax_mode` text NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`cash_rounding_cents` integer DEFAULT 0 NOT NULL,
	`gs1_template` text,
	`paused` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mirror_web_order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`variant_id` text,
	`name` text NOT NULL,
	`variant_name` text DEFAULT '' NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`sold_by` text DEFAULT 'each' NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`total_cents` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mirror_web_order_lines_order_idx` ON `mirror_web_order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `mirror_web_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`status` text NOT NULL,
	`server_status` text NOT NULL,
	`fulfilment` text NOT NULL,
	`customer_id` text,
	`contact` text,
	`delivery_address` text,
	`pickup_at` text,
	`currency` text NOT NULL,
	`tax_mode` text NOT NULL,
	`subtotal_cents` integer NOT NULL,
	`discount_cents` integer DEFAULT 0 NOT NULL,
	`tax_cents` integer NOT NULL,
	`delivery_fee_cents` integer DEFAULT 0 NOT NULL,
	`total_cents` integer NOT NULL,
	`payment_status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`prep_minutes` integer,
	`status_reason` text,
	`placed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mirror_web_orders_status_idx` ON `mirror_web_orders` (`status`,`placed_at`);--> statement-breakpoint
CREATE TABLE `cart_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`cart_id` text NOT NULL,
	`position` integer NOT NULL,
	`product_id` text,
	`variant_id` text,
	`name` text NOT NULL,
	`variant_name` text DEFAULT '' NOT NULL,
	`sku` text NOT NULL,
	`scanned_code` text,
	`sold_by` text NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`quantity` integer NOT NULL,
	`tax_rates_bps` text NOT NULL,
	`track_stock` integer NOT NULL,
	`discount_kind` text,
	`discount_value` integer,
	`discount_approved_by` text,
	`note` text DEFAULT '' NOT NULL,
	`voided_at` text,
	`voided_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`cart_id`) REFERENCES `carts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cart_lines_cart_idx` ON `cart_lines` (`cart_id`,`position`);--> statement-breakpoint
CREATE TABLE `carts` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`staff_id` text NOT NULL,
	`customer_id` text,
	`customer_name` text,
	`note` text DEFAULT '' NOT NULL,
	`parked_label` text,
	`discount_kind` text,
	`discount_value` integer,
	`discount_approved_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `carts_status_idx` ON `carts` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `sale_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text,
	`variant_id` text,
	`name` text NOT NULL,
	`variant_name` text NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`sold_by` text NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`tax_rate_bps` integer NOT NULL,
	`discount_cents` integer NOT NULL,
	`tax_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`track_stock` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sale_lines_sale_line_uq` ON `sale_lines` (`sale_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `sale_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`tendered_cents` integer NOT NULL,
	`change_cents` integer NOT NULL,
	`reference` text,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sale_payments_sale_idx` ON `sale_payments` (`sale_id`);--> statement-breakpoint
CREATE TABLE `sales` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`register_code` text NOT NULL,
	`seq` integer NOT NULL,
	`cart_id` text NOT NULL,
	`shift_id` text,
	`staff_id` text NOT NULL,
	`customer_id` text,
	`currency` text NOT NULL,
	`tax_mode` text NOT NULL,
	`subtotal_cents` integer NOT NULL,
	`discount_cents` integer NOT NULL,
	`tax_cents` integer NOT NULL,
	`rounding_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`completed_at` text NOT NULL,
	`outbox_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_number_uq` ON `sales` (`number`);--> statement-breakpoint
CREATE INDEX `sales_shift_idx` ON `sales` (`shift_id`);--> statement-breakpoint
CREATE INDEX `sales_completed_idx` ON `sales` (`completed_at`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`variant_id` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`occurred_at` text NOT NULL,
	`reference_id` text,
	`staff_id` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`outbox_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stock_movements_variant_idx` ON `stock_movements` (`variant_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `refund_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`refund_id` text NOT NULL,
	`sale_line_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sale_line_id`) REFERENCES `sale_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_lines_sale_line_idx` ON `refund_lines` (`sale_line_id`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`number` text NOT NULL,
	`shift_id` text,
	`staff_id` text NOT NULL,
	`approved_by` text,
	`reason` text DEFAULT '' NOT NULL,
	`restock` integer NOT NULL,
	`tender` text NOT NULL,
	`total_cents` integer NOT NULL,
	`rounding_cents` integer NOT NULL,
	`refunded_at` text NOT NULL,
	`outbox_id` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refunds_sale_idx` ON `refunds` (`sale_id`);--> statement-breakpoint
CREATE INDEX `refunds_shift_idx` ON `refunds` (`shift_id`);--> statement-breakpoint
CREATE TABLE `shift_events` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`kind` text NOT NULL,
	`staff_id` text NOT NULL,
	`amount_cents` integer DEFAULT 0 NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`occurred_at` text NOT NULL,
	`outbox_id` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shift_events_shift_idx` ON `shift_events` (`shift_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`register_code` text NOT NULL,
	`status` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` text NOT NULL,
	`float_cents` integer NOT NULL,
	`closed_by` text,
	`closed_at` text,
	`counted` text,
	`expected_cash_cents` integer,
	`counted_cash_cents` integer
);
--> statement-breakpoint
CREATE INDEX `shifts_status_idx` ON `shifts` (`status`,`opened_at`);--> statement-breakpoint
CREATE TABLE `activity_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`staff_id` text,
	`kind` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `activity_log_at_idx` ON `activity_log` (`at`);--> statement-breakpoint
CREATE TABLE `pin_attempts` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_failure_at` text
);
