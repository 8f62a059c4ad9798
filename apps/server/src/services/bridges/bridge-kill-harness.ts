import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PosProvider } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database, type DatabaseTarget, type Db } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { loadEnv, type Env } from '../../env';
import { LEASE_MS } from '../../jobs/queue';
import { createJobRuntime, type JobRuntime } from '../../jobs/runtime';
import { createTestDatabase, type DbKind, type TestDatabase } from '../../test/db';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { pgliteTemplate } from '../../test/template';
import { connectOwner, type RigAdapter } from './bridge-rig';
import { chooseLocation } from './connect';
import { connectionOfVendor } from './connections';
import { registerBridgeJobs } from './jobs';
import type { KillChildArgs } from './kill-child';

/**
 * A bridge under a real `kill -9`, for any POS (not a test file; the scenarios are in bridge-kill-scenarios.ts):
 * server instances run as child processes (kill-child.ts through tsx) on a database this process opens too — a
 * PGlite data directory (held by one process at a time, so the parent closes it while a child runs) or a
 * throwaway PostgreSQL database — against the POS fake running here, and die by SIGKILL at chosen points. The
 * parent then resumes on the same database with its clock past the dead instance's job lease, as another server
 * instance would.
 */
const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../../../', import.meta.url));
/** a kill point not reached within this long fails the test instead of hanging it */
const SAFETY_MS = 45_000;

/** What a provider's test brings: the fake seeded and its connect adapter, the bridged variants given a count. */
export interface KillSetup<F> {
  adapter: RigAdapter<F>;
  /** ext ids (as the entity map holds them) of tracked variants the fake counts */
  stocked: string[];
}

interface ChildRun {
  triggered: boolean;
  ended: string;
  stderr: string;
}

export interface KillBench<F, L> {
  kind: DbKind;
  provider: PosProvider;
  fake: F;
  env: Env;
  vendor: VendorFixture;
  connectionId: string;
  stocked: string[];
  now(): Date;
  /** the parent's database (opened again after a child ran) */
  db(): Promise<Db>;
  database(): Promise<Database>;
  /** runs due jobs like another server instance until no bridge job is left (moving past backoffs) */
  drain(): Promise<void>;
  /**
   * starts a server instance as a child process and SIGKILLs it when `killOnRequest` says so (checked as the fake
   * logs a request it has committed, before it answers: the child never reads that answer) or `killOnLine` does
   * (a line the child printed); resolves once the child is gone
   */
  runChild(opts: { killOnRequest?: (log: L) => boolean; killOnLine?: (line: string) => boolean }): Promise<ChildRun>;
  /** sees every request the fake logs (after committing it, before answering) until the returned stop is called */
  watch(fn: (log: L) => void): () => void;
  count(query: ReturnType<typeof sql>): Promise<number>;
  close(): Promise<void>;
}

