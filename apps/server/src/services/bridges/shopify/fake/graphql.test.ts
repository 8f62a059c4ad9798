import { afterEach, describe, expect, it } from 'vitest';
import type { ShopifyFake } from './index';
import { LOCATION, SHOP, adminClient, gql, manualClock, startWithShop } from './test-helpers';

let fake: ShopifyFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

interface ProductsPage {
  products: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      title: string;
      updatedAt: string;
      variants: { nodes: { id: string; sku: string | null; price: string; inventoryItem: { id: string; tracked: boolean; inventoryLevel: { quantities: { name: string; quantity: number }[] } | null } }[] };
    }[];
  };
}

const PRODUCTS = `query Products($first: Int!, $after: String, $query: String, $location: ID!) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { id title updatedAt
      variants(first: 10) { nodes { id sku price inventoryItem { id tracked
        inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } } } } } }
  }
}`;

describe('shopify fake: GraphQL endpoint', () => {
  it('refuses a document that is invalid against the 2026-10 schema, and names unimplemented root fields', async () => {
    fake = await startWithShop();
    const client = adminClient(fake);
    const bad = await gql(client, '{ shop { name notAShopField } }');
    expect(bad.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(bad.message).toContain('notAShopField');
    expect(bad.data).toBeUndefined();
    const removed = await gql(client, 'mutation { inventoryAdjustQuantities(input: {name: "available", reason: "correction", changes: [{inventoryItemId: "gid://shopify/InventoryItem/1", locationId: "gid://shopify/Location/1", delta: 1}]}) { userErrors { code } inventoryLevels { id } } }');
    expect(removed.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unimplemented = await gql<{ giftCards: unknown }>(client, '{ giftCards(first: 1) { nodes { id } } }');
    expect(unimplemented.message).toBe('The Shopify fake does not implement QueryRoot.giftCards.');
  });

  it('answers shop, locations and products pages filtered by updated_at, with variants and available counts', async () => {
    const clock = manualClock();
    fake = await startWithShop({ clock });
    const seeded = fake.seedCatalog(SHOP, 5);
    clock.advance(60_000);
    const cursor = new Date(clock.now()).toISOString();
    clock.advance(1000);
    fake.updateProduct(seeded[1]!.productId, { title: 'Renamed mug' });
    fake.updateProduct(seeded[3]!.productId, { variants: { [seeded[3]!.variantIds[0]!]: { price: '31.5' } } });
    fake.setAvailable(seeded[3]!.inventoryItemIds[0]!, 9);
    const client = adminClient(fake);

    const shop = await gql<{ shop: { name: string; currencyCode: string; ianaTimezone: string; taxesIncluded: boolean }; locations: { nodes: { id: string; name: string }[] } }>(
      client,
      '{ shop { name currencyCode ianaTimezone taxesIncluded } locations(first: 10) { nodes { id name } } }',
    );
    expect(shop.data?.shop).toEqual({ name: 'Clay Corner', currencyCode: 'USD', ianaTimezone: 'America/New_York', taxesIncluded: false });
    expect(shop.data?.locations.nodes.map((l) => l.name)).toEqual(['Main street', 'Market stall']);

    const all: ProductsPage['products']['nodes'] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: Awaited<ReturnType<typeof gql<ProductsPage>>> = await gql<ProductsPage>(client, PRODUCTS, { first: 2, after, query: null, location: LOCATION });
      all.push(...page.data!.products.nodes);
      after = page.data!.products.pageInfo.endCursor;
      if (!page.data!.products.pageInfo.hasNextPage) break;
    }
    expect(all.map((p) => p.id).sort()).toEqual(seeded.map((s) => s.productId).sort());
    expect(all.flatMap((p) => p.variants.nodes)).toHaveLength(seeded.reduce((n, s) => n + s.variantIds.length, 0));

    const changed = await gql<ProductsPage>(client, PRODUCTS, { first: 10, query: `updated_at:>'${cursor}'`, location: LOCATION });
    expect(changed.data!.products.nodes.map((p) => p.id)).toEqual([seeded[1]!.productId, seeded[3]!.productId]);
    const v = changed.data!.products.nodes[1]!.variants.nodes[0]!;
    expect(v.price).toBe('31.50');
    expect(v.inventoryItem.inventoryLevel?.quantities).toEqual([{ name: 'available', quantity: 9 }]);
    const untracked = all.flatMap((p) => p.variants.nodes).filter((n) => !n.inventoryItem.tracked);
    expect(untracked.length).toBeGreaterThan(0);

    const nodes = await gql<{ nodes: ({ __typename: string; id: string; variant?: { id: string } } | null)[] }>(
      client,
      'query N($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on InventoryItem { variant { id } } } }',
      { ids: [seeded[0]!.productId, seeded[0]!.variantIds[0], seeded[0]!.inventoryItemIds[0], 'gid://shopify/Product/1'] },
    );
    expect(nodes.data!.nodes).toEqual([
      { __typename: 'Product', id: seeded[0]!.productId },
      { __typename: 'ProductVariant', id: seeded[0]!.variantIds[0] },
      { __typename: 'InventoryItem', id: seeded[0]!.inventoryItemIds[0], variant: { id: seeded[0]!.variantIds[0] } },
      null,
    ]);
  });

  it('reports the cost on every answer and answers THROTTLED (not executed) when the bucket cannot pay', async () => {
    const clock = manualClock();
    fake = await startWithShop({ clock, bucket: { maximumAvailable: 100, restoreRate: 10 } });
    const [p] = fake.seedCatalog(SHOP, 1, { available: 4 });
    const client = adminClient(fake);
    const first = await gql(client, '{ products(first: 50) { nodes { id variants(first: 5) { nodes { id } } } } }');
    expect(first.cost).toEqual({
      requestedQueryCost: 56,
      actualQueryCost: 3,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 97, restoreRate: 10 },
    });
    const tooDear = await gql(client, '{ products(first: 100) { nodes { id } } }');
    expect(tooDear.code).toBe('THROTTLED');
    expect(tooDear.cost?.throttleStatus.currentlyAvailable).toBe(97);

    fake.drainBucket(SHOP);
    const adjust = `mutation { inventoryAdjustQuantities(input: {name: "available", reason: "correction", changes: [{inventoryItemId: "${p!.inventoryItemIds[0]!}", locationId: "${LOCATION}", delta: -1}]}) @idempotent(key: "k-throttled") { userErrors { code } } }`;
    const throttled = await gql(client, adjust);
    expect(throttled.code).toBe('THROTTLED');
    expect(fake.stateOf.available(p!.inventoryItemIds[0]!)).toBe(4);
    clock.advance(1000);
    const paid = await gql(client, adjust);
    expect(paid.code).toBeUndefined();
    expect(paid.cost?.requestedQueryCost).toBe(10);
    expect(fake.stateOf.available(p!.inventoryItemIds[0]!)).toBe(3);

    clock.advance(1000);
    fake.faults.throttle({ times: 1 });
    expect((await gql(client, '{ shop { name } }')).code).toBe('THROTTLED');
    expect((await gql(client, '{ shop { name } }')).code).toBeUndefined();
    expect(fake.requests.filter((r) => r.throttled)).toHaveLength(3);
  });

  it('refuses unknown and expired tokens with 401, injects 429 with Retry-After and 503 after a commit', async () => {
    const clock = manualClock();
    fake = await startWithShop({ clock });
    const [p] = fake.seedCatalog(SHOP, 1, { available: 4 });
    const unknown = await gql(adminClient(fake, 'shpat_nope'), '{ shop { name } }');
    expect(unknown.status).toBe(401);
    const token = fake.issueToken(SHOP).access_token;
    const client = adminClient(fake, token);
    expect((await gql(client, '{ shop { name } }')).status).toBeUndefined();
    clock.advance(3600 * 1000);
    expect((await gql(client, '{ shop { name } }')).status).toBe(401);

    const fresh = adminClient(fake);
    fake.faults.rateLimit({ times: 1, retryAfterSeconds: 2 });
    const url = `${fake.baseUrl}/shops/${SHOP}/admin/api/2026-10/graphql.json`;
    const headers = { 'content-type': 'application/json', 'x-shopify-access-token': fake.issueToken(SHOP).access_token };
    const limited = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: '{ shop { name } }' }) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');

    fake.faults.failAfterCommit({ times: 1, field: 'inventoryAdjustQuantities' });
    const adjust = `mutation { inventoryAdjustQuantities(input: {name: "available", reason: "correction", changes: [{inventoryItemId: "${p!.inventoryItemIds[0]!}", locationId: "${LOCATION}", delta: 2}]}) @idempotent(key: "k-503") { userErrors { code } } }`;
    expect((await gql(fresh, adjust)).status).toBe(503);
    expect(fake.stateOf.available(p!.inventoryItemIds[0]!)).toBe(6);
    expect((await gql(fresh, adjust)).status).toBeUndefined();
    expect(fake.stateOf.available(p!.inventoryItemIds[0]!)).toBe(6);
    expect(fake.calls('inventoryAdjustQuantities').map((r) => [r.status, r.idempotencyKeys])).toEqual([[503, ['k-503']], [200, ['k-503']]]);

    fake.faults.expireTokensAfter(1);
    expect((await gql(fresh, '{ shop { name } }')).status).toBeUndefined();
    expect((await gql(fresh, '{ shop { name } }')).status).toBe(401);
  });
});
