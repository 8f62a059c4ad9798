import { PUSH_BATCH_MAX, uuidv7 } from '@makeries/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, type CounterCore } from '../index';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { POKE_CONNECT_MS, POKE_IDLE_MS } from './poke';
import { handTimers } from './hand-timers';
import type { SyncStatus } from './types';
import {
  counterOrders,
  createServerShop,
  eventually,
  makeCounter,
  onHandOnServer,
  readyToSell,
  sell,
  syncUntil,
  urlOf,
  type ServerShop,
  type TestCounter,
} from './test-kit';

let server: ServerProcess;
const counters: TestCounter[] = [];

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server?.destroy();
});
afterEach(async () => {
  for (const c of counters.splice(0)) await c.cleanup();
});

async function pairedCounter(shop: ServerShop, opts: Parameters<typeof makeCounter>[1] = {}): Promise<TestCounter> {
  const c = makeCounter(server.url, { random: () => 0.25, ...opts, timeouts: { answerMs: ANSWER_MS, ...opts.timeouts } });
  counters.push(c);
  await c.sync.pair(await shop.pairingCode());
  await readyToSell(c.core, shop);
  return c;
}

function outboxRows(core: CounterCore): { mutationId: number; status: string }[] {
  return core.ctx.sqlite.prepare('SELECT mutation_id AS mutationId, status FROM outbox ORDER BY mutation_id').all() as {
    mutationId: number;
    status: string;
  }[];
}

function mirroredProducts(core: CounterCore): string[] {
  return (core.ctx.sqlite.prepare('SELECT name FROM mirror_products ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}

describe('a server that is not the one the counter followed', () => {
  it('restored from a backup: the counter re-bootstraps and resends what the server lost, exactly once', async () => {
    const shop = await createServerShop(server.url, 'Restore');
    const c = await pairedCounter(shop);
    const early = [sell(c.core, shop.loaf), sell(c.core, shop.bun, 2)];
    await c.sync.syncNow();
    expect(c.sync.status().pending).toBe(0);

    await server.stop();
    const backup = await server.snapshot();
    await server.restart();
    // after the backup: three more sales and a new product, all acknowledged by the server
    const late = [sell(c.core, shop.loaf, 3), sell(c.core, shop.bun), sell(c.core, shop.loaf)];
    await shop.owner.products.create.mutate({ name: 'Seasonal Pie', variants: [{ sku: 'PIE-1', priceCents: 900, barcode: null }] });
    await syncUntil(c.sync, 'the pie to reach the counter', () => expect(mirroredProducts(c.core)).toContain('Seasonal Pie'));
    expect(await counterOrders(shop)).toHaveLength(5);
    const rowsBefore = outboxRows(c.core);
    const epochBefore = c.sync.status().epoch;

    await server.stop();
    await server.restore(backup);
    await server.restart();
    const afterRestore = sell(c.core, shop.bun);
    await c.sync.syncNow();

    const all = [...early, ...late, afterRestore];
    const orders = await counterOrders(shop);
    expect(orders.map((o) => o.number).sort()).toEqual(all.map((s) => s.number).sort());
    expect(await onHandOnServer(shop, shop.loaf.id)).toBe(20 - 1 - 3 - 1);
    expect(await onHandOnServer(shop, shop.bun.id)).toBe(50 - 2 - 1 - 1);
    // the mirror was rebuilt from the restored server: the pie made after the backup is gone
    expect(mirroredProducts(c.core)).not.toContain('Seasonal Pie');
    expect(c.sync.status()).toMatchObject({ pending: 0, rejected: 0, online: true, lastError: null, epoch: epochBefore });
    const rowsAfter = outboxRows(c.core);
    expect(rowsAfter.map((r) => r.mutationId)).toEqual([...rowsBefore.map((r) => r.mutationId), rowsBefore.length + 1]);
    expect(rowsAfter.every((r) => r.status === 'applied')).toBe(true);

    // another round finds nothing left to resend
    await c.sync.syncNow();
    expect(await counterOrders(shop)).toHaveLength(all.length);
  });

  it('with a new epoch: the counter re-bootstraps, sends what is queued and duplicates nothing', async () => {
    const shop = await createServerShop(server.url, 'Epoch');
    const c = await pairedCounter(shop);
    const first = sell(c.core, shop.loaf);
    await c.sync.syncNow();
    const epochBefore = c.sync.status().epoch;

    await server.stop();
    // what an operator runs after resetting the marketplace's data
    await server.sql('UPDATE server_meta SET epoch = gen_random_uuid()::text');
    await server.restart();
    const second = sell(c.core, shop.loaf, 2);
    const seen: boolean[] = [];
    c.sync.onChange((s) => seen.push(s.bootstrapping));
    await c.sync.syncNow();

    const status = c.sync.status();
    expect(status).toMatchObject({ pending: 0, rejected: 0, online: true, lastError: null, bootstrapping: false });
    expect(status.epoch).not.toBe(epochBefore);
    expect(seen).toContain(true);
    expect((await counterOrders(shop)).map((o) => o.number).sort()).toEqual([first.number, second.number].sort());
    expect(await onHandOnServer(shop, shop.loaf.id)).toBe(20 - 3);
  });
});

describe('long drains', () => {
  it('sends a long queue in batches of at most 500 and says how many of the waiting rows are on their way', async () => {
    const shop = await createServerShop(server.url, 'Drain');
    const batchSizes: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      if (urlOf(input).includes('sync.push') && typeof init?.body === 'string') {
        batchSizes.push((JSON.parse(init.body) as { mutations: unknown[] }).mutations.length);
      }
      return fetch(input, init);
    };
    // a busy test machine may take longer than the usual 8 s over 500 rows; this test is about the counts
    const c = await pairedCounter(shop, { fetch: counting, timeouts: { answerMs: 60_000 } });
    const n = 520;
    c.core.ctx.sqlite.transaction(() => {
      for (let i = 0; i < n; i++) {
        const args = { id: uuidv7(), variantId: shop.bun.id, kind: 'receive' as const, quantity: 1, occurredAt: new Date().toISOString(), note: '', staffId: shop.cashier.id, approvedBy: null };
        enqueue(c.core.ctx.db, Date.now(), 'stock.movement', args);
      }
    })();
    const seen: Pick<SyncStatus, 'pending' | 'sending'>[] = [];
    c.sync.onChange((s) => seen.push({ pending: s.pending, sending: s.sending }));

    await c.sync.syncNow();

    const total = n + 1; // and the shift opening
    expect(batchSizes).toEqual([PUSH_BATCH_MAX, total - PUSH_BATCH_MAX]);
    expect(seen).toContainEqual({ pending: total, sending: PUSH_BATCH_MAX });
    expect(seen).toContainEqual({ pending: total - PUSH_BATCH_MAX, sending: total - PUSH_BATCH_MAX });
    // one snapshot, one source: what is on its way is always part of what is waiting
    for (const s of seen) expect(s.sending).toBeLessThanOrEqual(s.pending);
    expect(c.sync.status()).toMatchObject({ pending: 0, sending: 0 });
    expect(await onHandOnServer(shop, shop.bun.id)).toBe(50 + n);
  });
});

/** An answer limit no sync cycle uses, so the watch on a request in flight is never taken for the next cycle. */
const ANSWER_MS = 123_456;

/** Timers the test fires by hand; the poke stream's idle watchdog and the answer watch on requests are left alone. */
function manualTimers() {
  const { timers, waiting } = handTimers();
  const cycleTimers = () => [...waiting].filter(([, t]) => t.ms !== POKE_IDLE_MS && t.ms !== POKE_CONNECT_MS && t.ms !== ANSWER_MS);
  return {
    timers,
    /** the delay of the one scheduled sync, once there is exactly one */
    scheduled: () => {
      const found = cycleTimers();
      if (found.length !== 1) throw new Error(`${found.length} sync timers scheduled`);
      return found[0]![1].ms;
    },
    fire() {
      for (const [id, t] of cycleTimers()) {
        waiting.delete(id);
        t.fn();
      }
    },
  };
}

describe('background loop', () => {
  it('backs off with jitter while the network is down, holds local writes, then polls every 30–60 s', async () => {
    const shop = await createServerShop(server.url, 'Loop');
    let down = false;
    let pushes = 0;
    const flaky: typeof fetch = (input, init) => {
      const url = urlOf(input);
      // the live-update stream stays quiet; this test is about the retry timers
      if (url.endsWith('/sync/poke')) return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('closed'))));
      if (down) return Promise.reject(new TypeError('fetch failed'));
      if (url.includes('sync.push')) pushes++;
      return fetch(input, init);
    };
    const clock = manualTimers();
    const c = await pairedCounter(shop, { fetch: flaky, timers: clock.timers, random: () => 0.5 });
    down = true;
    sell(c.core, shop.loaf);
    c.sync.start();

    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      delays.push(await eventually('a retry to be scheduled', clock.scheduled));
      if (i === 0) {
        expect(c.sync.status()).toMatchObject({ online: false, pending: 2, lastError: 'Server unreachable — retrying in 1 s' });
        expect(c.core.ctx.connectivity.online).toBe(false);
      }
      clock.fire();
    }
    // full jitter with random = 0.5: half of 1, 2, 4, 8 s (then the fourth retry is pending)
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
    await eventually('the fifth retry to be scheduled', clock.scheduled);
    c.sync.notifyLocalWrite();
    expect(pushes).toBe(0);

    down = false;
    clock.fire();
    await eventually('the queue to drain', () => expect(c.sync.status()).toMatchObject({ online: true, pending: 0, lastError: null }));
    expect(pushes).toBe(1);
    expect(await eventually('the next poll to be scheduled', clock.scheduled)).toBe(45_000);
    expect(c.core.ctx.connectivity.online).toBe(true);
  });
});

