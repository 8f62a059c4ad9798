import { BulkStore } from './bulk';
import { restProduct } from './catalog-rest';
import { CatalogStore, quantityOf, type CreatedProduct, type FakeProductInput, type FakeProductPatch } from './catalog';
import { CostBucket, type BucketSettings } from './cost';
import { ShopifyFakeFaults } from './faults';
import { GraphqlEndpoint, run } from './graphql';
import { InventoryStore } from './inventory';
import { FakeShopifyOAuth, type ShopifyTokenResponse } from './oauth';
import { OrderStore } from './orders';
import { ShopifyHttpServer, type ShopifyFakeRequestLog } from './server';
import { fakeError, formatDecimal, gid, newShop, parseGid, type FakeClock, type FakeShopInput, type FakeState, type ShopState } from './state';
import { ShopifyWebhookOutbox, signShopifyWebhook, type FakeShopifyWebhook, type WebhookDelivery } from './webhooks';

export type { CreatedProduct } from './catalog';
export type { QueryCost } from './cost';
export type { ShopifyTokenResponse } from './oauth';
export type { ShopifyFakeRequestLog } from './server';

export type { FakeShopifyWebhook } from './webhooks';

export { signShopifyWebhook } from './webhooks';

export interface ShopifyFakeOptions {
  shops?: FakeShopInput[];
  clientId?: string;
  clientSecret?: string;
  /** the app's whitelisted OAuth redirect URL */
  redirectUrl?: string;
  clock?: FakeClock;
  /** the per shop cost bucket (default 2000 points, 100 points/s) */
  bucket?: BucketSettings;
}

interface SeedOptions {
  /** available at every location for tracked variants (default 5) */
  available?: number;
  /** every n-th product is untracked (default 5; 0 = none) */
  untrackedEvery?: number;
  /** title and SKU prefix (default "Item") */
  prefix?: string;
}

interface FakeOrderView {
  id: string;
  name: string;
  sourceIdentifier: string | null;
  sourceName: string;
  displayFulfillmentStatus: 'FULFILLED' | 'PARTIALLY_FULFILLED' | 'UNFULFILLED';
  cancelledAt: string | null;
  closedAt: string | null;
  lines: { variantId: string | null; quantity: number; fulfilled: number; price: string }[];
}

type PrivacyTopic = 'customers/data_request' | 'customers/redact' | 'shop/redact';

