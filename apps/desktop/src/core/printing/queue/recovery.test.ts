import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, managerApproval } from '../../test/fixtures';
import { decodeEscPos } from '../test/escpos-decoder';
import { FakePrinter, startFakePrinter } from '../test/fake-printer';
import type { CounterCore } from '../../index';
import { printingKit, sellLoaf, waitForJob, type PrintingKit } from './test-kit';

let kit: PrintingKit;
let printer: FakePrinter;
afterEach(async () => {
  await kit?.cleanup();
  await printer?.stop();
});

/** A counter with a drawer printer whose workers are not running, so jobs wait where a test puts them. */
async function setup() {
  printer = await startFakePrinter();
  kit = await printingKit({ start: false });
  kit.core.printing.printers.add({ name: 'Front till', transport: printer.url, hasDrawer: true });
  return { core: kit.core, shop: kit.shop };
}

/** As if the counter died while sending these jobs: they are `printing` and nobody is sending them. */
function interrupted(core: CounterCore, ...jobIds: string[]): void {
  for (const id of jobIds) core.ctx.sqlite.prepare(`UPDATE print_jobs SET state = 'printing' WHERE id = ?`).run(id);
}

const kickOf = (core: CounterCore, ref: string) => core.printing.jobs({ limit: 500 }).find((j) => j.kind === 'drawer' && j.ref === ref);
const lines = (b: Buffer) => decodeEscPos(b, { commandSet: 'epson' }).lines;
const kicks = (jobs: readonly Buffer[]) => jobs.flatMap((b) => decodeEscPos(b, { commandSet: 'epson' }).commands).filter((c) => c.kind === 'drawer').length;

describe('print jobs a crash interrupted', () => {
  it('never sends a drawer kick again: it ends unconfirmed and the activity log says "drawer kick not confirmed"', async () => {
    const { core, shop } = await setup();
    const sale = sellLoaf(core, shop, 'cash');
    const kick = kickOf(core, sale.id);
    expect(kick?.state).toBe('queued');
    interrupted(core, kick!.id);
    const other = sellLoaf(core, shop, 'cash');

    const after = await kit.restart();
    const settled = after.printing.jobs({ states: ['unconfirmed'] });
    expect(settled).toMatchObject([{ id: kick!.id, kind: 'drawer', ref: sale.id, lastError: expect.stringContaining('Drawer kick not confirmed') }]);
    // the kick that was only waiting is sent as usual
    await waitForJob(after, kickOf(after, other.id)!.id, 'printed');
    expect(kicks(printer.jobs)).toBe(1);

    const logged = after.activity(50).filter((a) => a.kind === 'drawer_unconfirmed');
    expect(logged).toMatchObject([{ staffId: shop.staff.manager, detail: { message: 'drawer kick not confirmed', jobId: kick!.id, for: 'sale', number: sale.number, printer: 'Front till' } }]);
    expect(codeOf(() => after.printing.retry({ jobId: kick!.id }))).toBe('CONFLICT');
    expect(() => after.printing.retry({ jobId: kick!.id })).toThrow(/Use No sale/);
    expect(codeOf(() => after.printing.cancel({ jobId: kick!.id }))).toBe('CONFLICT');

    // a second restart neither logs it again nor sends it
    const again = await kit.restart();
    expect(again.activity(50).filter((a) => a.kind === 'drawer_unconfirmed')).toHaveLength(1);
    expect(again.printing.jobs({ states: ['unconfirmed'] })).toHaveLength(1);
  });

  it('prints a receipt or refund slip that may have printed again only under a COPY banner, marked once', async () => {
    const { core, shop } = await setup();
    const sale = sellLoaf(core, shop, 'card');
    const receipt = core.printing.printReceipt({ saleId: sale.id }).job;
    const refund = await core.refunds.refund({ saleId: sale.id, restock: true, approval: managerApproval(shop) });
    const slip = core.printing.printRefund({ refundId: refund.id }).job;
    interrupted(core, receipt.id, slip.id);
    // the counter dies twice before either is sent: still one banner
    await kit.restart({ start: false });
    interrupted(kit.core, receipt.id, slip.id);

    const after = await kit.restart();
    const printed = await waitForJob(after, receipt.id, 'printed');
    await waitForJob(after, slip.id, 'printed');
    expect(printed.lastError).toBeNull();
    expect(printer.jobs).toHaveLength(2);
    for (const job of printer.jobs) {
      const l = lines(job);
      expect(l[0]).toBe('*** COPY ***');
      expect(l.filter((x) => x === '*** COPY ***')).toHaveLength(1);
      expect(l.join('\n')).toContain('May have printed already');
    }
    expect(lines(printer.jobs[0]!).some((l) => l.startsWith('Receipt') && l.endsWith(sale.number))).toBe(true);
    expect(lines(printer.jobs[1]!).some((l) => l.startsWith('Refund') && l.endsWith(refund.number))).toBe(true);
    expect(kicks(printer.jobs)).toBe(0);
  });

  it('prints a receipt that was only waiting in the queue unmarked', async () => {
    const { core, shop } = await setup();
    const sale = sellLoaf(core, shop, 'card');
    const receipt = core.printing.printReceipt({ saleId: sale.id }).job;
    const after = await kit.restart();
    await waitForJob(after, receipt.id, 'printed');
    expect(printer.jobs.map(lines).flat()).not.toContain('*** COPY ***');
  });
});