describe('pokes', () => {
  it('pulls again after 1, 2, 4 and 8 s when a poke finds nothing yet, then falls back to polling', async () => {
    const shop = await createServerShop(server.url, 'Follow');
    const encoder = new TextEncoder();
    let stream: ReadableStreamDefaultController<Uint8Array> | null = null;
    let pulls = 0;
    // a poke stream the test writes to: the change a poke announces may not be readable yet (feed watermark)
    const withPokes: typeof fetch = (input, init) => {
      const url = urlOf(input);
      if (url.endsWith('/sync/poke')) {
        const body = new ReadableStream<Uint8Array>({ start: (ctl) => void (stream = ctl) });
        return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
      }
      if (url.includes('sync.pull')) pulls++;
      return fetch(input, init);
    };
    const clock = manualTimers();
    const c = await pairedCounter(shop, { fetch: withPokes, timers: clock.timers, random: () => 0.5 });
    c.sync.start();
    await eventually('the first poll to be scheduled', () => expect(clock.scheduled()).toBe(45_000));
    const pullsBefore = pulls;

    stream!.enqueue(encoder.encode('event: poke\ndata: {}\n\n'));
    for (const expected of [1_000, 2_000, 4_000, 8_000]) {
      await eventually('a follow-up pull to be scheduled', () => expect(clock.scheduled()).toBe(expected));
      clock.fire();
    }
    await eventually('polling to resume', () => expect(clock.scheduled()).toBe(45_000));
    // the poke's own pull and four follow-ups
    expect(pulls - pullsBefore).toBe(5);
  });
});
