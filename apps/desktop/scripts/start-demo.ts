import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { DEMO_PINS, demoPairingCode, ownerToken, pairDemoCounter, prepareDemoStaff } from './demo-setup';
import { electronBinary } from './electron-runtime';

/*
 * `pnpm start`: the marketplace (seeded on first start, embedded PGlite under ./data) and one demo counter paired
 * to it. Where the Electron runtime is installed (and there is a display) the counter opens as the desktop app;
 * otherwise the same UI runs in browser mode on http://localhost:5173 against a headless core. Ctrl+C stops both.
 */

const DESKTOP = fileURLToPath(new URL('..', import.meta.url));
const ROOT = resolve(DESKTOP, '../..');
const PORT = Number(process.env.PORT ?? 3000);
const SERVER_URL = `http://localhost:${PORT}`;
const COUNTER_PORT = Number(process.env.COUNTER_PORT ?? 5173);
const COUNTER_URL = `http://127.0.0.1:${COUNTER_PORT}`;
/** what staff type into a browser (the core listens on the loopback address) */
const COUNTER_SHOWN = `http://localhost:${COUNTER_PORT}`;
const VENDOR = process.env.DEMO_VENDOR ?? 'harbourside-bakehouse';
const PASSWORD = 'makeries-demo';
/** first start seeds a whole demo city: give it time */
const SERVER_START_LIMIT_MS = 10 * 60_000;

const children: ChildProcess[] = [];
const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

/** Each child leads its own process group, so stopping it stops whatever it started too. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { cwd, stdio: 'inherit', detached: true, env: { ...process.env, INIT_CWD: ROOT, ...env } });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${args.join(' ')} stopped (${signal ?? code}); stopping the rest.`);
      void stop(1);
    }
  });
  return child;
}

/** The built UI is missing or older than its sources (a pull brought new screens). */
function uiStale(): boolean {
  const index = resolve(DESKTOP, 'dist-renderer/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(resolve(dir, e.name)) : statSync(resolve(dir, e.name)).mtimeMs)));
  return newest(resolve(DESKTOP, 'src/renderer')) > built;
}

async function healthy(url: string, limitMs: number): Promise<{ paired?: boolean }> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return (await res.json()) as { paired?: boolean };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not start within ${Math.round(limitMs / 1000)} s.`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done();
          c.once('exit', () => done());
          try {
            if (c.pid) process.kill(-c.pid, 'SIGTERM');
          } catch {
            // already gone
          }
        }),
    ),
  );
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const electron = electronBinary();

  say(`Starting the marketplace on ${SERVER_URL}…`);
  run(process.execPath, ['--import', 'tsx', 'src/main.ts', '--seed-if-empty'], resolve(ROOT, 'apps/server'));
  await healthy(SERVER_URL, SERVER_START_LIMIT_MS);
  const token = await ownerToken(SERVER_URL, `owner@${VENDOR}.example`, PASSWORD);
  const staff = await prepareDemoStaff(SERVER_URL, token, `manager@${VENDOR}.example`, PASSWORD);

  let counterLine: string;
  if (electron) {
    say('Building the desktop app (electron-vite)…');
    await new Promise<void>((done, fail) =>
      spawn(process.execPath, [resolve(DESKTOP, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: DESKTOP, stdio: 'inherit' }).once('exit', (code) =>
        code === 0 ? done() : fail(new Error('electron-vite build failed')),
      ),
    );
    // the app pairs itself with this code on first start; a paired data folder ignores it
    const code = await demoPairingCode(SERVER_URL, token);
    say('Opening the counter app…');
    run(electron, ['.'], DESKTOP, { MAKERIES_SERVER_URL: SERVER_URL, MAKERIES_DATA_DIR: resolve(ROOT, 'data/counter'), MAKERIES_PAIRING_CODE: code });
    counterLine = 'Counter app:  the Makeries Counter window (Electron)';
  } else {
    if (uiStale()) {
      say('Building the counter UI…');
      await build({ configFile: resolve(DESKTOP, 'vite.config.ts'), logLevel: 'warn' });
    }
    say(`Starting the demo counter (browser mode) on ${COUNTER_SHOWN}…`);
    run(process.execPath, ['--import', 'tsx', 'src/core/cli.ts', '--server', SERVER_URL, '--data', resolve(ROOT, 'data/counter'), '--port', String(COUNTER_PORT)], DESKTOP);
    await healthy(COUNTER_URL, 60_000);
    const pairing = await pairDemoCounter(SERVER_URL, token, COUNTER_URL);
    counterLine = `Counter UI:   ${COUNTER_SHOWN}   (${pairing.shopName}, register ${pairing.registerCode}${pairing.paired === 'now' ? ', paired just now' : ''})`;
  }

  say(
    [
      '',
      `Storefront:   ${SERVER_URL}`,
      counterLine,
      `Back office:  owner@${VENDOR}.example / ${PASSWORD}`,
      `Counter PINs: ${staff.map((s) => `${s.name} (${s.role}) ${s.pin}`).join(' · ')}`,
      `              managers approve refunds and big discounts with their PIN (${DEMO_PINS.manager})`,
      'Ctrl+C stops everything.',
      '',
    ].join('\n[start] '),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`[start] The demo could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  void stop(1);
});
