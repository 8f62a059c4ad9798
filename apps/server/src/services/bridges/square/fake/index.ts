import { catalogRoutes } from './catalog';
import { CatalogStore, type FakeItemInput, type SeedOptions, type SeededCatalog } from './catalog-store';
import { FakeFaults } from './faults';
import { SquareApiError, ok, requireMerchant, type Route } from './http';
import { inventoryRoutes } from './inventory';
import { InventoryStore } from './inventory-store';
import { FakeOAuth, type IssuedToken } from './oauth';
import { orderRoutes } from './orders';
import { orderSearchRoute } from './orders-search';
import { OrderStore } from './orders-store';
import { FakeHttpServer, type FakeRequestLog } from './server';
import { iso, newMerchant, parseQuantity, type FakeClock, type FakeLocation, type FakeState } from './state';
import { WebhookOutbox, signSquareWebhook, SIGNATURE_HEADER, type FakeWebhookEvent, type WebhookDelivery } from './webhooks';
import type { CatalogObjectWire, FulfillmentStateWire, OrderWire } from './wire';

export type { FakeRequestLog } from './server';

export type { FakeWebhookEvent } from './webhooks';
export type * from './wire';
export { signSquareWebhook, SIGNATURE_HEADER };

export interface SquareFakeOptions {
  /** the app's client id (= application id); default `sq0idp-makeries-fake` */
  applicationId?: string;
  clientSecret?: string;
  /** the app's registered OAuth redirect URL */
  redirectUrl?: string;
  signatureKey?: string;
  /** the webhook subscription's notification URL (part of the signed bytes) */
  notificationUrl?: string;
  clock?: FakeClock;
  /** page size of list/search/count calls without a limit (default 100) */
  pageSize?: number;
  merchants?: { merchantId: string; locations: FakeLocation[] }[];
}

interface SquareFakeFaults {
  rateLimit(opts: { times: number; retryAfterSeconds?: number; path?: string }): void;
  failAfterCommit(opts: { times: number; path?: string }): void;
  catalogLocked(opts: { times: number; retryAfterSeconds?: number; path?: string }): void;
  expireTokensAfter(requests: number): void;
  clear(): void;
}

export interface SquareFake {
  readonly baseUrl: string;
  readonly applicationId: string;
  readonly clientSecret: string;
  readonly redirectUrl: string;
  readonly signatureKey: string;
  readonly notificationUrl: string;
  readonly clock: FakeClock;
  /** page size for list/search/count pages without a limit; may be changed between calls */
  pageSize: number;
  close(): Promise<void>;

  addMerchant(merchant: { merchantId: string; locations: FakeLocation[] }): void;
  /** the seller "signed in" to Square whom /oauth2/authorize approves (default: the first merchant) */
  authorizeAs(merchantId: string): void;
  issueToken(merchantId: string, opts?: { expiresInMs?: number; scopes?: string[] }): IssuedToken;
  expireToken(accessToken: string): void;
  /** the seller revokes the app in Square: every token dies, `oauth.authorization.revoked` is sent */
  revokeFromSquare(merchantId: string): void;

  upsertItem(merchantId: string, item: FakeItemInput): { itemId: string; variationIds: string[] };
  /** one catalog write (one new version for all); `#temp` ids are replaced; returns temp id → real id */
  upsertObjects(merchantId: string, objects: CatalogObjectWire[]): Map<string, string>;
  /** tombstones the object (an ITEM takes its variations); returns the deleted ids */
  deleteObject(merchantId: string, objectId: string): string[];
  seedItems(merchantId: string, n: number, opts?: SeedOptions): SeededCatalog;
  /** the object as Square would return it (ITEMs embed their variations), or null */
  catalogObject(merchantId: string, objectId: string): CatalogObjectWire | null;

  setCount(merchantId: string, variationId: string, locationId: string, quantity: number | string): void;
  /** a sale rung up on Square POS: a COMPLETED cash order + IN_STOCK→SOLD (SQUARE_POS); returns the order id */
  sellAtPos(merchantId: string, variationId: string, locationId: string, quantity: number | string): string;
  count(merchantId: string, variationId: string, locationId: string): number;

  order(orderId: string): OrderWire;
  setFulfillmentState(orderId: string, state: Extract<FulfillmentStateWire, 'RESERVED' | 'PREPARED' | 'COMPLETED' | 'CANCELED'>, opts?: { emitFulfillmentEvent?: boolean }): OrderWire;

  readonly requests: FakeRequestLog[];
  calls(pathPrefix: string): FakeRequestLog[];
  readonly faults: SquareFakeFaults;

  readonly outbox: FakeWebhookEvent[];
  takeEvents(): FakeWebhookEvent[];
  /** POST every event to `url` as it happens (null stops) */
  deliverTo(url: string | null): void;
  redeliver(event: FakeWebhookEvent): void;
  /** waits for every delivery POST started so far */
  flushDeliveries(): Promise<void>;
  readonly deliveries: WebhookDelivery[];
  sign(body: string): string;
}

function quantityText(q: number | string): string {
  const text = typeof q === 'number' ? String(q) : q;
  if (parseQuantity(text) === null) throw new Error(`square fake: bad quantity ${text}`);
  return text;
}

