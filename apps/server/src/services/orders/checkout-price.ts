import { AppError, computeTotals, GRAMS_PER_KG, type CartAdjustment, type CartInput, type DeliveryZone } from '@makeries/shared';
import type { Tx } from '../../db/client';
import { ratesForClasses } from '../catalog';
import type { VendorCart } from './checkout-load';
import { checkAvailability, checkMinimum, deliveryZoneFor, type CheckoutProblem } from './checkout-rules';

type Totals = ReturnType<typeof computeTotals>;

export interface PricedCart extends VendorCart {
  zone: DeliveryZone | null;
  totals: Totals;
  /** what `totals` was computed from, so a promo or loyalty adjustment can re-total the same order */
  totalsInput: CartInput;
}

/**
 * Checks every vendor and prices every order before anything is written. All problems are reported at
 * once (the first one names the error) so the cart can mark each affected shop in one go.
 */
export async function priceCarts(tx: Tx, carts: VendorCart[], now: Date, adjustmentsFor: AdjustmentsFor = () => []): Promise<PricedCart[]> {
  const currencies = [...new Set(carts.map((c) => c.vendor.currency))];
  if (currencies.length > 1) {
    throw new AppError('CURRENCY_MISMATCH', `Your cart mixes shops that charge in ${currencies.join(' and ')}. Check out each currency separately.`, {
      details: { currencies },
    });
  }
  const priced: PricedCart[] = [];
  const problems: CheckoutProblem[] = [];
  for (const cart of carts) {
    const result = await priceCart(tx, cart, now, adjustmentsFor(cart.vendor.id));
    if ('code' in result) problems.push(result);
    else priced.push(result);
  }
  if (problems.length > 0) throw problemsError(problems);
  return priced;
}

/** discounts from outside the cart (a promo code, then a loyalty reward) for one shop's order */
export type AdjustmentsFor = (vendorId: string) => CartAdjustment[];

async function priceCart(tx: Tx, cart: VendorCart, now: Date, adjustments: CartAdjustment[]): Promise<PricedCart | CheckoutProblem> {
  const { vendor, fulfilment } = cart;
  const unavailable = checkAvailability(vendor, fulfilment, now);
  if (unavailable) return unavailable;
  let zone: DeliveryZone | null = null;
  if (fulfilment.type === 'delivery' && fulfilment.address) {
    const found = deliveryZoneFor(vendor, fulfilment.address);
    if ('code' in found) return found;
    zone = found.zone;
  }
  const rates = await ratesForClasses(tx, vendor.id);
  const totalsInput: CartInput = {
    currency: vendor.currency,
    taxMode: vendor.taxMode,
    lines: cart.lines.map((l) => ({
      key: l.variant.variantId,
      unitPriceCents: l.variant.priceCents,
      quantity: l.quantity,
      quantityScale: l.variant.soldBy === 'weight' ? GRAMS_PER_KG : 1,
      taxRatesBps: rates.get(l.variant.taxClass) ?? [],
    })),
    adjustments,
    deliveryFeeCents: zone?.feeCents ?? 0,
  };
  const totals = computeTotals(totalsInput);
  const belowMinimum = checkMinimum(vendor, zone, totals.totalCents - totals.deliveryFeeCents);
  if (belowMinimum) return belowMinimum;
  return { ...cart, zone, totals, totalsInput };
}

function problemsError(problems: CheckoutProblem[]): AppError {
  const [first, ...rest] = problems;
  if (!first) return new AppError('INTERNAL', 'Checkout failed without a reason.');
  const more = rest.length > 0 ? ` (${rest.length} more ${rest.length === 1 ? 'shop needs' : 'shops need'} attention.)` : '';
  return new AppError(first.code, `${first.message}${more}`, {
    details: { vendorId: first.vendorId, ...first.details, problems },
  });
}
