import { type FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { inventoryLevels, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { buildApp } from '../../http/app';
import { createJobRuntime, type JobRuntime } from '../../jobs/runtime';
import { createTestDatabase, type DbKind, type TestDatabase } from '../../test/db';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { testEnv, type TestServer } from '../../test/harness';
import { createContextInner } from '../../context';
import { appRouter } from '../../routers/index';
import { createCallerFactory } from '../../trpc';
import type { PosProvider } from '@makeries/shared';
import { chooseLocation, claimPartnerAccount, completeConnect, startConnect } from './connect';
import { connectorFor } from './registry';
import { connectionOfVendor, type ConnectionRow } from './connections';
import { registerBridgeJobs } from './jobs';
import { applyImport } from './manage';
import { readStream } from './sync-state';

/** A POS fake as the rig needs it: how to point the connector at it, and how an owner connects to it. */
export interface RigAdapter<F> {
  fake: F;
  provider: PosProvider;
  /** env overrides that point the connector at the fake */
  env: Record<string, string>;
  /** the POS location that is the test shop */
  locationId: string;
  /** Shopify: the store address the owner types */
  shopDomain?: string;
  /** Toast: the restaurant the owner claims; the fake is told the owner's address first */
  partnerKey?: string;
  prepareOwner?(email: string): void;
  close(): Promise<void>;
}

/** A delivery as a fake's outbox gives it. */
export interface RigDelivery {
  headers: Record<string, string>;
  body: string;
}

/**
 * A shop bridged to a local POS fake through the real code paths: connect (OAuth authorize → callback, or claiming
 * a partner account), location, preview, apply; a job runtime on a hand-driven clock; the webhook route of a real
 * app. Not a test file.
 */
export interface BridgeRig<F> {
  kind: DbKind;
  provider: PosProvider;
  fake: F;
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
  /** connects the owner the way this POS does it (no location chosen yet) */
  connect(): Promise<void>;
  /** connect + choose the location + read the catalog (preview ready) */
  connectAndRead(): Promise<void>;
  importAll(match?: 'none' | 'sku' | 'barcode'): Promise<void>;
  /** posts deliveries to the provider's webhook route like the POS does; returns the HTTP statuses */
  deliver(events: readonly RigDelivery[]): Promise<number[]>;
  onHand(variantId: string): Promise<number | null>;
  close(): Promise<void>;
}

/** The owner connects the way this POS does it (OAuth authorize → callback, or claiming the partner account); no location chosen yet. */
export async function connectOwner<F>(db: Db, env: Env, vendorId: string, adapter: RigAdapter<F>, now: Date): Promise<void> {
  const [owner] = await db.select({ email: vendors.email }).from(vendors).where(eq(vendors.id, vendorId));
  adapter.prepareOwner?.(owner?.email ?? '');
  if (connectorFor(env, adapter.provider).connectKind === 'partner') {
    await claimPartnerAccount(db, env, vendorId, adapter.provider, adapter.partnerKey ?? '', now);
    return;
  }
  const { url } = await startConnect(db, env, vendorId, adapter.provider, now, adapter.shopDomain ?? null);
  const res = await fetch(url, { redirect: 'manual' });
  const back = new URL(res.headers.get('location') ?? '');
  await completeConnect(db, env, adapter.provider, Object.fromEntries(back.searchParams), now);
}

export async function startRig<F>(kind: DbKind, adapter: RigAdapter<F>, opts: { envOverrides?: Record<string, string> } = {}): Promise<BridgeRig<F>> {
  const clock = { t: Date.now() };
  const { fake, provider } = adapter;
  const env = testEnv({ POS_TIMEOUT_MS: '10000', ...adapter.env, ...opts.envOverrides });
  const database = await createTestDatabase(kind);
  const db = database.db;
  const vendor = await createVendorFixture(db, { taxMode: 'exclusive', currency: 'GBP' });
  const now = () => new Date(clock.t);
  const runtime = createJobRuntime(db, { now });
  registerBridgeJobs(runtime, db, env, { now });
  const app = await buildApp({ database, env });
  const createCaller = createCallerFactory(appRouter);
  const server: TestServer = { kind, database, env, caller: async (o = {}) => createCaller(await createContextInner({ database, env, ...o })) };

  const rig: BridgeRig<F> = {
    kind,
    provider,
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
    async connect() {
      await connectOwner(db, env, vendor.vendorId, adapter, now());
    },
    async connectAndRead() {
      await rig.connect();
      await chooseLocation(db, env, vendor.vendorId, adapter.locationId);
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
        const res = await app.inject({ method: 'POST', url: `/hooks/pos/${provider}`, headers: { ...e.headers, 'content-type': 'application/json' }, payload: e.body });
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
      await adapter.close();
      await database.destroy();
    },
  };
  return rig;
}
