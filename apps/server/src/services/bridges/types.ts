import type { PosProvider } from '@makeries/shared';
import type { PosCredentials } from './crypto';

/**
 * The bridge engine's view of a point of sale (POS-BRIDGES.md §6). A connector turns one provider's API into
 * these shapes at the boundary (money as integer minor units, versions as text, times as ISO strings); the engine
 * (import, catalog, stock, pushes, webhooks) never sees a provider's own types.
 */

export interface ExtVariant {
  extId: string;
  version: string;
  /** option values joined, or the POS's variation name */
  name: string;
  sku: string | null;
  barcode: string | null;
  /** null: priced at the till (Square VARIABLE_PRICING), so not sellable online */
  priceCents: number | null;
  currency: string | null;
  /** the POS counts stock for it */
  tracked: boolean;
  archived: boolean;
}

export interface ExtProduct {
  extId: string;
  version: string;
  updatedAt: string;
  name: string;
  description: string;
  categoryExtId: string | null;
  taxExtIds: string[];
  imageExtIds: string[];
  archived: boolean;
  variants: ExtVariant[];
  /** where the owner edits it in the POS */
  editUrl: string | null;
  /** it needs a choice only the till can take (Toast: a required modifier group): kept off sale here */
  inStoreOnly?: boolean;
}

export interface ExtTax {
  extId: string;
  name: string;
  /**
   * null: the POS keeps no rate on products (Shopify sets rates by region in the shop's settings): items naming it
   * are taxed here at the shop's own standard rates, which the owner keeps setting in Makeries
   */
  rateBps: number | null;
  inclusive: boolean;
  enabled: boolean;
}

export interface ExtCategory {
  extId: string;
  name: string;
}

export interface ExtImage {
  extId: string;
  url: string;
}

/** A tombstone: the object is gone from the POS (we archive, never delete). */
export interface ExtDeleted {
  extId: string;
  type: 'product' | 'variant' | 'tax' | 'category' | 'image' | 'other';
  version: string;
  updatedAt: string;
}

export interface CatalogPage {
  products: ExtProduct[];
  taxes: ExtTax[];
  categories: ExtCategory[];
  images: ExtImage[];
  deleted: ExtDeleted[];
  /** the next page's cursor; null on the last page */
  next: string | null;
}

export interface StockObservation {
  variantExtId: string;
  locationExtId: string;
  /** null: the POS does not track it */
  quantity: number | null;
  /** the POS's own clock (Square `calculated_at`): the guard that drops stale and replayed counts */
  observedAt: string;
}

export interface OutboundOrderLine {
  variantExtId: string;
  quantity: number;
  unitPriceCents: number;
  name: string;
}

export interface OutboundOrder {
  orderId: string;
  number: string;
  currency: string;
  lines: OutboundOrderLine[];
  totalCents: number;
  customerName: string;
  customerPhone: string;
  customerEmail: string;
  note: string;
  /** the card payment's reference (Stripe PaymentIntent id), or null when the customer pays at pickup */
  paymentRef: string | null;
}

export type ExtOrderStatus = 'accepted' | 'ready' | 'collected' | 'cancelled';

/** A connection as the connector needs it: opened credentials, the chosen location. */
export interface ConnContext {
  id: string;
  connectionKey: string;
  locationExtId: string | null;
  currency: string;
  credentials: PosCredentials;
}

export interface InboundEnvelope {
  dedupeKey: string;
  connectionKey: string | null;
  topic: string;
}

export type InboundEvent =
  | { kind: 'catalog.dirty'; occurredAt: string }
  | { kind: 'stock'; obs: StockObservation[] }
  | { kind: 'order.changed'; extOrderId: string; version: string | null }
  | { kind: 'connection.revoked' }
  | { kind: 'ignored'; reason: string };

/** Set by our webhook route on every delivery it accepts (when it arrived), and kept with it for the drain job. */
export const RECEIVED_AT_HEADER = 'x-makeries-received-at';

/** Headers of a webhook delivery, lower-case names (as Fastify gives them). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** What one verified delivery means: the envelope to store it by, and the event the drain job acts on. */
export interface ParsedWebhook {
  envelope: InboundEnvelope;
  event: InboundEvent;
}

/** What a connection may write, taken from the scopes the POS granted (a read-only connection still imports and follows stock). */
interface PosCapabilities {
  stockWrite: boolean;
  orderWrite: boolean;
}

export interface AuthResult {
  credentials: PosCredentials;
  connectionKey: string;
  scopes: string[];
}

/** An account that added Makeries on the POS's side (Toast: a restaurant that connected us in Toast's integration marketplace). */
interface PartnerAccount {
  connectionKey: string;
  name: string;
  /** who added it (Toast `createdByEmailAddress`); the shop owner claims only accounts added with their own address */
  addedBy: string | null;
}

