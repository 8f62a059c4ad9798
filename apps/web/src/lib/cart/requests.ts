import type { CartQuoteInputRaw, CheckoutInput, Contact, GeoPoint } from '@makeries/shared';
import { market } from '../market';
import type { CartState } from './cart';
import { groupByVendor, type CartView } from './view';

export interface DeliveryAddress extends GeoPoint {
  line1: string;
  line2?: string;
  city: string;
  postcode: string;
}

/** What `cart.quote` is asked: every line, and each shop's pickup/delivery choice with where it goes. */
export function quoteInput(cart: CartState, deliverTo: GeoPoint | null): CartQuoteInputRaw {
  return {
    items: cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
    fulfilment: [...groupByVendor(cart.lines).keys()].flatMap((vendorId) => {
      const choice = cart.choices[vendorId];
      if (!choice) return [];
      return [
        {
          vendorId,
          type: choice.type,
          ...(choice.pickupAt ? { pickupAt: choice.pickupAt } : {}),
          ...(choice.type === 'delivery' && deliverTo ? { address: { lat: deliverTo.lat, lng: deliverTo.lng } } : {}),
        },
      ];
    }),
    ...(cart.promoCode ? { promoCode: cart.promoCode } : {}),
  };
}

/**
 * The checkout request for what the customer sees: lines still on sale, each shop's choice (as shown, defaults
 * included), the delivery address for delivering shops. The idempotency key comes from the caller: one per
 * submitted content, so a double click or a retry of the same order sends the same key.
 */
export function checkoutInput(
  view: CartView,
  contact: Contact,
  address: DeliveryAddress | null,
  note: string,
  idempotencyKey: string,
): CheckoutInput {
  return {
    idempotencyKey,
    contact,
    items: view.groups.flatMap((g) => g.lines.filter((l) => !l.missing).map((l) => ({ variantId: l.variantId, quantity: l.quantity }))),
    fulfilment: view.groups.map((g) => ({
      vendorId: g.vendorId,
      type: g.choice.type,
      ...(g.choice.pickupAt ? { pickupAt: g.choice.pickupAt } : {}),
      ...(g.choice.type === 'delivery' && address
        ? { address: { line1: address.line1, ...(address.line2 ? { line2: address.line2 } : {}), city: address.city, postcode: address.postcode, country: market().country, lat: address.lat, lng: address.lng } }
        : {}),
    })),
    ...(note.trim() ? { note: note.trim() } : {}),
    ...(view.promo?.applied ? { promoCode: view.promo.code } : {}),
    paymentMethod: 'pay_at_pickup',
  };
}

/** Same content → same fingerprint → same idempotency key. */
export function submissionFingerprint(input: Omit<CheckoutInput, 'idempotencyKey'>): string {
  return JSON.stringify(input);
}