/** Starts the fake (through `setup`), the database, and connects the shop to the POS location; the import is queued. */
export async function startKillBench<F extends { requests: L[] }, L>(kind: DbKind, setup: () => Promise<KillSetup<F>>): Promise<KillBench<F, L>> {
  const { adapter, stocked } = await setup();
  const fake = adapter.fake;
  const envVars: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: '/tmp/makeries-test',
    LOG_LEVEL: 'silent',
    APP_SECRET: 'test-secret-test-secret-test-secret-42',
    POS_TIMEOUT_MS: '10000',
    ...adapter.env,
  };
  const env = loadEnv(envVars);
  let target: DatabaseTarget;
  let pgDatabase: TestDatabase | null = null;
  let dataDir: string | null = null;
  let parent: { database: Database; runtime: JobRuntime } | null = null;
  let child: ChildProcess | null = null;
  /** added to the wall clock by every server instance: moved past the lease a killed instance left behind */
  let skew = 0;
  const now = () => new Date(Date.now() + skew);
  const watchers = new Set<(log: L) => void>();

  // every request the fake logs (after committing it, before answering) goes past the kill points
  const log = fake.requests;
  const push = log.push.bind(log);
  log.push = (...entries: L[]) => {
    const n = push(...entries);
    for (const e of entries) for (const w of watchers) w(e);
    return n;
  };

  if (kind === 'postgres') {
    pgDatabase = await createTestDatabase('postgres');
    const [row] = await queryRows<{ name: string }>(pgDatabase.db, sql`SELECT current_database() AS name`);
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    url.pathname = `/${row?.name ?? ''}`;
    target = { kind: 'postgres', url: url.toString(), max: 5 };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'makeries-kill-'));
    const template = pgliteTemplate();
    const first = await openDatabase({ kind: 'pglite', dataDir, ...(template ? { loadDataDir: template } : {}) });
    if (!template) await runMigrations(first);
    await first.close();
    target = { kind: 'pglite', dataDir };
  }

  async function openParent(): Promise<{ database: Database; runtime: JobRuntime }> {
    if (!parent) {
      const database = pgDatabase ?? (await openDatabase(target));
      const runtime = createJobRuntime(database.db, { now });
      registerBridgeJobs(runtime, database.db, env, { now });
      parent = { database, runtime };
    }
    return parent;
  }

  /** PGlite: one process holds the data directory, so the parent lets go of it before a child opens it. */
  async function closeParent(): Promise<void> {
    if (!parent) return;
    await parent.runtime.stop();
    if (!pgDatabase) await parent.database.close();
    parent = null;
  }

  const db = async () => (await openParent()).database.db;
  const count = async (query: ReturnType<typeof sql>) => {
    const [r] = await queryRows<{ n: number }>(await db(), query);
    return r?.n ?? -1;
  };

  // the owner connects the way this POS does it and chooses the location: reading the catalog is queued
  const first = await db();
  const vendor = await createVendorFixture(first, { taxMode: 'exclusive', currency: 'GBP' });
  await connectOwner(first, env, vendor.vendorId, adapter, now());
  await chooseLocation(first, env, vendor.vendorId, adapter.locationId);
  const conn = await connectionOfVendor(first, vendor.vendorId);
  if (!conn) throw new Error('not connected');
  const connectionId = conn.id;

  return {
    kind,
    provider: adapter.provider,
    fake,
    env,
    vendor,
    connectionId,
    stocked,
    now,
    db,
    database: async () => (await openParent()).database,
    count,
    watch(fn) {
      watchers.add(fn);
      return () => watchers.delete(fn);
    },
    async drain() {
      const { runtime } = await openParent();
      for (let i = 0; i < 300; i++) {
        const s = await runtime.tick({ limit: 500 });
        if (s.done + s.retried + s.failed > 0) continue;
        if ((await count(sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%'`)) === 0) return;
        skew += 60_000;
      }
      throw new Error('bridge jobs did not settle');
    },
    async runChild(opts) {
      await closeParent();
      const args: KillChildArgs = { target, env: envVars, connectionId, skewMs: skew };
      const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      const run: ChildRun = { triggered: false, ended: '', stderr: '' };
      const kill = () => {
        if (run.triggered) return;
        run.triggered = true;
        proc.kill('SIGKILL');
      };
      const watcher = (l: L) => {
        if (opts.killOnRequest?.(l)) kill();
      };
      watchers.add(watcher);
      const safety = setTimeout(() => proc.kill('SIGKILL'), SAFETY_MS);
      let buffer = '';
      proc.stdout.on('data', (b: Buffer) => {
        buffer += b.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (opts.killOnLine?.(line)) kill();
      });
      proc.stderr.on('data', (b: Buffer) => {
        run.stderr = (run.stderr + b.toString()).slice(-4000);
      });
      await new Promise<void>((resolve) => {
        proc.once('exit', (code, signal) => {
          run.ended = signal ?? `exit ${String(code)}`;
          resolve();
        });
      });
      clearTimeout(safety);
      watchers.delete(watcher);
      child = null;
      // the dead instance's claimed job stays leased; the next instance comes after its lease ran out
      skew += LEASE_MS + 1_000;
      return run;
    },
    async close() {
      child?.kill('SIGKILL');
      await closeParent();
      await adapter.close();
      await pgDatabase?.destroy();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
