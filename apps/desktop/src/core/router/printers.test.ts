import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../printing/test/escpos-decoder';
import { FakePrinter, startFakePrinter } from '../printing/test/fake-printer';
import { waitForJob } from '../printing/queue/test-kit';
import { managerApproval, signIn } from '../test/fixtures';
import { createCounterContext, type OpenCounterContext } from './context';
import { counterRouter, createCallerFactory } from './index';
import { expectRefused, reader, startKit, webOrderChange, type CounterClient, type Kit } from './test-kit';

let kit: Kit;
let c: CounterClient;
let printer: FakePrinter;
let kitchen: FakePrinter;
let ctx: OpenCounterContext;

beforeAll(async () => {
  printer = await startFakePrinter();
  kitchen = await startFakePrinter();
  kit = await startKit({ signedIn: 'manager' });
  c = kit.client;
  ctx = createCounterContext(kit.core, kit.sync);
  kit.core.printing.start();
  await c.shifts.open.mutate({ floatCents: 10_000 });
});
afterAll(async () => {
  ctx.close();
  await kit.core.printing.stop();
  await kit.close();
  await printer.stop();
  await kitchen.stop();
});

const printed = (job: { id: string }) => waitForJob(kit.core, job.id, 'printed');
const decoded = (b: Buffer | undefined) => decodeEscPos(b ?? Buffer.alloc(0), { commandSet: 'epson' });

