import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterCore, type CounterCore } from '../../index';
import { PINS, seedShop, signIn, type Shop } from '../../test/fixtures';
import { decodeEscPos } from '../test/escpos-decoder';
import { startFakePrinter, type FakePrinter } from '../test/fake-printer';
import type { PrintCrashChildArgs } from '../test/print-crash-child';
import { waitForJob } from './test-kit';
import { bundleChild } from '../../test/bundle-child';

/*
 * kill -9 while a job is being sent: a slow printer has the job on paper but confirms it 800 ms later, and the
 * counter dies in between, alternately while sending a cash sale's drawer kick and its receipt. After every
 * restart the drawer must not open again and no receipt may print twice unmarked.
 */
const CHILD = fileURLToPath(new URL('../test/print-crash-child.ts', import.meta.url));
const DESKTOP_DIR = fileURLToPath(new URL('../../../../', import.meta.url));
const ITERATIONS = 6;
type Target = 'drawer' | 'receipt';

let printer: FakePrinter;
let dataDir: string;
let shop: Shop;
let childFile: string;

const decode = (b: Buffer) => decodeEscPos(b, { commandSet: 'epson' });
const isKick = (b: Buffer) => decode(b).commands.some((c) => c.kind === 'drawer');
const receiptNumber = (b: Buffer) => decode(b).lines.find((l) => l.startsWith('Receipt '))?.split(' ').pop() ?? null;
const isCopy = (b: Buffer) => decode(b).lines.includes('*** COPY ***');

beforeAll(async () => {
  childFile = await bundleChild(CHILD);
  printer = await startFakePrinter({ closeDelayMs: 800 });
  dataDir = mkdtempSync(join(tmpdir(), 'counter-print-crash-'));
  const core = createCounterCore({ dataDir });
  shop = await seedShop(core);
  await signIn(core, shop, 'manager');
  core.shifts.open({ floatCents: 10_000 });
  core.printing.printers.add({ name: 'Front till', transport: printer.url, hasDrawer: true });
  core.close();
});

afterAll(async () => {
  await printer?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the child and kill -9s it the moment the printer has the first `target` job of this run on paper. */
function runAndKillOn(target: Target): Promise<{ killed: boolean; stderr: string }> {
  const args: PrintCrashChildArgs = { dataDir, staffId: shop.staff.manager, pin: PINS.manager, variantId: shop.variants.loaf, sales: 1 };
  const child = spawn(process.execPath, [childFile, JSON.stringify(args)], { cwd: DESKTOP_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
  let killed = false;
  let stderr = '';
  printer.onPrinted = (job) => {
    const hit = target === 'drawer' ? isKick(job) : receiptNumber(job) !== null && !isCopy(job);
    if (!hit || killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  // a run that never reaches its target is a failure, not a hang
  const safety = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => {
    child.once('exit', () => {
      clearTimeout(safety);
      printer.onPrinted = null;
      resolve({ killed, stderr });
    });
  });
}

async function drained(core: CounterCore): Promise<void> {
  for (const job of core.printing.jobs({ states: ['queued', 'printing'], limit: 500 })) await waitForJob(core, job.id, ['printed', 'failed'], 20_000);
}

describe('kill -9 while a slow printer confirms a job', () => {
  it('never opens the drawer again after a crash, and reprints a receipt only marked COPY', async () => {
    for (let i = 0; i < ITERATIONS; i++) {
      const run = await runAndKillOn(i % 2 === 0 ? 'drawer' : 'receipt');
      expect(run.killed, `iteration ${i}: ${run.stderr}`).toBe(true);
    }
    // the last crash is followed by a clean start that prints what is left
    printer.closeDelayMs = 0;
    const core = createCounterCore({ dataDir });
    try {
      await signIn(core, shop, 'manager');
      core.printing.start();
      await drained(core);

      const cashSales = core.ctx.sqlite.prepare(`SELECT COUNT(DISTINCT sale_id) AS n FROM sale_payments WHERE kind = 'cash'`).get() as { n: number };
      expect(cashSales.n).toBe(ITERATIONS);
      const kicks = printer.jobs.filter(isKick).length;
      const unconfirmed = core.printing.jobs({ states: ['unconfirmed'], limit: 500 });
      expect(kicks).toBeLessThanOrEqual(cashSales.n);
      // each kick reached the drawer once: those the counter died on were not sent again, but logged
      expect(kicks).toBe(cashSales.n);
      expect(unconfirmed).toHaveLength(ITERATIONS / 2);
      const logged = core.activity(500).filter((a) => a.kind === 'drawer_unconfirmed');
      expect(logged.map((a) => a.detail.jobId).sort()).toEqual(unconfirmed.map((j) => j.id).sort());
      expect(logged.every((a) => a.detail.message === 'drawer kick not confirmed')).toBe(true);

      const receipts = printer.jobs.filter((j) => receiptNumber(j) !== null);
      const numbers = new Set(receipts.map(receiptNumber));
      expect(numbers.size).toBe(ITERATIONS);
      for (const n of numbers) {
        const papers = receipts.filter((j) => receiptNumber(j) === n);
        expect(papers.filter((j) => !isCopy(j)), `receipt ${n} printed unmarked`).toHaveLength(1);
      }
      // the receipts the counter died on printed once more, as copies
      expect(receipts.filter(isCopy)).toHaveLength(ITERATIONS / 2);
    } finally {
      await core.printing.stop();
      core.close();
    }
  }, 5 * 60_000);
});
