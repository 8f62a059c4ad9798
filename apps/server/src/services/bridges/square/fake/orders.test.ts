import { afterEach, describe, expect, it } from 'vitest';
import type { SquareClient } from 'square';
import type { SquareFake } from './index';
import { LOCATION, MERCHANT, clientFor, manualClock, squareError, startWithMerchant } from './test-helpers';

let fake: SquareFake;
afterEach(async () => {
  await fake.close();
});

async function pushOrder(client: SquareClient, variationId: string, key = 'mk-ord-1') {
  const res = await client.orders.create({
    idempotencyKey: key,
    order: {
      locationId: LOCATION,
      referenceId: 'ord-1',
      source: { name: 'Makeries' },
      lineItems: [{ catalogObjectId: variationId, quantity: '2', basePriceMoney: { amount: 1200n, currency: 'USD' } }],
      fulfillments: [
        {
          type: 'PICKUP',
          state: 'PROPOSED',
          pickupDetails: { recipient: { displayName: 'Ada', phoneNumber: '+15550100' }, scheduleType: 'ASAP', prepTimeDuration: 'PT20M', note: 'web order' },
        },
      ],
      metadata: { makeries_order_id: 'ord-1' },
    },
  });
  if (!res.order) throw new Error('no order');
  return res.order;
}

async function payFor(client: SquareClient, order: { id?: string; totalMoney?: { amount?: bigint | null; currency?: string } }, key = 'mk-pay-1') {
  return client.payments.create({
    idempotencyKey: key,
    sourceId: 'EXTERNAL',
    externalDetails: { type: 'EXTERNAL', source: 'Makeries', sourceId: 'pi_123' },
    amountMoney: { amount: order.totalMoney?.amount ?? 0n, currency: 'USD' },
    orderId: order.id ?? '',
  });
}

