import type { CartLine } from './cart';

/** A cart line for tests: a £3.50 sourdough from “Bakery” unless told otherwise. */
export function line(over: Partial<CartLine> = {}): CartLine {
  return {
    variantId: 'v-bread',
    productId: 'p-bread',
    vendorId: 'bakery',
    vendorSlug: 'bakery',
    vendorName: 'Bakery',
    productName: 'Sourdough',
    variantName: 'Default',
    unitPriceCents: 350,
    currency: 'GBP',
    soldBy: 'each',
    imageThumb: null,
    quantity: 1,
    ...over,
  };
}