/** Starts the in-process Square fake on 127.0.0.1 (random port). Drive it with `new SquareClient({ baseUrl })`. */
export async function startSquareFake(opts: SquareFakeOptions = {}): Promise<SquareFake> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const state: FakeState = {
    applicationId: opts.applicationId ?? 'sq0idp-makeries-fake',
    clientSecret: opts.clientSecret ?? 'sq0csp-makeries-fake-secret',
    redirectUrl: opts.redirectUrl ?? 'http://127.0.0.1/square/callback',
    clock,
    merchants: new Map(),
    tokens: new Map(),
    codes: new Map(),
    orders: new Map(),
    payments: new Map(),
    signedInMerchant: null,
    pageSize: opts.pageSize ?? 100,
    baseUrl: '',
  };
  const signatureKey = opts.signatureKey ?? 'makeries-fake-signature-key';
  const notificationUrl = opts.notificationUrl ?? 'https://makeries.test/hooks/pos/square';
  const webhooks = new WebhookOutbox(signatureKey, notificationUrl, clock);
  const faults = new FakeFaults();
  const oauth = new FakeOAuth(state, webhooks);
  const catalog = new CatalogStore(state, webhooks);
  const inventory = new InventoryStore(state, webhooks);
  const orders = new OrderStore(state, inventory, webhooks);
  const locationsRoute: Route = {
    method: 'GET',
    path: '/v2/locations',
    scope: 'MERCHANT_PROFILE_READ',
    handler: (ctx) => {
      const m = requireMerchant(ctx);
      return ok({
        locations: m.locations.map((l) => ({
          id: l.id,
          name: l.name,
          merchant_id: m.id,
          currency: l.currency,
          status: 'ACTIVE',
          type: 'PHYSICAL',
          timezone: 'UTC',
          created_at: iso(m.createdAt),
          capabilities: [],
        })),
      });
    },
  };
  const http = new FakeHttpServer(state, faults, [
    ...oauth.routes(),
    locationsRoute,
    ...catalogRoutes(state, catalog),
    ...inventoryRoutes(state, inventory),
    ...orderRoutes(state, orders),
    orderSearchRoute(state),
  ]);
  state.baseUrl = await http.listen();

  const merchant = (id: string) => oauth.merchant(id);
  const addMerchant = (m: { merchantId: string; locations: FakeLocation[] }): void => {
    if (state.merchants.has(m.merchantId)) throw new Error(`square fake: merchant ${m.merchantId} exists`);
    state.merchants.set(m.merchantId, newMerchant(m.merchantId, m.locations, clock.now()));
  };
  opts.merchants?.forEach(addMerchant);
  const physical = (merchantId: string, variationId: string, locationId: string, fn: () => void): void => {
    const m = merchant(merchantId);
    try {
      inventory.checkTarget(m, variationId, [locationId], 'control');
    } catch (err) {
      throw new Error(`square fake: ${err instanceof SquareApiError ? err.message : String(err)}`);
    }
    fn();
  };

  return {
    baseUrl: state.baseUrl,
    applicationId: state.applicationId,
    clientSecret: state.clientSecret,
    redirectUrl: state.redirectUrl,
    signatureKey,
    notificationUrl,
    clock,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(n: number) {
      state.pageSize = n;
    },
    close: () => http.close(),
    addMerchant,
    authorizeAs: (id) => {
      merchant(id);
      state.signedInMerchant = id;
    },
    issueToken: (id, o) => oauth.issueToken(id, o),
    expireToken: (t) => oauth.expireToken(t),
    revokeFromSquare: (id) => oauth.revokeAll(id, 'MERCHANT'),
    upsertItem: (id, item) => catalog.upsertItem(merchant(id), item),
    upsertObjects: (id, objects) => catalog.upsertObjects(merchant(id), objects),
    deleteObject: (id, objectId) => catalog.deleteObject(merchant(id), objectId),
    seedItems: (id, n, o) => catalog.seedItems(merchant(id), n, o),
    catalogObject: (id, objectId) => {
      const m = merchant(id);
      const s = m.catalog.get(objectId);
      return s ? catalog.render(m, s) : null;
    },
    setCount: (id, variationId, locationId, quantity) => {
      physical(id, variationId, locationId, () => {
        const now = iso(clock.now());
        inventory.apply(merchant(id), [{ type: 'PHYSICAL_COUNT', objectId: variationId, location: locationId, state: 'IN_STOCK', units: parseQuantity(quantityText(quantity)) ?? 0, occurredAt: now }], { product: 'DASHBOARD' }, false);
      });
    },
    sellAtPos: (id, variationId, locationId, quantity) => {
      let orderId = '';
      physical(id, variationId, locationId, () => {
        orderId = orders.posSale(merchant(id), variationId, locationId, quantityText(quantity));
      });
      return orderId;
    },
    count: (id, variationId, locationId) => inventory.count(merchant(id), variationId, locationId),
    order: (orderId) => structuredClone(orders.get(orderId).order),
    setFulfillmentState: (orderId, next, o) => orders.setFulfillmentState(orderId, next, o),
    requests: http.requests,
    calls: (prefix) => http.requests.filter((r) => r.path.startsWith(prefix)),
    faults,
    outbox: webhooks.outbox,
    takeEvents: () => webhooks.takeEvents(),
    deliverTo: (url) => webhooks.deliverTo(url),
    redeliver: (e) => webhooks.redeliver(e),
    flushDeliveries: () => webhooks.flush(),
    deliveries: webhooks.deliveries,
    sign: (body) => webhooks.sign(body),
  };
}