describe('square fake: orders and payments', () => {
  it('creates an OPEN order with totals, pays it externally, completes it in Square and takes the stock once', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Bread', variations: [{ name: 'Loaf', price: 1200 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 10);
    fake.takeEvents();
    const client = clientFor(fake);
    const order = await pushOrder(client, v);
    expect([order.state, order.version, order.totalMoney?.amount]).toEqual(['OPEN', 1, 2400n]);
    expect(order.lineItems?.[0]?.name).toBe('Bread');
    expect(order.fulfillments?.[0]?.state).toBe('PROPOSED');
    const replay = await pushOrder(client, v);
    expect(replay.id).toBe(order.id);

    const mismatch = await squareError(() => payFor(client, { id: order.id ?? '', totalMoney: { amount: 100n, currency: 'USD' } }, 'mk-pay-bad'));
    expect([mismatch.statusCode, mismatch.code]).toEqual([400, 'PAYMENT_AMOUNT_MISMATCH']);
    const paid = await payFor(client, order);
    expect([paid.payment?.status, paid.payment?.orderId, paid.payment?.amountMoney?.amount]).toEqual(['COMPLETED', order.id, 2400n]);
    const afterPay = fake.order(order.id ?? '');
    expect([afterPay.state, afterPay.version, afterPay.net_amount_due_money.amount, afterPay.tenders?.length]).toEqual(['OPEN', 2, 0, 1]);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(10);

    fake.setFulfillmentState(order.id ?? '', 'RESERVED');
    fake.setFulfillmentState(order.id ?? '', 'PREPARED');
    fake.setFulfillmentState(order.id ?? '', 'COMPLETED');
    const done = await client.orders.get({ orderId: order.id ?? '' });
    expect([done.order?.state, done.order?.version, done.order?.fulfillments?.[0]?.state]).toEqual(['COMPLETED', 5, 'COMPLETED']);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(8);

    const types = fake.takeEvents().map((e) => e.type);
    expect(types.filter((t) => t === 'order.created')).toHaveLength(1);
    expect(types.filter((t) => t === 'order.updated')).toHaveLength(4);
    expect(types).not.toContain('order.fulfillment.updated'); // Square sends it for UpdateOrder calls only
    expect(types[types.length - 2]).toBe('inventory.count.updated');
  });

  it('UpdateOrder: sparse fulfillment change with the current version, VERSION_MISMATCH when stale', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Cake', variations: [{ name: 'Whole', price: 2500 }] });
    const client = clientFor(fake);
    const order = await pushOrder(client, variationIds[0] ?? '');
    const uid = order.fulfillments?.[0]?.uid ?? '';
    await payFor(client, order); // version 2
    fake.takeEvents();
    const updated = await client.orders.update({ orderId: order.id ?? '', idempotencyKey: 'u-1', order: { locationId: LOCATION, version: 2, fulfillments: [{ uid, state: 'RESERVED' }] } });
    expect([updated.order?.version, updated.order?.fulfillments?.[0]?.state]).toEqual([3, 'RESERVED']);
    expect(updated.order?.fulfillments?.[0]?.pickupDetails?.acceptedAt).toBeTruthy();
    const events = fake.takeEvents();
    expect(events.map((e) => e.type)).toEqual(['order.updated', 'order.fulfillment.updated']);
    const body = JSON.parse(events[1]?.body ?? '{}') as { data: { object: { order_fulfillment_updated: { fulfillment_update: unknown[] } } } };
    expect(body.data.object.order_fulfillment_updated.fulfillment_update).toEqual([{ fulfillment_uid: uid, old_state: 'PROPOSED', new_state: 'RESERVED' }]);

    fake.setFulfillmentState(order.id ?? '', 'PREPARED');
    const stale = await squareError(() => client.orders.update({ orderId: order.id ?? '', order: { locationId: LOCATION, version: 3, fulfillments: [{ uid, state: 'CANCELED' }] } }));
    expect([stale.statusCode, stale.code]).toEqual([400, 'VERSION_MISMATCH']);
    expect(fake.order(order.id ?? '').fulfillments?.[0]?.state).toBe('PREPARED');
    const batch = await client.orders.batchGet({ orderIds: [order.id ?? '', 'missing'] });
    expect(batch.orders?.map((o) => o.version)).toEqual([4]);
  });

  it('an unpaid order cannot be completed nor seen by the seller; canceling a paid one in Square takes no stock', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Tart', variations: [{ name: 'One', price: 700 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 3);
    const client = clientFor(fake);
    const order = await pushOrder(client, v);
    const err = await squareError(() => client.orders.update({ orderId: order.id ?? '', order: { locationId: LOCATION, version: 1, state: 'COMPLETED' } }));
    expect([err.statusCode, err.code]).toEqual([400, 'BAD_REQUEST']);
    expect(() => fake.setFulfillmentState(order.id ?? '', 'RESERVED')).toThrow(/unpaid/);
    await payFor(client, order);
    const canceled = fake.setFulfillmentState(order.id ?? '', 'CANCELED');
    expect([canceled.state, canceled.fulfillments?.[0]?.state]).toEqual(['CANCELED', 'CANCELED']);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(3);
    expect((await squareError(() => client.orders.get({ orderId: 'nope' }))).code).toBe('NOT_FOUND');
    fake.addMerchant({ merchantId: 'MLOTHER00001', locations: [{ id: 'LOTHER000001', name: 'Other', currency: 'USD' }] });
    const stranger = clientFor(fake, 'MLOTHER00001');
    expect((await squareError(() => stranger.orders.get({ orderId: order.id ?? '' }))).code).toBe('NOT_FOUND');
    expect((await stranger.catalog.search({ objectTypes: ['ITEM'] })).objects ?? []).toEqual([]);
  });

  it('SearchOrders finds POS sales (COMPLETED, cash) and pushed orders by location, state and updated_at window', async () => {
    const clock = manualClock();
    fake = await startWithMerchant({ clock });
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Plum', variations: [{ name: 'Kilo', price: 450 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 10);
    const posOrder = fake.sellAtPos(MERCHANT, v, LOCATION, 2);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(8);
    clock.advance(60_000);
    const client = clientFor(fake);
    const web = await pushOrder(client, v);
    const all = await client.orders.search({ locationIds: [LOCATION], query: { sort: { sortField: 'UPDATED_AT', sortOrder: 'ASC' } } });
    expect(all.orders?.map((o) => [o.id, o.state])).toEqual([[posOrder, 'COMPLETED'], [web.id, 'OPEN']]);
    expect(all.orders?.[0]?.tenders?.[0]?.type).toBe('CASH');
    expect(all.orders?.[0]?.totalMoney?.amount).toBe(900n);
    const recent = await client.orders.search({
      locationIds: [LOCATION],
      returnEntries: true,
      query: { filter: { dateTimeFilter: { updatedAt: { startAt: new Date(clock.now() - 1000).toISOString() } } }, sort: { sortField: 'UPDATED_AT' } },
    });
    expect(recent.orderEntries?.map((e) => e.orderId)).toEqual([web.id]);
    const completed = await client.orders.search({ locationIds: [LOCATION], query: { filter: { stateFilter: { states: ['COMPLETED'] } } } });
    expect(completed.orders?.map((o) => o.id)).toEqual([posOrder]);
    const mixed = await squareError(() => client.orders.search({ locationIds: [LOCATION], query: { filter: { dateTimeFilter: { createdAt: { startAt: new Date(0).toISOString() } } }, sort: { sortField: 'UPDATED_AT' } } }));
    expect(mixed.code).toBe('INVALID_VALUE');
  });
});
