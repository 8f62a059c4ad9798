#!/usr/bin/env node
/*
 * `pnpm test` (`node scripts/test-all.mjs [package…]`, or `--preflight` for the tool check alone, as .ci/run does): makes sure the system tools the browser and device tests need are here (installing them with apt
 * where it can), then runs every package's tests — all of them, even after one fails — and ends with one summary.
 * Plain Node on purpose: it runs before anything else is known to work.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['packages/shared', 'apps/server', 'apps/web', 'apps/desktop'];

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pgBinaries = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

/** What the suite needs from the system: a check, and the Debian packages that bring it. */
const TOOLS = [
  { what: 'Chromium (browser tests)', ok: () => existsSync(chromiumPath), apt: ['chromium'] },
  { what: 'socat (serial scanner tests over pty pairs)', ok: () => onPath('socat'), apt: ['socat'] },
  // the read-replica test (apps/server/src/db/read-replica.test.ts) starts its own primary and pg_basebackup replica;
  // the real-PostgreSQL run (TEST_DATABASE_URL, or .ci/run's throwaway cluster) uses them too
  { what: 'PostgreSQL server binaries', ok: pgBinaries, apt: ['postgresql', 'postgresql-contrib'] },
];

function preflight() {
  const missing = TOOLS.filter((t) => !t.ok());
  if (missing.length === 0) return;
  const required = missing.filter((t) => !t.optional);
  const packages = [...new Set(missing.flatMap((t) => t.apt))];
  const canApt = process.getuid?.() === 0 && onPath('apt-get');
  if (canApt) {
    console.log(`test: installing ${packages.join(' ')} (${missing.map((t) => t.what).join('; ')})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
    if (install && install.status === 0 && required.every((t) => t.ok())) return;
  }
  if (required.length === 0) {
    console.log(`test: ${missing.map((t) => t.what).join(', ')} not found; the real-PostgreSQL run is skipped unless TEST_DATABASE_URL is set`);
    return;
  }
  const pkgs = [...new Set(required.flatMap((t) => t.apt))].join(' ');
  console.error(`test: missing ${required.map((t) => t.what).join(', ')} — install with: sudo apt-get install -y ${pkgs}` + (required.some((t) => t.apt.includes('chromium')) ? ' (or set CHROMIUM_PATH)' : ''));
  process.exit(1);
}

/** Vitest's summary line: " Tests  2 failed | 240 passed | 1 skipped (243)". */
function countTests(output) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const line of output.split('\n')) {
    if (!/^\s*Tests\s+\d/.test(line)) continue;
    for (const [, n, kind] of line.matchAll(/(\d+) (passed|failed|skipped)/g)) counts[kind] += Number(n);
  }
  return counts;
}

/**
 * The failed tests, from Vitest's failure headers (" FAIL  src/x.test.ts > group > name"), each with the first lines
 * of its error, so the summary at the end of a long log says why (a CI log is often shown only from its end).
 */
function failedTests(output) {
  const lines = output.split('\n');
  const seen = new Map();
  lines.forEach((l, i) => {
    const name = /^\s*FAIL\s+(\S+\.(?:test|e2e)\.tsx?\b.*)$/.exec(l)?.[1]?.trim();
    if (!name || seen.has(name)) return;
    const detail = [];
    for (const next of lines.slice(i + 1, i + 40)) {
      if (/^\s*(⎯|FAIL\s)/.test(next) || detail.length >= 8) break;
      if (next.trim() !== '') detail.push(next.trimEnd().slice(0, 300));
    }
    seen.set(name, detail);
  });
  return [...seen].map(([name, detail]) => ({ name, detail }));
}

/** Runs a command; its output goes to the terminal as it comes (`live`) or is kept and returned for printing later. */
function run(cmd, args, cwd, live = true, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    let raw = '';
    const keep = (chunk, to) => {
      const text = chunk.toString();
      // eslint-disable-next-line no-control-regex -- strips the ESC colour codes of the runners' output
      output += text.replace(/\x1b\[[0-9;]*m/g, '');
      if (live) to.write(chunk);
      else raw += text;
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output, raw }));
  });
}

/*
 * TEST_LANES=2 runs the packages in two lanes side by side, each package's output printed whole when it ends. The
 * default is one lane, one package after another with live output: on two cores the lanes were slower (the server
 * on one worker took 637 s instead of ~250 s; 902 s in all against 729–842 s) and loaded the timing-sensitive tests.
 */
const LANES = [
  // one test worker for the server while it shares the two cores with the other lane (its files are CPU-bound)
  { packages: ['packages/shared', 'apps/server'], env: { VITEST_MAX_WORKERS: '1' } },
  { packages: ['apps/web', 'apps/desktop'], env: {} },
];

async function runPackage(pkg, live, env = {}) {
  if (live) console.log(`\n=== ${pkg} ===`);
  else console.log(`test: ${pkg} started`);
  const started = Date.now();
  const { code, output, raw } = await run('pnpm', ['test'], join(root, pkg), live, env);
  if (!live) process.stdout.write(`\n=== ${pkg} ===\n${raw}`);
  return { pkg, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000), ...countTests(output), failures: failedTests(output) };
}

async function main() {
  preflight();
  if (process.argv.includes('--preflight')) return;
  const only = process.argv.slice(2);
  const packages = only.length > 0 ? PACKAGES.filter((p) => only.some((o) => p.endsWith(o))) : PACKAGES;
  const build = await run('pnpm', ['--filter', '@makeries/web', 'build:if-stale'], root);
  if (build.code !== 0) console.error('test: the storefront build failed; its browser tests will fail too');
  const laneCount = Math.max(1, Number(process.env.TEST_LANES ?? 1) || 1);
  const lanes =
    laneCount === 1
      ? [{ packages, env: {} }]
      : LANES.map((lane) => ({ ...lane, packages: lane.packages.filter((p) => packages.includes(p)) })).filter((l) => l.packages.length > 0);
  const live = lanes.length === 1;
  const started = Date.now();
  const byLane = await Promise.all(
    lanes.map(async (lane) => {
      const done = [];
      for (const pkg of lane.packages) done.push(await runPackage(pkg, live, live ? {} : lane.env));
      return done;
    }),
  );
  const results = packages.map((p) => byLane.flat().find((r) => r.pkg === p));
  console.log('\n=== summary ===');
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.pkg.padEnd(16)} ${String(r.seconds).padStart(4)} s  ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
  const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed }), { passed: 0, failed: 0 });
  const failedPackages = results.filter((r) => !r.ok);
  if (build.code !== 0) failedPackages.push({ pkg: 'storefront build' });
  for (const r of results) {
    for (const { name, detail } of r.failures) {
      console.log(`  failed in ${r.pkg}: ${name}`);
      for (const line of detail) console.log(`      ${line}`);
    }
  }
  if (failedPackages.length > 0) console.log(`failed: ${failedPackages.map((r) => r.pkg).join(', ')}`);
  console.log(`tests: ${total.passed} passed, ${total.failed} failed in ${Math.round((Date.now() - started) / 1000)} s (${lanes.length} lane${lanes.length > 1 ? 's' : ''})`);
  process.exit(failedPackages.length > 0 ? 1 : 0);
}

await main();
