import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCounterCore, type CounterCore } from '../../index';
import { seedShop, signIn, type Shop } from '../../test/fixtures';
import type { PrintingOptions } from './module';
import type { PrintJobState, PrintJobView } from './jobs';

export interface PrintingKit {
  core: CounterCore;
  shop: Shop;
  dir: string;
  /** stops the workers, closes SQLite and opens the same data dir again (an app restart), signed in again */
  restart(opts?: { start?: boolean }): Promise<CounterCore>;
  cleanup(): Promise<void>;
}

/** Short timeouts and a fixed short backoff, so retries happen while a test waits for them. */
const FAST_PRINTING: PrintingOptions = {
  backoff: () => 50,
  transports: { tcp: { connectTimeoutMs: 2_000, ioTimeoutMs: 5_000, statusTimeoutMs: 300 } },
};

/**
 * A counter core on a temp data dir with the real wall clock (the workers schedule retries by it), paired
 * with the fixture bakery, a manager signed in and a shift open. Workers are started unless `start: false`.
 */
export async function printingKit(opts: { printing?: PrintingOptions; start?: boolean } = {}): Promise<PrintingKit> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-printing-'));
  const printing = { ...FAST_PRINTING, ...opts.printing };
  const open = () => createCounterCore({ dataDir: dir, clock: Date.now, printing });
  let core = open();
  const shop = await seedShop(core);
  await signIn(core, shop, 'manager');
  core.shifts.open({ floatCents: 10_000 });
  if (opts.start !== false) core.printing.start();
  const kit: PrintingKit = {
    get core() {
      return core;
    },
    shop,
    dir,
    async restart(o = {}) {
      await core.printing.stop();
      core.close();
      core = open();
      await signIn(core, shop, 'manager');
      if (o.start !== false) core.printing.start();
      return core;
    },
    async cleanup() {
      await core.printing.stop();
      try {
        core.close();
      } catch {
        // closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return kit;
}

/**
 * Resolves when the job reaches one of `states` (checked now and on every queue event), with its view;
 * rejects after `ms` naming the state it was stuck in, so a broken test fails instead of hanging.
 */
export function waitForJob(core: CounterCore, jobId: string, states: PrintJobState | PrintJobState[], ms = 10_000, match: (j: PrintJobView) => boolean = () => true): Promise<PrintJobView> {
  const wanted = Array.isArray(states) ? states : [states];
  return new Promise((resolve, reject) => {
    const current = () => core.printing.jobs({ limit: 500 }).find((j) => j.id === jobId);
    const check = (j: PrintJobView | undefined) => {
      if (!j || j.id !== jobId || !wanted.includes(j.state) || !match(j)) return;
      stop();
      clearTimeout(timer);
      resolve(j);
    };
    const stop = core.printing.onChange(check);
    const timer = setTimeout(() => {
      stop();
      const j = current();
      reject(new Error(`job ${jobId} is ${j?.state ?? 'gone'} (${j?.lastError ?? 'no error'}), not ${wanted.join('/')}`));
    }, ms);
    check(current());
  });
}

/** A sale of one loaf, paid as given; the cart is filled by scanning like at the till. */
export function sellLoaf(core: CounterCore, shop: Shop, tender: 'cash' | 'card' | 'split' = 'cash') {
  core.cart.addScan({ code: shop.barcodes.loaf });
  const tenders =
    tender === 'cash'
      ? [{ kind: 'cash' as const, tenderedCents: 500 }]
      : tender === 'card'
        ? [{ kind: 'external_card' as const, amountCents: 450 }]
        : [
            { kind: 'external_card' as const, amountCents: 200 },
            { kind: 'cash' as const, tenderedCents: 250 },
          ];
  return core.sales.complete({ tenders });
}
