import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database, type DatabaseTarget, type Db } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { posEntityMap, posPushes } from '../../db/schema/index';
import { loadEnv, type Env } from '../../env';
import { buildApp } from '../../http/app';
import { LEASE_MS } from '../../jobs/queue';
import { createJobRuntime, type JobRuntime } from '../../jobs/runtime';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../test/db';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { pgliteTemplate } from '../../test/template';
import { recordMovements } from '../inventory';
import { chooseLocation, completeConnect, startConnect } from './connect';
import { connectionOfVendor } from './connections';
import { registerBridgeJobs } from './jobs';
import type { KillChildArgs } from './kill-child';
import { applyImport, bridgeView } from './manage';
import { LOCATION, MERCHANT } from './square-test-kit';
import { SQUARE_WEBHOOK_PATH } from './square/connector';
import { startSquareFake, type FakeRequestLog, type SquareFake } from './square/fake/index';
import { readStream } from './sync-state';

/**
 * The bridge under a real `kill -9`: server instances run as child processes (kill-child.ts through tsx) on a
 * database this process opens too — a PGlite data directory (held by one process at a time, so the parent closes
 * it while a child runs) or a throwaway PostgreSQL database — against the in-process Square fake, and die by
 * SIGKILL at chosen points. The parent then resumes on the same database with its clock past the dead instance's
 * job lease, as another server instance would.
 */
const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const ITEMS = 5_000;
const PAGE = 100;
/** 2 taxes and 4 categories come first, on the first page */
const OTHERS = 6;
const PAGES = Math.ceil((ITEMS + OTHERS) / PAGE);
const LIST = '/v2/catalog/list';
const BATCH_CREATE = '/v2/inventory/changes/batch-create';
const SALES = 60;
const START_COUNT = 500;
/** a kill point not reached within this long fails the test instead of hanging it */
const SAFETY_MS = 45_000;

interface ChildRun {
  triggered: boolean;
  ended: string;
  stderr: string;
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, query);
  return r?.n ?? -1;
}

