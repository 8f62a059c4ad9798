-- the marketplace's locale and currency, as the server last sent them with a pull (null until then):
-- receipts and screens format in them, offline too
ALTER TABLE `device` ADD `market_locale` text;
--> statement-breakpoint
ALTER TABLE `device` ADD `market_currency` text;
--> statement-breakpoint
-- counters paired before this release printed British English; they keep it until their next pull says otherwise
UPDATE `device` SET `market_locale` = 'en-GB' WHERE `device_id` IS NOT NULL;
