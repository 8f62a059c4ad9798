import { uuidv7, type SaleRefundArgs, type ShiftEventArgs } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inventoryMovements, orderEvents, orders, refundLines, refunds, shiftEvents, shifts } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { checkoutRequest, levelOf } from '../orders/test-kit';
import { refundMovementId } from './ids';
import { addProduct, envelope, epochOf, pairCounter, pushCounts, saleArgs, type Counter } from './sync-test-kit';

describeEachDb('sync.push handlers', (get) => {
  const db = () => get().database.db;

  /** Pushes mutations after the counter's current high-water mark and returns the results. */
  async function push(c: Counter, ...items: [Parameters<typeof envelope>[1], unknown][]) {
    const me = await c.caller.devices.me();
    const start = me.device.lastMutationId + 1;
    const res = await c.caller.sync.push({
      epoch: await epochOf(db()),
      mutations: items.map(([name, args], i) => envelope(start + i, name, args)),
    });
    return res.results;
  }

  describe('sale.refund', () => {
    function refund(c: Counter, orderId: string, lines: SaleRefundArgs['lines'], restock: boolean): SaleRefundArgs {
      return {
        id: uuidv7(),
        orderId,
        number: `${c.registerCode}-R${Math.floor(Math.random() * 1e9)}`,
        staffId: c.staffId,
        approvedBy: c.staffId,
        refundedAt: new Date().toISOString(),
        reason: 'Stale',
        restock,
        lines,
        totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
        tender: 'cash',
      };
    }

    it('records partial and full refunds, restocks when asked, and refuses refunding more than was sold', async () => {
      const c = await pairCounter(get());
      const scone = await addProduct(db(), c.shop.vendorId, { name: 'Scone', priceCents: 250, stock: 10 });
      const sale = saleArgs(c, [[scone, 4]]);
      const line = sale.lines[0]!;
      const first = refund(c, sale.id, [{ orderLineId: line.id, quantity: 1, amountCents: 250 }], true);
      const tooMuch = refund(c, sale.id, [{ orderLineId: line.id, quantity: 4, amountCents: 1000 }], false);
      const rest = refund(c, sale.id, [{ orderLineId: line.id, quantity: 3, amountCents: 750 }], false);
      const results = await push(c, ['sale.complete', sale], ['sale.refund', first], ['sale.refund', tooMuch], ['sale.refund', rest]);
      expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'CONFLICT', 'applied']);
      expect(results[2]?.message).toMatch(/only 3/);
      expect((await levelOf(db(), scone.variantId)).onHand).toBe(7); // 10 − 4 sold + 1 restocked
      const moves = await db().select().from(inventoryMovements).where(eq(inventoryMovements.reference, first.id));
      expect(moves).toEqual([expect.objectContaining({ id: refundMovementId(first.id, line.id), kind: 'refund', quantity: 1 })]);
      expect(await db().select().from(refunds).where(eq(refunds.orderId, sale.id))).toHaveLength(2);
      expect(await db().select().from(refundLines).where(eq(refundLines.orderLineId, line.id))).toHaveLength(2);
      const [order] = await db().select().from(orders).where(eq(orders.id, sale.id));
      expect(order?.paymentStatus).toBe('refunded');
      // resending a refund under a new mutation id changes nothing
      const before = await pushCounts(db());
      expect((await push(c, ['sale.refund', first]))[0]?.status).toBe('applied');
      expect({ ...(await pushCounts(db())), mutations: before.mutations, last_ids: before.last_ids }).toEqual(before);
    });

    it('rejects refunds of unknown sales, foreign lines and totals that do not add up', async () => {
      const c = await pairCounter(get());
      const scone = await addProduct(db(), c.shop.vendorId, { name: 'Scone', priceCents: 250, stock: 10 });
      const sale = saleArgs(c, [[scone, 2]]);
      await push(c, ['sale.complete', sale]);
      const lineId = sale.lines[0]!.id;
      const badTotal = { ...refund(c, sale.id, [{ orderLineId: lineId, quantity: 1, amountCents: 250 }], false), totalCents: 999 };
      const results = await push(
        c,
        ['sale.refund', refund(c, uuidv7(), [{ orderLineId: lineId, quantity: 1, amountCents: 250 }], false)],
        ['sale.refund', refund(c, sale.id, [{ orderLineId: uuidv7(), quantity: 1, amountCents: 250 }], false)],
        ['sale.refund', badTotal],
      );
      expect(results.map((r) => r.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'BAD_INPUT']);
      expect(await db().select().from(refunds).where(eq(refunds.orderId, sale.id))).toHaveLength(0);
    });
  });

  describe('shift.event', () => {
    const event = (c: Counter, shiftId: string, kind: ShiftEventArgs['kind'], extra: Partial<ShiftEventArgs> = {}): ShiftEventArgs => ({
      id: uuidv7(),
      shiftId,
      kind,
      staffId: c.staffId,
      occurredAt: new Date().toISOString(),
      amountCents: 0,
      reason: '',
      ...extra,
    });

    it('opens, records paid-in and closes a shift with over/short, and refuses events after the close', async () => {
      const c = await pairCounter(get());
      const shiftId = uuidv7();
      const close = event(c, shiftId, 'close', { counted: { '1000': 3, '200': 2 }, expectedCashCents: 3500, countedCashCents: 3400 });
      const results = await push(
        c,
        ['shift.event', event(c, shiftId, 'open', { amountCents: 2000 })],
        ['shift.event', event(c, shiftId, 'paid_in', { amountCents: 1500, reason: 'Change top-up' })],
        ['shift.event', close],
        ['shift.event', event(c, shiftId, 'no_sale')],
        ['shift.event', event(c, uuidv7(), 'paid_out', { amountCents: -500 })],
        ['shift.event', close],
      );
      expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'applied', 'CONFLICT', 'NOT_FOUND', 'applied']);
      const [shift] = await db().select().from(shifts).where(eq(shifts.id, shiftId));
      expect(shift).toMatchObject({ status: 'closed', floatCents: 2000, expectedCashCents: 3500, countedCashCents: 3400, overShortCents: -100, deviceId: c.deviceId });
      expect(shift?.counted).toEqual({ '1000': 3, '200': 2 });
      expect((await db().select().from(shiftEvents).where(eq(shiftEvents.shiftId, shiftId))).map((e) => e.kind).sort()).toEqual(['close', 'open', 'paid_in']);
    });
  });

  describe('stock.movement', () => {
    it('records receive and count from the counter once, and rejects another shop’s variant', async () => {
      const c = await pairCounter(get());
      const other = await pairCounter(get());
      const flour = await addProduct(db(), c.shop.vendorId, { name: 'Flour', priceCents: 250, stock: 5 });
      const theirs = await addProduct(db(), other.shop.vendorId, { name: 'Theirs', priceCents: 250, stock: 5 });
      const receive = { id: uuidv7(), variantId: flour.variantId, kind: 'receive', quantity: 12, occurredAt: new Date().toISOString(), note: 'Delivery', staffId: c.staffId };
      const results = await push(
        c,
        ['stock.movement', receive],
        ['stock.movement', receive],
        ['stock.movement', { ...receive, id: uuidv7(), variantId: theirs.variantId }],
      );
      expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'NOT_FOUND']);
      expect((await levelOf(db(), flour.variantId)).onHand).toBe(17);
      expect((await levelOf(db(), theirs.variantId)).onHand).toBe(5);
      const count = { ...receive, id: uuidv7(), kind: 'count', quantity: 9, occurredAt: new Date(Date.now() + 1000).toISOString() };
      expect((await push(c, ['stock.movement', count]))[0]?.status).toBe('applied');
      expect((await levelOf(db(), flour.variantId)).onHand).toBe(9);
    });
  });

  describe('order.transition', () => {
    async function webOrder(c: Counter) {
      const pie = await addProduct(db(), c.shop.vendorId, { name: 'Pie', priceCents: 400, stock: 10 });
      const { orders: [placed] } = await (await get().caller()).orders.checkout(checkoutRequest([[pie, 2]], [{ vendorId: c.shop.vendorId }]));
      if (!placed) throw new Error('checkout made no order');
      return placed.id;
    }
    const move = (c: Counter, orderId: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
      id: uuidv7(),
      orderId,
      from,
      to,
      staffId: c.staffId,
      occurredAt: new Date().toISOString(),
      ...extra,
    });

    it('moves a web order when it is still in `from`, and rejects a stale `from` with CONFLICT', async () => {
      const c = await pairCounter(get());
      const orderId = await webOrder(c);
      const accept = move(c, orderId, 'placed', 'accepted', { prepMinutes: 15 });
      const results = await push(
        c,
        ['order.transition', accept],
        ['order.transition', move(c, orderId, 'placed', 'rejected', { reason: 'Sold out' })],
        ['order.transition', move(c, orderId, 'accepted', 'preparing')],
        ['order.transition', move(c, orderId, 'preparing', 'completed')],
      );
      expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'CONFLICT', 'applied', 'ILLEGAL_TRANSITION']);
      expect(results[1]?.message).toMatch(/now accepted/);
      const [order] = await db().select().from(orders).where(eq(orders.id, orderId));
      expect(order).toMatchObject({ status: 'preparing', prepMinutes: 15 });
      const events = await db().select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
      expect(events.filter((e) => e.actorKind === 'device').map((e) => e.toStatus).sort()).toEqual(['accepted', 'preparing']);
    });

    it('counts a resent transition whose order already reached `to` as done, and cannot touch another shop’s order', async () => {
      const c = await pairCounter(get());
      const other = await pairCounter(get());
      const orderId = await webOrder(c);
      const accept = move(c, orderId, 'placed', 'accepted');
      await push(c, ['order.transition', accept]);
      expect((await push(c, ['order.transition', accept]))[0]?.status).toBe('applied');
      expect((await db().select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter((e) => e.toStatus === 'accepted')).toHaveLength(1);
      const foreign = await push(other, ['order.transition', move(other, orderId, 'accepted', 'preparing')]);
      expect(foreign[0]?.code).toBe('NOT_FOUND');
      const [order] = await db().select().from(orders).where(eq(orders.id, orderId));
      expect(order?.status).toBe('accepted');
    });
  });
});
