import { openDatabase, targetFromUrl } from '../db/client';
import { runMigrations } from '../db/migrate';
import { loadEnv } from '../env';
import { failedJobsReport } from '../jobs/failed-report';
import { retryFailedJob } from '../jobs/queue';

/**
 * `pnpm --filter @makeries/server jobs:failed` lists the dead jobs (they gave up after their last attempt, or failed
 * permanently); `jobs:failed --retry <id>` gives one a fresh set of attempts, due now. The running server picks it up.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase(targetFromUrl(env.DATABASE_URL, env.serverDataDir));
  try {
    await runMigrations(database);
    const at = process.argv.indexOf('--retry');
    if (at >= 0) {
      const id = process.argv[at + 1] ?? '';
      const ok = /^[0-9a-f-]{36}$/i.test(id) && (await retryFailedJob(database.db, id));
      console.log(ok ? `Job ${id} is queued again.` : `No failed job with id "${id}".`);
      if (!ok) process.exitCode = 1;
    } else {
      console.log(await failedJobsReport(database.db));
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
