import { createAdminApiClient } from '@shopify/admin-api-client';
import type { PosProvider } from '@makeries/shared';
import { SquareClient } from 'square';
import type { Db } from '../../src/db/client';
import type { Env } from '../../src/env';
import { claimPartnerAccount, completeConnect, startConnect } from '../../src/services/bridges/connect';
import { resetThrottle } from '../../src/services/bridges/shopify/throttle';
import { shopifyFakeFetch, startShopifyFake, type ShopifyFake } from '../../src/services/bridges/shopify/fake/index';
import { startSquareFake, type SquareFake } from '../../src/services/bridges/square/fake/index';
import { startToastFake, type ToastFake } from '../../src/services/bridges/toast/fake/index';

/** A delivery as a fake's outbox gives it, ready to POST to /hooks/pos/<provider>. */
export interface BenchDelivery {
  headers: Record<string, string>;
  body: string;
}

/**
 * One POS fake as the bridge benchmark drives it: where the connector must point, a catalog of n items with stock,
 * how an owner connects, how a seller changes one item's count (which makes the POS send a webhook), and the fake's
 * own speed serving its catalog to a plain client (the raw baseline).
 */
export interface PosBenchDriver {
  provider: PosProvider;
  name: string;
  env: Record<string, string>;
  locationId: string;
  /** how finely the POS stamps its counts (Shopify: whole seconds); two changes of one item closer than this are ambiguous */
  stampMs: number;
  /** n items with stock; returns the ext ids of every tracked variant and of one single-variant product's variant */
  seed(n: number): { variantExtIds: string[]; single: { productExtId: string; variantExtId: string } };
  connect(db: Db, env: Env, vendorId: string, ownerEmail: string): Promise<void>;
  /** the seller sets an item's count (0 = sold out) */
  setCount(variantExtId: string, quantity: number): void;
  takeDeliveries(): BenchDelivery[];
  rawBaseline(): Promise<{ what: string; objects: number; seconds: number }>;
  close(): Promise<void>;
}