export interface PosConnector {
  provider: PosProvider;
  configured: boolean;
  /**
   * How an owner connects: `oauth` (Square: redirect to the POS, back with a code), `oauth_shop` (Shopify: the same,
   * for a shop domain the owner types), `partner` (Toast: the restaurant adds Makeries in the POS; the owner claims it).
   */
  connectKind: 'oauth' | 'oauth_shop' | 'partner';
  /** when the POS takes the stock of an order we created in it: at creation (Shopify, Toast) or when completed (Square) */
  orderTakesStock: 'on_create' | 'on_complete';
  /** refresh tokens when less than this is left (Square: a day; Shopify: 10 minutes of its 1-hour tokens) */
  refreshMarginMs: number;
  /** refresh at least this often even when the token lasts longer (Square asks for ≤ 7 days) */
  refreshEveryMs: number;
  /** header names (lower case) kept with a stored delivery, for parseWebhook in the drain job */
  webhookHeaders: readonly string[];
  /** oauth: the POS's authorize page; `shopDomain` for oauth_shop (already checked to be `*.myshopify.com`) */
  authorizeUrl(state: string, shopDomain: string | null): string;
  /** oauth: the callback's whole query (Shopify signs it: `hmac`), after our `state` was checked */
  completeAuth(query: Record<string, string>): Promise<AuthResult>;
  /** partner: the accounts that added Makeries on the POS's side */
  partnerAccounts(): Promise<PartnerAccount[]>;
  /** partner: credentials for one claimed account (the app's own token; nothing per shop to store) */
  claim(connectionKey: string): Promise<AuthResult>;
  capabilities(scopes: readonly string[]): PosCapabilities;
  refresh(credentials: PosCredentials): Promise<PosCredentials>;
  revoke(conn: ConnContext): Promise<void>;
  locations(conn: ConnContext): Promise<{ extId: string; name: string; currency: string; active: boolean }[]>;
  /** one page of the whole catalog (live objects only); `cursor` null = first page */
  catalogPage(conn: ConnContext, cursor: string | null): Promise<CatalogPage>;
  /**
   * what changed after `since` (exclusive), tombstones included; `latest` is the next `since`. `complete`: the run's
   * pages are the whole live catalog (Toast has no tombstones), so mapped products missing from them are archived.
   */
  catalogSince(conn: ConnContext, since: string, cursor: string | null): Promise<CatalogPage & { latest: string | null; complete?: boolean }>;
  /** items of one product by id (a product whose variant changed) */
  products(conn: ConnContext, extIds: string[]): Promise<ExtProduct[]>;
  stock(conn: ConnContext, variantExtIds: string[]): Promise<StockObservation[]>;
  /**
   * `memo`: a note kept with the push in our database, committed before the connector's write goes out — for a POS
   * without idempotent writes (Toast sets absolute counts) to recognise, on a retry after a crash, a write that
   * already landed
   */
  pushStockDelta(conn: ConnContext, d: { idempotencyKey: string; variantExtId: string; delta: number; occurredAt: string; reference: string; memo?: PushMemo }): Promise<StockObservation | null>;
  pushOrder(conn: ConnContext, o: OutboundOrder, idempotencyKey: string): Promise<{ extOrderId: string; version: string | null }>;
  /** the order's fulfilment state in the POS, mapped to ours (null: nothing to act on yet) */
  orderStatus(conn: ConnContext, extOrderId: string): Promise<{ status: ExtOrderStatus | null; version: string | null }>;
  setOrderStatus(conn: ConnContext, extOrderId: string, status: 'collected' | 'cancelled'): Promise<void>;
  /** on the exact bytes, constant time; false for anything unsigned or signed with another key */
  verifyWebhook(rawBody: string, headers: WebhookHeaders): boolean;
  /** throws WebhookShapeError for a body that is not the POS's webhook shape */
  parseWebhook(rawBody: string, headers: WebhookHeaders): ParsedWebhook;
}

/** A note kept on one push row (see pushStockDelta). */
export interface PushMemo {
  read(): Promise<string | null>;
  write(note: string): Promise<void>;
}

/** How a call to the POS failed, so the engine knows whether to refresh, retry, pause or give up. */
export type PosFailureKind = 'expired' | 'revoked' | 'auth' | 'rate_limited' | 'transient' | 'conflict' | 'rejected';

export class PosError extends Error {
  constructor(
    readonly kind: PosFailureKind,
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'PosError';
  }
}

/** A webhook body that is not the shape the POS sends (answered 400, nothing stored). */
export class WebhookShapeError extends Error {}