describe('print jobs whose connection failed after bytes went out', () => {
  it('never retries a drawer kick the printer may have received: it ends unconfirmed and is logged once', async () => {
    printer = await startFakePrinter();
    kit = await printingKit();
    kit.core.printing.printers.add({ name: 'Front till', transport: printer.url, hasDrawer: true });
    printer.resetAfter(1); // the kick's first byte arrives, then the connection is reset
    const sale = sellLoaf(kit.core, kit.shop, 'cash');
    const kick = kickOf(kit.core, sale.id)!;

    const settled = await waitForJob(kit.core, kick.id, ['unconfirmed', 'printed', 'failed']);
    expect(settled).toMatchObject({ state: 'unconfirmed', lastError: expect.stringContaining('Drawer kick not confirmed') });
    expect(kit.core.activity(50).filter((a) => a.kind === 'drawer_unconfirmed')).toHaveLength(1);
    // the next sale's kick goes out as usual, and the first one is never sent again
    const next = sellLoaf(kit.core, kit.shop, 'cash');
    await waitForJob(kit.core, kickOf(kit.core, next.id)!.id, 'printed');
    expect(kicks(printer.jobs)).toBe(1);
    expect(kit.core.printing.jobs({ states: ['unconfirmed'] }).map((j) => j.id)).toEqual([kick.id]);
  });

  it('prints a receipt cut off mid-job again only under a COPY banner', async () => {
    printer = await startFakePrinter();
    kit = await printingKit();
    kit.core.printing.printers.add({ name: 'Front till', transport: printer.url, hasDrawer: false });
    const sale = sellLoaf(kit.core, kit.shop, 'card');
    printer.resetAfter(20); // part of the receipt reaches the printer
    const receipt = kit.core.printing.printReceipt({ saleId: sale.id }).job;

    await waitForJob(kit.core, receipt.id, 'printed');
    expect(printer.jobs).toHaveLength(1);
    expect(lines(printer.jobs[0]!)[0]).toBe('*** COPY ***');
  });

  it('retries a job the printer refused before any byte went out, unmarked', async () => {
    printer = await startFakePrinter();
    kit = await printingKit();
    const port = printer.port;
    await printer.stop();
    kit.core.printing.printers.add({ name: 'Front till', transport: `tcp://127.0.0.1:${port}`, hasDrawer: true });
    const sale = sellLoaf(kit.core, kit.shop, 'cash');
    const kick = kickOf(kit.core, sale.id)!;
    await waitForJob(kit.core, kick.id, 'queued', 10_000, (j) => j.attempts >= 1);
    await printer.start();
    await waitForJob(kit.core, kick.id, 'printed', 20_000);
    expect(kicks(printer.jobs)).toBe(1);
    expect(kit.core.activity(50).filter((a) => a.kind === 'drawer_unconfirmed')).toHaveLength(0);
  });
});
