-- order messages between customers and the shop (issue 18): the feed's rows and replies written here
CREATE TABLE `order_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`author` text NOT NULL,
	`staff_id` text,
	`body` text DEFAULT '' NOT NULL,
	`photo_url` text,
	`photo_thumb_url` text,
	`created_at` text NOT NULL,
	`seen` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_messages_order_idx` ON `order_messages` (`order_id`,`id`);
--> statement-breakpoint
CREATE INDEX `order_messages_unseen_idx` ON `order_messages` (`seen`,`order_id`);
--> statement-breakpoint
CREATE TABLE `message_quick_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`sort` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `message_quick_replies` (`id`, `body`, `sort`) VALUES
	('019aee00-0000-7000-8000-000000000001', 'Running 10 minutes late', 0),
	('019aee00-0000-7000-8000-000000000002', 'Your order is ready to collect', 1),
	('019aee00-0000-7000-8000-000000000003', 'Out of sourdough — swap for rye?', 2);
