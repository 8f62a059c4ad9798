import { afterEach, describe, expect, it } from 'vitest';
import type { ShopifyFake } from './index';
import { SHOP, adminClient, gql, startWithShop } from './test-helpers';

let fake: ShopifyFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const ORDER_FIELDS = 'id name updatedAt cancelledAt closed closedAt displayFulfillmentStatus sourceIdentifier totalPriceSet { shopMoney { amount currencyCode } }';
const CREATE = `mutation Create($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { ${ORDER_FIELDS} } userErrors { code field message } }
}`;

interface OrderFields {
  id: string;
  name: string;
  cancelledAt: string | null;
  closed: boolean;
  closedAt: string | null;
  displayFulfillmentStatus: string;
  sourceIdentifier: string | null;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
}
interface CreateAnswer {
  orderCreate: { order: OrderFields | null; userErrors: { code: string; field: string[]; message: string }[] };
}

function orderInput(variantId: string, quantity: number, sourceIdentifier: string): Record<string, unknown> {
  return {
    lineItems: [{ variantId, quantity, priceSet: { shopMoney: { amount: '24.00', currencyCode: 'USD' } } }],
    sourceIdentifier,
    financialStatus: 'PAID',
    transactions: [{ kind: 'SALE', status: 'SUCCESS', gateway: 'Makeries', amountSet: { shopMoney: { amount: String(24 * quantity), currencyCode: 'USD' } } }],
    email: 'ann@example.com',
    note: 'web order',
    tags: ['makeries'],
  };
}

