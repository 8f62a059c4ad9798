import { defineConfig } from 'drizzle-kit';

// Migrations are generated into src/core/db/migrations and committed, then applied when the counter opens
// its database. The FTS5 table and its triggers live in a hand-written (`--custom`) migration.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/core/db/schema/index.ts',
  out: './src/core/db/migrations',
});