interface ProductsPage {
  products: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
type ProductsAnswer = Awaited<ReturnType<ReturnType<typeof createAdminApiClient>['request']>> & { data?: ProductsPage };

async function oauthConnect(db: Db, env: Env, vendorId: string, provider: PosProvider, shopDomain: string | null): Promise<void> {
  const { url } = await startConnect(db, env, vendorId, provider, new Date(), shopDomain);
  const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
  await completeConnect(db, env, provider, Object.fromEntries(back.searchParams));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}

export async function squareDriver(): Promise<PosBenchDriver> {
  const MERCHANT = 'MLBENCH0001';
  const LOCATION = 'L-BENCH';
  const fake: SquareFake = await startSquareFake({ merchants: [{ merchantId: MERCHANT, locations: [{ id: LOCATION, name: 'Bench Street', currency: 'GBP' }] }], notificationUrl: 'https://bench.makeries.test/hooks/pos/square' });
  return {
    provider: 'square',
    name: 'Square',
    env: { SQUARE_APPLICATION_ID: fake.applicationId, SQUARE_APPLICATION_SECRET: fake.clientSecret, SQUARE_API_BASE: fake.baseUrl, SQUARE_WEBHOOK_SIGNATURE_KEY: fake.signatureKey, SQUARE_WEBHOOK_URL: fake.notificationUrl },
    locationId: LOCATION,
    stampMs: 1,
    seed(n) {
      const seeded = fake.seedItems(MERCHANT, n, { currency: 'GBP', taxes: 2, categories: 8 });
      for (const v of seeded.variationIds) fake.setCount(MERCHANT, v, LOCATION, 50);
      fake.takeEvents();
      // items have 1 + (i % 3) variations: item 0 has one, its variation comes first
      return { variantExtIds: seeded.variationIds, single: { productExtId: seeded.itemIds[0] ?? '', variantExtId: seeded.variationIds[0] ?? '' } };
    },
    connect: (db, env, vendorId) => oauthConnect(db, env, vendorId, 'square', null),
    setCount: (v, q) => fake.setCount(MERCHANT, v, LOCATION, q),
    takeDeliveries: () => fake.takeEvents(),
    async rawBaseline() {
      const client = new SquareClient({ token: fake.issueToken(MERCHANT).accessToken, baseUrl: fake.baseUrl, maxRetries: 1 });
      const { value, seconds } = await timed(async () => {
        let objects = 0;
        for await (const _ of await client.catalog.list({ types: 'ITEM,CATEGORY,TAX,IMAGE' })) objects++;
        return objects;
      });
      return { what: 'the SDK listing the whole catalog', objects: value, seconds };
    },
    close: () => fake.close(),
  };
}

export async function shopifyDriver(): Promise<PosBenchDriver> {
  const SHOP = 'bench-pottery.myshopify.com';
  const PUBLIC = 'http://127.0.0.1:3999';
  resetThrottle();
  const fake: ShopifyFake = await startShopifyFake({
    shops: [{ domain: SHOP, currency: 'GBP', taxesIncluded: false, locations: [{ id: 101, name: 'Bench Street' }] }],
    redirectUrl: `${PUBLIC}/oauth/pos/shopify/callback`,
  });
  return {
    provider: 'shopify',
    name: 'Shopify',
    env: { SHOPIFY_CLIENT_ID: fake.clientId, SHOPIFY_CLIENT_SECRET: fake.clientSecret, SHOPIFY_API_BASE: fake.baseUrl, PUBLIC_URL: PUBLIC },
    locationId: 'gid://shopify/Location/101',
    stampMs: 1_000,
    seed(n) {
      const products = fake.seedCatalog(SHOP, n, { available: 50, untrackedEvery: 0 });
      fake.takeWebhooks();
      const first = products[0];
      return { variantExtIds: products.flatMap((p) => p.inventoryItemIds), single: { productExtId: first?.productId ?? '', variantExtId: first?.inventoryItemIds[0] ?? '' } };
    },
    connect: (db, env, vendorId) => oauthConnect(db, env, vendorId, 'shopify', SHOP),
    setCount: (v, q) => fake.setAvailable(v, q),
    takeDeliveries: () => fake.takeWebhooks().map((w) => ({ headers: w.headers, body: w.body })),
    async rawBaseline() {
      const client = createAdminApiClient({ storeDomain: SHOP, apiVersion: '2026-10', accessToken: fake.issueToken(SHOP).access_token, customFetchApi: shopifyFakeFetch(fake.baseUrl) });
      const query = 'query($after: String) { products(first: 100, after: $after) { nodes { id title variants(first: 3) { nodes { id sku price } } } pageInfo { hasNextPage endCursor } } }';
      const { value, seconds } = await timed(async () => {
        let objects = 0;
        let after: string | null = null;
        for (;;) {
          const r: ProductsAnswer = await client.request<ProductsPage>(query, { variables: { after } });
          if (r.errors?.graphQLErrors?.some((e: { extensions?: Record<string, unknown> }) => e.extensions?.code === 'THROTTLED')) {
            await new Promise((res) => setTimeout(res, 50));
            continue;
          }
          const page: ProductsPage['products'] | undefined = r.data?.products;
          if (!page) throw new Error(`Shopify fake baseline: ${JSON.stringify(r.errors)}`);
          objects += page.nodes.length;
          if (!page.pageInfo.hasNextPage) return objects;
          after = page.pageInfo.endCursor;
        }
      });
      return { what: 'a plain client paging products 100 at a time (waiting out the cost bucket)', objects: value, seconds };
    },
    close: () => fake.close(),
  };
}

export async function toastDriver(): Promise<PosBenchDriver> {
  const RESTAURANT = 'r-bench-bakery';
  const fake: ToastFake = await startToastFake();
  fake.addRestaurant(RESTAURANT, { name: 'Bench Bakery', locationName: 'Bench Street', currencyCode: 'GBP' });
  return {
    provider: 'toast',
    name: 'Toast',
    env: { TOAST_CLIENT_ID: fake.clientId, TOAST_CLIENT_SECRET: fake.clientSecret, TOAST_API_BASE: fake.baseUrl, TOAST_WEBHOOK_SECRET: fake.webhookSecret, TOAST_OTHER_PAYMENT_GUID: 'other-pay-bench' },
    locationId: RESTAURANT,
    stampMs: 1,
    seed(n) {
      const ids = fake.seedMenu(RESTAURANT, n);
      for (const id of ids) fake.setStock(RESTAURANT, id, 'QUANTITY', 50);
      fake.takeWebhooks();
      return { variantExtIds: ids, single: { productExtId: `item:${ids[0] ?? ''}`, variantExtId: ids[0] ?? '' } };
    },
    async connect(db, env, vendorId, ownerEmail) {
      fake.restaurant(RESTAURANT).createdBy = ownerEmail;
      await claimPartnerAccount(db, env, vendorId, 'toast', RESTAURANT);
    },
    setCount: (v, q) => fake.setStock(RESTAURANT, v, q > 0 ? 'QUANTITY' : 'OUT_OF_STOCK', q > 0 ? q : null),
    takeDeliveries: () => fake.takeWebhooks().map((w) => ({ headers: w.headers, body: w.body })),
    async rawBaseline() {
      const { value, seconds } = await timed(async () => {
        const login = (await (await fetch(`${fake.baseUrl}/authentication/v1/authentication/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: fake.clientId, clientSecret: fake.clientSecret, userAccessType: 'TOAST_MACHINE_CLIENT' }) })).json()) as { token: { accessToken: string } };
        const res = await fetch(`${fake.baseUrl}/menus/v2/menus`, { headers: { authorization: `Bearer ${login.token.accessToken}`, 'toast-restaurant-external-id': RESTAURANT } });
        const text = await res.text();
        return (text.match(/"multiLocationId"/g) ?? []).length;
      });
      return { what: 'a plain fetch of the whole published menu', objects: value, seconds };
    },
    close: () => fake.close(),
  };
}
