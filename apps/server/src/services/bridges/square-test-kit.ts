import { type FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { inventoryLevels } from '../../db/schema/index';
import type { Env } from '../../env';
import { buildApp } from '../../http/app';
import { createJobRuntime, type JobRuntime } from '../../jobs/runtime';
import { createTestDatabase, type DbKind, type TestDatabase } from '../../test/db';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { testEnv, type TestServer } from '../../test/harness';
import { createContextInner } from '../../context';
import { appRouter } from '../../routers/index';
import { createCallerFactory } from '../../trpc';
import { chooseLocation, completeConnect, startConnect } from './connect';
import { connectionOfVendor, type ConnectionRow } from './connections';
import { registerBridgeJobs } from './jobs';
import { applyImport } from './manage';
import { startSquareFake, type FakeWebhookEvent, type SquareFake } from './square/fake/index';
import { SQUARE_WEBHOOK_PATH } from './square/connector';
import { readStream } from './sync-state';

export const MERCHANT = 'MLMAKERIES01';
export const LOCATION = 'L-MARKET-ST';

/**
 * A shop bridged to the local Square fake through the real code paths: OAuth (authorize → callback), location,
 * preview, apply; a job runtime on a hand-driven clock; the webhook route of a real app. Not a test file.
 */
export interface BridgeRig {
  kind: DbKind;
  fake: SquareFake;
  env: Env;
  database: TestDatabase;
  db: Db;
  vendor: VendorFixture;
  runtime: JobRuntime;
  clock: { t: number };
  app: FastifyInstance;
  /** the same database and configuration as a TestServer (callers, pairing a counter) */
  server: TestServer;
  connection(): Promise<ConnectionRow>;
  /** runs due jobs until none is left (the clock moves past backoffs between passes) */
  drain(opts?: { maxPasses?: number }): Promise<void>;
  /** connect + choose the location + read the catalog (preview ready) */
  connectAndRead(): Promise<void>;
  importAll(match?: 'none' | 'sku' | 'barcode'): Promise<void>;
  /** posts events to the webhook route like Square does; returns the HTTP statuses */
  deliver(events: readonly FakeWebhookEvent[]): Promise<number[]>;
  onHand(variantId: string): Promise<number | null>;
  close(): Promise<void>;
}

export async function startBridgeRig(kind: DbKind, opts: { pageSize?: number; envOverrides?: Record<string, string> } = {}): Promise<BridgeRig> {
  const clock = { t: Date.now() };
  const fake = await startSquareFake({
    merchants: [{ merchantId: MERCHANT, locations: [{ id: LOCATION, name: 'Market Street', currency: 'GBP' }, { id: 'L-EURO', name: 'Lisbon pop-up', currency: 'EUR' }] }],
    notificationUrl: 'https://market.makeries.test/hooks/pos/square',
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
  });
  const env = testEnv({
    SQUARE_APPLICATION_ID: fake.applicationId,
    SQUARE_APPLICATION_SECRET: fake.clientSecret,
    SQUARE_API_BASE: fake.baseUrl,
    SQUARE_WEBHOOK_SIGNATURE_KEY: fake.signatureKey,
    SQUARE_WEBHOOK_URL: fake.notificationUrl,
    POS_TIMEOUT_MS: '10000',
    ...opts.envOverrides,
  });
  const database = await createTestDatabase(kind);
  const db = database.db;
  const vendor = await createVendorFixture(db, { taxMode: 'exclusive', currency: 'GBP' });
  const now = () => new Date(clock.t);
  const runtime = createJobRuntime(db, { now });
  registerBridgeJobs(runtime, db, env, { now });
  const app = await buildApp({ database, env });
  const createCaller = createCallerFactory(appRouter);
  const server: TestServer = { kind, database, env, caller: async (o = {}) => createCaller(await createContextInner({ database, env, ...o })) };

  const rig: BridgeRig = {
    kind,
    fake,
    env,
    database,
    db,
    vendor,
    runtime,
    clock,
    app,
    server,
    async connection() {
      const c = await connectionOfVendor(db, vendor.vendorId);
      if (!c) throw new Error('not connected');
      return c;
    },
    async drain({ maxPasses = 200 } = {}) {
      // jobs queued by requests carry the wall clock; the hand-driven clock never runs behind it
      clock.t = Math.max(clock.t, Date.now());
      for (let i = 0; i < maxPasses; i++) {
        const s = await runtime.tick({ limit: 500 });
        if (s.done + s.retried + s.failed === 0) {
          const [due] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%'`);
          if (!due || due.n === 0) return;
          clock.t += 60_000; // past backoffs and catalog debounce
        }
      }
      const stuck = await queryRows<{ kind: string; attempts: number; last_error: string | null }>(db, sql`SELECT kind, attempts, last_error FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%' LIMIT 5`);
      throw new Error(`jobs did not settle: ${JSON.stringify(stuck)}`);
    },
    async connectAndRead() {
      const { url } = await startConnect(db, env, vendor.vendorId, 'square', now());
      const res = await fetch(url, { redirect: 'manual' });
      const back = new URL(res.headers.get('location') ?? '');
      await completeConnect(db, env, 'square', { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' }, now());
      await chooseLocation(db, env, vendor.vendorId, LOCATION);
      await rig.drain();
      const state = await readStream(db, (await rig.connection()).id, 'import');
      if (state?.phase !== 'preview') throw new Error(`no preview: ${state?.phase ?? 'none'} ${state?.lastError ?? ''}`);
    },
    async importAll(match = 'none') {
      await rig.connectAndRead();
      await applyImport(db, vendor.vendorId, match);
      await rig.drain();
    },
    async deliver(events) {
      const out: number[] = [];
      for (const e of events) {
        const res = await app.inject({ method: 'POST', url: SQUARE_WEBHOOK_PATH, headers: { ...e.headers, 'content-type': 'application/json' }, payload: e.body });
        out.push(res.statusCode);
      }
      return out;
    },
    async onHand(variantId) {
      const [l] = await db.select({ onHand: inventoryLevels.onHand }).from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId));
      return l?.onHand ?? null;
    },
    async close() {
      await runtime.stop();
      await app.close();
      await fake.close();
      await database.destroy();
    },
  };
  return rig;
}
