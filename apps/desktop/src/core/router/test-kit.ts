import { createHash } from 'node:crypto';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { AppError, normalizePairingCode, uuidv7, type Change, type ErrorCode } from '@makeries/shared';
import { expect } from 'vitest';
import type { CounterCore } from '../index';
import { startCounterServer, TRPC_PATH, type RunningCounterServer } from '../server/http';
import type { PairResult, SyncController, SyncStatus } from '../sync/types';
import { makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';
import type { CounterErrorData } from './trpc';
import type { CounterRouter } from './index';

/** The code the in-test sync controller accepts (any spelling normalizePairingCode accepts). */
export const GOOD_PAIRING_CODE = 'K7QM-4TXP';

export interface TestSync extends SyncController {
  calls: { syncNow: number; start: number; stop: number; notifyLocalWrite: number };
  /** the shop the last successful pair() seeded */
  shop: Shop | null;
  /** changes the reported status and tells listeners, like the real client after a push or pull */
  set(patch: Partial<SyncStatus>): void;
}

/**
 * A SyncController for router tests: pairing seeds the fixture bakery through the core's own mirror path
 * instead of a server, and status reflects the real outbox. The real client is tested in src/core/sync.
 */
export function createTestSync(core: CounterCore): TestSync {
  const listeners = new Set<(s: SyncStatus) => void>();
  let extra: Partial<SyncStatus> = {};
  const status = (): SyncStatus => {
    const stats = core.outbox.stats();
    const paired = core.device.get().deviceId !== null;
    return {
      paired,
      connection: paired ? 'connecting' : 'unpaired',
      online: false,
      offlineSince: null,
      pending: stats.pending,
      sending: 0,
      rejected: stats.rejected,
      lastPushAt: null,
      lastPullAt: null,
      lastError: null,
      clockSkewMs: null,
      epoch: null,
      bootstrapping: false,
      ...extra,
    };
  };
  const emit = () => {
    const s = status();
    for (const l of listeners) l(s);
  };
  const sync: TestSync = {
    calls: { syncNow: 0, start: 0, stop: 0, notifyLocalWrite: 0 },
    shop: null,
    status,
    set(patch) {
      extra = { ...extra, ...patch };
      emit();
    },
    async pair(code: string): Promise<PairResult> {
      if (normalizePairingCode(code) !== normalizePairingCode(GOOD_PAIRING_CODE)) {
        throw new AppError('PAIRING_CODE_INVALID', 'That pairing code is wrong or has expired. Make a new one in the back office.');
      }
      if (core.device.get().deviceId) throw new AppError('CONFLICT', 'This counter is already paired. Unpair it first.');
      sync.shop = await seedShop(core);
      emit();
      return { deviceId: sync.shop.deviceId, registerCode: 'A1', vendorId: sync.shop.vendorId, vendorName: 'Crumb Bakery' };
    },
    unpair() {
      core.device.unpair();
      emit();
      return Promise.resolve();
    },
    syncNow() {
      sync.calls.syncNow++;
      const at = new Date(core.ctx.now()).toISOString();
      sync.set({ lastPushAt: at, lastPullAt: at });
      return Promise.resolve();
    },
    start() {
      sync.calls.start++;
    },
    stop() {
      sync.calls.stop++;
      return Promise.resolve();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notifyLocalWrite() {
      sync.calls.notifyLocalWrite++;
      emit();
    },
  };
  return sync;
}

export type CounterClient = ReturnType<typeof counterClient>;

export function counterClient(url: string) {
  return createTRPCClient<CounterRouter>({ links: [httpLink({ url: `${url}${TRPC_PATH}` })] });
}

export interface Kit {
  t: TestCore;
  core: CounterCore;
  sync: TestSync;
  /** the fixture bakery the counter is paired with */
  shop: Shop;
  server: RunningCounterServer;
  client: CounterClient;
  close(): Promise<void>;
}

/** A counter core on a temp SQLite file, paired with the fixture bakery, served over real HTTP on port 0. */
export async function startKit(opts: { signedIn?: 'owner' | 'manager' | 'cashier' | null } = {}): Promise<Kit> {
  const t = makeCore();
  const sync = createTestSync(t.core);
  await sync.pair(GOOD_PAIRING_CODE);
  const shop = sync.shop as Shop;
  const who = opts.signedIn === undefined ? 'cashier' : opts.signedIn;
  if (who) await signIn(t.core, shop, who);
  const server = await startCounterServer({ core: t.core, sync, port: 0 });
  return {
    t,
    core: t.core,
    sync,
    shop,
    server,
    client: counterClient(server.url),
    async close() {
      await server.close();
      t.cleanup();
    },
  };
}

/** Every table's row count and a digest of its content: equal before and after means nothing was written. */
export function dbState(core: CounterCore): Record<string, string> {
  const tables = core.ctx.sqlite
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'variant_fts%'
       AND name NOT LIKE '__drizzle%' ORDER BY name`,
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => {
      const rows = core.ctx.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
      return [name, `${rows.length}:${createHash('sha1').update(JSON.stringify(rows)).digest('hex')}`];
    }),
  );
}

export function errorData(e: unknown): CounterErrorData {
  if (!(e instanceof TRPCClientError)) throw new Error(`expected a TRPCClientError, got ${String(e)}`);
  return e.data as CounterErrorData;
}

/** Awaits a call that must fail with `code` and a message for staff, and checks it wrote nothing. */
export async function expectRefused(core: CounterCore, call: () => Promise<unknown>, code: ErrorCode): Promise<TRPCClientError<CounterRouter>> {
  const before = dbState(core);
  const err = await call().then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCClientError)) throw err;
  expect({ appCode: errorData(err).appCode, message: err.message }).toMatchObject({ appCode: code, message: expect.stringMatching(/\w{3,}/) });
  expect(dbState(core)).toEqual(before);
  return err as TRPCClientError<CounterRouter>;
}

/** Reads an async iterable one item at a time, failing after `ms` instead of hanging the suite. */
export function reader<T>(iterable: AsyncIterable<T>) {
  const it = iterable[Symbol.asyncIterator]();
  return {
    async next(ms = 2000): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`nothing arrived within ${ms} ms`)), ms);
      });
      try {
        const r = await Promise.race([it.next(), timeout]);
        if (r.done) throw new Error('the stream ended');
        return r.value;
      } finally {
        clearTimeout(timer);
      }
    },
    stop: async () => {
      await it.return?.();
    },
  };
}

/** A pickup web order for two loaves, as the server's change feed sends it. */
export function webOrderChange(shop: Shop, number: string, placedAt: string, status = 'placed'): Change {
  return {
    entity: 'web_order',
    op: 'upsert',
    id: uuidv7(),
    data: {
      number,
      status,
      fulfilment: 'pickup',
      currency: 'GBP',
      taxMode: 'inclusive',
      subtotalCents: 900,
      taxCents: 0,
      totalCents: 900,
      paymentStatus: 'paid',
      placedAt,
      lines: [{ id: uuidv7(), lineNo: 1, variantId: shop.variants.loaf, name: 'Sourdough Loaf', sku: 'LOAF-1', quantity: 2, unitPriceCents: 450, totalCents: 900 }],
    },
  };
}
