import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The storefront tests render pages with the built storefront (apps/web/dist). Build it once before any test
 * file runs, and only when it is missing or older than its sources.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync('pnpm', ['--filter', '@makeries/web', 'run', 'build:if-stale'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('Building the storefront for the tests failed (see above).');
}
