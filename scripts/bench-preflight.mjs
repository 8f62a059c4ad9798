#!/usr/bin/env node
/*
 * `pnpm bench` first runs this: the system tools the benchmarks need, installed with apt where it can (root), else
 * a clear "install with" line and exit 1 — the same rule as `pnpm test`'s preflight (scripts/test-all.mjs).
 * Plain Node on purpose: it runs before anything else is known to work.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const pgBinaries = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const TOOLS = [
  // the throwaway cluster (unless BENCH_DATABASE_URL or TEST_DATABASE_URL names a server)
  { what: 'PostgreSQL server binaries', ok: () => pgBinaries() || Boolean(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL), apt: ['postgresql', 'postgresql-contrib'] },
  // section `scale`: three server instances behind the load balancer configured by deploy/haproxy.cfg
  { what: 'HAProxy (section scale)', ok: () => onPath('haproxy'), apt: ['haproxy'] },
  // section `lighthouse`
  { what: 'Chromium (section lighthouse)', ok: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), apt: ['chromium'] },
];

const missing = TOOLS.filter((t) => !t.ok());
if (missing.length > 0) {
  const packages = [...new Set(missing.flatMap((t) => t.apt))];
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    console.error(`bench: installing ${packages.join(' ')} (${missing.map((t) => t.what).join('; ')})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 2, 2], env });
    if (update.status === 0) spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 2, 2], env });
  }
  const still = missing.filter((t) => !t.ok());
  if (still.length > 0) {
    console.error(`bench: missing ${still.map((t) => t.what).join(', ')} — install with: sudo apt-get install -y ${[...new Set(still.flatMap((t) => t.apt))].join(' ')}`);
    process.exit(1);
  }
}
