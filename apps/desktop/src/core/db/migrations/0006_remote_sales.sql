-- a copy of another register's sale, written here only with a refund this register made of it (online, through
-- the server): never sent to the server, and not counted in this register's sales, shifts or reports
ALTER TABLE `sales` ADD `remote` integer DEFAULT 0 NOT NULL;
