import { z } from 'zod';
import { pageInputSchema, uuidSchema } from './common';
import { text } from './text';

/** Bringing customers back (issue 18): order this again, "tell me when it's back", the favourites digest. */

const trackingToken = text({ min: 10, max: 200, trim: false, label: 'Tracking links' });

/** A past order (and, for its signed-in customer, the other shops' orders of the same checkout) as a new cart. */
export const reorderInput = z.object({ orderId: uuidSchema, trackingToken: trackingToken.optional() });
export type ReorderInput = z.infer<typeof reorderInput>;

/**
 * A line of the storefront's browser cart (apps/web lib/cart): a snapshot of what the customer saw, so the cart
 * renders at once; `cart.quote` then checks it against current prices, stock and shop rules.
 */
export interface CartSnapshotLine {
  variantId: string;
  productId: string;
  vendorId: string;
  vendorSlug: string;
  vendorName: string;
  productName: string;
  variantName: string;
  /** per item, or per kg for weight items */
  unitPriceCents: number;
  currency: string;
  soldBy: 'each' | 'weight';
  imageThumb: string | null;
  /** items, or grams for weight items */
  quantity: number;
}

/** A line to put in the browser cart, at today's price; `quantity` is the ordered amount, or what is left of it. */
export interface ReorderLine extends CartSnapshotLine {
  orderedQuantity: number;
  /** the price paid last time, when today's differs */
  previousUnitPriceCents: number | null;
  /** what the customer should notice ("Now £3.20, was £2.90.", "Only 2 left."); null when nothing changed */
  note: string | null;
}

export const REORDER_SKIP_REASONS = ['sold_out', 'gone', 'shop_unavailable'] as const;
export type ReorderSkipReason = (typeof REORDER_SKIP_REASONS)[number];

export interface ReorderSkipped {
  name: string;
  vendorName: string;
  /** set when the variant still exists: the storefront offers "tell me when it's back" for sold-out items */
  variantId: string | null;
  productId: string | null;
  reason: ReorderSkipReason;
  message: string;
}

export interface ReorderResult {
  /** the orders the cart was built from (one per shop of the checkout) */
  orders: { id: string; number: string; vendorName: string }[];
  added: ReorderLine[];
  skipped: ReorderSkipped[];
}

export const stockAlertInput = z.object({ variantId: uuidSchema });
export type StockAlertInput = z.infer<typeof stockAlertInput>;

export const stockAlertsForProductInput = z.object({ productId: uuidSchema });

export const stockAlertListInput = pageInputSchema.extend({ limit: z.number().int().min(1).max(100).default(20) });
export type StockAlertListInput = z.infer<typeof stockAlertListInput>;

export interface StockAlertView {
  variantId: string;
  productId: string;
  productName: string;
  variantName: string;
  vendorName: string;
  vendorSlug: string;
  createdAt: string;
  /** null while waiting; the time the customer was told it is back */
  notifiedAt: string | null;
}

export interface StockAlertPage {
  items: StockAlertView[];
  nextCursor: string | null;
}

export const digestSetInput = z.object({ weekly: z.boolean({ error: 'Choose on or off' }) });
export type DigestSetInput = z.infer<typeof digestSetInput>;

/** The signed unsubscribe link of a digest email: works without signing in. */
export const digestUnsubscribeInput = z.object({ token: text({ min: 20, max: 300, trim: false, label: 'Unsubscribe links' }) });
