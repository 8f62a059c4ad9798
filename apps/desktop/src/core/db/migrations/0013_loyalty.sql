-- loyalty (issue 18): cards of looked-up customers as the server last said, and a redemption on the open sale
CREATE TABLE `loyalty_cards` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`known` integer DEFAULT false NOT NULL,
	`programme` text NOT NULL,
	`units` integer NOT NULL,
	`as_of_mutation` integer DEFAULT 0 NOT NULL,
	`checked_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `carts` ADD `loyalty` text;
