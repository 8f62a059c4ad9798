import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { demoProcess, type DemoProcess } from './demo-process';
import { DEMO_PINS, demoPairingCode, ownerToken, pairDemoCounter, prepareDemoStaff } from './demo-setup';
import { electronBinary } from './electron-runtime';

/*
 * `pnpm start`: the marketplace (seeded on first start, embedded PGlite under $DATA_DIR, default ./data) and one
 * demo counter paired to it (data in $DATA_DIR/counter). Where the Electron runtime is installed (and there is a
 * display) the counter opens as the desktop app; otherwise the same UI runs in browser mode on
 * http://localhost:5173 against a headless core. The counter outlives the marketplace: in a terminal, `s` stops
 * the marketplace (try selling offline), `r` starts it again, `q` or Ctrl+C stops everything.
 */

const DESKTOP = fileURLToPath(new URL('..', import.meta.url));
const ROOT = resolve(DESKTOP, '../..');
const PORT = Number(process.env.PORT ?? 3000);
const SERVER_URL = `http://localhost:${PORT}`;
const COUNTER_PORT = Number(process.env.COUNTER_PORT ?? 5173);
const COUNTER_URL = `http://127.0.0.1:${COUNTER_PORT}`;
/** what staff type into a browser (the core listens on the loopback address) */
const COUNTER_SHOWN = `http://localhost:${COUNTER_PORT}`;
/** like the server's own DATA_DIR (relative to the repository root under `pnpm start`) */
const DATA_DIR = resolve(ROOT, process.env.DATA_DIR ?? 'data');
const COUNTER_DATA_DIR = resolve(DATA_DIR, 'counter');
const VENDOR = process.env.DEMO_VENDOR ?? 'harbourside-bakehouse';
const PASSWORD = 'makeries-demo';
/** first start seeds a whole demo city: give it time */
const SERVER_START_LIMIT_MS = 10 * 60_000;

const say = (line: string): void => void process.stdout.write(`[start] ${line}\n`);
/** keys work only in an interactive terminal */
// undefined (not false) when stdin is not a terminal, whatever the typings say
const keys = process.stdin.isTTY ?? false;
/** set once the demo is up: from then on the marketplace may come and go while the counter keeps selling */
let ready = false;

const server = demoProcess(
  {
    name: 'the marketplace',
    command: process.execPath,
    args: ['--max-old-space-size=256', '--import', 'tsx', 'src/main.ts', '--seed-if-empty'],
    cwd: resolve(ROOT, 'apps/server'),
    env: { INIT_CWD: ROOT, DATA_DIR },
  },
  (how) => {
    if (!ready) {
      say(`The marketplace stopped during start-up (${how}); stopping the rest.`);
      return void stop(1);
    }
    keysAgain();
    say(`The marketplace stopped (${how}). The counter keeps selling offline; ${howToRestart()}`);
  },
);
let counter: DemoProcess | null = null;

function howToRestart(): string {
  return keys ? 'press r to start the marketplace again.' : `start it again with \`DATA_DIR=${DATA_DIR} PORT=${PORT} pnpm run server\`.`;
}

/** The counter is what the person is using: when it goes (its window closed), the demo is over. */
function startCounter(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): DemoProcess {
  const c = demoProcess({ name, command, args, cwd: DESKTOP, env: { INIT_CWD: ROOT, ...env } }, (how) => {
    say(`The counter stopped (${how}); stopping the rest.`);
    void stop(ready ? 0 : 1);
  });
  counter = c;
  c.start();
  return c;
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

async function healthy(url: string, limitMs: number, of: DemoProcess): Promise<{ paired?: boolean }> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (!of.running) throw new Error(`${of.name} exited before ${url} answered.`);
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
  if (keys) process.stdin.setRawMode(false);
  await Promise.all([server.stop(), counter?.stop()]);
  process.exit(code);
}

let busy = false;
/** `s`: the marketplace goes away, as if the shop's internet went down; the counter keeps selling. */
async function stopServer(): Promise<void> {
  if (busy || !server.running) { say(server.running ? 'One moment…' : `The marketplace is already stopped; ${howToRestart()}`); return; }
  busy = true;
  say('Stopping the marketplace…');
  await server.stop();
  keysAgain();
  busy = false;
  say(`The marketplace is stopped. Keep selling: the counter's bar says Offline and counts what waits to be sent; ${howToRestart()}`);
}

/** `r`: the marketplace comes back on the same data; the counter sends what waited. */
async function startServer(): Promise<void> {
  if (busy || server.running) { say(server.running ? `The marketplace is running on ${SERVER_URL}.` : 'One moment…'); return; }
  busy = true;
  say(`Starting the marketplace on ${SERVER_URL}…`);
  server.start();
  try {
    await healthy(SERVER_URL, SERVER_START_LIMIT_MS, server);
    say('The marketplace is back. The counter sends what waited within half a minute (at once with Sync now).');
  } catch (e) {
    say(`The marketplace did not come back: ${e instanceof Error ? e.message : String(e)} ${howToRestart()}`);
  } finally {
    busy = false;
  }
}

/**
 * A Node child that exits puts the terminal back into the mode it found at its own start (cooked, for a
 * marketplace started before the keys were on), which would turn our keys off; libuv thinks the terminal is still
 * raw, so only switching off and on again re-applies it.
 */
function keysAgain(): void {
  if (!keys || !ready) return;
  process.stdin.setRawMode(false);
  process.stdin.setRawMode(true);
}

function listenForKeys(): void {
  if (!keys) return;
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (key: string) => {
    // raw mode: Ctrl+C arrives as a character, not as SIGINT
    if (key === '\u0003' || key === 'q') void stop(0);
    else if (key === 's') void stopServer();
    else if (key === 'r') void startServer();
  });
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const electron = electronBinary();

  say(`Starting the marketplace on ${SERVER_URL} (data in ${DATA_DIR})…`);
  server.start();
  await healthy(SERVER_URL, SERVER_START_LIMIT_MS, server);
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
    startCounter('the counter app', electron, ['.'], { MAKERIES_SERVER_URL: SERVER_URL, MAKERIES_DATA_DIR: COUNTER_DATA_DIR, MAKERIES_PAIRING_CODE: code });
    counterLine = 'Counter app:  the Makeries Counter window (Electron)';
  } else {
    if (uiStale()) {
      say('Building the counter UI…');
      await build({ configFile: resolve(DESKTOP, 'vite.config.ts'), logLevel: 'warn' });
    }
    say(`Starting the demo counter (browser mode) on ${COUNTER_SHOWN}…`);
    const headless = startCounter('the counter', process.execPath, ['--import', 'tsx', 'src/core/cli.ts', '--server', SERVER_URL, '--data', COUNTER_DATA_DIR, '--port', String(COUNTER_PORT)]);
    await healthy(COUNTER_URL, 60_000, headless);
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
      `Data:         ${DATA_DIR} (the counter's in ${COUNTER_DATA_DIR})`,
      keys
        ? 'Keys:         s stops the marketplace (the counter keeps selling offline), r starts it again, q or Ctrl+C quits.'
        : 'Stopping the marketplace leaves the counter selling offline. Ctrl+C stops everything.',
      '',
    ].join('\n[start] '),
  );
  ready = true;
  listenForKeys();
}

main().catch((e: unknown) => {
  process.stderr.write(`[start] The demo could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  void stop(1);
});
