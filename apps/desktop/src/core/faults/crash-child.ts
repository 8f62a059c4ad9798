import { mulberry32 } from '@makeries/shared';
import { createCounterCore } from '../index';
import { createSyncClient } from '../sync/client';
import type { FetchLike } from '../sync/transport';

/*
 * A counter that sells a burst, then syncs until it is killed: the crash test's victim. It opens the replica on the
 * data dir it is given (already paired), signs the cashier in, syncs in the background, and prints one line
 * per event so the parent can pick its moment to `kill -9`:
 *   ready                      the core is open and sync has started
 *   idle                       it made its `burst` sales and now only syncs
 *   sale <number> <quantity>   printed only after the sale's transaction committed; the quantity is the whole
 *                              sale's (a cart left open by a crash is resumed and gains the next line)
 *   push sent / push answered  around each sync.push request (the server may commit in between)
 *   pull sent / pull answered  around each sync.pull request
 * argv[2] is a JSON CrashChildArgs.
 */

/** Only types may be imported from here: importing the module runs the child. */
export interface CrashChildArgs {
  dataDir: string;
  serverUrl: string;
  variantId: string;
  staffId: string;
  pin: string;
  /** how many sales it makes before it only syncs (at least 1) */
  burst: number;
  /** mulberry32 seed for quantities and pauses, so a run is replayable */
  seed: number;
}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Announces push and pull requests, the moments the parent wants to kill at. */
function announcingFetch(): FetchLike {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const what = url.includes('sync.push') ? 'push' : url.includes('sync.pull') ? 'pull' : null;
    if (what) say(`${what} sent`);
    const res = await fetch(input, init);
    if (what) say(`${what} answered`);
    return res;
  };
}

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: crash-child.ts <json args>');
  const args = JSON.parse(raw) as CrashChildArgs;
  const rand = mulberry32(args.seed);
  const core = createCounterCore({ dataDir: args.dataDir });
  const sync = createSyncClient({ core, serverUrl: args.serverUrl, fetch: announcingFetch(), random: rand });
  await core.staff.login({ staffId: args.staffId, pin: args.pin });
  if (!core.shifts.current()) core.shifts.open({ floatCents: 5_000 });
  sync.start();
  say('ready');
  // a burst, then idle: with sales arriving faster than a push takes, a sync round never reaches its pull
  for (let i = 0; i < args.burst; i++) {
    const quantity = 1 + Math.floor(rand() * 3);
    // hundreds of runs sell the same bun far below zero: the cashier answers "sell anyway" (DESIGN §3)
    core.cart.addVariant({ variantId: args.variantId, quantity, sellAnyway: true });
    const cart = core.cart.current();
    if (!cart) throw new Error('no open cart after adding a line');
    const sale = core.sales.complete({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });
    say(`sale ${sale.number} ${sale.lines.reduce((n, l) => n + l.quantity, 0)}`);
    sync.notifyLocalWrite();
    // a short pause lets sync rounds interleave with sales, as at a real till
    await new Promise((r) => setTimeout(r, Math.floor(rand() * 20)));
  }
  say('idle');
  // stay alive (sync keeps running) until the parent kills us
  setInterval(() => {}, 60_000);
}

main().catch((e: unknown) => {
  process.stderr.write(`crash child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
