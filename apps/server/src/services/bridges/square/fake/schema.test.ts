import { afterEach, describe, expect, it } from 'vitest';
import { SquareClient } from 'square';
import type { SquareFake } from './index';
import { RELAXATIONS, loadSquareSpecValidators } from './spec-validator';
import { LOCATION, MERCHANT, SQUARE_REFERENCE, squareError, startWithMerchant } from './test-helpers';

const validator = loadSquareSpecValidators(new URL('api.json', SQUARE_REFERENCE));

const RESPONSES: [string, RegExp, string][] = [
  ['GET', /^\/v2\/catalog\/list$/, 'ListCatalogResponse'],
  ['POST', /^\/v2\/catalog\/search$/, 'SearchCatalogObjectsResponse'],
  ['POST', /^\/v2\/catalog\/batch-retrieve$/, 'BatchRetrieveCatalogObjectsResponse'],
  ['GET', /^\/v2\/catalog\/object\/[^/]+$/, 'RetrieveCatalogObjectResponse'],
  ['POST', /^\/v2\/inventory\/changes\/batch-create$/, 'BatchChangeInventoryResponse'],
  ['POST', /^\/v2\/inventory\/counts\/batch-retrieve$/, 'BatchRetrieveInventoryCountsResponse'],
  ['POST', /^\/v2\/inventory\/changes\/batch-retrieve$/, 'BatchRetrieveInventoryChangesResponse'],
  ['GET', /^\/v2\/inventory\/[^/]+$/, 'RetrieveInventoryCountResponse'],
  ['POST', /^\/v2\/orders$/, 'CreateOrderResponse'],
  ['POST', /^\/v2\/orders\/batch-retrieve$/, 'BatchRetrieveOrdersResponse'],
  ['POST', /^\/v2\/orders\/search$/, 'SearchOrdersResponse'],
  ['GET', /^\/v2\/orders\/[^/]+$/, 'RetrieveOrderResponse'],
  ['PUT', /^\/v2\/orders\/[^/]+$/, 'UpdateOrderResponse'],
  ['POST', /^\/v2\/payments$/, 'CreatePaymentResponse'],
  ['POST', /^\/oauth2\/token$/, 'ObtainTokenResponse'],
  ['POST', /^\/oauth2\/token\/status$/, 'RetrieveTokenStatusResponse'],
  ['POST', /^\/oauth2\/revoke$/, 'RevokeTokenResponse'],
  ['GET', /^\/v2\/locations$/, 'ListLocationsResponse'],
];

const EVENTS: Record<string, string> = {
  'catalog.version.updated': 'CatalogVersionUpdatedEvent',
  'inventory.count.updated': 'InventoryCountUpdatedEvent',
  'order.created': 'OrderCreatedEvent',
  'order.updated': 'OrderUpdatedEvent',
  'order.fulfillment.updated': 'OrderFulfillmentUpdatedEvent',
  'oauth.authorization.revoked': 'OauthAuthorizationRevokedEvent',
};

interface Captured {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

let fake: SquareFake;
afterEach(async () => {
  await fake.close();
});

/** The real SDK, with a fetch that keeps a copy of every raw JSON answer. */
function capturingClient(f: SquareFake, token: string, captured: Captured[]): SquareClient {
  const tee: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    captured.push({ method: init?.method ?? 'GET', path: url.pathname, status: res.status, body: JSON.parse(await res.clone().text()) as unknown });
    return res;
  };
  return new SquareClient({ token, baseUrl: f.baseUrl, maxRetries: 0, fetch: tee });
}

