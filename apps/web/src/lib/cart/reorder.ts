import type { ReorderLine } from '@makeries/shared';
import { addToCart, type CartState } from './cart';

/** "Order this again": the lines the server priced today go into the browser cart like taps on "add". */
export function addReorderLines(cart: CartState, lines: readonly ReorderLine[]): CartState {
  return lines.reduce(
    (c, l) =>
      addToCart(c, {
        variantId: l.variantId,
        productId: l.productId,
        vendorId: l.vendorId,
        vendorSlug: l.vendorSlug,
        vendorName: l.vendorName,
        productName: l.productName,
        variantName: l.variantName,
        unitPriceCents: l.unitPriceCents,
        currency: l.currency,
        soldBy: l.soldBy,
        imageThumb: l.imageThumb,
        quantity: l.quantity,
      }),
    cart,
  );
}
