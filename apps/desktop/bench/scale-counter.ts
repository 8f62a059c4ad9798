/**
 * One counter for the server bench's `scale` section (apps/server/bench/sections/scale.ts), run as a child process
 * by it: the real counter core and sync client (pairing, bootstrap, push, pull, the live poke stream), selling
 * a cash sale every COUNTER_SELL_EVERY_MS, with every request pinned to one server instance behind the load
 * balancer (`x-makeries-instance`, see deploy/haproxy.cfg). Talks to the bench over IPC:
 * parent → { type: 'watch', orderId } ; child → { type: 'seen', orderId } once that web order is in the mirror.
 */
import { createCounterCore } from '../src/core/index';
import { createSyncClient } from '../src/core/sync/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type FromParent = { type: 'watch'; orderId: string } | { type: 'stop' };

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

const instance = env('COUNTER_INSTANCE');
/** what the counter did lately (ms since start): pokes heard, pulls sent and answered; sent with each `seen` */
const t0 = performance.now();
const trail: string[] = [];
const note = (what: string) => {
  trail.push(`${Math.round(performance.now() - t0)} ${what}`);
  if (trail.length > 40) trail.shift();
};
const pinned: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('x-makeries-instance', instance);
  const url = input instanceof Request ? input.url : String(input);
  const kind = url.includes('/sync/poke') ? 'poke-stream' : url.includes('sync.pull') ? 'pull' : url.includes('sync.push') ? 'push' : 'other';
  if (kind !== 'other') note(`${kind} sent`);
  const res = await fetch(input, { ...init, headers });
  if (kind === 'poke-stream' && res.body) {
    const seen = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if (Buffer.from(chunk).includes('event: poke')) note('poke heard');
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(seen, { status: res.status, statusText: res.statusText, headers: res.headers });
  }
  if (kind === 'pull' || kind === 'push') note(`${kind} answered`);
  return res;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'makeries-scale-counter-'));
  const core = createCounterCore({ dataDir: dir });
  const sync = createSyncClient({ core, serverUrl: env('COUNTER_SERVER_URL'), fetch: pinned });
  let sales = 0;
  let failures = 0;
  let variantId: string | null = null;
  // sells once the cashier is signed in and a shift is open (variantId set)
  const selling = setInterval(() => {
    if (!variantId) return;
    try {
      const line = core.cart.addVariant({ variantId, quantity: 1, sellAnyway: true });
      const cart = core.cart.current();
      if (!cart || !line) throw new Error('no open cart');
      core.sales.complete({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });
      sales++;
      sync.notifyLocalWrite();
    } catch {
      failures++;
    }
  }, Number(process.env.COUNTER_SELL_EVERY_MS ?? 500));
  const watching = new Set<string>();
  const stop = async () => {
    clearInterval(selling);
    clearInterval(watcher);
    await sync.stop();
    process.send?.({ type: 'stopped', sales, failures, status: sync.status() });
    core.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (m: FromParent) => {
    if (m.type === 'watch') {
      note('watch (order committed)');
      watching.add(m.orderId);
    }
    else void stop();
  });
  process.on('disconnect', () => void stop());
  const watcher = setInterval(() => {
    for (const orderId of watching) {
      try {
        core.webOrders.byId(orderId);
        watching.delete(orderId);
        note(`order in mirror`);
        process.send?.({ type: 'seen', orderId, trail: trail.slice(-14) });
      } catch {
        // not in the mirror yet
      }
    }
  }, 5);

  await sync.pair(env('COUNTER_PAIRING_CODE'));
  sync.start();
  // the cashier's PIN hash arrives with the bootstrap
  for (let i = 0; !core.staff.current(); i++) {
    try {
      await core.staff.login({ staffId: env('COUNTER_STAFF_ID'), pin: env('COUNTER_PIN') });
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!core.shifts.current()) core.shifts.open({ floatCents: 5_000 });
  variantId = env('COUNTER_VARIANT_ID');
  process.send?.({ type: 'ready' });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
