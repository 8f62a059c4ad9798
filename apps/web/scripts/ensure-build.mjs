// Builds the storefront when its build is missing or older than its sources, so `pnpm start` and `pnpm test`
// never serve a stale or absent bundle. A fresh build is left alone (building takes about a minute).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const outputs = [join(web, 'dist/server/entry-server.js'), join(web, 'dist/client/.vite/manifest.json')];
const inputs = [join(web, 'src'), join(web, 'public'), join(web, 'vite.config.ts'), join(web, 'package.json'), join(web, '../../packages/shared/src')];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.test.ts') || entry === 'node_modules') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

export function buildIsCurrent() {
  if (!outputs.every(existsSync)) return false;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return Math.max(...inputs.map(newest)) <= built;
}

export function ensureBuild() {
  if (buildIsCurrent()) return;
  console.log('Building the storefront (apps/web)…');
  // a test runner's NODE_ENV=test would give development React in the bundle: always build for production
  const r = spawnSync('pnpm', ['run', 'build'], { cwd: web, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('The storefront build failed; see the output above.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureBuild();
