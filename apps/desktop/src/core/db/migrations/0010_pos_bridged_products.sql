-- products bridged from a point of sale (issue 14): the POS owns their names, variants, prices and stock counts,
-- so the back office shows them read-only with a link to edit them there (null = not bridged)
ALTER TABLE `mirror_products` ADD `pos_provider` text;
--> statement-breakpoint
ALTER TABLE `mirror_products` ADD `pos_edit_url` text;
