-- the owning shop of a mirrored category (server issue 12): NULL = a marketplace category, read-only on the counter;
-- every category mirrored so far came from the marketplace taxonomy
ALTER TABLE `mirror_categories` ADD `vendor_id` text;
