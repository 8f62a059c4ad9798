import { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { DeliveryZone, OpeningHours } from './vendors';
import { geoPointSchema } from './search';
import { checkoutItemSchema } from './orders';
import { uuidSchema } from './common';
import { promoCodeEntrySchema, type CartQuotePromo } from './promos';

/**
 * A storefront cart checked against the server before checkout (`cart.quote`): current prices, tax rates, stock
 * and each shop's state, with every problem the checkout would refuse — but nothing is reserved or written.
 */
export const cartQuoteFulfilmentSchema = z.object({
  vendorId: uuidSchema,
  type: z.enum(['pickup', 'delivery']),
  pickupAt: z.iso.datetime({ offset: true, error: 'Use an ISO date-time like 2025-05-01T12:30:00Z' }).optional(),
  /** where a delivery goes; without it the delivery zone and fee are unknown yet */
  address: geoPointSchema.optional(),
});
export type CartQuoteFulfilment = z.infer<typeof cartQuoteFulfilmentSchema>;

export const cartQuoteInput = z.object({
  items: z.array(checkoutItemSchema).max(200, 'At most 200 items per cart'),
  fulfilment: z.array(cartQuoteFulfilmentSchema).max(20).default([]),
  promoCode: promoCodeEntrySchema.optional(),
});
export type CartQuoteInput = z.infer<typeof cartQuoteInput>;
export type CartQuoteInputRaw = z.input<typeof cartQuoteInput>;

export interface CartQuoteLine {
  variantId: string;
  productId: string;
  vendorId: string;
  productName: string;
  variantName: string;
  unitPriceCents: number;
  soldBy: 'each' | 'weight';
  /** the vendor's rates for this variant's tax class, for `computeTotals` */
  taxRatesBps: number[];
  imageThumb: string | null;
  /** how many can still be ordered, only when fewer than asked for (null = enough) */
  shortOf: { available: number } | null;
}

export interface CartQuoteVendor {
  id: string;
  slug: string;
  name: string;
  currency: string;
  taxMode: 'inclusive' | 'exclusive';
  addressLine1: string;
  city: string;
  postcode: string;
  lat: number;
  lng: number;
  timezone: string;
  openingHours: OpeningHours;
  paused: boolean;
  pausedReason: string | null;
  isOpenNow: boolean;
  nextOpeningAt: string | null;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
  deliveryZones: DeliveryZone[];
  minOrderCents: number;
  /** the zone covering the delivery address, when delivery with an address was asked for and one covers it */
  delivery: { zoneName: string; feeCents: number; minOrderCents: number; distanceMeters: number } | null;
}

/** One reason the checkout would refuse part of the cart: a whole shop, or one line (`variantId`). */
export interface CartQuoteProblem {
  vendorId: string;
  variantId?: string;
  code: ErrorCode;
  message: string;
}

export interface CartQuote {
  vendors: CartQuoteVendor[];
  lines: CartQuoteLine[];
  /** items that can no longer be bought online (removed, hidden, or the shop left) */
  missingVariantIds: string[];
  problems: CartQuoteProblem[];
  /** ISO time the quote was made; opening hours and stock are as of then */
  quotedAt: string;
  /** the promo code asked about: applied (with each shop's share) or why not */
  promo?: CartQuotePromo | null;
}