interface ShopifyFakeFaultSwitches {
  rateLimit(opts: { times: number; retryAfterSeconds?: number }): void;
  throttle(opts: { times: number }): void;
  failAfterCommit(opts: { times: number; field?: string }): void;
  expireTokensAfter(requests: number): void;
  /** the next `times` bulk operations end FAILED with `errorCode` (default INTERNAL_SERVER_ERROR), no file */
  failBulk(opts: { times: number; errorCode?: 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT' }): void;
  clear(): void;
}

interface ShopifyFakeReaders {
  /** a quantity ("available" by default) of an inventory item at a location (default: the shop's first) */
  available(inventoryItemGid: string, locationGid?: string): number;
  quantity(inventoryItemGid: string, name: 'available' | 'on_hand' | 'committed', locationGid?: string): number;
  orders(shop: string): FakeOrderView[];
  order(orderGid: string): FakeOrderView;
  /** the REST product resource (as in products/update), or null once deleted */
  product(productGid: string): Record<string, unknown> | null;
}

export interface ShopifyFake {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUrl: string;
  readonly clock: FakeClock;
  close(): Promise<void>;

  addShop(shop: FakeShopInput): void;
  /** a token pair without the browser dance; `expiring` (default true) gives a 1 h token + refresh token */
  issueToken(shop: string, opts?: { expiring?: boolean; scope?: string }): ShopifyTokenResponse;
  /** the seller uninstalls the app: tokens die (401), `app/uninstalled` is sent */
  uninstall(shop: string): void;

  createProduct(shop: string, input: FakeProductInput): CreatedProduct;
  /** n products with 1-3 variants each (SKUs, some barcodes, decimal prices, every 5th untracked) */
  seedCatalog(shop: string, n: number, opts?: SeedOptions): CreatedProduct[];
  updateProduct(productGid: string, patch: FakeProductPatch): void;
  deleteProduct(productGid: string): void;
  /** the seller sets the available count in Shopify admin */
  setAvailable(inventoryItemGid: string, quantity: number, locationGid?: string): void;
  /** a Shopify POS sale (paid, fulfilled, stock leaves the location); returns the order GID */
  sellAtPos(variantGid: string, quantity: number, locationGid?: string): string;
  /** the seller fulfils every remaining line in Shopify admin */
  fulfilOrder(orderGid: string): void;
  cancelOrder(orderGid: string, opts?: { restock?: boolean; reason?: string }): void;
  /** completes every open bulk operation of the shop without polling */
  finishBulkOperations(shop: string): void;
  /** empties the shop's cost bucket (the next query is THROTTLED until it refills on the clock) */
  drainBucket(shop: string): void;
  /** a mandatory privacy webhook, as Shopify sends it on a customer's or shop owner's request */
  privacyRequest(shop: string, topic: PrivacyTopic, customer?: { id: number; email: string; phone?: string | null }): FakeShopifyWebhook;
  readonly stateOf: ShopifyFakeReaders;

  readonly requests: ShopifyFakeRequestLog[];
  /** GraphQL requests whose operation selected `rootField` */
  calls(rootField: string): ShopifyFakeRequestLog[];
  readonly faults: ShopifyFakeFaultSwitches;

  readonly outbox: FakeShopifyWebhook[];
  takeWebhooks(): FakeShopifyWebhook[];
  /** a duplicate delivery: new X-Shopify-Webhook-Id, same event id and body */
  redeliver(event: FakeShopifyWebhook): FakeShopifyWebhook;
  /** POST every webhook to `url` as it happens (null stops) */
  deliverTo(url: string | null): void;
  flushDeliveries(): Promise<void>;
  readonly deliveries: WebhookDelivery[];
  sign(body: string): string;
}

/** `customFetchApi` for `createAdminApiClient`: `https://{shop}/admin/...` → `{baseUrl}/shops/{shop}/admin/...`. */
export function shopifyFakeFetch(baseUrl: string): (url: string, init?: RequestInit) => Promise<Response> {
  return (url, init) => fetch(url.replace(/^https:\/\/([^/]+)/, `${baseUrl}/shops/$1`), init);
}

/** Starts the in-process Shopify Admin API fake on 127.0.0.1 (random port). */
export async function startShopifyFake(opts: ShopifyFakeOptions = {}): Promise<ShopifyFake> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const state: FakeState = {
    clientId: opts.clientId ?? 'makeries-fake-client-id',
    clientSecret: opts.clientSecret ?? 'makeries-fake-client-secret',
    redirectUrl: opts.redirectUrl ?? 'http://127.0.0.1/oauth/pos/shopify/callback',
    clock,
    shops: new Map(),
    baseUrl: '',
    bucket: opts.bucket ?? { maximumAvailable: 2000, restoreRate: 100 },
  };
  const webhooks = new ShopifyWebhookOutbox(() => state.clientSecret, clock);
  const faults = new ShopifyFakeFaults();
  const oauth = new FakeShopifyOAuth(state, webhooks);
  const catalog = new CatalogStore(clock, webhooks);
  const inventory = new InventoryStore(clock, catalog, webhooks);
  const orders = new OrderStore(clock, catalog, inventory, webhooks);
  const bucket = new CostBucket(state.bucket, clock);
  let bulk: BulkStore | null = null;
  const bulkStore = (): BulkStore => {
    if (!bulk) throw fakeError('bulk store used before start');
    return bulk;
  };
  const endpoint = new GraphqlEndpoint({ catalog, inventory, orders, bulk: bulkStore, uninstall: (shop) => oauth.uninstall(shop) }, bucket, faults, clock);
  bulk = new BulkStore(clock, webhooks, () => state.baseUrl, (shop, document) =>
    run(endpoint.root, document, {}, { shop, now: clock.now(), bulk: true, objects: 0 }), faults);
  const http = new ShopifyHttpServer(state, oauth, endpoint, bulkStore, faults);
  state.baseUrl = await http.listen();

  const shopNamed = (domain: string): ShopState => {
    const shop = state.shops.get(domain);
    if (!shop) throw fakeError(`no shop ${domain}`);
    return shop;
  };
  const shopHolding = (type: 'Product' | 'ProductVariant' | 'InventoryItem', g: string): ShopState => {
    const id = parseGid(type, g);
    for (const shop of state.shops.values()) {
      const map = type === 'Product' ? shop.products : type === 'ProductVariant' ? shop.variants : shop.items;
      if (id !== null && map.has(id)) return shop;
    }
    throw fakeError(`no ${type} ${g}`);
  };
  const orderRecord = (g: string) => {
    const o = orders.orders.get(parseGid('Order', g) ?? -1);
    if (!o) throw fakeError(`no order ${g}`);
    return { order: o, shop: shopNamed(o.shop) };
  };
  const orderView = (g: string): FakeOrderView => {
    const { order, shop } = orderRecord(g);
    const r = orders.render(shop, order);
    return {
      id: gid('Order', order.id), name: order.name, sourceIdentifier: order.sourceIdentifier, sourceName: order.sourceName,
      displayFulfillmentStatus: r.displayFulfillmentStatus as FakeOrderView['displayFulfillmentStatus'],
      cancelledAt: r.cancelledAt as string | null, closedAt: r.closedAt as string | null,
      lines: order.lines.map((l) => ({ variantId: l.variantId === null ? null : gid('ProductVariant', l.variantId), quantity: l.quantity, fulfilled: l.fulfilled, price: formatDecimal(l.priceMinor) })),
    };
  };
  const quantity = (itemGid: string, name: string, locationGid?: string): number => {
    const shop = shopHolding('InventoryItem', itemGid);
    const item = inventory.item(shop, itemGid);
    const loc = locationGid === undefined ? (shop.locations[0]?.id ?? -1) : (parseGid('Location', locationGid) ?? -1);
    const level = item.levels.get(loc);
    if (!level) throw fakeError(`${itemGid} is not stocked at ${String(locationGid)}`);
    return quantityOf(level, name);
  };
  const addShop = (input: FakeShopInput): void => {
    if (state.shops.has(input.domain)) throw fakeError(`shop ${input.domain} exists`);
    state.shops.set(input.domain, newShop(input, clock.now(), state.bucket.maximumAvailable));
  };
  opts.shops?.forEach(addShop);

  return {
    baseUrl: state.baseUrl,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    redirectUrl: state.redirectUrl,
    clock,
    close: () => http.close(),
    addShop,
    issueToken: (shop, o) => oauth.issue(shopNamed(shop), o?.scope ?? 'read_products,read_inventory,write_inventory,read_locations,read_orders,write_orders', o?.expiring ?? true),
    uninstall: (shop) => oauth.uninstall(shopNamed(shop)),
    createProduct: (shop, input) => catalog.createProduct(shopNamed(shop), input),
    seedCatalog: (shop, n, o = {}) => {
      const s = shopNamed(shop);
      const prefix = o.prefix ?? 'Item';
      const every = o.untrackedEvery ?? 5;
      return Array.from({ length: n }, (_, i) =>
        catalog.createProduct(s, {
          title: `${prefix} ${String(i + 1)}`,
          variants: Array.from({ length: 1 + (i % 3) }, (_v, j) => ({
            ...(i % 3 === 0 ? {} : { title: ['Small', 'Medium', 'Large'][j] ?? 'Default', options: [{ name: 'Size', value: ['Small', 'Medium', 'Large'][j] ?? 'Default' }] }),
            sku: `${prefix.toUpperCase()}-${String(i + 1)}-${String(j + 1)}`,
            barcode: i % 2 === 0 ? `0${String(100000000000 + i * 10 + j)}` : null,
            price: formatDecimal(1000 + i * 100 + j * 250 + (i % 4) * 5),
            tracked: every === 0 || (i + 1) % every !== 0,
            available: o.available ?? 5,
          })),
        }),
      );
    },
    updateProduct: (g, patch) => catalog.updateProduct(shopHolding('Product', g), g, patch),
    deleteProduct: (g) => catalog.deleteProduct(shopHolding('Product', g), g),
    setAvailable: (g, q, loc) => inventory.setAvailable(shopHolding('InventoryItem', g), g, q, loc),
    sellAtPos: (g, q, loc) => orders.sellAtPos(shopHolding('ProductVariant', g), g, q, loc),
    fulfilOrder: (g) => {
      const { order, shop } = orderRecord(g);
      const r = orders.fulfil(shop, { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: gid('FulfillmentOrder', order.fulfillmentOrderId) }] });
      if (r.fulfillment === null) throw fakeError(`cannot fulfil ${g}: ${JSON.stringify(r.userErrors)}`);
    },
    cancelOrder: (g, o) => {
      const { shop } = orderRecord(g);
      const r = orders.cancel(shop, g, o?.reason ?? 'OTHER', o?.restock ?? true);
      if (r.job === null) throw fakeError(`cannot cancel ${g}: ${JSON.stringify(r.userErrors)}`);
    },
    finishBulkOperations: (shop) => bulkStore().finishAll(shopNamed(shop)),
    drainBucket: (shop) => bucket.drain(shopNamed(shop)),
    privacyRequest: (shop, topic, customer = { id: 1, email: 'customer@example.com' }) => {
      const s = shopNamed(shop);
      const base = { shop_id: s.id, shop_domain: s.domain };
      const who = { id: customer.id, email: customer.email, phone: customer.phone ?? null };
      const body =
        topic === 'shop/redact' ? base
          : topic === 'customers/redact' ? { ...base, customer: who, orders_to_redact: [] }
            : { ...base, orders_requested: [], customer: who, data_request: { id: Math.floor(clock.now() / 1000) } };
      return webhooks.emit(s.domain, topic, body);
    },
    stateOf: {
      available: (g, loc) => quantity(g, 'available', loc),
      quantity: (g, name, loc) => quantity(g, name, loc),
      orders: (shop) => [...orders.orders.values()].filter((o) => o.shop === shopNamed(shop).domain).map((o) => orderView(gid('Order', o.id))),
      order: orderView,
      product: (g) => {
        const id = parseGid('Product', g);
        for (const s of state.shops.values()) {
          const p = id === null ? undefined : s.products.get(id);
          if (p) return restProduct(s, p);
        }
        return null;
      },
    },
    requests: http.requests,
    calls: (field) => http.requests.filter((r) => r.rootFields.includes(field)),
    faults,
    outbox: webhooks.outbox,
    takeWebhooks: () => webhooks.take(),
    redeliver: (e) => webhooks.redeliver(e),
    deliverTo: (url) => webhooks.deliverTo(url),
    flushDeliveries: () => webhooks.flush(),
    deliveries: webhooks.deliveries,
    sign: (body) => signShopifyWebhook(state.clientSecret, body),
  };
}
