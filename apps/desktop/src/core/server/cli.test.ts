import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCounterCore } from '../index';
import { counterClient } from '../router/test-kit';
import { count, PINS } from '../test/fixtures';
import { DEFAULT_PORT, parseCounterArgs, UsageError } from './args';
import { prepareOfflineCounter, UNREACHABLE_SERVER } from './offline-fixture';

const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(APP_DIR, 'src/core/cli.ts');
const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'counter-cli-'));
  dirs.push(d);
  return d;
}

/** Runs `counter` the way `pnpm counter` does (tsx), collecting its output. */
function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: APP_DIR, env: { ...process.env, NODE_ENV: 'production' } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    /** resolves with the first stdout match, or fails with what the process printed */
    async waitFor(re: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = stdout.match(re);
        if (m) return m;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${re} in output.\nstdout: ${stdout}\nstderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('parseCounterArgs', () => {
  it('reads --server, --data and --port, with a default port', () => {
    expect(parseCounterArgs(['--data', 'shop', '--server', 'http://localhost:3000/'], '/srv')).toEqual({ serverUrl: 'http://localhost:3000', dataDir: '/srv/shop', port: DEFAULT_PORT });
    expect(parseCounterArgs(['--data=/d', '--port', '0'])).toEqual({ serverUrl: undefined, dataDir: '/d', port: 0 });
  });

  it('takes the UI dev server’s origin from --dev-origin, and only a web address', () => {
    expect(parseCounterArgs(['--data=/d', '--dev-origin', 'http://localhost:5173/'])).toMatchObject({ devOrigin: 'http://localhost:5173' });
    expect(parseCounterArgs(['--data=/d'])).not.toHaveProperty('devOrigin');
    expect(() => parseCounterArgs(['--data=/d', '--dev-origin', 'file:///tmp'])).toThrow(/--dev-origin must be an http/);
    expect(() => parseCounterArgs(['--data=/d', '--dev-origin', 'localhost:5173'])).toThrow(UsageError);
  });

  it('explains what is wrong', () => {
    const wrong = (argv: string[]) => {
      try {
        parseCounterArgs(argv);
      } catch (e) {
        if (e instanceof UsageError) return e.message;
        throw e;
      }
      throw new Error('expected a UsageError');
    };
    expect(wrong([])).toContain('--data DIR is required');
    expect(wrong(['--data', 'd', '--server', 'localhost'])).toContain('--server must be a URL');
    expect(wrong(['--data', 'd', '--server', 'ftp://x'])).toContain('http://');
    expect(wrong(['--data', 'd', '--port', '70000'])).toContain('--port must be a number');
    expect(wrong(['--data', 'd', '--colour'])).toContain('--colour');
  });
});

describe('the counter command', () => {
  it('starts with the marketplace down, answers /healthz, sells offline, and exits cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const shop = await prepareOfflineCounter(dataDir);
    const run = runCli(['--server', UNREACHABLE_SERVER, '--data', dataDir, '--port', '0']);
    const [, url] = await run.waitFor(/Counter API on (http:\/\/127\.0\.0\.1:\d+)\/trpc/);
    await run.waitFor(/Paired as register A1/);

    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, paired: true, registerCode: 'A1', online: false });

    const c = counterClient(url ?? '');
    await c.staff.login.mutate({ staffId: shop.staff.cashier, pin: PINS.cashier });
    await c.shifts.open.mutate({ floatCents: 2000 });
    await c.cart.addByScan.mutate({ code: shop.barcodes.loaf });
    const sale = await c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 1000 }] });
    expect(sale).toMatchObject({ totalCents: 450, changeCents: 550, syncStatus: 'pending' });
    const status = await c.sync.status.query();
    expect(status).toMatchObject({ online: false, pending: 2 });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out()).toContain('Counter stopped.');
    expect(run.err()).toBe('');
    // SQLite closed properly: the WAL was checkpointed away, and the sale is on disk for the next start
    expect(existsSync(join(dataDir, 'counter.sqlite-wal'))).toBe(false);
    const core = createCounterCore({ dataDir });
    try {
      expect(count(core, 'sales')).toBe(1);
      expect(core.outbox.stats()).toMatchObject({ pending: 2 });
    } finally {
      core.close();
    }
  });

  it('starts unpaired on an empty data dir and stops on SIGINT', async () => {
    const dataDir = join(tempDir(), 'new-counter');
    const run = runCli(['--data', dataDir, '--server', UNREACHABLE_SERVER, '--port', '0']);
    const [, url] = await run.waitFor(/Counter API on (http:\/\/127\.0\.0\.1:\d+)\/trpc/);
    await run.waitFor(/Not paired yet/);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ ok: true, paired: false });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(existsSync(join(dataDir, 'counter.sqlite'))).toBe(true);
  });

  it('refuses a bad command line with usage and exit code 2', async () => {
    const run = runCli(['--server', 'not a url']);
    expect(await run.exited).toBe(2);
    expect(run.err()).toContain('--data DIR is required');
    expect(run.err()).toContain('Usage: counter');
  });
});