async function exercise(f: SquareFake, client: SquareClient): Promise<void> {
  const seeded = f.seedItems(MERCHANT, 4, { imageEvery: 2 });
  const v = seeded.variationIds[0] ?? '';
  f.upsertItem(MERCHANT, { name: 'Variable', variations: [{ name: 'Any', price: null, locationOverrides: [{ locationId: LOCATION, trackInventory: true }] }] });
  f.deleteObject(MERCHANT, seeded.itemIds[3] ?? '');
  f.setCount(MERCHANT, v, LOCATION, 5);
  await client.locations.list();
  const listed: unknown[] = [];
  for await (const o of await client.catalog.list({ types: 'ITEM,ITEM_VARIATION,CATEGORY,TAX,IMAGE' })) listed.push(o);
  expect(listed.length).toBeGreaterThan(5);
  await client.catalog.search({ objectTypes: ['ITEM', 'ITEM_VARIATION', 'TAX', 'CATEGORY', 'IMAGE'], includeDeletedObjects: true, limit: 3 });
  await client.catalog.batchGet({ objectIds: [seeded.itemIds[0] ?? ''], includeRelatedObjects: true });
  await client.catalog.object.get({ objectId: seeded.itemIds[1] ?? '' });
  const now = new Date().toISOString();
  await client.inventory.batchCreateChanges({
    idempotencyKey: 'inv-1',
    changes: [
      { type: 'ADJUSTMENT', adjustment: { catalogObjectId: v, fromLocationId: LOCATION, fromState: 'IN_STOCK', toState: 'SOLD', quantity: '1', occurredAt: now, referenceId: 'sale-1' } },
      { type: 'PHYSICAL_COUNT', physicalCount: { catalogObjectId: seeded.variationIds[1] ?? '', locationId: LOCATION, state: 'IN_STOCK', quantity: '2.5', occurredAt: now } },
    ],
  });
  await squareError(() => client.inventory.batchCreateChanges({ idempotencyKey: 'inv-1', changes: [] }));
  await client.inventory.batchGetCounts({ locationIds: [LOCATION] });
  await client.inventory.batchGetChanges({ catalogObjectIds: [v], limit: 100 });
  await client.inventory.get({ catalogObjectId: v });
  const created = await client.orders.create({
    idempotencyKey: 'ord-1',
    order: {
      locationId: LOCATION,
      referenceId: 'mk-1',
      source: { name: 'Makeries' },
      lineItems: [{ catalogObjectId: v, quantity: '2', basePriceMoney: { amount: 450n, currency: 'USD' } }, { name: 'Gift wrap', quantity: '1', basePriceMoney: { amount: 100n, currency: 'USD' } }],
      fulfillments: [{ type: 'PICKUP', state: 'PROPOSED', pickupDetails: { recipient: { displayName: 'Ada', emailAddress: 'ada@example.com', phoneNumber: '+15550100' }, scheduleType: 'SCHEDULED', pickupAt: now, note: 'n' } }],
      metadata: { makeries_order_id: 'mk-1' },
    },
  });
  const order = created.order;
  if (!order?.id) throw new Error('no order');
  await client.payments.create({ idempotencyKey: 'pay-1', sourceId: 'EXTERNAL', externalDetails: { type: 'EXTERNAL', source: 'Makeries', sourceId: 'pi_1' }, amountMoney: { amount: 1000n, currency: 'USD' }, orderId: order.id });
  const uid = order.fulfillments?.[0]?.uid ?? '';
  for (const [version, state] of [[2, 'RESERVED'], [3, 'PREPARED'], [4, 'COMPLETED']] as const) {
    await client.orders.update({ orderId: order.id, idempotencyKey: `u-${state}`, order: { locationId: LOCATION, version, fulfillments: [{ uid, state }] } });
  }
  await squareError(() => client.orders.update({ orderId: order.id ?? '', order: { locationId: LOCATION, version: 1, state: 'CANCELED' } }));
  await client.orders.get({ orderId: order.id });
  await client.orders.batchGet({ orderIds: [order.id] });
  f.sellAtPos(MERCHANT, v, LOCATION, 1);
  await client.orders.search({ locationIds: [LOCATION], query: { filter: { stateFilter: { states: ['COMPLETED'] } } } });
  await client.orders.search({ locationIds: [LOCATION], returnEntries: true });
  await client.oAuth.retrieveTokenStatus();
  f.authorizeAs(MERCHANT);
  const auth = await fetch(`${f.baseUrl}/oauth2/authorize?client_id=${f.applicationId}&scope=ITEMS_READ&state=s`, { redirect: 'manual' });
  const code = new URL(auth.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = await client.oAuth.obtainToken({ clientId: f.applicationId, clientSecret: f.clientSecret, code, grantType: 'authorization_code' });
  await client.oAuth.obtainToken({ clientId: f.applicationId, clientSecret: f.clientSecret, refreshToken: tokens.refreshToken ?? '', grantType: 'refresh_token' });
  await client.oAuth.revokeToken({ clientId: f.applicationId, merchantId: MERCHANT }, { headers: { Authorization: `Client ${f.clientSecret}` } });
  await squareError(() => client.locations.list());
}

describe('square fake: schema conformance with api.json', () => {
  it('every answer and every webhook body validates against Square’s published schemas', async () => {
    fake = await startWithMerchant({ pageSize: 5 });
    const captured: Captured[] = [];
    await exercise(fake, capturingClient(fake, fake.issueToken(MERCHANT).accessToken, captured));

    const problems: string[] = [];
    const hit = new Set<string>();
    for (const c of captured) {
      const entry = RESPONSES.find(([m, re]) => m === c.method && re.test(c.path));
      if (!entry) {
        problems.push(`no schema mapped for ${c.method} ${c.path}`);
        continue;
      }
      if (c.status < 300) hit.add(entry[2]);
      const validate = validator(entry[2]);
      if (!validate(c.body)) problems.push(`${c.method} ${c.path} (${String(c.status)}) vs ${entry[2]}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    const events = fake.takeEvents();
    for (const e of events) {
      const schema = EVENTS[e.type];
      if (schema === undefined) {
        problems.push(`unmapped event ${e.type}`);
        continue;
      }
      const validate = validator(schema);
      if (!validate(JSON.parse(e.body))) problems.push(`${e.type} vs ${schema}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    expect(problems).toEqual([]);
    expect([...hit].sort()).toEqual(RESPONSES.map(([, , s]) => s).sort());
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(EVENTS)));
    expect(captured.some((c) => c.status === 400) && captured.some((c) => c.status === 401)).toBe(true);
  });

  it('the strict validator notices an invented or mistyped field (so the check above means something)', () => {
    const validate = validator('InventoryCount');
    expect(validate({ catalog_object_id: 'V', state: 'IN_STOCK', location_id: 'L', quantity: '1', calculated_at: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(validate({ catalog_object_id: 'V', state: 'IN_STOCK', quantity: 1 })).toBe(false);
    expect(validate({ catalog_object_id: 'V', state: 'IN_STOCK', locationId: 'L' })).toBe(false);
    expect(validator('Money')({ amount: '100', currency: 'USD' })).toBe(false);
    expect(RELAXATIONS.length).toBeGreaterThan(0);
  });
});
