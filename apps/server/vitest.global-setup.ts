import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensurePgliteTemplate, ensurePostgresTemplate } from './src/test/template';

/**
 * The storefront tests render pages with the built storefront (apps/web/dist). Build it once before any test
 * file runs, and only when it is missing or older than its sources. Then make the migrated template databases.
 */
export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync('pnpm', ['--filter', '@makeries/web', 'run', 'build:if-stale'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('Building the storefront for the tests failed (see above).');
  // one migrated database per run, copied by every test file (src/test/template.ts)
  await ensurePgliteTemplate();
  if (process.env.TEST_DATABASE_URL) await ensurePostgresTemplate(process.env.TEST_DATABASE_URL);
}
