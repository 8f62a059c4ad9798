import { orderTransitionArgs, uuidv7, type Change, type OrderStatus } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedShop, signIn, snapshotCounts, type Shop, type TestCore, codeOf } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

function orderChange(id: string, status: OrderStatus, fulfilment: 'pickup' | 'delivery' = 'pickup'): Change {
  return {
    entity: 'web_order',
    op: 'upsert',
    id,
    data: {
      number: 'W-0042', status, fulfilment, currency: 'GBP', taxMode: 'inclusive', subtotalCents: 900, taxCents: 0, totalCents: 900,
      paymentStatus: 'pay_at_pickup', placedAt: '2025-05-01T08:55:00Z', lines: [],
    },
  };
}

async function ready(status: OrderStatus = 'placed', fulfilment: 'pickup' | 'delivery' = 'pickup'): Promise<{ shop: Shop; orderId: string }> {
  t = makeCore();
  const shop = await seedShop(t.core);
  await signIn(t.core, shop);
  const orderId = uuidv7();
  t.core.mirror.applyPage({ changes: [orderChange(orderId, status, fulfilment)], nextCursor: '2', epoch: 'epoch-1' });
  return { shop, orderId };
}


describe('web orders at the counter', () => {
  it('accepts offline: applied to the inbox at once and queued with from/to', async () => {
    const { shop, orderId } = await ready();
    expect(t.core.webOrders.list({ status: ['placed'] }).map((o) => o.id)).toEqual([orderId]);
    const accepted = t.core.webOrders.transition({ orderId, to: 'accepted', prepMinutes: 15 });
    expect(accepted).toMatchObject({ status: 'accepted', serverStatus: 'placed', prepMinutes: 15, pendingSync: true });
    expect(accepted.next).toEqual(['preparing', 'ready', 'rejected', 'cancelled']);
    const ready2 = t.core.webOrders.transition({ orderId, to: 'ready' });
    expect(ready2.status).toBe('ready');
    const queued = t.core.outbox.pending().map((m) => orderTransitionArgs.parse(m.args));
    expect(queued.map((q) => [q.from, q.to])).toEqual([
      ['placed', 'accepted'],
      ['accepted', 'ready'],
    ]);
    expect(queued[0]).toMatchObject({ orderId, prepMinutes: 15, staffId: shop.staff.cashier });
  });

  it('keeps queued moves on top of a stale pull, and takes the server status once they are confirmed', async () => {
    const { orderId } = await ready();
    t.core.webOrders.transition({ orderId, to: 'accepted' });
    // the server has not seen the push yet and sends the order again (say the customer's note changed)
    t.core.mirror.applyPage({ changes: [orderChange(orderId, 'placed')], nextCursor: '3', epoch: 'epoch-1' });
    expect(t.core.webOrders.byId(orderId)).toMatchObject({ status: 'accepted', serverStatus: 'placed' });
    // the push is applied; the next pull carries the real status
    t.core.outbox.recordResults([{ mutationId: 1, status: 'applied' }]);
    t.core.mirror.applyPage({ changes: [orderChange(orderId, 'accepted')], nextCursor: '4', epoch: 'epoch-1' });
    expect(t.core.webOrders.byId(orderId)).toMatchObject({ status: 'accepted', serverStatus: 'accepted', pendingSync: false });
    // the customer cancelled meanwhile elsewhere: a later queued move no longer applies locally
    t.core.webOrders.transition({ orderId, to: 'preparing' });
    t.core.mirror.applyPage({ changes: [orderChange(orderId, 'cancelled')], nextCursor: '5', epoch: 'epoch-1' });
    expect(t.core.webOrders.byId(orderId).status).toBe('cancelled');
  });

  it('checks moves with the shared state machine and writes nothing for a bad one', async () => {
    const { orderId } = await ready('ready');
    const before = snapshotCounts(t.core, ['outbox']);
    expect(codeOf(() => t.core.webOrders.transition({ orderId, to: 'out_for_delivery' }))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => t.core.webOrders.transition({ orderId, to: 'placed' }))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => t.core.webOrders.transition({ orderId, to: 'completed', from: 'accepted' }))).toBe('CONFLICT');
    expect(codeOf(() => t.core.webOrders.transition({ orderId: uuidv7(), to: 'completed' }))).toBe('NOT_FOUND');
    expect(codeOf(() => t.core.webOrders.transition({ orderId, to: 'shipped' as OrderStatus }))).toBe('BAD_INPUT');
    expect(snapshotCounts(t.core, ['outbox'])).toEqual(before);
    expect(t.core.webOrders.byId(orderId).status).toBe('ready');
    t.core.staff.logout();
    expect(codeOf(() => t.core.webOrders.transition({ orderId, to: 'completed' }))).toBe('UNAUTHENTICATED');
  });

  it('needs a reason to reject', async () => {
    const { orderId } = await ready();
    expect(codeOf(() => t.core.webOrders.transition({ orderId, to: 'rejected' }))).toBe('BAD_INPUT');
    expect(t.core.webOrders.transition({ orderId, to: 'rejected', reason: 'Out of rye today' })).toMatchObject({ status: 'rejected', statusReason: 'Out of rye today' });
  });
});
