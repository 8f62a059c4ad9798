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
}

export interface ExtTax {
  extId: string;
  name: string;
  rateBps: number;
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

export interface PosConnector {
  provider: PosProvider;
  configured: boolean;
  authorizeUrl(state: string): string;
  completeAuth(code: string): Promise<{ credentials: PosCredentials; connectionKey: string; scopes: string[] }>;
  refresh(credentials: PosCredentials): Promise<PosCredentials>;
  revoke(conn: ConnContext): Promise<void>;
  locations(conn: ConnContext): Promise<{ extId: string; name: string; currency: string; active: boolean }[]>;
  /** one page of the whole catalog (live objects only); `cursor` null = first page */
  catalogPage(conn: ConnContext, cursor: string | null): Promise<CatalogPage>;
  /** what changed after `since` (exclusive), tombstones included; `latest` is the next `since` */
  catalogSince(conn: ConnContext, since: string, cursor: string | null): Promise<CatalogPage & { latest: string | null }>;
  /** items of one product by id (a product whose variant changed) */
  products(conn: ConnContext, extIds: string[]): Promise<ExtProduct[]>;
  stock(conn: ConnContext, variantExtIds: string[]): Promise<StockObservation[]>;
  pushStockDelta(conn: ConnContext, d: { idempotencyKey: string; variantExtId: string; delta: number; occurredAt: string; reference: string }): Promise<StockObservation | null>;
  pushOrder(conn: ConnContext, o: OutboundOrder, idempotencyKey: string): Promise<{ extOrderId: string; version: string | null }>;
  /** the order's fulfilment state in the POS, mapped to ours (null: nothing to act on yet) */
  orderStatus(conn: ConnContext, extOrderId: string): Promise<{ status: ExtOrderStatus | null; version: string | null }>;
  setOrderStatus(conn: ConnContext, extOrderId: string, status: 'collected' | 'cancelled'): Promise<void>;
  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): boolean;
  parseWebhook(rawBody: string): { envelope: InboundEnvelope; event: InboundEvent };
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
