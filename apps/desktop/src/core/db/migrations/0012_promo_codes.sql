-- promo codes at the till (issue 18): the shop's codes as the server last sent them (change entity 'promo_code'),
-- and the code applied to the open sale (its terms as JSON, like the loyalty redemption)
CREATE TABLE `mirror_promo_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`discount_kind` text NOT NULL,
	`percent_bps` integer DEFAULT 0 NOT NULL,
	`amount_cents` integer DEFAULT 0 NOT NULL,
	`min_basket_cents` integer DEFAULT 0 NOT NULL,
	`first_order_only` integer DEFAULT false NOT NULL,
	`starts_at` text,
	`ends_at` text,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mirror_promo_codes_code_idx` ON `mirror_promo_codes` (`code`);
--> statement-breakpoint
ALTER TABLE `carts` ADD `promo` text;
