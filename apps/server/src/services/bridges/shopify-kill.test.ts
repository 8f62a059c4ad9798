import { describeBridgeKill, ITEMS, START_COUNT } from './bridge-kill-scenarios';
import { SHOPIFY_CALLBACK_PATH } from './shopify/connector';
import { startShopifyFake, type ShopifyFake, type ShopifyFakeRequestLog } from './shopify/fake/index';
import { resetThrottle } from './shopify/throttle';

const SHOP = 'kiln-and-co.myshopify.com';
const MARKET = 'gid://shopify/Location/101';
const PUBLIC_URL = 'http://127.0.0.1:3997';

/**
 * Shopify under a real `kill -9` (bridge-kill-scenarios.ts): the first import is one bulk operation whose JSONL file
 * is read 250 products a page (each page asks for the shop's currency, the `shop` query), counter sales go as
 * `inventoryAdjustQuantities` with `@idempotent(key:)`, so the one in flight when the server died is replayed by
 * Shopify, not applied again.
 */
describeBridgeKill<ShopifyFake, ShopifyFakeRequestLog>({
  title: 'Shopify',
  async setup() {
    resetThrottle();
    const fake = await startShopifyFake({
      shops: [{ domain: SHOP, currency: 'GBP', locations: [{ id: 101, name: 'Market Street' }] }],
      redirectUrl: `${PUBLIC_URL}${SHOPIFY_CALLBACK_PATH}`,
    });
    // every 5th product is untracked: the counted ones are the first variants of the others
    const seeded = fake.seedCatalog(SHOP, ITEMS);
    const stocked = seeded.filter((_p, i) => (i + 1) % 5 !== 0).slice(0, 8).map((p) => p.inventoryItemIds[0] ?? '');
    for (const item of stocked) fake.setAvailable(item, START_COUNT, MARKET);
    return {
      stocked,
      adapter: {
        fake,
        provider: 'shopify',
        env: { SHOPIFY_CLIENT_ID: fake.clientId, SHOPIFY_CLIENT_SECRET: fake.clientSecret, SHOPIFY_API_BASE: fake.baseUrl, PUBLIC_URL },
        locationId: MARKET,
        shopDomain: SHOP,
        close: () => fake.close(),
      },
    };
  },
  pages: { size: 250, isRead: (l) => l.rootFields.includes('shop') },
  stock: {
    isWrite: (l) => l.rootFields.includes('inventoryAdjustQuantities'),
    keyOf: (l) => l.idempotencyKeys[0] ?? null,
    count: (fake, item) => fake.stateOf.available(item, MARKET),
    echoes: (fake) => fake.takeWebhooks().map((w) => ({ headers: w.headers, body: w.body })),
    echoesSettle: true,
    sales: 30,
  },
  orders: {
    isCreate: (l) => l.rootFields.includes('orderCreate'),
    ordersWith: (fake, key) => fake.stateOf.orders(SHOP).filter((o) => o.sourceIdentifier === key).length,
  },
});
