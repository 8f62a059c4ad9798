import { z } from 'zod';
import { ORDER_STATUSES, type OrderStatus } from '../order-status';
import { addressSchema, contactSchema, latSchema, lngSchema, pageInputSchema, uuidSchema } from './common';
import { text } from './text';
import { loyaltyUsesSchema } from './loyalty';
import { promoCodeEntrySchema } from './promos';

export const orderStatusSchema = z.enum(ORDER_STATUSES);

/** Web checkout items: `quantity` is a count for `each` items and grams for items sold by weight. */
export const checkoutItemSchema = z.object({
  variantId: uuidSchema,
  quantity: z.number().int('Quantities are whole numbers').min(1, 'Quantity must be at least 1').max(100_000),
});

/** A delivery needs map coordinates: the delivery zone is a radius around the shop. */
export const deliveryAddressSchema = addressSchema.extend({
  lat: latSchema,
  lng: lngSchema,
});

const isoDateTime = z.iso.datetime({ offset: true, error: 'Use an ISO date-time like 2025-05-01T12:30:00Z' });

export const checkoutFulfilmentSchema = z
  .object({
    vendorId: uuidSchema,
    type: z.enum(['pickup', 'delivery']),
    /** requested pickup (or delivery) time; absent = as soon as possible */
    pickupAt: isoDateTime.optional(),
    address: deliveryAddressSchema.optional(),
  })
  .refine((f) => f.type !== 'delivery' || f.address !== undefined, {
    error: 'Enter a delivery address',
    path: ['address'],
  });

export const checkoutInput = z
  .object({
    /** minted by the client once per submit, so a retry or double click creates nothing twice */
    idempotencyKey: uuidSchema,
    contact: contactSchema,
    items: z.array(checkoutItemSchema).min(1, 'Your cart is empty').max(200, 'At most 200 items per checkout'),
    fulfilment: z.array(checkoutFulfilmentSchema).min(1, 'Choose pickup or delivery').max(20),
    note: text({ max: 500, maxMessage: 'Notes are at most 500 characters', multiline: true, label: 'Notes' }).optional(),
    /** card: the orders wait unpaid until the checkout's Stripe payment succeeds (see payments.cardIntent) */
    paymentMethod: z.enum(['pay_at_pickup', 'card'], { error: 'Choose pay at pickup or card' }),
    /** stamps or points to redeem per shop (a signed-in customer; issue 18) */
    loyalty: loyaltyUsesSchema.optional(),
    /** checked again inside the checkout transaction; a code that no longer applies refuses the checkout */
    promoCode: promoCodeEntrySchema.optional(),
    /** "Text me about this order": the contact phone must then be a mobile number (issue 18, SMS) */
    smsOptIn: z.boolean().optional(),
  })
  .refine((c) => new Set(c.fulfilment.map((f) => f.vendorId)).size === c.fulfilment.length, {
    error: 'Choose pickup or delivery once per shop',
    path: ['fulfilment'],
  });
export type CheckoutInput = z.infer<typeof checkoutInput>;
export type CheckoutFulfilment = z.infer<typeof checkoutFulfilmentSchema>;

/** Guests reach their order with the token from the checkout result (no account needed). */
export const orderByIdInput = z.object({
  orderId: uuidSchema,
  trackingToken: text({ min: 10, max: 200, trim: false, label: 'Tracking links' }).optional(),
});

export const listVendorOrdersInput = pageInputSchema.extend({
  status: z.array(orderStatusSchema).min(1).max(ORDER_STATUSES.length).optional(),
  channel: z.enum(['web', 'counter']).optional(),
});

export const listMyOrdersInput = pageInputSchema;

export const transitionOrderInput = z
  .object({
    orderId: uuidSchema,
    to: orderStatusSchema,
    /** a counter's queued transition applies only if the order is still in this status (DESIGN §3) */
    from: orderStatusSchema.optional(),
    reason: text({ max: 500, maxMessage: 'Reasons are at most 500 characters', multiline: true, label: 'Reasons' }).optional(),
    prepMinutes: z.number().int().min(1, 'Prep time is at least 1 minute').max(24 * 60).optional(),
    /** guests cancel with the tracking token from their confirmation */
    trackingToken: text({ min: 10, max: 200, trim: false, label: 'Tracking links' }).optional(),
  })
  .refine((t) => t.to !== 'rejected' || (t.reason !== undefined && t.reason.length > 0), {
    error: 'Tell the customer why the order is rejected',
    path: ['reason'],
  })
  .refine((t) => t.prepMinutes === undefined || t.to === 'accepted' || t.to === 'preparing', {
    error: 'Prep time can only be set when accepting or preparing an order',
    path: ['prepMinutes'],
  });
export type TransitionOrderInput = z.infer<typeof transitionOrderInput>;

export interface CheckoutOrderResult {
  id: string;
  number: string;
  vendorId: string;
  vendorName: string;
  totalCents: number;
  currency: string;
  status: OrderStatus;
  /** lets a guest open and track this order without an account */
  trackingToken: string;
}

export interface CheckoutResult {
  checkoutId: string;
  orders: CheckoutOrderResult[];
  totalCents: number;
  currency: string;
}

export interface OrderLineView {
  id: string;
  lineNo: number;
  productId: string | null;
  variantId: string | null;
  name: string;
  variantName: string;
  sku: string;
  quantity: number;
  soldBy: 'each' | 'weight';
  unitPriceCents: number;
  taxRateBps: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
}

export interface OrderEventView {
  fromStatus: string | null;
  toStatus: string;
  actorKind: 'customer' | 'staff' | 'device' | 'system';
  reason: string | null;
  /** ISO date-time */
  at: string;
}

export interface OrderView {
  id: string;
  number: string;
  vendorId: string;
  vendorName: string;
  channel: 'web' | 'counter';
  status: OrderStatus;
  fulfilment: 'pickup' | 'delivery' | 'counter';
  /** ISO date-time or null (as soon as possible) */
  pickupAt: string | null;
  deliveryAddress: z.infer<typeof addressSchema> | null;
  contact: z.infer<typeof contactSchema> | null;
  currency: string;
  taxMode: 'inclusive' | 'exclusive';
  subtotalCents: number;
  discountCents: number;
  /** the promo code used and what it took off (part of discountCents), issue 18 */
  promoCode?: string | null;
  promoCents?: number;
  taxCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  paymentStatus: string;
  note: string;
  prepMinutes: number | null;
  statusReason: string | null;
  placedAt: string;
  updatedAt: string;
  lines: OrderLineView[];
  /** what the caller may move the order to next (empty for viewers who cannot act) */
  nextStatuses: OrderStatus[];
}

export interface OrderDetailView extends OrderView {
  events: OrderEventView[];
}

export interface OrderPage {
  items: OrderView[];
  nextCursor: string | null;
}
