import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleChild } from './bundle-child';

/**
 * The real marketplace server as a child process, for sync tests that need to stop, kill, restart and restore
 * it. PGlite in a temp DATA_DIR by default; a fresh database on TEST_DATABASE_URL's server when that is set.
 * The counter never imports server code, so the tests talk to it only over HTTP, like a real counter.
 */
const SERVER_DIR = fileURLToPath(new URL('../../../../server/', import.meta.url));

const run = promisify(execFile);
let bundled: Promise<string> | undefined;
/** src/main.ts as one JavaScript file, built once per test process (test/bundle-child.ts) */
const serverBundle = (): Promise<string> => (bundled ??= bundleChild(join(SERVER_DIR, 'src', 'main.ts'), SERVER_DIR));
const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly kind: 'pglite' | 'postgres';
  /** graceful SIGTERM; resolves when the process has exited */
  stop(): Promise<void>;
  /** SIGKILL, like a power cut */
  kill(): Promise<void>;
  /** starts it again on the same port and data */
  restart(): Promise<void>;
  /** SIGSTOP: a hung process — the kernel still accepts connections, nothing ever answers */
  freeze(): void;
  /** SIGCONT after freeze() */
  thaw(): void;
  /** copies the stopped server's data aside; returns a name for restore() */
  snapshot(): Promise<string>;
  /** puts a snapshot back in place of the stopped server's data (a restored backup) */
  restore(name: string): Promise<void>;
  /**
   * Runs one SQL statement on the stopped server's database, as an operator would (e.g. rotating the epoch
   * after a restore). PGlite is opened by a node process in the server's folder, where the package lives.
   */
  sql(statement: string): Promise<void>;
  /** the last lines the server printed, for failing-test messages */
  output(): string;
  /** stops it and deletes its data and snapshots */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function psql(adminUrl: string, command: string): Promise<void> {
  await run('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command]);
}

const PGLITE_EXEC = `import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create({ dataDir: process.argv[1] });
try { await db.exec(process.argv[2]); } finally { await db.close(); }`;

async function pgliteExec(dataDir: string, statement: string): Promise<void> {
  await run(process.execPath, ['--input-type=module', '-e', PGLITE_EXEC, dataDir, statement], { cwd: SERVER_DIR });
}

function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Every server group we started, killed if the test process exits without destroy(). */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited during start-up (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server did not answer /healthz within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** Where the server keeps its data: a temp DATA_DIR (PGlite), or a throwaway database on TEST_DATABASE_URL's server. */
interface Storage {
  root: string;
  dataDir: string;
  adminUrl: string | undefined;
  dbName: string;
}

function serverEnv(port: number, st: Storage, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.INIT_CWD;
  return Object.assign(env, {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: st.dataDir,
    LOG_LEVEL: 'warn',
    // tests pair and sign in many times from one address
    LOGIN_RATE_LIMIT: '10000',
    // the counter's tests sell online from shops they register: no operator approves them here
    AUTO_APPROVE_SHOPS: 'on',
    ...(st.adminUrl ? { DATABASE_URL: databaseUrl(st.adminUrl, st.dbName) } : {}),
    ...extra,
  });
}

class ChildServer implements ServerProcess {
  readonly url: string;
  readonly kind: 'pglite' | 'postgres';
  private child: ChildProcess | null = null;
  private log = '';
  private readonly snapshots: string[] = [];

  constructor(
    readonly port: number,
    private readonly st: Storage,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.kind = st.adminUrl ? 'postgres' : 'pglite';
  }

  async start(): Promise<void> {
    // the server bundled to plain JavaScript (no tsx loader to pay at every start), in its own process group
    const c = spawn(process.execPath, [await serverBundle()], { cwd: SERVER_DIR, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = c;
    if (c.pid) live.add(c.pid);
    const append = (b: Buffer): void => {
      this.log = (this.log + b.toString()).slice(-20_000);
    };
    c.stdout?.on('data', append);
    c.stderr?.on('data', append);
    c.once('exit', () => {
      if (c.pid) live.delete(c.pid);
    });
    await waitHealthy(this.url, c, () => this.output());
  }

  stop = (): Promise<void> => this.signalAndWait('SIGTERM');
  kill = (): Promise<void> => this.signalAndWait('SIGKILL');

  async restart(): Promise<void> {
    await this.signalAndWait('SIGTERM');
    await this.start();
  }

  freeze(): void {
    if (this.child?.pid) killGroup(this.child.pid, 'SIGSTOP');
  }

  thaw(): void {
    if (this.child?.pid) killGroup(this.child.pid, 'SIGCONT');
  }

  async snapshot(): Promise<string> {
    this.requireStopped('taking a snapshot');
    const name = `snap${this.snapshots.length}`;
    this.snapshots.push(name);
    const { adminUrl, dbName } = this.st;
    if (adminUrl) await psql(adminUrl, `CREATE DATABASE ${dbName}_${name} TEMPLATE ${dbName}`);
    else cpSync(this.st.dataDir, join(this.st.root, name), { recursive: true });
    return name;
  }

  async restore(name: string): Promise<void> {
    this.requireStopped('restoring a snapshot');
    const { adminUrl, dbName, dataDir } = this.st;
    if (adminUrl) {
      await psql(adminUrl, `DROP DATABASE ${dbName} WITH (FORCE)`);
      await psql(adminUrl, `CREATE DATABASE ${dbName} TEMPLATE ${dbName}_${name}`);
    } else {
      rmSync(dataDir, { recursive: true, force: true });
      cpSync(join(this.st.root, name), dataDir, { recursive: true });
    }
  }

  async sql(statement: string): Promise<void> {
    this.requireStopped('changing its database by hand');
    if (this.st.adminUrl) await psql(databaseUrl(this.st.adminUrl, this.st.dbName), statement);
    else await pgliteExec(join(this.st.dataDir, 'server'), statement);
  }

  output(): string {
    return this.log.slice(-4000);
  }

  async destroy(): Promise<void> {
    await this.signalAndWait('SIGTERM');
    const { adminUrl, dbName } = this.st;
    if (adminUrl) {
      for (const db of [dbName, ...this.snapshots.map((s) => `${dbName}_${s}`)]) await psql(adminUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    }
    rmSync(this.st.root, { recursive: true, force: true });
  }

  private requireStopped(what: string): void {
    if (this.child) throw new Error(`Stop the server before ${what}.`);
  }

  private async signalAndWait(signal: NodeJS.Signals): Promise<void> {
    const c = this.child;
    this.child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null || !c.pid) return;
    const pid = c.pid;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    // a frozen server would only handle SIGTERM after it is let go
    killGroup(pid, 'SIGCONT');
    killGroup(pid, signal);
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}

/** The server's migrations as a short hash: a new migration means a new PGlite template. */
function migrationsKey(): string {
  const hash = createHash('sha256');
  const dir = join(SERVER_DIR, 'src', 'db', 'migrations');
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) hash.update(name).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;

/** Templates of older migration sets go once they are a day old (a parallel checkout may still use its own). */
function removeStaleTemplates(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('makeries-server-pglite-') || path === keep) continue;
    try {
      if (statSync(path).mtimeMs < Date.now() - 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

/**
 * A PGlite data directory the server has already migrated, made by the first server a test run starts and
 * copied into every later one's DATA_DIR: migrating an empty PGlite costs a few seconds at each start.
 */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = join(tmpdir(), `makeries-server-pglite-${migrationsKey()}`);
    removeStaleTemplates(dir);
    if (existsSync(dir)) return dir;
    const root = mkdtempSync(join(tmpdir(), 'makeries-server-template-'));
    const st: Storage = { root, dataDir: join(root, 'data'), adminUrl: undefined, dbName: '' };
    const port = await freePort();
    const server = new ChildServer(port, st, serverEnv(port, st, {}));
    try {
      await server.start();
      await server.stop();
      // whole or not at all: another test process may be making the same template at the same moment
      if (!existsSync(dir)) renameSync(join(st.dataDir, 'server'), dir);
    } catch (e) {
      if (!existsSync(dir)) throw e;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return dir;
  })();
  return template;
}

export async function startServerProcess(extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const root = mkdtempSync(join(tmpdir(), 'makeries-server-'));
  const st: Storage = {
    root,
    dataDir: join(root, 'data'),
    adminUrl: process.env.TEST_DATABASE_URL,
    dbName: `mk_sync_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`,
  };
  if (st.adminUrl) await psql(st.adminUrl, `CREATE DATABASE ${st.dbName}`);
  else cpSync(await pgliteTemplate(), join(st.dataDir, 'server'), { recursive: true });
  const port = await freePort();
  const server = new ChildServer(port, st, serverEnv(port, st, extraEnv));
  try {
    await server.start();
  } catch (e) {
    // a server that never came up still leaves a temp folder (and a database) behind
    await server.destroy();
    throw e;
  }
  return server;
}
