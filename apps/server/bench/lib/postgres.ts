import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './ports';

const run = promisify(execFile);

export interface PostgresServer {
  /** a URL to an existing database on the server, for CREATE/DROP DATABASE */
  adminUrl: string;
  /** 'throwaway' when the bench started (and will delete) the cluster */
  origin: 'throwaway' | 'BENCH_DATABASE_URL' | 'TEST_DATABASE_URL';
  /** CPU time used so far by all server processes (ms), when the bench owns the cluster on Linux; else null */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Newest Debian-style PostgreSQL install (/usr/lib/postgresql/<v>/bin). */
function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('No PostgreSQL found under /usr/lib/postgresql; set BENCH_DATABASE_URL instead.');
  return join(root, newest, 'bin');
}

/** Root may not run initdb/postgres, so as root the cluster belongs to the `postgres` user. */
async function asPostgres(bin: string, args: string[]): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(cmd, argv, { maxBuffer: 16 * 1024 * 1024 });
}

async function chownToPostgres(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  chownSync(dir, uid, gid);
}

/** A process's stat fields after the command name, or null when it has exited meanwhile. */
function procStat(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * utime + stime of the postmaster and its children (the backends serving our connections), from /proc.
 * Backends that exited are no longer counted, so take readings while the server's pool is connected.
 */
function clusterCpuMs(dataDir: string): number | null {
  try {
    const postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]?.trim();
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const f = procStat(pid);
      // fields from state: [0] state, [1] ppid, … [11] utime, [12] stime (clock ticks, 100 per second)
      if (f && (pid === postmaster || f[1] === postmaster)) ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks * 10;
  } catch {
    return null;
  }
}

/** A fresh cluster in a temp dir on a free port, fsync on; `stop()` shuts it down and deletes it. */
async function startThrowaway(log: (m: string) => void): Promise<PostgresServer> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'makeries-bench-pg-'));
  const data = join(dir, 'data');
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await chownToPostgres(dir);
    log(`initdb (${bin}) in ${dir}`);
    await asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c shared_buffers=256MB -c max_connections=100`;
    await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', '-o', opts, 'start']);
    started = true;
    return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, origin: 'throwaway', cpuMs: () => clusterCpuMs(data), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL, else a throwaway cluster started (and removed) by the bench. */
export async function acquirePostgres(log: (m: string) => void): Promise<PostgresServer> {
  const external = (url: string, origin: PostgresServer['origin']): PostgresServer => ({ adminUrl: url, origin, cpuMs: () => null, stop: async () => {} });
  if (process.env.BENCH_DATABASE_URL) return external(process.env.BENCH_DATABASE_URL, 'BENCH_DATABASE_URL');
  if (process.env.TEST_DATABASE_URL) return external(process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL');
  return startThrowaway(log);
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the server, dropped again by `drop()`. */
export async function createBenchDatabase(server: PostgresServer, prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await admin(server.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function serverVersion(adminUrl: string): Promise<string> {
  return admin(adminUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? 'unknown');
}
