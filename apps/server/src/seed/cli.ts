import { openDatabase, targetFromUrl } from '../db/client';
import { runMigrations } from '../db/migrate';
import { loadEnv } from '../env';
import { hasVendors, seedDemoCity } from './run';

/** `pnpm seed`: the demo city into the configured database; refuses to touch one that already has shops. */
async function main(): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase(targetFromUrl(env.DATABASE_URL, env.serverDataDir));
  try {
    await runMigrations(database);
    if (await hasVendors(database)) {
      console.error('This database already has vendors; not seeding. Delete ./data (PGlite) or use an empty database.');
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    console.log('Seeding the demo city…');
    const s = await seedDemoCity(database, env, (m) => console.log(m));
    console.log(`Seeded ${s.vendors} vendors, ${s.products} products, ${s.customers} customers, ${s.orders} orders in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
