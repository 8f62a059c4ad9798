import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { decodeEscPos } from '../test/escpos-decoder';
import { FakePrinter, startFakePrinter } from '../test/fake-printer';
import { printingKit, sellLoaf, waitForJob, type PrintingKit } from './test-kit';

let kit: PrintingKit;
let printer: FakePrinter;
afterEach(async () => {
  await kit?.cleanup();
  await printer?.stop();
});

async function setup(opts: Parameters<typeof printingKit>[0] = {}) {
  printer = await startFakePrinter();
  kit = await printingKit(opts);
  const receiptPrinter = kit.core.printing.printers.add({ name: 'Front till', transport: printer.url, hasDrawer: true });
  return { core: kit.core, shop: kit.shop, receiptPrinter };
}

const text = (b: Buffer | undefined) => (b ?? Buffer.alloc(0)).toString('latin1');
const KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

describe('the durable print queue', () => {
  it('prints a sale receipt once, however often it is asked for, laid out for the printer', async () => {
    const { core, shop, receiptPrinter } = await setup({ printing: { receipts: { serverUrl: () => 'https://makeries.example' } } });
    core.printing.printers.update({ printerId: receiptPrinter.id, paperWidth: 58 });
    const sale = sellLoaf(core, shop, 'cash');
    const first = core.printing.printReceipt({ saleId: sale.id });
    const again = core.printing.printReceipt({ saleId: sale.id });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    const printed = await waitForJob(core, first.job.id, 'printed');
    expect(printed).toMatchObject({ kind: 'receipt', ref: sale.id, attempts: 1, lastError: null, printerName: 'Front till' });
    expect(core.printing.printReceipt({ saleId: sale.id })).toMatchObject({ created: false, job: { state: 'printed' } });

    const receipts = printer.jobs.filter((j) => !j.equals(KICK));
    expect(receipts).toHaveLength(1);
    const { lines, commands } = decodeEscPos(receipts[0] ?? Buffer.alloc(0), { commandSet: 'epson' });
    expect(lines).toEqual(expect.arrayContaining(['Crumb Bakery', 'Receipt                A1-000001', 'Sourdough Loaf ........... £4.50', 'TOTAL                      £4.50', 'Change                     £0.50']));
    expect(Math.max(...lines.map((l) => l.length))).toBe(32);
    expect(commands).toContainEqual({ kind: 'qr', data: 'https://makeries.example/r/A1-000001', cellSize: expect.any(Number) });
    // the cut ends with ESC @, which forgets the code page: it is selected again
    expect(commands.slice(-3).map((c) => c.kind)).toEqual(['cut', 'init', 'codePage']);
  });

  it('keeps a job while the printer is off and prints it once when the printer comes back', async () => {
    const { core, shop } = await setup();
    await printer.stop();
    const sale = sellLoaf(core, shop, 'card');
    const { job } = core.printing.printReceipt({ saleId: sale.id });
    const waiting = await waitForJob(core, job.id, 'queued', 10_000, (j) => j.attempts >= 2);
    expect(waiting.lastError).toBe('Printer offline');
    expect(Date.parse(waiting.nextAttemptAt)).toBeGreaterThan(Date.parse(waiting.createdAt));
    await printer.start();
    await waitForJob(core, job.id, 'printed');
    expect(printer.jobs.map(text)).toEqual([expect.stringContaining(sale.number)]);
  });

  it('retries a job whose connection was reset mid-way and prints it exactly once', async () => {
    const { core, shop } = await setup();
    printer.resetAfter(8);
    printer.resetAfter(8);
    const sale = sellLoaf(core, shop, 'card');
    const { job } = core.printing.printReceipt({ saleId: sale.id });
    const printed = await waitForJob(core, job.id, 'printed');
    expect(printed.attempts).toBe(3);
    expect(printer.connections).toBe(3);
    expect(printer.jobs).toHaveLength(1);
    expect(text(printer.jobs[0])).toContain(sale.number);
  });

  it('shows "Paper out" and prints once paper is loaded', async () => {
    const { core, shop } = await setup();
    printer.status = 'paper_out';
    const sale = sellLoaf(core, shop, 'card');
    const { job } = core.printing.printReceipt({ saleId: sale.id });
    const stuck = await waitForJob(core, job.id, 'queued', 10_000, (j) => j.lastError === 'Paper out');
    expect(stuck.attempts).toBeGreaterThanOrEqual(1);
    expect(printer.jobs).toEqual([]);
    expect(printer.swallowed).toEqual([]);
    printer.status = 'online';
    await waitForJob(core, job.id, 'printed');
    expect(printer.jobs).toHaveLength(1);
  });

  it('prints oldest first, and one success makes the rest of a backed-off queue due at once', async () => {
    const { core, shop, receiptPrinter } = await setup({ printing: { backoff: () => 3_600_000 } });
    await printer.stop();
    const sales = [sellLoaf(core, shop, 'card'), sellLoaf(core, shop, 'card'), sellLoaf(core, shop, 'card')];
    const jobs = sales.map((s) => core.printing.printReceipt({ saleId: s.id }).job);
    for (const j of jobs) await waitForJob(core, j.id, 'queued', 10_000, (v) => v.attempts === 1);
    await printer.start();
    // every job now waits an hour; staff retry the newest, and its success brings the others along
    const last = jobs[2];
    if (!last) throw new Error('no job');
    core.printing.retry({ jobId: last.id });
    for (const j of jobs) await waitForJob(core, j.id, 'printed');
    expect(printer.jobs.map(text).map((t) => sales.findIndex((s) => t.includes(s.number)))).toEqual([2, 0, 1]);
    expect(core.printing.jobs({ printerId: receiptPrinter.id }).map((j) => j.state)).toEqual(['printed', 'printed', 'printed']);
  });

  it('lets staff cancel a waiting job (never printed) and retry a failed one at once', async () => {
    const { core, shop } = await setup({ printing: { backoff: () => 3_600_000 } });
    await printer.stop();
    const sale = sellLoaf(core, shop, 'card');
    const receipt = core.printing.printReceipt({ saleId: sale.id }).job;
    const copy = core.printing.reprint({ saleId: sale.id }).job;
    await waitForJob(core, receipt.id, 'queued', 10_000, (j) => j.attempts === 1);
    await waitForJob(core, copy.id, 'queued', 10_000, (j) => j.attempts === 1);
    expect(core.printing.cancel({ jobId: copy.id }).state).toBe('cancelled');
    await printer.start();
    core.printing.retry({ jobId: receipt.id });
    await waitForJob(core, receipt.id, 'printed');
    expect(printer.jobs).toHaveLength(1);
    expect(text(printer.jobs[0])).not.toContain('REPRINT');
    expect(() => core.printing.retry({ jobId: copy.id })).toThrow(/cancelled/);
    expect(() => core.printing.cancel({ jobId: receipt.id })).toThrow(/already printed/);
    expect(core.printing.jobs({ states: ['cancelled'] }).map((j) => j.id)).toEqual([copy.id]);
  });

  it('prints a queued job after the counter restarts, and a job a crash left half-sent', async () => {
    const { core, shop } = await setup();
    await printer.stop();
    const sale = sellLoaf(core, shop, 'card');
    const receipt = core.printing.printReceipt({ saleId: sale.id }).job;
    const copy = core.printing.reprint({ saleId: sale.id }).job;
    await waitForJob(core, receipt.id, 'queued', 10_000, (j) => j.attempts >= 1);
    await core.printing.stop();
    // as if the app died while sending the copy
    core.ctx.sqlite.prepare(`UPDATE print_jobs SET state = 'printing' WHERE id = ?`).run(copy.id);
    await printer.start();
    const after = await kit.restart();
    await waitForJob(after, receipt.id, 'printed');
    await waitForJob(after, copy.id, 'printed');
    expect(printer.jobs).toHaveLength(2);
    expect(printer.jobs.map(text).filter((t) => t.includes('REPRINT'))).toHaveLength(1);
  });

  it('marks a job failed when the system print queue is missing, until staff fix it and retry', async () => {
    printer = await startFakePrinter();
    // an empty folder as PATH: no `lp` to be found, whether or not this machine has CUPS
    const noLp = mkdtempSync(join(tmpdir(), 'no-lp-'));
    onTestFinished(() => rmSync(noLp, { recursive: true, force: true }));
    kit = await printingKit({ printing: { transports: { os: { env: { PATH: noLp } } } } });
    const { core } = kit;
    const p = core.printing.printers.add({ name: 'Office', transport: 'os:Office_Printer' });
    const { job } = core.printing.testPrint({ printerId: p.id });
    const failed = await waitForJob(core, job.id, 'failed');
    expect(failed.lastError).toBe('The system print queue is not available on this computer');
    core.printing.printers.update({ printerId: p.id, transport: printer.url });
    core.printing.retry({ jobId: job.id });
    await waitForJob(core, job.id, 'printed');
    expect(text(printer.jobs[0])).toContain('Office');
  });
});
