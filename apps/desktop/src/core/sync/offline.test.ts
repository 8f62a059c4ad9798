import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CounterCore } from '../index';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { counterOrders, createServerShop, eventually, makeCounter, readyToSell, sell, type ServerShop, type TestCounter } from './test-kit';
import type { SyncController, SyncTimeouts } from './types';

/*
 * A marketplace that accepts connections and then never answers (a hung process, a captive portal, a dead
 * proxy) must show as Offline within 10 s, with selling untouched and counts that add up. Real clock, real
 * server; the timeouts are shortened so the suite stays quick, and the tests wait for states, not durations.
 */

const TIMEOUTS: Partial<SyncTimeouts> = { answerMs: 1_500, requestMs: 3_000, pokeConnectMs: 2_000, retryCapMs: 2_000 };
/** generous: the default answer limit is 8 s, so "offline within 10 s" holds with the real settings too */
const OFFLINE_CAP_MS = 15_000;
const BACK_CAP_MS = 30_000;

let server: ServerProcess;
const counters: TestCounter[] = [];

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server?.destroy();
});
afterEach(async () => {
  server.thaw();
  for (const c of counters.splice(0)) await c.cleanup();
});

async function runningCounter(url: string, shop: ServerShop, timeouts: Partial<SyncTimeouts> = TIMEOUTS): Promise<TestCounter> {
  const c = makeCounter(url, { random: () => 0.5, timeouts });
  counters.push(c);
  await c.sync.pair(await shop.pairingCode());
  await readyToSell(c.core, shop);
  c.sync.start();
  await eventually('the counter to be online with nothing waiting', () => expect(c.sync.status()).toMatchObject({ connection: 'online', pending: 0 }), c.sync);
  // the live-update stream's opening asks for a round of its own: let it finish, so no request is in flight
  // when a test freezes the server (that request would say "no answer" before the stream says "no word")
  await c.sync.syncNow();
  return c;
}

function pendingRows(core: CounterCore): number {
  return (core.ctx.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
}

/** One snapshot, one story: waiting is the pending outbox, sending is part of it, nothing is "sending" offline. */
function expectCountsAddUp(core: CounterCore, sync: SyncController): void {
  const s = sync.status();
  expect(s.pending).toBe(pendingRows(core));
  expect(s.sending).toBeLessThanOrEqual(s.pending);
  if (s.connection === 'offline') expect(s.sending).toBe(0);
}

/** A sale at the till, as the CounterRouter does it: the sale, then the sync client hears of it. */
function sellAndTell(c: TestCounter, shop: ServerShop): string {
  const sale = sell(c.core, shop.loaf);
  c.sync.notifyLocalWrite();
  return sale.number;
}

async function expectOfflineWhileSelling(c: TestCounter, shop: ServerShop, sold: string[]): Promise<void> {
  sold.push(sellAndTell(c, shop));
  await eventually('the counter to show offline', () => expect(c.sync.status().connection).toBe('offline'), c.sync, OFFLINE_CAP_MS);
  const s = c.sync.status();
  expect(s).toMatchObject({ online: false, sending: 0, pending: 1 });
  expect(s.offlineSince).not.toBeNull();
  expect(s.lastError).not.toBeNull();
  expect(c.core.ctx.connectivity.online).toBe(false);
  expectCountsAddUp(c.core, c.sync);

  // selling carries on, and the count of what waits grows with it
  sold.push(sellAndTell(c, shop));
  expect(c.sync.status()).toMatchObject({ connection: 'offline', pending: 2, sending: 0, offlineSince: s.offlineSince });
  expectCountsAddUp(c.core, c.sync);
}

async function expectBackOnline(c: TestCounter, shop: ServerShop, sold: string[]): Promise<void> {
  await eventually(
    'the counter to be back online with everything sent',
    () => {
      expectCountsAddUp(c.core, c.sync);
      expect(c.sync.status()).toMatchObject({ connection: 'online', online: true, offlineSince: null, pending: 0, sending: 0, lastError: null });
    },
    c.sync,
    BACK_CAP_MS,
  );
  const numbers = (await counterOrders(shop)).map((o) => o.number);
  for (const n of sold) expect(numbers.filter((x) => x === n)).toHaveLength(1);
}

describe('a marketplace that accepts connections and never answers', () => {
  it('a server process stopped with SIGSTOP: offline within seconds, sales go on, back online after SIGCONT', async () => {
    const shop = await createServerShop(server.url, 'Frozen');
    const c = await runningCounter(server.url, shop);
    const sold: string[] = [];

    server.freeze();
    try {
      await expectOfflineWhileSelling(c, shop, sold);
    } finally {
      server.thaw();
    }
    await expectBackOnline(c, shop, sold);
  });

  it('an idle counter (nothing to send) notices a frozen server from its live-update stream going quiet', async () => {
    const shop = await createServerShop(server.url, 'Idle');
    // an "idle" counter may still have a follow-up pull on its way (after a poke); its answer limit is made longer
    // than the cap so that only the stream's silence can be what notices
    const c = await runningCounter(server.url, shop, { ...TIMEOUTS, answerMs: OFFLINE_CAP_MS * 4, requestMs: OFFLINE_CAP_MS * 8 });

    server.freeze();
    try {
      // no sale, no push: only the poke stream's silence can tell (the next background poll is 30–60 s away)
      await eventually('the idle counter to show offline', () => expect(c.sync.status().connection).toBe('offline'), c.sync, OFFLINE_CAP_MS);
      expect(c.sync.status()).toMatchObject({ pending: 0, sending: 0, lastError: expect.stringContaining('No word from the marketplace') });
    } finally {
      server.thaw();
    }
    await expectBackOnline(c, shop, []);
  });

  it('a TCP listener that accepts and stays silent: offline within seconds, back online when the real server answers again', async () => {
    const shop = await createServerShop(server.url, 'Silent');
    const proxy = await startSwitchableProxy(server.port);
    try {
      const c = await runningCounter(proxy.url, shop);
      const sold: string[] = [];

      proxy.goSilent();
      await expectOfflineWhileSelling(c, shop, sold);
      proxy.forward();
      await expectBackOnline(c, shop, sold);
    } finally {
      await proxy.close();
    }
  });
});

interface SwitchableProxy {
  url: string;
  /** drops every open connection; from now on connections are accepted and never answered */
  goSilent(): void;
  /** connections go through to the real server again */
  forward(): void;
  close(): Promise<void>;
}

/** A dead proxy on demand: in front of the real server, it either passes bytes through or swallows them. */
async function startSwitchableProxy(targetPort: number): Promise<SwitchableProxy> {
  let silent = false;
  const open = new Set<Socket>();
  const track = (s: Socket): void => {
    open.add(s);
    s.on('error', () => {});
    s.once('close', () => open.delete(s));
  };
  const srv: Server = createServer((client) => {
    track(client);
    if (silent) return; // accepted, read, never answered
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    goSilent() {
      silent = true;
      // kept-alive connections would still reach the server
      for (const s of open) s.destroy();
    },
    forward() {
      silent = false;
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((resolve) => srv.close(() => resolve()));
    },
  };
}
