import { afterEach, describe, expect, it } from 'vitest';
import { count, managerApproval } from '../../test/fixtures';
import { createJobStore } from '../queue/jobs';
import { decodeEscPos } from '../test/escpos-decoder';
import { FakePrinter, startFakePrinter } from '../test/fake-printer';
import { printingKit, sellLoaf, waitForJob, type PrintingKit } from '../queue/test-kit';
import { createDrawer } from './drawer';

let kit: PrintingKit;
let printer: FakePrinter;
afterEach(async () => {
  await kit?.cleanup();
  await printer?.stop();
});

const KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);
const kicks = () => printer.jobs.filter((j) => j.equals(KICK));

async function withDrawer(opts: { start?: boolean } = {}) {
  printer = await startFakePrinter();
  kit = await printingKit(opts);
  const till = kit.core.printing.printers.add({ name: 'Front till', transport: printer.url, hasDrawer: true });
  return { core: kit.core, shop: kit.shop, till };
}

describe('the cash drawer', () => {
  it('opens once for a cash sale with ESC p 0 25 250, even when completing is tried again and the counter restarts', async () => {
    const { core, shop } = await withDrawer();
    const sale = sellLoaf(core, shop, 'cash');
    // the till retries the same completion (a lost answer): there is no open cart any more
    expect(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] })).toThrow();
    const [kick] = core.printing.jobs({ states: ['queued', 'printing', 'printed'] });
    expect(kick).toMatchObject({ kind: 'drawer', ref: sale.id, dedupeKey: `drawer:sale:${sale.id}` });
    await waitForJob(core, kick?.id ?? '', 'printed');
    await kit.restart();
    await waitForJob(kit.core, kick?.id ?? '', 'printed');
    expect(printer.jobs).toEqual([KICK]);
    expect(decodeEscPos(KICK, { commandSet: 'epson' }).commands).toEqual([{ kind: 'drawer', pin: 0, t1: 25, t2: 250, onMs: 50, offMs: 500 }]);
  });

  it('uses the pin and pulse set for the printer', async () => {
    const { core, shop, till } = await withDrawer();
    core.printing.printers.update({ printerId: till.id, drawerPin: 1, drawerT1: 50, drawerT2: 100 });
    const sale = sellLoaf(core, shop, 'split');
    const [kick] = core.printing.jobs();
    expect(kick?.ref).toBe(sale.id);
    await waitForJob(core, kick?.id ?? '', 'printed');
    expect(printer.jobs).toEqual([Buffer.from([0x1b, 0x70, 0x01, 0x32, 0x64])]);
  });

  it('stays shut for a card-only sale', async () => {
    const { core, shop } = await withDrawer();
    sellLoaf(core, shop, 'card');
    expect(core.printing.jobs()).toEqual([]);
    expect(count(core, 'print_jobs')).toBe(0);
  });

  it('opens for every audited no-sale, each its own kick', async () => {
    const { core } = await withDrawer();
    const first = core.printing.openDrawer({ reason: 'change for the float' });
    const second = core.shifts.noSale({ reason: 'customer dropped a coin in' });
    expect(first.job?.ref).toBe(first.eventId);
    expect(second.job?.ref).toBe(second.eventId);
    await waitForJob(core, first.job?.id ?? '', 'printed');
    await waitForJob(core, second.job?.id ?? '', 'printed');
    expect(kicks()).toHaveLength(2);
    expect(core.shifts.xReport().noSaleCount).toBe(2);
  });

  it('never holds up a sale: no printer, or a printer that is off, and the kick waits in the queue', async () => {
    printer = await startFakePrinter();
    kit = await printingKit();
    const { core, shop } = kit;
    const noPrinter = sellLoaf(core, shop, 'cash');
    expect(noPrinter.number).toBe('A1-000001');
    expect(count(core, 'print_jobs')).toBe(0);
    core.printing.printers.add({ name: 'Front till', transport: printer.url, hasDrawer: true });
    await printer.stop();
    const offline = sellLoaf(core, shop, 'cash');
    const [kick] = core.printing.jobs();
    expect(kick?.ref).toBe(offline.id);
    await waitForJob(core, kick?.id ?? '', 'queued', 10_000, (j) => j.lastError === 'Printer offline');
    await printer.start();
    await waitForJob(core, kick?.id ?? '', 'printed');
    expect(printer.jobs).toEqual([KICK]);
  });

  it('opens once for a cash refund, however often the kick is asked for, and a refund without a drawer printer still goes through', async () => {
    const { core, shop, till } = await withDrawer({ start: false });
    const sale = sellLoaf(core, shop, 'cash');
    const refund = await core.refunds.refund({ saleId: sale.id, restock: true, approval: managerApproval(shop) });
    const drawer = createDrawer(core.ctx, createJobStore(core.ctx));
    const again = drawer.forRefund(refund);
    expect(again).toMatchObject({ kind: 'drawer', ref: refund.id, dedupeKey: `drawer:refund:${refund.id}` });
    expect(drawer.forRefund(refund)?.id).toBe(again?.id);
    expect(core.printing.jobs().filter((j) => j.ref === refund.id).map((j) => j.id)).toEqual([again?.id]);
    expect(drawer.forRefund({ ...refund, tender: 'external_card' })).toBeNull();

    core.printing.printers.update({ printerId: till.id, hasDrawer: false });
    const other = sellLoaf(core, shop, 'cash');
    const quiet = await core.refunds.refund({ saleId: other.id, restock: true, approval: managerApproval(shop) });
    expect(quiet.tender).toBe('cash');
    expect(core.printing.jobs().filter((j) => j.ref === quiet.id)).toEqual([]);
  });

  it('refuses a no-sale when no printer has a drawer, writing nothing', async () => {
    printer = await startFakePrinter();
    kit = await printingKit();
    const { core } = kit;
    core.printing.printers.add({ name: 'Kitchen', role: 'kitchen', transport: printer.url });
    const before = { events: count(core, 'shift_events'), outbox: count(core, 'outbox'), jobs: count(core, 'print_jobs') };
    expect(() => core.printing.openDrawer({ reason: 'float check' })).toThrow(/No printer with a cash drawer/);
    expect(() => core.printing.openDrawer({ reason: '   ' })).toThrow(/Say why/);
    expect({ events: count(core, 'shift_events'), outbox: count(core, 'outbox'), jobs: count(core, 'print_jobs') }).toEqual(before);
  });
});
