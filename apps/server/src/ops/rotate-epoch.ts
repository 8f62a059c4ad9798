import { openDatabase, targetFromUrl } from '../db/client';
import { runMigrations } from '../db/migrate';
import { loadEnv } from '../env';
import { rotateEpoch } from '../services/sync/epoch';

/**
 * `pnpm --filter @makeries/server epoch:rotate`: run once after restoring a backup or resetting data, before
 * starting the server. Every paired counter then re-bootstraps and resends what it still holds (DESIGN §4).
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase(targetFromUrl(env.DATABASE_URL, env.serverDataDir));
  try {
    await runMigrations(database);
    const epoch = await rotateEpoch(database.db);
    console.log(`New server epoch ${epoch}: counters will re-sync from scratch on their next contact.`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