describe('printers over the CounterRouter', () => {
  it('lets a manager set printers up, refusing bad input and cashiers without writing anything (the till then runs as a cashier)', async () => {
    await expectRefused(kit.core, () => c.printers.add.mutate({ name: 'Front till', transport: 'tcp//oops' }), 'BAD_INPUT');
    await expectRefused(kit.core, () => c.printers.add.mutate({ name: 'Front till', transport: printer.url, drawerT1: 300 }), 'BAD_INPUT');
    await expectRefused(kit.core, () => c.printers.add.mutate({ name: '', transport: printer.url }), 'BAD_INPUT');
    const till = await c.printers.add.mutate({ name: 'Front till', transport: printer.url, hasDrawer: true });
    await c.printers.add.mutate({ name: 'Kitchen', role: 'kitchen', transport: kitchen.url, paperWidth: 58 });
    expect((await c.printers.list.query()).map((p) => [p.name, p.role, p.hasDrawer])).toEqual([
      ['Front till', 'receipt', true],
      ['Kitchen', 'kitchen', false],
    ]);
    await signIn(kit.core, kit.shop, 'cashier');
    await expectRefused(kit.core, () => c.printers.update.mutate({ printerId: till.id, hasDrawer: false }), 'FORBIDDEN');
    await expectRefused(kit.core, () => c.printers.remove.mutate({ printerId: till.id }), 'FORBIDDEN');
  });

  it('test-prints from settings and streams the job through its states', async () => {
    const [till] = await c.printers.list.query();
    const events = reader(await createCallerFactory(counterRouter)(ctx).printers.onJob());
    const { job } = await c.printers.testPrint.mutate({ printerId: till?.id ?? '' });
    expect((await events.next()).state).toBe('queued');
    expect((await events.next()).state).toBe('printing');
    expect(await events.next()).toMatchObject({ id: job.id, kind: 'test', state: 'printed', attempts: 1 });
    await events.stop();
    expect(decoded(printer.jobs.at(-1)).lines).toEqual(expect.arrayContaining(['If you can read this, the printer works.']));
  });

  it('kicks the drawer for a cash sale, prints its receipt once, and reprints marked as a copy', async () => {
    await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
    const sale = await c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 1000 }] });
    const [kick] = await c.printers.jobs.query({ states: ['queued', 'printing', 'printed'], limit: 1 });
    expect(kick).toMatchObject({ kind: 'drawer', ref: sale.id });
    const receipt = await c.printers.printReceipt.mutate({ saleId: sale.id });
    expect(await c.printers.printReceipt.mutate({ saleId: sale.id })).toMatchObject({ created: false, job: { id: receipt.job.id } });
    const copy = await c.printers.reprint.mutate({ saleId: sale.id });
    await printed(receipt.job);
    await printed(copy.job);
    const jobs = await c.printers.jobs.query({});
    expect(jobs.slice(0, 3).map((j) => [j.kind, j.state])).toEqual([
      ['reprint', 'printed'],
      ['receipt', 'printed'],
      ['drawer', 'printed'],
    ]);
    const texts = printer.jobs.slice(-3).map((b) => decoded(b).lines.join('\n'));
    expect(printer.jobs.at(-3)).toEqual(Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]));
    expect(texts[1]).toContain(sale.number);
    expect(texts[1]).not.toContain('REPRINT');
    expect(texts[2]).toContain('REPRINT - COPY');
    // the preview on screen is the document the printer was sent, line for line
    const doc = await c.printers.receiptDocument.query({ saleId: sale.id });
    expect(doc).toMatchObject({ kind: 'receipt', number: sale.number, totalCents: sale.totalCents, reprint: null });
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(texts[1] ?? '')).toEqual(expect.arrayContaining([sale.number, ...doc.lines.flatMap((l) => words(l.name))]));
    await expectRefused(kit.core, () => c.printers.receiptDocument.query({ saleId: 'nope' }), 'BAD_INPUT');
  });

  it('opens the drawer for a no-sale with a reason, recorded as a shift event', async () => {
    await expectRefused(kit.core, () => c.printers.openDrawer.mutate({ reason: '' }), 'BAD_INPUT');
    const before = kit.sync.calls.notifyLocalWrite;
    const opened = await c.printers.openDrawer.mutate({ reason: 'Change for the window cleaner' });
    expect(kit.sync.calls.notifyLocalWrite).toBe(before + 1);
    await printed(opened.job ?? { id: '' });
    expect((await c.shifts.xReport.query()).noSaleCount).toBe(1);
  });

  it('prints refund slips, kitchen tickets (on the kitchen printer) and X/Z reports', async () => {
    const [sale] = await c.sales.list.query({ limit: 1 });
    const refund = await c.refunds.create.mutate({ saleId: sale?.id ?? '', restock: true, reason: 'stale', approval: managerApproval(kit.shop) });
    const slip = await c.printers.printRefund.mutate({ refundId: refund.id });
    await printed(slip.job);
    expect(decoded(printer.jobs.at(-1)).lines).toEqual(expect.arrayContaining([expect.stringMatching(/^REFUND/)]));

    kit.core.mirror.applyPage({ changes: [webOrderChange(kit.shop, 'W-2001', '2025-05-01T08:30:00.000Z')], nextCursor: '2', epoch: 'epoch-1' });
    const [order] = await c.webOrders.list.query({});
    const ticket = await c.printers.printKitchenTicket.mutate({ webOrderId: order?.id ?? '' });
    expect((await c.printers.printKitchenTicket.mutate({ webOrderId: order?.id ?? '' })).created).toBe(false);
    await printed(ticket.job);
    expect(decoded(kitchen.jobs.at(-1)).lines.join('\n')).toContain('W-2001');

    const shift = await c.shifts.current.query();
    await expectRefused(kit.core, () => c.printers.printShiftReport.mutate({ shiftId: shift?.id ?? '', kind: 'z' }), 'CONFLICT');
    const x = await c.printers.printShiftReport.mutate({ shiftId: shift?.id ?? '', kind: 'x' });
    await printed(x.job);
    await c.shifts.close.mutate({ counted: { '1000': 10 } });
    const z = await c.printers.printShiftReport.mutate({ shiftId: shift?.id ?? '', kind: 'z' });
    await printed(z.job);
    expect(printer.jobs.slice(-2).map((b) => decoded(b).lines.find((l) => /\b[XZ] REPORT\b/i.test(l)))).toEqual([expect.stringMatching(/X/), expect.stringMatching(/Z/)]);
  });

  it('cancels and retries jobs for staff, and will not remove a printer with work waiting', async () => {
    const [till] = await c.printers.list.query();
    await printer.stop();
    const printedBefore = printer.jobs.length;
    const keep = (await c.printers.testPrint.mutate({ printerId: till?.id ?? '' })).job;
    const drop = (await c.printers.testPrint.mutate({ printerId: till?.id ?? '' })).job;
    for (const j of [keep, drop]) await waitForJob(kit.core, j.id, 'queued', 10_000, (v) => v.lastError === 'Printer offline');
    await signIn(kit.core, kit.shop, 'manager');
    await expectRefused(kit.core, () => c.printers.remove.mutate({ printerId: till?.id ?? '' }), 'CONFLICT');
    expect((await c.printers.cancel.mutate({ jobId: drop.id })).state).toBe('cancelled');
    await expectRefused(kit.core, () => c.printers.retry.mutate({ jobId: drop.id }), 'CONFLICT');
    await printer.start();
    // this counter's clock stands still in router tests, so only the retry makes the job due again
    await c.printers.retry.mutate({ jobId: keep.id });
    await printed(keep);
    expect(printer.jobs.length).toBe(printedBefore + 1);
    expect((await c.printers.jobs.query({ states: ['cancelled'] })).map((j) => j.id)).toEqual([drop.id]);
  });

  it('opens the drawer once for a cash refund, on record, and leaves it shut for a card refund', async () => {
    const KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);
    const kicksSoFar = () => printer.jobs.filter((j) => j.equals(KICK)).length;
    // the shift was closed above: a cash refund comes out of an open drawer
    await c.shifts.open.mutate({ floatCents: 10_000 });
    const drawerJobs = async (ref: string) => (await c.printers.jobs.query({ limit: 500 })).filter((j) => j.kind === 'drawer' && j.ref === ref);
    await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
    const cashSale = await c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 450 }] });
    await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
    const cardSale = await c.sales.complete.mutate({ tenders: [{ kind: 'external_card', amountCents: 450 }] });
    for (const j of await drawerJobs(cashSale.id)) await printed(j);
    const before = kicksSoFar();

    const cash = await c.refunds.create.mutate({ saleId: cashSale.id, restock: true, reason: 'Wrong loaf', approval: managerApproval(kit.shop) });
    const [kick, ...more] = await drawerJobs(cash.id);
    expect(more).toEqual([]);
    expect(kick).toMatchObject({ kind: 'drawer', ref: cash.id, dedupeKey: `drawer:refund:${cash.id}` });
    await printed(kick ?? { id: '' });
    const audit = kit.core.activity(20).find((a) => a.kind === 'refund' && a.detail.refundId === cash.id);
    expect(audit?.detail).toMatchObject({ tender: 'cash', saleNumber: cashSale.number, totalCents: 450 });

    const card = await c.refunds.create.mutate({ saleId: cardSale.id, restock: true, approval: managerApproval(kit.shop) });
    expect(card.tender).toBe('external_card');
    // its slip prints after anything queued before it, so a kick for the card refund would be on paper by now
    await printed((await c.printers.printRefund.mutate({ refundId: card.id })).job);
    expect(await drawerJobs(card.id)).toEqual([]);
    expect(kicksSoFar()).toBe(before + 1);
  });
});
