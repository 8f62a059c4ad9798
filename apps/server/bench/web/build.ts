import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from '../../../web/scripts/ensure-build.mjs';

const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

/**
 * The storefront pages are only served once apps/web is built: build it when missing or older than its sources
 * (as `pnpm start` does), with the build's output on stderr so the bench's stdout stays pure JSON.
 */
export function ensureStorefrontBuild(log: (m: string) => void): void {
  if (buildIsCurrent()) return;
  log('storefront build is stale: building apps/web (about a minute)');
  const r = spawnSync('pnpm', ['run', 'build'], { cwd: WEB_DIR, stdio: ['ignore', 2, 2], env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('The storefront build failed; see the output above.');
}