describe('shopify fake: orders', () => {
  it('creates orders (BYPASS leaves stock, DECREMENT_OBEYING_POLICY commits it) and finds them by source identifier', async () => {
    fake = await startWithShop();
    const [p] = fake.seedCatalog(SHOP, 1, { available: 3 });
    const variant = p!.variantIds[0]!;
    const item = p!.inventoryItemIds[0]!;
    fake.takeWebhooks();
    const client = adminClient(fake);

    const bypass = await gql<CreateAnswer>(client, CREATE, { order: orderInput(variant, 2, 'mk-ord-1') });
    expect(bypass.data!.orderCreate.userErrors).toEqual([]);
    expect(bypass.data!.orderCreate.order).toMatchObject({ displayFulfillmentStatus: 'UNFULFILLED', closed: false, sourceIdentifier: 'mk-ord-1', totalPriceSet: { shopMoney: { amount: '48.00', currencyCode: 'USD' } } });
    expect(fake.stateOf.available(item)).toBe(3);

    const decrement = await gql<CreateAnswer>(client, CREATE, { order: orderInput(variant, 2, 'mk-ord-2'), options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' } });
    expect(decrement.data!.orderCreate.userErrors).toEqual([]);
    expect([fake.stateOf.available(item), fake.stateOf.quantity(item, 'committed'), fake.stateOf.quantity(item, 'on_hand')]).toEqual([1, 2, 3]);
    const tooMany = await gql<CreateAnswer>(client, CREATE, { order: orderInput(variant, 2, 'mk-ord-3'), options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' } });
    expect(tooMany.data!.orderCreate.userErrors.map((e) => e.code)).toEqual(['INVENTORY_CLAIM_FAILED']);
    expect(fake.stateOf.available(item)).toBe(1);
    expect(fake.takeWebhooks().map((h) => h.topic)).toEqual(['orders/create', 'inventory_levels/update', 'orders/create']);

    const found = await gql<{ orders: { nodes: OrderFields[] } }>(client, 'query F($q: String!) { orders(first: 1, query: $q) { nodes { id sourceIdentifier } } }', { q: 'source_identifier:"mk-ord-2"' });
    expect(found.data!.orders.nodes).toEqual([{ id: decrement.data!.orderCreate.order!.id, sourceIdentifier: 'mk-ord-2' }]);
    const none = await gql<{ orders: { nodes: OrderFields[] } }>(client, '{ orders(first: 1, query: "source_identifier:mk-ord-9") { nodes { id } } }');
    expect(none.data!.orders.nodes).toEqual([]);

    const unknown = await gql<CreateAnswer>(client, CREATE, { order: orderInput('gid://shopify/ProductVariant/1', 1, 'mk-ord-4') });
    expect(unknown.data!.orderCreate.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['order', 'lineItems', '0', 'variantId'] });
  });

  it('fulfils through fulfillmentOrders + fulfillmentCreate (FULFILLED, closed) and cancels with restock', async () => {
    fake = await startWithShop();
    const [p] = fake.seedCatalog(SHOP, 1, { available: 5 });
    const variant = p!.variantIds[0]!;
    const item = p!.inventoryItemIds[0]!;
    const client = adminClient(fake);
    const options = { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' };
    const a = (await gql<CreateAnswer>(client, CREATE, { order: orderInput(variant, 2, 'mk-ord-a'), options })).data!.orderCreate.order!;
    const b = (await gql<CreateAnswer>(client, CREATE, { order: orderInput(variant, 1, 'mk-ord-b'), options })).data!.orderCreate.order!;
    expect(fake.stateOf.available(item)).toBe(2);
    fake.takeWebhooks();

    const ORDER = `query O($id: ID!) { order(id: $id) { ${ORDER_FIELDS} fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 10) { nodes { id remainingQuantity } } } } } }`;
    type OrderAnswer = { order: OrderFields & { fulfillmentOrders: { nodes: { id: string; status: string; lineItems: { nodes: { id: string; remainingQuantity: number }[] } }[] } } };
    const before = (await gql<OrderAnswer>(client, ORDER, { id: a.id })).data!.order;
    const fo = before.fulfillmentOrders.nodes[0]!;
    expect(fo.status).toBe('OPEN');
    const fulfil = await gql<{ fulfillmentCreate: { fulfillment: { status: string } | null; userErrors: { message: string }[] } }>(
      client,
      'mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { status } userErrors { field message } } }',
      { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }], notifyCustomer: false } },
    );
    expect(fulfil.data!.fulfillmentCreate).toEqual({ fulfillment: { status: 'SUCCESS' }, userErrors: [] });
    const after = (await gql<OrderAnswer>(client, ORDER, { id: a.id })).data!.order;
    expect(after).toMatchObject({ displayFulfillmentStatus: 'FULFILLED', closed: true });
    expect(after.fulfillmentOrders.nodes[0]!.status).toBe('CLOSED');
    expect([fake.stateOf.available(item), fake.stateOf.quantity(item, 'committed'), fake.stateOf.quantity(item, 'on_hand')]).toEqual([2, 1, 3]);

    const CANCEL = 'mutation C($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: true, notifyCustomer: false, staffNote: "x") { job { done } orderCancelUserErrors { code message } } }';
    type CancelAnswer = { orderCancel: { job: { done: boolean } | null; orderCancelUserErrors: { code: string }[] } };
    expect((await gql<CancelAnswer>(client, CANCEL, { id: b.id })).data!.orderCancel).toEqual({ job: { done: true }, orderCancelUserErrors: [] });
    expect([fake.stateOf.available(item), fake.stateOf.quantity(item, 'committed')]).toEqual([3, 0]);
    expect(fake.stateOf.order(b.id).cancelledAt).not.toBeNull();
    expect((await gql<CancelAnswer>(client, CANCEL, { id: b.id })).data!.orderCancel.orderCancelUserErrors.map((e) => e.code)).toEqual(['INVALID']);
    const topics = fake.takeWebhooks().map((h) => h.topic);
    expect(topics.filter((t) => t.startsWith('orders/'))).toEqual(['orders/fulfilled', 'orders/updated', 'orders/cancelled', 'orders/updated']);
  });

  it('models seller actions: a POS sale takes stock and arrives as orders/create; fulfilOrder and cancelOrder', async () => {
    fake = await startWithShop();
    const [p] = fake.seedCatalog(SHOP, 1, { available: 5 });
    const variant = p!.variantIds[0]!;
    const item = p!.inventoryItemIds[0]!;
    fake.takeWebhooks();
    const posOrder = fake.sellAtPos(variant, 2);
    expect(fake.stateOf.available(item)).toBe(3);
    const hooks = fake.takeWebhooks();
    expect(hooks.map((h) => h.topic)).toEqual(['inventory_levels/update', 'orders/create']);
    expect(JSON.parse(hooks[1]!.body)).toMatchObject({ source_name: 'pos', fulfillment_status: 'fulfilled', admin_graphql_api_id: posOrder });
    expect(fake.stateOf.order(posOrder).displayFulfillmentStatus).toBe('FULFILLED');

    const client = adminClient(fake);
    const web = (await gql<CreateAnswer>(client, CREATE, { order: orderInput(variant, 1, 'mk-ord-w') })).data!.orderCreate.order!;
    fake.fulfilOrder(web.id);
    expect(fake.stateOf.order(web.id)).toMatchObject({ displayFulfillmentStatus: 'FULFILLED', sourceIdentifier: 'mk-ord-w' });
    const other = (await gql<CreateAnswer>(client, CREATE, { order: orderInput(variant, 1, 'mk-ord-x') })).data!.orderCreate.order!;
    fake.cancelOrder(other.id, { restock: false });
    expect(fake.stateOf.orders(SHOP).map((o) => [o.sourceIdentifier, o.cancelledAt !== null])).toEqual([[null, false], ['mk-ord-w', false], ['mk-ord-x', true]]);
  });
});
