import { openDatabase, targetFromUrl } from './db/client';
import { runMigrations } from './db/migrate';
import { loadEnv } from './env';
import { buildApp } from './http/app';
import { demoOperatorLines } from './seed/demo-operator';
import { hasVendors, seedDemoCity } from './seed/run';
import { createServerJobs } from './jobs/server-jobs';
import { senderAddress, transportFromEnv } from './services/email/transport';

async function main(): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase(targetFromUrl(env.DATABASE_URL, env.serverDataDir, env.DATABASE_READ_URL));
  await runMigrations(database);
  if (process.argv.includes('--seed-if-empty') && !(await hasVendors(database))) {
    const started = Date.now();
    console.log('First start: seeding the demo city (about a minute)…');
    const s = await seedDemoCity(database, env, (m) => console.log(m));
    console.log(`Seeded ${s.vendors} vendors, ${s.products} products, ${s.orders} orders in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  }
  // the demo's operator sign-in, on every demo start (nothing on a real marketplace's database)
  if (process.argv.includes('--seed-if-empty')) for (const line of await demoOperatorLines(database.db, env.PUBLIC_URL)) console.log(line);
  const app = await buildApp({ database, env });
  const mailTransport = transportFromEnv(env);
  // all background work (emails, change-log pruning, payments when Stripe is configured) on one job runtime
  const jobs = createServerJobs(database.db, env, { transport: mailTransport, from: senderAddress(env), log: app.log });
  jobs.start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // stop accepting, let in-flight requests finish, then release the database
    await app.close();
    await jobs.stop(); // waits for the job in flight
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: env.PORT, host: env.HOST });
  app.log.info(`Makeries marketplace on ${env.PUBLIC_URL} (database: ${database.kind}, order emails: ${mailTransport.description})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
