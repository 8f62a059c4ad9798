import { uuidv7, type SaleRefundArgs } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { refunds } from '../db/schema/index';
import { failure, failureOf, levelOf } from '../services/orders/test-kit';
import { addProduct, envelope, epochOf, pairCounter, pushCounts, saleArgs, type Counter } from '../services/sync/sync-test-kit';
import { describeEachDb } from '../test/harness';

let refundSeq = 0;

function refundOf(c: Counter, orderId: string, lines: SaleRefundArgs['lines'], extra: Partial<SaleRefundArgs> = {}): SaleRefundArgs {
  return {
    id: uuidv7(),
    orderId,
    number: `${c.registerCode}-${String(900_000 + ++refundSeq)}`,
    staffId: c.staffId,
    approvedBy: c.staffId,
    refundedAt: new Date().toISOString(),
    reason: 'Changed their mind',
    restock: true,
    lines,
    totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
    tender: 'cash',
    ...extra,
  };
}

describeEachDb('counterSales (refunds at another register of the shop)', (get) => {
  const db = () => get().database.db;

  /** Register A of a shop sells 3 scones (pushed the usual way); register B is paired to the same shop. */
  async function twoRegisters() {
    const a = await pairCounter(get());
    const b = await pairCounter(get(), a.shop);
    const scone = await addProduct(db(), a.shop.vendorId, { name: 'Scone', priceCents: 250, stock: 10 });
    const sale = saleArgs(a, [[scone, 3]]);
    const pushed = await a.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', sale)] });
    expect(pushed.results[0]?.status).toBe('applied');
    const line = sale.lines[0];
    if (!line) throw new Error('no line');
    return { a, b, scone, sale, line };
  }

  it('finds a sale of another register by receipt number (as typed, or from the QR) or id, with what is refunded', async () => {
    const { a, b, sale, line } = await twoRegisters();
    const typed = sale.number.toLowerCase().replace(/-0+/, '-');
    const found = await b.caller.counterSales.find({ number: typed });
    expect(found).toMatchObject({ id: sale.id, number: sale.number, registerCode: a.registerCode, totalCents: 750, currency: 'GBP' });
    expect(found.lines).toEqual([expect.objectContaining({ id: line.id, quantity: 3, totalCents: 750, refundedQuantity: 0, refundedCents: 0 })]);
    expect(found.payments).toEqual([expect.objectContaining({ kind: 'cash', amountCents: 750 })]);
    expect((await b.caller.counterSales.find({ saleId: sale.id })).number).toBe(sale.number);
    await b.caller.counterSales.refund(refundOf(b, sale.id, [{ orderLineId: line.id, quantity: 1, amountCents: 250 }]));
    const after = await a.caller.counterSales.find({ number: sale.number });
    expect(after.lines[0]).toMatchObject({ refundedQuantity: 1, refundedCents: 250 });
  });

  it("does not find another shop's sale by its number or id (NOT_FOUND, like a sale that does not exist)", async () => {
    const { sale } = await twoRegisters();
    const other = await pairCounter(get());
    const byNumber = await failure(other.caller.counterSales.find({ number: sale.number }));
    expect(byNumber.appCode).toBe('NOT_FOUND');
    expect(byNumber.message).toMatch(/not a sale of this shop/);
    expect((await failure(other.caller.counterSales.find({ saleId: sale.id }))).appCode).toBe('NOT_FOUND');
    expect((await failure(other.caller.counterSales.find({ number: 'Z9-000001' }))).appCode).toBe('NOT_FOUND');
    // nor refund it
    const before = await pushCounts(db());
    const refused = await failure(other.caller.counterSales.refund(refundOf(other, sale.id, [{ orderLineId: sale.lines[0]?.id ?? '', quantity: 1, amountCents: 250 }])));
    expect(refused.appCode).toBe('NOT_FOUND');
    expect(await pushCounts(db())).toEqual(before);
  });

  it('is idempotent by the refund id: a retry returns the first recording and refunds nothing more', async () => {
    const { b, scone, sale, line } = await twoRegisters();
    const args = refundOf(b, sale.id, [{ orderLineId: line.id, quantity: 2, amountCents: 500 }]);
    const first = await b.caller.counterSales.refund(args);
    expect(first).toMatchObject({ created: true, refund: { id: args.id, number: args.number, totalCents: 500, lines: [{ orderLineId: line.id, quantity: 2, amountCents: 500 }] } });
    const before = await pushCounts(db());
    // a retry after a lost answer may carry a new refund number: the first recording stands
    const again = await b.caller.counterSales.refund({ ...args, number: `${b.registerCode}-999999` });
    expect(again).toEqual({ created: false, refund: first.refund });
    expect(await pushCounts(db())).toEqual(before);
    expect((await levelOf(db(), scone.variantId)).onHand).toBe(9); // 10 − 3 sold + 2 back on the shelf, once
    // and the same refund arriving later through the register's outbox is a no-op
    const pushed = await b.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.refund', args)] });
    expect(pushed.results[0]?.status).toBe('applied');
    expect(await db().select().from(refunds).where(eq(refunds.orderId, sale.id))).toHaveLength(1);
  });

  it('two registers refunding the same line at the same moment: exactly one succeeds, the other gets CONFLICT', async () => {
    const { a, b, sale, line } = await twoRegisters();
    const all = [{ orderLineId: line.id, quantity: 3, amountCents: 750 }];
    const results = await Promise.allSettled([
      a.caller.counterSales.refund(refundOf(a, sale.id, all)),
      b.caller.counterSales.refund(refundOf(b, sale.id, all)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    if (lost?.status !== 'rejected') throw new Error('expected one refusal');
    const f = failureOf(lost.reason);
    expect(f.appCode).toBe('CONFLICT');
    expect(f.details).toMatchObject({ orderLineId: line.id, quantityLeft: 0 });
    expect(await db().select().from(refunds).where(eq(refunds.orderId, sale.id))).toHaveLength(1);
    // a later partial attempt is refused too, and writes nothing
    const before = await pushCounts(db());
    expect((await failure(b.caller.counterSales.refund(refundOf(b, sale.id, [{ orderLineId: line.id, quantity: 1, amountCents: 250 }])))).appCode).toBe('CONFLICT');
    expect(await pushCounts(db())).toEqual(before);
  });

  describe('who may call it, and bad input', () => {
    it('only a paired counter: visitors and back-office staff are refused', async () => {
      const { a, sale, line } = await twoRegisters();
      const visitor = await get().caller();
      const manager = await get().caller({ bearer: a.shop.managerToken });
      for (const caller of [visitor, manager]) {
        expect((await failure(caller.counterSales.find({ number: sale.number }))).appCode).toBe('UNAUTHENTICATED');
        expect((await failure(caller.counterSales.refund(refundOf(a, sale.id, [{ orderLineId: line.id, quantity: 1, amountCents: 250 }])))).appCode).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses malformed requests with BAD_INPUT and writes nothing', async () => {
      const { b, sale, line } = await twoRegisters();
      const ok = refundOf(b, sale.id, [{ orderLineId: line.id, quantity: 1, amountCents: 250 }]);
      const before = await pushCounts(db());
      const bad: [string, () => Promise<unknown>][] = [
        ['find with nothing', () => b.caller.counterSales.find({})],
        ['find with both', () => b.caller.counterSales.find({ number: sale.number, saleId: sale.id })],
        ['find with an empty number', () => b.caller.counterSales.find({ number: '  ' })],
        ['find with a novel', () => b.caller.counterSales.find({ number: 'x'.repeat(41) })],
        ['find with a bad id', () => b.caller.counterSales.find({ saleId: 'B-1' })],
        ['refund with no lines', () => b.caller.counterSales.refund({ ...ok, lines: [] })],
        ['refund of 0 items', () => b.caller.counterSales.refund({ ...ok, lines: [{ orderLineId: line.id, quantity: 0, amountCents: 0 }] })],
        ['refund of a negative amount', () => b.caller.counterSales.refund({ ...ok, lines: [{ orderLineId: line.id, quantity: 1, amountCents: -250 }], totalCents: -250 })],
        ['refund of fractional cents', () => b.caller.counterSales.refund({ ...ok, lines: [{ orderLineId: line.id, quantity: 1, amountCents: 2.5 }], totalCents: 2.5 })],
        ['refund whose total is not its lines', () => b.caller.counterSales.refund({ ...ok, totalCents: 999 })],
        ['refund with a bad tender', () => b.caller.counterSales.refund({ ...ok, tender: 'cheque' as 'cash' })],
        ['refund with a bad id', () => b.caller.counterSales.refund({ ...ok, id: 'refund-1' })],
        ['refund with a long reason', () => b.caller.counterSales.refund({ ...ok, reason: 'x'.repeat(301) })],
        ['refund listing a line twice', () => b.caller.counterSales.refund({ ...ok, lines: [ok.lines[0]!, ok.lines[0]!], totalCents: 500 })],
      ];
      for (const [what, call] of bad) {
        expect((await failure(call())).appCode, what).toBe('BAD_INPUT');
      }
      expect((await failure(b.caller.counterSales.refund({ ...ok, lines: [{ orderLineId: uuidv7(), quantity: 1, amountCents: 250 }] }))).appCode).toBe('NOT_FOUND');
      expect((await failure(b.caller.counterSales.refund({ ...ok, staffId: uuidv7() }))).appCode).toBe('NOT_FOUND');
      expect(await pushCounts(db())).toEqual(before);
    });
  });
});
