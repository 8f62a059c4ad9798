ALTER TABLE `mirror_vendor` ADD `sold_out_policy` text DEFAULT 'warn' NOT NULL;--> statement-breakpoint
ALTER TABLE `mirror_vendor` ADD `blind_close` integer DEFAULT 1 NOT NULL;