for (const kind of DB_KINDS) {
  describe(`Square bridge under kill -9 (child processes on a shared ${kind === 'pglite' ? 'PGlite data directory' : 'PostgreSQL database'}) [${kind}]`, () => {
    let fake: SquareFake;
    let envVars: Record<string, string>;
    let env: Env;
    let target: DatabaseTarget;
    let pgDatabase: TestDatabase | null = null;
    let dataDir: string | null = null;
    let vendor: VendorFixture;
    let connectionId: string;
    let stocked: string[];
    let parent: { database: Database; runtime: JobRuntime } | null = null;
    let child: ChildProcess | null = null;
    /** added to the wall clock by every server instance: moved past the lease a killed instance left behind */
    let skew = 0;
    const now = () => new Date(Date.now() + skew);
    const requestWatchers = new Set<(log: FakeRequestLog) => void>();

    async function openParent(): Promise<Db> {
      if (!parent) {
        const database = pgDatabase ?? (await openDatabase(target));
        const runtime = createJobRuntime(database.db, { now });
        registerBridgeJobs(runtime, database.db, env, { now });
        parent = { database, runtime };
      }
      return parent.database.db;
    }

    /** PGlite: one process holds the data directory, so the parent lets go of it before a child opens it. */
    async function closeParent(): Promise<void> {
      if (!parent) return;
      await parent.runtime.stop();
      if (!pgDatabase) await parent.database.close();
      parent = null;
    }

    /** Runs due jobs like another server instance until no bridge job is left (moving past backoffs). */
    async function drain(): Promise<void> {
      const db = await openParent();
      const runtime = parent?.runtime;
      if (!runtime) throw new Error('no parent runtime');
      for (let i = 0; i < 300; i++) {
        const s = await runtime.tick({ limit: 500 });
        if (s.done + s.retried + s.failed > 0) continue;
        if ((await count(db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%'`)) === 0) return;
        skew += 60_000;
      }
      throw new Error('bridge jobs did not settle');
    }

    /**
     * Starts a server instance as a child process and SIGKILLs it when `killOnRequest` says so (checked as the fake
     * logs a request it has committed, before it answers: the child never reads that answer) or `killOnLine` does
     * (a line the child printed). Resolves once the child is gone.
     */
    async function runChild(opts: { killOnRequest?: (log: FakeRequestLog) => boolean; killOnLine?: (line: string) => boolean }): Promise<ChildRun> {
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
      const watcher = (log: FakeRequestLog) => {
        if (opts.killOnRequest?.(log)) kill();
      };
      requestWatchers.add(watcher);
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
      requestWatchers.delete(watcher);
      child = null;
      // the dead instance's claimed job stays leased; the next instance comes after its lease ran out
      skew += LEASE_MS + 1_000;
      return run;
    }

    beforeAll(async () => {
      fake = await startSquareFake({
        merchants: [{ merchantId: MERCHANT, locations: [{ id: LOCATION, name: 'Market Street', currency: 'GBP' }] }],
        notificationUrl: 'https://market.makeries.test/hooks/pos/square',
      });
      // every request the fake logs (after committing it, before answering) goes past the kill points
      const log = fake.requests;
      const push = log.push.bind(log);
      log.push = (...entries: FakeRequestLog[]) => {
        const n = push(...entries);
        for (const e of entries) for (const w of requestWatchers) w(e);
        return n;
      };
      envVars = {
        NODE_ENV: 'test',
        DATA_DIR: '/tmp/makeries-test',
        LOG_LEVEL: 'silent',
        APP_SECRET: 'test-secret-test-secret-test-secret-42',
        SQUARE_APPLICATION_ID: fake.applicationId,
        SQUARE_APPLICATION_SECRET: fake.clientSecret,
        SQUARE_API_BASE: fake.baseUrl,
        SQUARE_WEBHOOK_SIGNATURE_KEY: fake.signatureKey,
        SQUARE_WEBHOOK_URL: fake.notificationUrl,
        POS_TIMEOUT_MS: '10000',
      };
      env = loadEnv(envVars);

      if (kind === 'postgres') {
        pgDatabase = await createTestDatabase('postgres');
        const [row] = await queryRows<{ name: string }>(pgDatabase.db, sql`SELECT current_database() AS name`);
        const url = new URL(process.env.TEST_DATABASE_URL ?? '');
        url.pathname = `/${row?.name ?? ''}`;
        target = { kind: 'postgres', url: url.toString(), max: 5 };
      } else {
        dataDir = mkdtempSync(join(tmpdir(), 'makeries-sqkill-'));
        const template = pgliteTemplate();
        const first = await openDatabase({ kind: 'pglite', dataDir, ...(template ? { loadDataDir: template } : {}) });
        if (!template) await runMigrations(first);
        await first.close();
        target = { kind: 'pglite', dataDir };
      }

      const seeded = fake.seedItems(MERCHANT, ITEMS, { currency: 'GBP', taxes: 2, categories: 4 });
      stocked = seeded.variationIds.slice(0, 8);
      for (const v of stocked) fake.setCount(MERCHANT, v, LOCATION, START_COUNT);

      // the owner connects through Square's authorize page and chooses the location: reading the catalog is queued
      const db = await openParent();
      vendor = await createVendorFixture(db, { taxMode: 'exclusive', currency: 'GBP' });
      const { url } = await startConnect(db, env, vendor.vendorId, 'square', now());
      const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
      await completeConnect(db, env, 'square', { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' }, now());
      await chooseLocation(db, env, vendor.vendorId, LOCATION);
      const conn = await connectionOfVendor(db, vendor.vendorId);
      if (!conn) throw new Error('not connected');
      connectionId = conn.id;
    }, 120_000);

    afterAll(async () => {
      child?.kill('SIGKILL');
      await closeParent();
      await fake.close();
      await pgDatabase?.destroy();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it(`imports ${ITEMS.toLocaleString('en')} items through a kill -9 mid-read and one mid-apply, with nothing read or created twice`, async () => {
      // killed while the 20th page is on its way back: 19 pages and their cursor are committed
      let listed = 0;
      const read = await runChild({ killOnRequest: (l) => l.path === LIST && ++listed === 20 });
      expect(read).toMatchObject({ triggered: true, ended: 'SIGKILL' });
      let db = await openParent();
      expect(await readStream(db, connectionId, 'import')).toMatchObject({ phase: 'fetching', done: 19 * PAGE - OTHERS });

      // another instance resumes at page 20: the one in flight is read again, no page before it
      await drain();
      expect(await readStream(db, connectionId, 'import')).toMatchObject({ phase: 'preview', total: ITEMS });
      expect(fake.calls(LIST)).toHaveLength(PAGES + 1);

      // the owner applies; the instance applying it is killed after 1,000 products or more
      await applyImport(db, vendor.vendorId, 'none');
      const applying = await runChild({
        killOnLine: (line) => {
          const m = /^import applying (\d+)$/.exec(line);
          return m !== null && Number(m[1]) >= 1_000;
        },
      });
      expect(applying).toMatchObject({ triggered: true, ended: 'SIGKILL' });
      db = await openParent();
      const halfway = await readStream(db, connectionId, 'import');
      expect(halfway?.phase).toBe('applying');
      const done = halfway?.done ?? 0;
      expect(done).toBeGreaterThanOrEqual(1_000);
      expect(done).toBeLessThan(ITEMS);
      // each chunk committed whole, with its progress: exactly the products counted exist
      expect(await count(db, sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${vendor.vendorId}`)).toBe(done);

      await drain();
      // every product was applied once: progress counted each chunk once, and nothing exists twice
      expect(await readStream(db, connectionId, 'import')).toMatchObject({ phase: 'done', done: ITEMS });
      const [counts] = await queryRows<{ products: number; names: number; variants: number; mapped: number; mapRows: number }>(
        db,
        sql`SELECT (SELECT count(*) FROM products WHERE vendor_id = ${vendor.vendorId})::int AS products,
                   (SELECT count(DISTINCT name) FROM products WHERE vendor_id = ${vendor.vendorId})::int AS names,
                   (SELECT count(*) FROM variants WHERE vendor_id = ${vendor.vendorId})::int AS variants,
                   (SELECT count(DISTINCT local_id) FROM pos_entity_map WHERE connection_id = ${connectionId} AND entity = 'variant')::int AS mapped,
                   (SELECT count(*) FROM pos_entity_map WHERE connection_id = ${connectionId} AND entity = 'variant')::int AS "mapRows"`,
      );
      expect(counts?.products).toBe(ITEMS);
      expect(counts?.names).toBe(ITEMS);
      expect(counts?.mapped).toBe(counts?.variants);
      expect(counts?.mapRows).toBe(counts?.variants);
      expect(counts?.variants).toBeGreaterThanOrEqual(ITEMS);
      expect(await count(db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'failed'`)).toBe(0);
      expect(await count(db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%'`)).toBe(0);
      const view = await bridgeView(db, env, vendor.vendorId, 'owner');
      expect(view).toMatchObject({ state: 'in_step', bridged: { products: ITEMS } });
    }, 180_000);

    it(`${String(SALES)} counter sales reach Square exactly once through a kill -9 with a push in flight`, async () => {
      let db = await openParent();
      fake.takeEvents(); // the counts set before the import were taken by it
      const rows = await db
        .select({ extId: posEntityMap.extId, localId: posEntityMap.localId })
        .from(posEntityMap)
        .where(and(eq(posEntityMap.connectionId, connectionId), eq(posEntityMap.entity, 'variant')));
      const local = new Map(rows.map((r) => [r.extId, r.localId]));
      const sold = new Map<string, number>(stocked.map((v) => [v, 0]));
      for (let i = 0; i < SALES; i++) {
        const v = stocked[i % stocked.length] ?? '';
        const quantity = i % 3 === 0 ? 2 : 1;
        await recordMovements(db, vendor.vendorId, [{ id: uuidv7(), variantId: local.get(v) ?? '', kind: 'sale', quantity: -quantity, occurredAt: now(), reference: uuidv7() }]);
        sold.set(v, (sold.get(v) ?? 0) + quantity);
      }
      const onHand = async (v: string) => count(db, sql`SELECT on_hand AS n FROM inventory_levels WHERE variant_id = ${local.get(v) ?? ''}`);
      for (const v of stocked) expect(await onHand(v)).toBe(START_COUNT - (sold.get(v) ?? 0));

      // killed once Square has committed the 5th adjustment, before its answer is read
      let pushes = 0;
      const inFlight = { key: '' };
      const run = await runChild({
        killOnRequest: (l) => {
          if (l.path !== BATCH_CREATE || ++pushes !== 5) return false;
          inFlight.key = l.idempotencyKey ?? '';
          return true;
        },
      });
      expect(run).toMatchObject({ triggered: true, ended: 'SIGKILL' });
      db = await openParent();
      const states = await db.select({ key: posPushes.idempotencyKey, state: posPushes.state }).from(posPushes).where(eq(posPushes.connectionId, connectionId));
      expect(states.filter((p) => p.state === 'acknowledged')).toHaveLength(4);
      expect(states.find((p) => p.key === inFlight.key)?.state).toBe('sent');

      await drain();
      // one adjustment per sale in Square; the one in flight was sent again with its key and applied once
      const answered = fake.calls(BATCH_CREATE).filter((c) => c.status === 200);
      expect(new Set(answered.map((c) => c.idempotencyKey)).size).toBe(SALES);
      expect(answered.filter((c) => c.idempotencyKey === inFlight.key)).toHaveLength(2);
      for (const v of stocked) expect({ v, count: fake.count(MERCHANT, v, LOCATION) }).toEqual({ v, count: START_COUNT - (sold.get(v) ?? 0) });
      expect(await count(db, sql`SELECT count(*)::int AS n FROM pos_pushes WHERE state <> 'acknowledged'`)).toBe(0);

      // Square's count webhooks (echoes of our own sales) arrive: the counter shows exactly Square's count
      if (!parent) throw new Error('no parent');
      const app = await buildApp({ database: parent.database, env });
      try {
        for (const e of fake.takeEvents()) {
          const res = await app.inject({ method: 'POST', url: SQUARE_WEBHOOK_PATH, headers: { ...e.headers, 'content-type': 'application/json' }, payload: e.body });
          expect(res.statusCode).toBe(200);
        }
        await drain();
      } finally {
        await app.close();
      }
      for (const v of stocked) expect({ v, onHand: await onHand(v) }).toEqual({ v, onHand: fake.count(MERCHANT, v, LOCATION) });
      expect(await count(db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'failed'`)).toBe(0);
    }, 120_000);
  });
}
