import { MAX_EACH } from './cart/cart';

/**
 * What the quantity field does with what the customer typed, for items sold each: a whole number from 1 to what
 * can be ordered now. Anything else is corrected to the nearest quantity that can be ordered, and `note` says so
 * in words (the field never rewrites a number silently).
 */
export interface QuantityLimit {
  /** items left to order (stock on hand − reserved), when the shop tracks stock and it is fewer than MAX_EACH */
  left: number | null;
  /** already in this customer's cart */
  inCart: number;
}

export interface QuantityRead {
  /** what "Add to cart" adds; 0 when nothing more can be added */
  quantity: number;
  /** why `quantity` differs from what was typed (or why nothing can be added); null when it is what was typed */
  note: string | null;
}

/** How many more can go into the cart now: the per-line limit and the stock left, less what is in the cart. */
export function mostAddable({ left, inCart }: QuantityLimit): number {
  const cap = left === null ? MAX_EACH : Math.min(MAX_EACH, left);
  return Math.max(0, cap - inCart);
}

function leftNote({ left, inCart }: QuantityLimit, most: number): string {
  if (left !== null && left <= MAX_EACH) {
    if (most === 0) return inCart > 0 ? `Only ${left} left, and all ${left} are already in your cart.` : 'Sold out for now.';
    return inCart > 0 ? `Only ${left} left and ${inCart} already in your cart, so ${most} more can be added.` : `Only ${left} left, so the quantity is now ${most}.`;
  }
  if (most === 0) return `Up to ${MAX_EACH} per order, and ${inCart} are already in your cart.`;
  return inCart > 0 ? `Up to ${MAX_EACH} per order and ${inCart} already in your cart, so ${most} more can be added.` : `Up to ${MAX_EACH} per order, so the quantity is now ${most}.`;
}

export function readQuantity(typed: number | string, limit: QuantityLimit): QuantityRead {
  const most = mostAddable(limit);
  const n = typeof typed === 'number' ? typed : typed.trim() === '' ? NaN : Number(typed.replace(',', '.'));
  if (most === 0) return { quantity: 0, note: leftNote(limit, 0) };
  if (!Number.isFinite(n)) return { quantity: 1, note: 'Enter how many you would like, at least 1.' };
  if (n < 1) return { quantity: 1, note: 'You can order at least 1, so the quantity is now 1.' };
  const whole = Math.floor(n);
  if (whole > most) return { quantity: most, note: leftNote(limit, most) };
  if (whole !== n) return { quantity: whole, note: `Items come whole, so the quantity is now ${whole}.` };
  return { quantity: whole, note: null };
}
