import { defineConfig } from 'drizzle-kit';

// Migrations are generated into src/db/migrations and committed; never `drizzle-kit push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
