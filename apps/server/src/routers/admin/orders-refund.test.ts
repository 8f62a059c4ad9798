import { count, eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { emailOutbox, operatorAudit, orders, paymentRefunds, paymentTransfers } from '../../db/schema/index';
import { checkoutRequest, failure } from '../../services/orders/test-kit';
import { useCardShop } from '../../services/payments/card-shop-kit';
import { settle, stripeTestEnv } from '../../services/payments/payments-test-kit';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { describeEachDb } from '../../test/harness';

const fake = await startFakeStripe();
afterAll(() => fake.close());

describeEachDb(
  'admin.orders.refund: the marketplace refunds a customer',
  (get) => {
    const db = () => get().database.db;
    const card = useCardShop(get, fake);
    const ops = () => get().caller({ operatorCookie: card.current().operatorCookie });
    const run = () => settle(get().database, get().env, fake);

    /** a paid card order of `qty` buns (250 each), accepted by the shop when `accept` (its share then transferred) */
    async function paidOrder(qty: number, accept: boolean) {
      const paid = await card.paidOrder(qty);
      if (accept) {
        await (await get().caller({ bearer: card.current().shop.managerToken })).orders.transition({ orderId: paid.orderId, to: 'accepted', prepMinutes: 10 });
        await run();
      }
      return paid;
    }

    const stripeRefunds = (intentId: string) => [...fake.state.refunds.values()].filter((r) => r.payment_intent === intentId);
    const auditRows = async (orderId: string) => db().select().from(operatorAudit).where(eq(operatorAudit.targetId, orderId));

    it('a double submit refunds once; the shop’s transfer is reversed pro rata; both are emailed; audited; on the timeline', async () => {
      const { orderId, intentId, checkoutId } = await paidOrder(4, true); // 1000, transfer 950
      const input = { orderId, idempotencyKey: 'dialog-7f3a9c', reason: 'Shop never answered the customer', amountCents: 300 };
      const [first, second] = await Promise.all([(await ops()).admin.orders.refund(input), (await ops()).admin.orders.refund(input)]);
      expect([first.created, second.created].sort()).toEqual([false, true]);
      expect(first).toMatchObject({ status: 'succeeded', amountCents: 300, reversedCents: 285 });
      expect(second).toMatchObject({ refundId: first.refundId, status: 'succeeded', amountCents: 300, reversedCents: 285 });
      expect(stripeRefunds(intentId).map((r) => r.amount)).toEqual([300]);
      const transfer = [...fake.state.transfers.values()].find((t) => t.transfer_group === checkoutId);
      expect(transfer?.reversals.data.map((x) => x.amount)).toEqual([285]); // 300 × 950/1000
      const [t] = await db().select().from(paymentTransfers).where(eq(paymentTransfers.orderId, orderId));
      expect(t?.reversedCents).toBe(285);
      const [o] = await db().select().from(orders).where(eq(orders.id, orderId));
      expect(o?.paymentStatus).toBe('partially_refunded');
      const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId));
      const refundMail = mails.find((m) => m.kind === 'refund');
      const shopMail = mails.find((m) => m.kind === 'shop_refund');
      expect(refundMail).toMatchObject({ to: 'ada@example.test', subject: expect.stringContaining('Refund of £3.00') as unknown });
      expect(shopMail?.body).toContain('Reason: Shop never answered the customer');
      expect(shopMail?.body).toContain('£2.85 of it was taken back');
      expect(mails.filter((m) => m.kind === 'refund' || m.kind === 'shop_refund')).toHaveLength(2);
      const audit = await auditRows(orderId);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'order.refund', reason: 'Shop never answered the customer', before: { refundedCents: 0 }, after: { amountCents: 300, from: 'shop' } });

      const detail = await (await ops()).admin.orders.detail({ orderId });
      expect(detail.refundableCents).toBe(700);
      expect(detail.refundFromTransfer).toBe(true);
      const kinds = detail.timeline.map((e) => e.kind);
      for (const k of ['status', 'payment', 'transfer', 'refund', 'reversal', 'email'] as const) expect(kinds).toContain(k);
      expect(detail.timeline.find((e) => e.kind === 'refund')?.detail).toContain('by the marketplace');
      const times = detail.timeline.slice(1).map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((x, y) => x - y));
    });

    it('refuses more than what is left, with the amount left, and writes nothing', async () => {
      const { orderId, intentId } = await paidOrder(2, true); // 500
      await (await ops()).admin.orders.refund({ orderId, idempotencyKey: 'dialog-first-1', reason: 'Late', amountCents: 200 });
      const rowsBefore = await db().select({ n: count() }).from(paymentRefunds).where(eq(paymentRefunds.orderId, orderId));
      const f = await failure((await ops()).admin.orders.refund({ orderId, idempotencyKey: 'dialog-second-2', reason: 'Late', amountCents: 301 }));
      expect(f.appCode).toBe('BAD_INPUT');
      expect(f.message).toContain('Only £3.00 of order');
      expect(f.details).toMatchObject({ refundableCents: 300 });
      expect(await db().select({ n: count() }).from(paymentRefunds).where(eq(paymentRefunds.orderId, orderId))).toEqual(rowsBefore);
      expect(await auditRows(orderId)).toHaveLength(1);
      expect(stripeRefunds(intentId)).toHaveLength(1);
      // the rest goes back, and then the order reads refunded
      await (await ops()).admin.orders.refund({ orderId, idempotencyKey: 'dialog-third-3', reason: 'Late', amountCents: 300 });
      const [o] = await db().select().from(orders).where(eq(orders.id, orderId));
      expect(o?.paymentStatus).toBe('refunded');
    });

    it('by lines, before the shop was paid: the platform refunds, no reversal; a line cannot be refunded twice', async () => {
      const { orderId, checkoutId } = await paidOrder(3, false); // 750, not accepted: no transfer
      const detail = await (await ops()).admin.orders.detail({ orderId });
      expect(detail.refundFromTransfer).toBe(false);
      const line = detail.lines[0];
      if (!line) throw new Error('no line');
      const r = await (await ops()).admin.orders.refund({ orderId, idempotencyKey: 'dialog-lines-1', reason: 'One bun was burnt', lines: [{ lineId: line.id, quantity: 1 }] });
      expect(r).toMatchObject({ status: 'succeeded', amountCents: 250, reversedCents: 0, created: true });
      expect([...fake.state.transfers.values()].filter((t) => t.transfer_group === checkoutId)).toHaveLength(0);
      const f = await failure((await ops()).admin.orders.refund({ orderId, idempotencyKey: 'dialog-lines-2', reason: 'Again', lines: [{ lineId: line.id, quantity: 3 }] }));
      expect(f.appCode).toBe('BAD_INPUT');
      expect(f.message).toContain('Only 2 of "Bun"');
      const after = await (await ops()).admin.orders.detail({ orderId });
      expect(after.lines[0]).toMatchObject({ refundedQuantity: 1, refundedCents: 250 });
      expect(after.refundableCents).toBe(500);
    });

    it('an order not paid by card cannot be refunded here; shops and customers cannot call it', async () => {
      const anon = await get().caller();
      const placed = await anon.orders.checkout(checkoutRequest([[card.current().bun, 1]], [{ vendorId: card.current().shop.vendorId }]));
      const orderId = placed.orders[0]?.id ?? '';
      const f = await failure((await ops()).admin.orders.refund({ orderId, idempotencyKey: 'dialog-cash-1', reason: 'x', amountCents: 1 }));
      expect(f.appCode).toBe('CONFLICT');
      expect(f.message).toContain('was not paid by card');
      const owner = await get().caller({ bearer: card.current().shop.ownerToken });
      expect((await failure(owner.admin.orders.refund({ orderId, idempotencyKey: 'dialog-cash-2', reason: 'x', amountCents: 1 }))).appCode).toBe('UNAUTHENTICATED');
      expect(await auditRows(orderId)).toHaveLength(0);
    });
  },
  stripeTestEnv(fake),
);
