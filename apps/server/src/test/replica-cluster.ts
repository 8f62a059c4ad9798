import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL primary and a streaming replica made with pg_basebackup -R, in a temp dir, for the read-replica tests. */
export interface ReplicaCluster {
  primaryUrl: string;
  replicaUrl: string;
  /** runs SQL on the replica (pausing and resuming WAL replay) */
  onReplica(sql: string): Promise<pg.QueryResult>;
  stop(): Promise<void>;
}

/** Debian's PostgreSQL (/usr/lib/postgresql/<v>/bin), newest first; CI installs it (scripts/test-all.mjs --preflight). */
function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries are missing: apt-get install postgresql (the read-replica test starts its own cluster)');
  return join(root, newest, 'bin');
}

/** initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres` user (as in .ci/run). */
async function asPostgres(cmd: string, args: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  await run(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, { maxBuffer: 8 * 1024 * 1024 });
}

async function ownForPostgres(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  chownSync(dir, await id('-u'), await id('-g'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

export async function startReplicaCluster(): Promise<ReplicaCluster> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'makeries-replica-'));
  const started: string[] = [];
  const stop = async () => {
    for (const data of started.reverse()) await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    started.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  const start = async (data: string, port: number) => {
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
    await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', `${data}.log`, '-w', '-t', '60', '-o', opts, 'start']);
    started.push(data);
  };
  try {
    await ownForPostgres(dir);
    const primary = join(dir, 'primary');
    const replica = join(dir, 'replica');
    // initdb's default pg_hba.conf trusts local replication connections, and wal_level defaults to replica
    await asPostgres(join(bin, 'initdb'), ['-D', primary, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    await start(primary, primaryPort);
    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica of the primary
    await asPostgres(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '-c', 'fast']);
    await start(replica, replicaPort);
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
    return {
      primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
      replicaUrl,
      async onReplica(sql) {
        const c = new pg.Client({ connectionString: replicaUrl });
        await c.connect();
        try {
          return await c.query(sql);
        } finally {
          await c.end();
        }
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
