import { afterEach, describe, expect, it } from 'vitest';
import { PosError, type OutboundOrder } from '../types';
import { e164 } from './orders';
import { MARKET, SHOP, startShopifyKit, type ShopifyKit } from './test-kit';

let kit: ShopifyKit | null = null;
afterEach(async () => {
  await kit?.close();
  kit = null;
});

async function failureOf(p: Promise<unknown>): Promise<PosError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('expected a PosError');
}

function order(item: string, overrides: Partial<OutboundOrder> = {}): OutboundOrder {
  return {
    orderId: '0194f2b4-7c1d-7a11-9e3a-5a1b2c3d4e5f',
    number: 'MK-1042',
    currency: 'GBP',
    lines: [{ variantExtId: item, quantity: 2, unitPriceCents: 1200, name: 'Stoneware Mug' }],
    totalCents: 2400,
    customerName: 'Ada',
    customerPhone: '+447700900123',
    customerEmail: 'ada@example.com',
    note: 'Gift wrap',
    paymentRef: 'pi_123',
    ...overrides,
  };
}

describe('Shopify connector: writes', () => {
  it('adjusts stock once per key, even when Shopify committed and then answered 503', async () => {
    kit = await startShopifyKit();
    const [p] = kit.fake.seedCatalog(SHOP, 1, { available: 5 });
    const item = p?.inventoryItemIds[0] ?? '';
    const d = { idempotencyKey: 'mk-mv-0001', variantExtId: item, delta: -2, occurredAt: new Date().toISOString(), reference: 'mv-0001' };
    kit.fake.faults.failAfterCommit({ times: 1, field: 'inventoryAdjustQuantities' });
    expect((await failureOf(kit.connector.pushStockDelta(kit.conn, d))).kind).toBe('transient');
    expect(kit.fake.stateOf.available(item, MARKET)).toBe(3);
    // the job retries with the same key: Shopify answers with the first result, nothing moves twice
    const obs = await kit.connector.pushStockDelta(kit.conn, d);
    expect(obs).toMatchObject({ variantExtId: item, locationExtId: MARKET, quantity: 3 });
    expect(kit.fake.stateOf.available(item, MARKET)).toBe(3);
    await kit.connector.pushStockDelta(kit.conn, { ...d, idempotencyKey: 'mk-mv-0002', delta: 4 });
    expect(kit.fake.stateOf.available(item, MARKET)).toBe(7);
    expect(kit.fake.calls('inventoryAdjustQuantities').every((c) => c.idempotencyKeys.length === 1)).toBe(true);
    // the same key with another change is a conflict, not a second adjustment
    expect((await failureOf(kit.connector.pushStockDelta(kit.conn, { ...d, delta: -1 }))).kind).toBe('conflict');
    expect((await failureOf(kit.connector.pushStockDelta(kit.conn, { ...d, delta: 0 }))).kind).toBe('rejected');
    expect((await failureOf(kit.connector.pushStockDelta({ ...kit.conn, locationExtId: null }, d))).kind).toBe('rejected');
  });

  it('creates a web order once: a retry after a lost answer finds it by its source identifier', async () => {
    kit = await startShopifyKit();
    const [p] = kit.fake.seedCatalog(SHOP, 1, { available: 5 });
    const item = p?.inventoryItemIds[0] ?? '';
    const key = 'mk-ord-0194f2b4-7c1d-7a11-9e3a-5a1b2c3d4e5f';
    kit.fake.faults.failAfterCommit({ times: 1, field: 'orderCreate' });
    expect((await failureOf(kit.connector.pushOrder(kit.conn, order(item), key))).kind).toBe('transient');
    const again = await kit.connector.pushOrder(kit.conn, order(item), key);
    const orders = kit.fake.stateOf.orders(SHOP);
    expect(orders).toHaveLength(1);
    expect(again.extOrderId).toBe(orders[0]?.id);
    expect(orders[0]).toMatchObject({ sourceIdentifier: key, displayFulfillmentStatus: 'UNFULFILLED', lines: [{ variantId: p?.variantIds[0], quantity: 2, price: '12.00' }] });
    // DECREMENT_OBEYING_POLICY: Shopify took the stock when the order was created
    expect(kit.fake.stateOf.available(item, MARKET)).toBe(3);
    expect(kit.fake.calls('orderCreate')).toHaveLength(1);
    expect(await kit.connector.orderStatus(kit.conn, again.extOrderId)).toMatchObject({ status: null });
  });

  it('hands the order over in Shopify (fulfilled → collected), once', async () => {
    kit = await startShopifyKit();
    const [p] = kit.fake.seedCatalog(SHOP, 1, { available: 5 });
    const item = p?.inventoryItemIds[0] ?? '';
    const { extOrderId } = await kit.connector.pushOrder(kit.conn, order(item, { paymentRef: null }), 'mk-ord-a');
    await kit.connector.setOrderStatus(kit.conn, extOrderId, 'collected');
    await kit.connector.setOrderStatus(kit.conn, extOrderId, 'collected');
    expect(kit.fake.calls('fulfillmentCreate')).toHaveLength(1);
    expect(kit.fake.stateOf.order(extOrderId).displayFulfillmentStatus).toBe('FULFILLED');
    expect((await kit.connector.orderStatus(kit.conn, extOrderId)).status).toBe('collected');
  });

  it('cancels the order in Shopify with restock, and reads a cancellation made in Shopify', async () => {
    kit = await startShopifyKit();
    const [p, q] = kit.fake.seedCatalog(SHOP, 2, { available: 5 });
    const item = p?.inventoryItemIds[0] ?? '';
    const a = await kit.connector.pushOrder(kit.conn, order(item), 'mk-ord-b');
    expect(kit.fake.stateOf.available(item, MARKET)).toBe(3);
    await kit.connector.setOrderStatus(kit.conn, a.extOrderId, 'cancelled');
    expect((await kit.connector.orderStatus(kit.conn, a.extOrderId)).status).toBe('cancelled');
    expect(kit.fake.stateOf.available(item, MARKET)).toBe(5);
    await kit.connector.setOrderStatus(kit.conn, a.extOrderId, 'cancelled');
    expect(kit.fake.calls('orderCancel')).toHaveLength(1);

    const other = q?.inventoryItemIds[0] ?? '';
    const b = await kit.connector.pushOrder(kit.conn, order(other), 'mk-ord-c');
    kit.fake.cancelOrder(b.extOrderId);
    expect((await kit.connector.orderStatus(kit.conn, b.extOrderId)).status).toBe('cancelled');
  });

  it('sends only phone numbers Shopify accepts (international form)', () => {
    expect(e164('+44 7700 900123')).toBe('+447700900123');
    expect(e164('+1 (555) 010-9999')).toBe('+15550109999');
    expect(e164('07700 900123')).toBeNull();
    expect(e164('')).toBeNull();
  });

  it('refuses an order whose item Shopify no longer has, with its name', async () => {
    kit = await startShopifyKit();
    const [p] = kit.fake.seedCatalog(SHOP, 1);
    kit.fake.deleteProduct(p?.productId ?? '');
    const e = await failureOf(kit.connector.pushOrder(kit.conn, order(p?.inventoryItemIds[0] ?? ''), 'mk-ord-d'));
    expect(e.kind).toBe('rejected');
    expect(e.message).toContain('Stoneware Mug');
    expect(kit.fake.stateOf.orders(SHOP)).toHaveLength(0);
  });
});
