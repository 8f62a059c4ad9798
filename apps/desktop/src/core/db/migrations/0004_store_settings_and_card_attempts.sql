CREATE TABLE `card_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`cart_id` text NOT NULL,
	`sale_id` text,
	`reader_id` text NOT NULL,
	`payment_intent_id` text,
	`amount_cents` integer NOT NULL,
	`status` text NOT NULL,
	`message` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `card_attempts_cart_idx` ON `card_attempts` (`cart_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `card_attempts_pi_uq` ON `card_attempts` (`payment_intent_id`);--> statement-breakpoint
-- a cart whose card payment was taken (or may be, on the reader) cannot be voided: the money would sit on no sale
CREATE TRIGGER `card_attempts_block_void` BEFORE UPDATE OF `status` ON `carts`
WHEN NEW.`status` = 'voided' AND EXISTS (
  SELECT 1 FROM `card_attempts` WHERE `cart_id` = NEW.`id` AND `sale_id` IS NULL AND `status` IN ('starting', 'waiting', 'succeeded')
)
BEGIN
  SELECT RAISE(ABORT, 'This sale has a card payment on the reader or taken. Cancel it or refund it to the card before voiding the sale.');
END;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `opening_hours` text;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `paused_reason` text;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `receipt_header` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `receipt_footer` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `tax_number` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `receipt_logo_path` text;