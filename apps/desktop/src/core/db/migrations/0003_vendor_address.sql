ALTER TABLE `mirror_vendor` ADD `phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `address_line1` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `city` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `postcode` text DEFAULT '' NOT NULL;