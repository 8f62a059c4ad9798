CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`printer_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text,
	`dedupe_key` text,
	`payload` blob NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`printed_at` text,
	FOREIGN KEY (`printer_id`) REFERENCES `printers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `print_jobs_dedupe_uq` ON `print_jobs` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `print_jobs_queue_idx` ON `print_jobs` (`printer_id`,`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `printers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT 'receipt' NOT NULL,
	`transport` text NOT NULL,
	`paper_width` integer DEFAULT 80 NOT NULL,
	`command_set` text DEFAULT 'epson' NOT NULL,
	`code_page` text DEFAULT 'PC858_EURO' NOT NULL,
	`drawer_pin` integer DEFAULT 0 NOT NULL,
	`drawer_t1` integer DEFAULT 25 NOT NULL,
	`drawer_t2` integer DEFAULT 250 NOT NULL,
	`has_drawer` integer DEFAULT false NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "printers_paper_width" CHECK("printers"."paper_width" IN (58, 80)),
	CONSTRAINT "printers_drawer" CHECK("printers"."drawer_pin" IN (0, 1) AND "printers"."drawer_t1" BETWEEN 0 AND 255 AND "printers"."drawer_t2" BETWEEN 0 AND 255)
);
--> statement-breakpoint
CREATE TABLE `scanners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`path` text NOT NULL,
	`baud_rate` integer DEFAULT 9600 NOT NULL,
	`prefix` text DEFAULT '' NOT NULL,
	`suffix` text DEFAULT (char(13)) NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `resolved_at` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `resolution_note` text;