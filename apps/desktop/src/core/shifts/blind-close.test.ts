import { afterEach, describe, expect, it } from 'vitest';
import { dbState, expectRefused, startKit, type Kit } from '../router/test-kit';
import { decodeEscPos } from '../printing/test/escpos-decoder';
import { signIn } from '../test/fixtures';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

/** The lines of a queued print job, as the printer would print them. */
function printedLines(k: Kit, jobId: string): string[] {
  const row = k.core.ctx.sqlite.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(jobId) as { payload: Buffer };
  return decodeEscPos(row.payload, { commandSet: 'epson' }).lines;
}

/** Everything the router answered, as text: the expected figure must not be anywhere in it. */
const wire = (v: unknown) => JSON.stringify(v);

async function shiftWithCash(k: Kit) {
  const c = k.client;
  await c.shifts.open.mutate({ floatCents: 10_000 });
  await c.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 2 });
  const cart = await c.cart.current.query();
  await c.sales.complete.mutate({ cartId: cart?.id ?? '', tenders: [{ kind: 'cash', tenderedCents: 900 }] });
  return c.shifts.paidIn.mutate({ amountCents: 2_000, reason: 'more change' });
}

describe('blind close', () => {
  it('is on by default for a shop: no expected cash reaches the UI until the count is submitted, then over/short', async () => {
    kit = await startKit({ signedIn: 'manager' });
    const c = kit.client;
    await c.store.update.mutate({ blindClose: true });
    expect((await c.store.settings.query()).blindClose).toBe(true);
    const afterPaidIn = await shiftWithCash(kit);
    const x = await c.shifts.xReport.query();
    // float 100.00 + cash sale 9.00 + paid in 20.00 = 129.00
    for (const answer of [afterPaidIn, x]) {
      expect(answer).toMatchObject({ status: 'open', blind: true, cash: null, counted: null });
      expect(answer.tenders.map((t) => t.kind)).not.toContain('cash');
      expect(wire(answer)).not.toMatch(/12900|expectedCents|overShort/);
    }
    // nor on paper: the X report prints its sales and takings, and says the expected cash comes after the count
    await c.printers.add.mutate({ name: 'Front till', transport: 'tcp://127.0.0.1:9' });
    const { job } = await c.printers.printShiftReport.mutate({ shiftId: x.shiftId, kind: 'x' });
    const printed = printedLines(kit, job.id).join(' ').replace(/\s+/g, ' ');
    expect(printed).toContain('Blind close: the expected cash is shown on the Z report, after the count.');
    expect(printed).toContain('X REPORT');
    expect(printed).not.toMatch(/129\.00|Expected in drawer|Opening float/);
    const z = await c.shifts.close.mutate({ counted: { '5000': 2, '2000': 1, '500': 1, '200': 1 } });
    expect(z).toMatchObject({ status: 'closed', blind: false, cash: { expectedCents: 12_900 }, counted: { countedCents: 12_700, overShortCents: -200 } });
    expect(await c.shifts.zReport.query({})).toMatchObject({ counted: { overShortCents: -200 } });
    const zJob = (await c.printers.printShiftReport.mutate({ shiftId: x.shiftId, kind: 'z' })).job;
    expect(printedLines(kit, zJob.id).join(' ').replace(/\s+/g, ' ')).toContain('Expected in drawer £129.00');
  });

  it('switched off in Settings → shop, the X report shows the expected cash while counting', async () => {
    kit = await startKit({ signedIn: 'manager' });
    const c = kit.client;
    await c.store.update.mutate({ blindClose: false });
    await shiftWithCash(kit);
    expect(await c.shifts.xReport.query()).toMatchObject({ blind: false, cash: { expectedCents: 12_900 } });
  });

  it('a pulled vendor row without the field counts blind (the default), and only a manager may change it', async () => {
    kit = await startKit({ signedIn: 'cashier' });
    const c = kit.client;
    kit.core.mirror.applyPage({
      changes: [{ entity: 'vendor', op: 'upsert', id: kit.shop.vendorId, data: { name: 'Crumb Bakery', currency: 'GBP', taxMode: 'inclusive' } }],
      nextCursor: '5',
      epoch: 'epoch-1',
    });
    expect(await c.store.settings.query()).toMatchObject({ blindClose: true, soldOutPolicy: 'warn' });
    await expectRefused(kit.core, () => c.store.update.mutate({ blindClose: false }), 'FORBIDDEN');
    await signIn(kit.core, kit.shop, 'manager');
    await expectRefused(kit.core, () => c.store.update.mutate({ blindClose: 'no' as unknown as boolean }), 'BAD_INPUT');
    await expectRefused(kit.core, () => c.store.update.mutate({ soldOutPolicy: 'never' as 'warn' }), 'BAD_INPUT');
    const before = dbState(kit.core);
    await c.store.update.mutate({ soldOutPolicy: 'block' });
    expect(dbState(kit.core)).not.toEqual(before);
    expect(await c.store.settings.query()).toMatchObject({ blindClose: true, soldOutPolicy: 'block', pendingChanges: 1 });
  });
});
