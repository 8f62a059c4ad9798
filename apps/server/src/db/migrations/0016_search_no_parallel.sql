-- Storefront search reads a bounded number of products per statement (services/search: a sample, a pool, one
-- page). Its worst plans are estimated high, and then Postgres started parallel workers for them: ~190 ms of
-- worker start-up on a busy machine for a scan that reads a hundred rows. Short OLTP statements on products
-- never gain from parallel workers, so the table opts out.
ALTER TABLE "products" SET (parallel_workers = 0);
